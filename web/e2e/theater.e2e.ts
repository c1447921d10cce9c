import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectFitsTablet, launchBrowser, screenshot, signIn } from './browser';
import { zonedDate, zonedInstant } from '../../src/common/time-zone';
import { ROOM, seedWorkflow, setUpClinic, startE2eServer, STAFF, type E2eServer } from './clinic';

let server: E2eServer;
let browser: Browser;
let coordinator: Page;
let nurse: Page;

/** The clinic's time zone: the day, the hours typed and the rooms' hours are all in it. */
let zone = 'UTC';
/** The day of the cases: a week ahead, at the clinic. */
let DAY = '';
const at = (hhmm: string) => zonedInstant(DAY, hhmm, zone).toISOString();
const LOCAL_INPUT = (hhmm: string) => `${DAY} ${hhmm}`;

interface Booked {
  id: string;
  caseNumber: string;
}
const cases: Record<'short' | 'long' | 'mover', Booked> = {} as never;
const PICK_SERIAL = 'SN-PICK-0001';

/**
 * The seed's workflow for a new patient, up to booking: quoted, consented, approved, one implant
 * reserved, then booked in the room for the surgeon.
 */
async function bookCase(
  firstName: string,
  lastName: string,
  itemId: string,
  ids: { room: string; surgeon: string },
  start: string,
  end: string,
): Promise<Booked> {
  const run = await seedWorkflow(server, {
    patient: {
      create: { firstName, lastName, dateOfBirth: '1985-06-01', sexAtBirth: 'FEMALE' },
    },
    implants: { inventoryItemId: itemId, quantity: 1 },
    signerName: `${firstName} ${lastName}`,
    booking: () => ({
      operatingRoomId: ids.room,
      surgeonId: ids.surgeon,
      scheduledStart: start,
      scheduledEnd: end,
    }),
    until: 'SCHEDULED',
  });
  return { id: run.case?.id, caseNumber: run.case?.caseNumber };
}

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  zone = (await server.api<{ timeZone: string }>('GET', '/clinic')).timeZone;
  DAY = zonedDate(new Date(Date.now() + 7 * 864e5), zone);
  browser = await launchBrowser();
  const rooms = await server.api<{ data: { id: string; name: string }[] }>(
    'GET',
    '/operating-rooms',
  );
  const users = await server.api<{ data: { id: string; email: string }[] }>(
    'GET',
    '/users?limit=100',
  );
  const room = rooms.data.find((r) => r.name === ROOM)?.id ?? '';
  const surgeon = users.data.find((u) => u.email === STAFF.surgeon.email)?.id ?? '';
  const item = await server.api<{ id: string }>('POST', '/inventory/items', {
    code: 'implant-e2e-theater',
    name: 'Theater e2e implant 350cc',
    category: 'IMPLANT',
    size: '350cc',
    shape: 'Round',
    unitPrice: '450.00',
    isBillable: true,
    requiresSerialNumber: true,
  });
  await server.api('POST', `/inventory/items/${item.id}/batches`, {
    batchNumber: 'LOT-THEATER-1',
    expiresAt: new Date(Date.now() + 300 * 864e5).toISOString().slice(0, 10),
    serialNumbers: [PICK_SERIAL, 'SN-PICK-0002', 'SN-PICK-0003'],
  });
  const ids = { room, surgeon };
  cases.short = await bookCase('Ada', 'Lovelace', item.id, ids, at('09:00'), at('10:00'));
  cases.long = await bookCase('Grace', 'Hopper', item.id, ids, at('11:00'), at('14:00'));
  cases.mover = await bookCase('Clash', 'Mover', item.id, ids, at('15:00'), at('16:00'));
  coordinator = await signIn(
    browser,
    server.baseUrl,
    STAFF.coordinator.email,
    STAFF.coordinator.password,
  );
  nurse = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Screenshots at 1440 and 1024 px, axe, and nothing wider than a 1024 px window. */
async function mainScreen(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `theater-${name}-1440`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `theater-${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

async function blockHeight(page: Page, patient: string): Promise<number> {
  const block = page.getByTestId('case-block').filter({ hasText: patient });
  const box = await block.boundingBox();
  if (box === null) throw new Error(`no block for ${patient}`);
  return box.height;
}

describe('the theater day', () => {
  it('opens on the next day with cases, shows patient names, and draws a 3-hour case 3 times as tall', async () => {
    await coordinator.goto(`${server.baseUrl}/theater`);
    await coordinator.getByText('Ada Lovelace').waitFor();
    await coordinator.getByText('Grace Hopper').waitFor();
    expect(await coordinator.getByRole('textbox', { name: 'Day' }).inputValue()).toContain(
      String(Number(DAY.slice(8, 10))),
    );
    const one = await blockHeight(coordinator, 'Ada Lovelace');
    const three = await blockHeight(coordinator, 'Grace Hopper');
    expect(three / one).toBeGreaterThan(2.9);
    expect(three / one).toBeLessThan(3.1);
    // The 9:00 AM case starts on the clinic's 09:00 row, the browser's zone notwithstanding.
    const nineRow = await coordinator.getByText('09:00', { exact: true }).boundingBox();
    const adaBlock = await coordinator
      .getByTestId('case-block')
      .filter({ hasText: 'Ada Lovelace' })
      .boundingBox();
    expect(Math.abs((adaBlock?.y ?? 0) - (nineRow?.y ?? 1e6))).toBeLessThan(20);
    await coordinator.getByRole('button', { name: 'Day sheet PDF' }).waitFor();
    await mainScreen(coordinator, 'day');
  });

  it('has a week view per room and per surgeon, from one query', async () => {
    await coordinator.getByRole('link', { name: 'Week by room' }).click();
    await coordinator.waitForURL(/\/theater\/week\?by=room/);
    await coordinator.getByRole('rowheader', { name: ROOM }).waitFor();
    await coordinator.getByTestId('week-case').filter({ hasText: 'Grace Hopper' }).waitFor();
    await mainScreen(coordinator, 'week-room');
    await coordinator.getByRole('link', { name: 'Week by surgeon' }).click();
    await coordinator.getByRole('rowheader', { name: STAFF.surgeon.name }).waitFor();
    await coordinator.getByTestId('week-case').filter({ hasText: 'Ada Lovelace' }).waitFor();
    await mainScreen(coordinator, 'week-surgeon');
  });
});

describe('a schedule clash', () => {
  it('names the other case with a link and takes a suggested slot', async () => {
    await coordinator.goto(`${server.baseUrl}/cases/${cases.mover.id}`);
    await coordinator.getByRole('button', { name: 'Move case' }).click();
    const start = coordinator.getByRole('textbox', { name: 'Start', exact: true });
    await start.fill(LOCAL_INPUT('09:30'));
    await coordinator.keyboard.press('Escape');
    await coordinator.getByRole('textbox', { name: 'End', exact: true }).fill(LOCAL_INPUT('10:30'));
    await coordinator.keyboard.press('Escape');
    await coordinator.getByRole('button', { name: 'Save move' }).click();
    const note = coordinator.getByTestId('schedule-conflict');
    await note.waitFor();
    const link = note.getByRole('link', { name: cases.short.caseNumber });
    expect(await link.getAttribute('href')).toBe(`/cases/${cases.short.id}`);
    expect(await note.textContent()).toMatch(/9:00\s?AM to 10:00\s?AM/);
    await screenshot(coordinator, 'theater-clash-1440');
    // 07:00–19:00, 09:00–10:00 and 11:00–14:00 taken: 08:00 and 10:00 are the nearest free hours.
    const take = note.getByRole('button', { name: /^Take 10:00\s?AM/ });
    await take.click();
    await coordinator.getByRole('dialog').waitFor({ state: 'detached' });
    const moved = await server.api<{ scheduledStart: string }>(
      'GET',
      `/surgical-cases/${cases.mover.id}`,
    );
    expect(moved.scheduledStart).toBe(at('10:00'));
  });
});

describe('the scheduled case page', () => {
  it("lists the nurse's pick list with item, size, lot, serial and expiry", async () => {
    await nurse.goto(`${server.baseUrl}/cases/${cases.short.id}`);
    const table = nurse.getByRole('table', { name: 'Pick list' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'Theater e2e implant 350cc' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('350cc');
    expect(text).toContain('LOT-THEATER-1');
    expect(text).toMatch(/SN-PICK-000\d/);
    await nurse.getByRole('button', { name: 'Print pick list' }).waitFor();
    await mainScreen(nurse, 'case-pick-list');
  });

  it('asks for a confirmation and a reason to start a case outside its day', async () => {
    await nurse.getByRole('button', { name: 'Start case' }).click();
    const dialog = nurse.getByRole('dialog');
    await dialog.getByText(/is booked for/).waitFor();
    await dialog.getByRole('button', { name: 'Start case anyway' }).click();
    await dialog.getByText('Say why the case starts on another day than booked').waitFor();
    await dialog.getByLabel(/Why start it today/).fill('Surgeon and patient free today');
    await dialog.getByRole('button', { name: 'Start case anyway' }).click();
    await nurse.getByText('Surgeon and patient free today').waitFor();
    const started = await server.api<{ status: string; startReason: string }>(
      'GET',
      `/surgical-cases/${cases.short.id}`,
    );
    expect(started).toMatchObject({
      status: 'IN_PROGRESS',
      startReason: 'Surgeon and patient free today',
    });
  });
});
