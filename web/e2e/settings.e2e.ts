import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  expectAccessible,
  expectFitsTablet,
  launchBrowser,
  screenshot,
  signIn,
} from './browser';
import { ADMIN, startE2eServer, type E2eServer } from './clinic';

// A clinic as `npm start` leaves it: its first admin (and the seeded general consent), nothing else.
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A screenshot at 1440 and at 1024 px, axe, and nothing wider than a 1024 px window. */
async function mainScreen(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

async function checklist(page: Page): Promise<Record<string, boolean>> {
  await page.goto(`${server.baseUrl}/settings/setup`);
  await page.getByTestId('setup-ACTIVE_SURGEON').waitFor();
  const lines = page.locator('[data-testid^="setup-"]');
  const out: Record<string, boolean> = {};
  for (const line of await lines.all()) {
    const id = (await line.getAttribute('data-testid')) ?? '';
    out[id.replace('setup-', '')] = (await line.getAttribute('data-done')) === 'true';
  }
  return out;
}

describe('setting a fresh clinic up in the browser', () => {
  it('the admin lands on the checklist and ticks each item off on the Settings screens', async () => {
    const page = await signIn(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    // "/" leads a new clinic's admin to the checklist, every item still to do.
    await page.waitForURL(/\/settings\/setup$/);
    expect(await checklist(page)).toEqual({
      ACTIVE_SURGEON: false,
      FEE_SCHEDULE_ENTRY: false,
      CONSENT_TEMPLATE: false,
      OPERATING_ROOM: false,
      IMPLANT_IN_STOCK: false,
    });
    await mainScreen(page, 'settings-01-checklist-fresh');

    // A surgeon, from the checklist's link.
    await page.getByTestId('setup-ACTIVE_SURGEON').getByRole('link', { name: 'Add staff' }).click();
    await page.waitForURL(/\/settings\/users$/);
    await page.getByRole('button', { name: 'Add staff' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add staff' });
    await dialog.getByRole('button', { name: 'Add' }).click();
    // Checked before anything is sent.
    await dialog.getByText('Enter the name').waitFor();
    await dialog.getByText('At least 12 characters', { exact: true }).waitFor();
    await dialog.getByLabel('Name').fill('Dr. Maya Chen');
    await dialog.getByLabel('Email').fill('maya.chen@e2e.example');
    await choose(page, 'Role', 'Surgeon');
    await dialog.getByLabel('Initial password').fill('surgeon-initial-pw-1');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('user-maya.chen@e2e.example').getByText('Surgeon').waitFor();
    await mainScreen(page, 'settings-02-staff');

    // The tabs fit on one row at 1024 px and wider (narrower, the row scrolls sideways).
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      const boxes = await page.getByRole('tab').evaluateAll((tabs) =>
        tabs.map((t) => {
          const box = t.getBoundingClientRect();
          return { top: box.top, right: box.right };
        }),
      );
      expect(new Set(boxes.map((b) => Math.round(b.top))).size, `one row at ${width} px`).toBe(1);
      expect(Math.max(...boxes.map((b) => b.right)), `all in view at ${width} px`).toBeLessThan(
        width,
      );
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // A surgeon's NPI and taxonomy code, in the edit dialog.
    await page.getByRole('button', { name: 'Edit Dr. Maya Chen' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Dr. Maya Chen' });
    await dialog.getByLabel('NPI').fill('1234567893');
    await dialog.getByLabel('Taxonomy code').fill('208200000x');
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, `settings-02-staff-surgeon-npi-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const surgeons = await server.api<{ data: { email: string; npi: string | null }[] }>(
      'GET',
      '/users?limit=100',
    );
    expect(surgeons.data.find((u) => u.email === 'maya.chen@e2e.example')?.npi).toBe('1234567893');

    // The last active admin cannot be deactivated: the API's reason is shown in the dialog.
    await page.getByRole('button', { name: /^Edit .*admin/i }).click();
    dialog = page.getByRole('dialog', { name: /^Edit/ });
    await dialog.getByText(/only active administrator/).waitFor();
    await dialog.getByLabel('Active (may sign in)').uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/last active admin/i);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // A fee.
    await page.getByRole('tab', { name: 'Fee schedule' }).click();
    await page.waitForURL(/\/settings\/fees$/);
    await page.getByText('No fees yet').waitFor();
    await page.getByRole('button', { name: 'Add a fee' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a fee' });
    await dialog.getByLabel('CPT code').fill('1932');
    await dialog.getByLabel('Description').fill('Breast augmentation with implant');
    await dialog.getByLabel('Surgeon fee').fill('7000.005');
    await dialog.getByRole('button', { name: 'Save fee' }).click();
    await dialog.getByText(/A base CPT code/).waitFor();
    await dialog.getByText(/at most two decimals/).waitFor();
    await dialog.getByLabel('CPT code').fill('19325');
    await dialog.getByLabel('Surgeon fee').fill('7000');
    await dialog.getByLabel('Facility fee').fill('200.50');
    await dialog.getByRole('button', { name: 'Save fee' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const fee = page.getByTestId('fee-19325');
    await fee.getByText('$7,000.00').waitFor();
    await fee.getByText('$200.50').waitFor();
    await page.getByLabel('Search').fill('augmentation');
    await page.getByTestId('fee-19325').waitFor();
    await mainScreen(page, 'settings-03-fees');

    // A room, with its opening hours.
    await page.getByRole('tab', { name: 'Rooms' }).click();
    await page.getByRole('button', { name: 'Add a room' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a room' });
    await dialog.getByLabel('Name').fill('OR 1');
    await dialog.getByLabel('Opens at').fill('07:30');
    await dialog.getByLabel('Closes at').fill('18:00');
    await dialog.getByRole('button', { name: 'Save room' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('room-OR 1').getByText('07:30–18:00').waitFor();
    await mainScreen(page, 'settings-04-rooms');

    // The clinic's own version of the general surgical consent.
    await page.getByRole('tab', { name: 'Consents' }).click();
    await page.getByTestId('template-GENERAL_SURGICAL_CONSENT-v1').waitFor();
    await page
      .getByText(/never changes it/)
      .first()
      .waitFor();
    await mainScreen(page, 'settings-05-consents');
    await page.getByRole('button', { name: 'New version of GENERAL_SURGICAL_CONSENT' }).click();
    dialog = page.getByRole('dialog', { name: /New version of GENERAL_SURGICAL_CONSENT/ });
    await dialog.getByText('Signed consents never change').waitFor();
    expect(await dialog.getByLabel(/^Version/).inputValue()).toBe('2');
    const body = dialog.getByLabel('Text the patient reads and signs');
    expect(await body.inputValue()).not.toBe('');
    await body.fill('E2E Clinic general surgical consent. I consent to the procedure.');
    await screenshot(page, 'settings-05-consent-new-version');
    await dialog.getByRole('button', { name: 'Publish version' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('template-GENERAL_SURGICAL_CONSENT-v2').getByText('Active').waitFor();
    await page.getByTestId('template-GENERAL_SURGICAL_CONSENT-v1').getByText('Inactive').waitFor();

    // A payer: the same add dialog as rooms and fees.
    await page.getByRole('tab', { name: 'Payers' }).click();
    await page.getByRole('button', { name: 'Add a payer' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a payer' });
    await dialog.getByLabel('Name').fill('Aetna');
    await dialog.getByLabel('Payer id').fill('60054');
    await dialog.getByRole('button', { name: 'Save payer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '60054' }).waitFor();
    await mainScreen(page, 'settings-05-payers');

    // The clinic: phone, address and its time zone, picked by searching.
    await page.getByRole('tab', { name: 'Clinic' }).click();
    await page.waitForURL(/\/settings\/clinic$/);
    await page.getByLabel('Phone').fill('(555) 010-2000');
    await page.getByLabel('City').fill('Chicago');
    await page.getByRole('button', { name: 'Save clinic' }).click();
    await page.getByText('Enter the street address, or clear the address').waitFor();
    await page.getByLabel('Street address').fill('100 N Michigan Ave');
    await page.getByLabel('State').fill('IL');
    await page.getByLabel('ZIP code').fill('60601');
    const zone = page.getByRole('combobox', { name: 'Time zone', exact: true });
    await zone.fill('Chicago');
    await page.getByRole('option', { name: 'America/Chicago' }).click();
    await mainScreen(page, 'settings-06-clinic');
    await page.getByRole('button', { name: 'Save clinic' }).click();
    await page.getByText('Clinic saved').waitFor();
    const saved = await server.api<{ timeZone: string; phone: string; address: { city: string } }>(
      'GET',
      '/clinic',
    );
    expect(saved).toMatchObject({
      timeZone: 'America/Chicago',
      phone: '(555) 010-2000',
      address: { city: 'Chicago', postalCode: '60601' },
    });

    expect(await checklist(page)).toEqual({
      ACTIVE_SURGEON: true,
      FEE_SCHEDULE_ENTRY: true,
      CONSENT_TEMPLATE: true,
      OPERATING_ROOM: true,
      IMPLANT_IN_STOCK: false,
    });
    await mainScreen(page, 'settings-07-checklist-almost');

    // The implant is received by a nurse on the inventory screens; here through the API.
    const implant = await server.api<{ id: string }>('POST', '/inventory/items', {
      code: 'implant-e2e',
      name: 'Breast implant 300cc round',
      category: 'IMPLANT',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
    });
    await server.api('POST', `/inventory/items/${implant.id}/batches`, {
      batchNumber: 'LOT-E2E',
      serialNumbers: ['SN-E2E-1'],
    });
    expect(Object.values(await checklist(page)).every(Boolean)).toBe(true);
    await page.getByText('Your clinic is set up').waitFor();

    // Set up: "/" no longer leads to the checklist.
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/plans$/);
    await page.context().close();
  });
});
