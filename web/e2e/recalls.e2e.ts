import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedDate, zonedInstant } from '../../src/common/time-zone';
import {
  choose,
  expectAccessible,
  expectFitsTablet,
  launchBrowser,
  screenshot,
  signIn,
} from './browser';
import { ROOM, seedWorkflow, setUpClinic, startE2eServer, STAFF, type E2eServer } from './clinic';

// Recall records (docs/inventory.md "Recall records"): a nurse opens a recall of a lot from the
// item page, marks one of its two recipients contacted, and closes it; a coordinator reads it.

const ZONE = 'America/New_York';
const BATCH = 'BATCH-2026-001';

let server: E2eServer;
let browser: Browser;
let implantId: string;
const patients: { id: string; name: string }[] = [];

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  const items = await server.api<{ data: { id: string; code: string }[] }>(
    'GET',
    '/inventory/items?limit=100',
  );
  implantId = items.data.find((i) => i.code === 'breast-implant-300cc-round')?.id ?? '';
  const rooms = await server.api<{ data: { id: string; name: string }[] }>(
    'GET',
    '/operating-rooms',
  );
  const users = await server.api<{ data: { id: string; email: string }[] }>('GET', '/users');
  const surgeonId = users.data.find((u) => u.email === STAFF.surgeon.email)?.id ?? '';
  // Two patients each receive one implant of the lot, in surgeries completed today.
  for (const [i, lastName] of ['Okafor', 'Brennan'].entries()) {
    const day = zonedDate(new Date(Date.now() + (3 + i) * 864e5), ZONE);
    const run = await seedWorkflow(server, {
      patient: {
        create: { firstName: 'Grace', lastName, dateOfBirth: '1985-06-01', sexAtBirth: 'FEMALE' },
      },
      implants: { inventoryItemId: implantId, quantity: 1 },
      signerName: `Grace ${lastName}`,
      booking: () => ({
        operatingRoomId: rooms.data.find((r) => r.name === ROOM)?.id ?? '',
        surgeonId,
        scheduledStart: zonedInstant(day, '09:00', ZONE).toISOString(),
        scheduledEnd: zonedInstant(day, '10:00', ZONE).toISOString(),
      }),
      until: 'COMPLETED',
    });
    patients.push({ id: run.patientId, name: `${lastName}, Grace` });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A screen at 1440 and 1024 px (screenshots), checked with axe and for the tablet's width. */
async function mainScreen(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

interface RecallRecord {
  id: string;
  status: string;
  closeNote: string | null;
  recipients: { patientId: string; contact: { method: string; note: string | null } | null }[];
}

describe('recall records', () => {
  let recallId = '';

  it('a nurse opens a recall of a lot from its item page and lands on its patients', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
    await page.goto(`${server.baseUrl}/inventory/items/${implantId}`);
    await page.getByRole('button', { name: `Open recall of batch ${BATCH}` }).click();
    const dialog = page.getByRole('dialog', { name: `Open a recall of batch ${BATCH}` });
    await dialog.getByRole('button', { name: 'Open recall' }).click();
    await dialog.getByText('Say why the lot is recalled').waitFor();
    await dialog.getByLabel('Reason').fill('Manufacturer notice FSN-114: shell rupture risk');
    await dialog.getByRole('button', { name: 'Open recall' }).click();
    await page.getByRole('heading', { name: `Recall of batch ${BATCH}`, exact: true }).waitFor();
    recallId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const table = page.getByRole('table', { name: 'Patients to contact' });
    for (const p of patients) await table.getByRole('link', { name: p.name }).waitFor();
    await page.getByText('0 of 2 patients').waitFor();
    await mainScreen(page, 'recalls-10-opened');

    await page.getByRole('button', { name: `Mark contacted: ${patients[0]?.name}` }).click();
    const contact = page.getByRole('dialog', { name: `Mark ${patients[0]?.name} contacted` });
    await choose(page, 'Method', 'Phone');
    await contact.getByLabel('Note').fill('Explained the notice; check-up booked');
    await mainScreen(page, 'recalls-11-mark-contacted');
    await contact.getByRole('button', { name: 'Mark contacted' }).click();
    await contact.waitFor({ state: 'detached' });
    await page.getByText('1 of 2 patients').waitFor();
    const row = table.getByRole('row', { name: new RegExp(patients[0]?.name ?? '') });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Phone,');
    expect(await row.textContent()).toContain('Explained the notice; check-up booked');
    // The other patient is still to contact.
    await page.getByRole('button', { name: `Mark contacted: ${patients[1]?.name}` }).waitFor();
    await mainScreen(page, 'recalls-12-one-contacted');

    const record = await server.api<RecallRecord>('GET', `/inventory/recall-records/${recallId}`);
    expect(record.status).toBe('OPEN');
    expect(record.recipients.find((r) => r.patientId === patients[0]?.id)?.contact).toMatchObject({
      method: 'PHONE',
      note: 'Explained the notice; check-up booked',
    });
    expect(record.recipients.find((r) => r.patientId === patients[1]?.id)?.contact).toBeNull();
    await page.context().close();
  });

  it('a coordinator reads the open recalls but cannot open or close one', async () => {
    const page = await signIn(
      browser,
      server.baseUrl,
      STAFF.coordinator.email,
      STAFF.coordinator.password,
    );
    await page.goto(`${server.baseUrl}/inventory`);
    await page
      .getByRole('navigation', { name: 'Inventory sections' })
      .getByRole('link', { name: 'Recall records' })
      .click();
    const list = page.getByRole('table', { name: 'Recall records' });
    await list.getByRole('link', { name: BATCH }).waitFor();
    // Away from the tab just clicked: its hover colours are not what is checked.
    await page.mouse.move(0, 0);
    expect(await list.getByRole('row').nth(1).textContent()).toContain('1 of 2');
    await mainScreen(page, 'recalls-20-list-coordinator');
    await list.getByRole('link', { name: BATCH }).click();
    await page.getByRole('heading', { name: `Recall of batch ${BATCH}`, exact: true }).waitFor();
    await page.getByRole('button', { name: `Mark contacted: ${patients[1]?.name}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Close recall' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/inventory/items/${implantId}`);
    await page.getByRole('heading', { name: 'Silicone breast implant 300cc round' }).waitFor();
    expect(await page.getByRole('button', { name: /^Open recall/ }).count()).toBe(0);
    await page.context().close();
  });

  it('a nurse closes the recall with a note; it takes no more contacts', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
    await page.goto(`${server.baseUrl}/inventory/recall-records/${recallId}`);
    await page.getByRole('heading', { name: `Recall of batch ${BATCH}`, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Close recall' }).click();
    const dialog = page.getByRole('dialog', { name: `Close the recall of batch ${BATCH}` });
    await dialog.getByText('1 patient has not been marked contacted').waitFor();
    await dialog.getByLabel('Note').fill('Second patient written to by the manufacturer');
    await dialog.getByRole('button', { name: 'Close recall' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Second patient written to by the manufacturer').waitFor();
    await page.getByText('Not contacted').waitFor();
    expect(await page.getByRole('button', { name: /^Mark contacted/ }).count()).toBe(0);
    await mainScreen(page, 'recalls-30-closed');
    const record = await server.api<RecallRecord>('GET', `/inventory/recall-records/${recallId}`);
    expect(record).toMatchObject({
      status: 'CLOSED',
      closeNote: 'Second patient written to by the manufacturer',
    });
    await page.context().close();
  });
});
