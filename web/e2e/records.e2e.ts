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
import { ADMIN, setUpClinic, startE2eServer, STAFF, type E2eServer } from './clinic';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Screenshots at 1440 and 1024 px, axe, and the 1024 px check. */
async function mainScreen(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

describe('records: a patient address and the audit screen', () => {
  let patientUrl = '';

  it('a coordinator enters a patient with an address and the patient page shows it', async () => {
    await server.api('POST', '/payers', { name: 'Harborview Mutual', payerId: 'HVM01' });
    const page = await signIn(
      browser,
      server.baseUrl,
      STAFF.coordinator.email,
      STAFF.coordinator.password,
    );
    await page.getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('link', { name: 'New patient' }).click();
    await page.getByLabel('First name').fill('Ottilie');
    await page.getByLabel('Last name').fill('Harborne');
    await page.getByLabel('Date of birth').fill('1982-06-30');
    await page.keyboard.press('Escape');
    await choose(page, 'Sex at birth', 'Female');
    await page.getByLabel('Street address').fill('12 Harbor View Road');
    await page.getByLabel('City').fill('Portland');
    await page.getByLabel('State').fill('me');
    await page.getByLabel('ZIP code').fill('04101');
    await page.getByLabel('Payer name').fill('Harborview');
    await page.getByLabel('Member ID').fill('HVM-1');
    await page.getByRole('button', { name: 'Create patient' }).click();
    await page.getByRole('heading', { name: 'Ottilie Harborne' }).waitFor();
    await page.getByText('12 Harbor View Road, Portland, ME 04101').waitFor();
    patientUrl = page.url();

    // One insurance card: the insurance for claims, set here, and the record's free-text note.
    const insurance = page.getByRole('region', { name: 'Insurance' });
    await insurance.getByTestId('insurance-note').getByText('Harborview, member HVM-1').waitFor();
    await insurance.getByRole('button', { name: 'Add insurance for claims' }).click();
    const dialog = page.getByRole('dialog', { name: 'Insurance for claims' });
    await choose(page, 'Payer', /Harborview Mutual/);
    await dialog.getByLabel('Member id').fill('HVM-1');
    await dialog.getByRole('button', { name: 'Save insurance' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await insurance.getByRole('cell', { name: 'Harborview Mutual (HVM01)' }).waitFor();
    expect(await page.getByRole('region', { name: /insurance/i }).count()).toBe(1);
    await mainScreen(page, 'records-01-patient-address');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'records-01-patient-address-390');
    // On a phone the header keeps the user's name, and signing out is in its menu.
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);
    await page.getByTestId('signed-in-user').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.waitForTimeout(300); // the menu's fade-in, for the screenshot only
    await screenshot(page, 'records-01-user-menu-390');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.context().close();
  });

  it('the admin sees whose record each event is about, and page reads only when asked', async () => {
    expect(patientUrl).toMatch(/\/patients\//);
    const patientId = patientUrl.split('/patients/')[1] ?? '';
    const nurse = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
    await nurse.goto(patientUrl);
    await nurse.getByRole('heading', { name: 'Ottilie Harborne' }).waitFor();
    await nurse.context().close();

    const page = await signIn(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`${server.baseUrl}/audit?entityId=${patientId}`);
    const rows = page.getByRole('row');
    await page.getByRole('cell', { name: 'patient.create' }).waitFor();
    expect(await page.getByRole('cell', { name: 'patient.read', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Ottilie Harborne' }).first().waitFor();
    await mainScreen(page, 'records-02-audit-changes');

    // The box follows the URL (reads=1), so it is clicked, not check()ed: its state comes a render later.
    await page.getByLabel(/Include page reads/).click();
    await page.getByRole('cell', { name: 'patient.read', exact: true }).first().waitFor();
    expect(await rows.count()).toBeGreaterThan(2);
    await page.context().close();
  });
});
