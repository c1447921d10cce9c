import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectFitsTablet, launchBrowser, screenshot, signIn } from './browser';
import { ADMIN, seedWorkflow, setUpClinic, STAFF, startE2eServer, type E2eServer } from './clinic';

// The FDA breast implant checklist on the staff side (docs/fda-checklist.md): the admin's
// versions in Settings, and a surgeon attesting a checklist the patient signed.
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

describe('the FDA breast implant checklist', () => {
  it('the admin reads the versions and publishes a new one from the current text', async () => {
    const page = await signIn(browser, server.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`${server.baseUrl}/settings/fda-checklist`);
    await page.getByTestId('fda-checklist-v1').waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'fda-checklist-settings-1440');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'fda-checklist-settings-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible(page, 'fda-checklist-settings');
    await expectFitsTablet(page, 'fda-checklist-settings');

    await page.getByRole('button', { name: 'New version' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Breast implants: Patient Decision Checklist (2027)');
    await expectAccessible(page, 'fda-checklist-new-version');
    await dialog.getByRole('button', { name: 'Publish version' }).click();
    await page.getByTestId('fda-checklist-v2').waitFor();
    await page.getByRole('button', { name: 'Retire version 1' }).click();
    await expect
      .poll(() => page.getByTestId('fda-checklist-v1').textContent())
      .toContain('Retired');
  });

  it('a surgeon signs the attestation of a checklist the patient signed', async () => {
    const run = await seedWorkflow(server, {
      patient: {
        create: {
          firstName: 'Maria',
          lastName: 'Lopez',
          dateOfBirth: '1990-03-14',
          sexAtBirth: 'FEMALE',
        },
      },
      implants: { inventoryItemCode: 'breast-implant-300cc-round', quantity: 2 },
      until: 'QUOTED',
    });
    const path = `/procedure-plans/${run.created.id}/fda-checklist`;
    const read = await server.api<{
      checklist: { sections: { key: string }[]; contentHash: string };
    }>('GET', path);
    await server.api('POST', `${path}/sign`, {
      initials: Object.fromEntries(read.checklist.sections.map((s) => [s.key, 'ML'])),
      signerName: 'Maria Lopez',
      contentHash: read.checklist.contentHash,
    });

    const page = await signIn(browser, server.baseUrl, STAFF.surgeon.email, STAFF.surgeon.password);
    await page.goto(`${server.baseUrl}/plans/${run.created.id}`);
    const section = page.locator('#plan-fda-checklist');
    await section.getByText('initialed ML').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'fda-checklist-plan-1440');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'fda-checklist-plan-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible(page, 'fda-checklist-plan');
    await expectFitsTablet(page, 'fda-checklist-plan');

    await section.getByRole('button', { name: 'Sign surgeon attestation' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('I have discussed each item of this checklist').waitFor();
    await dialog.getByRole('button', { name: 'Sign attestation' }).click();
    await section.getByText(`Attested by ${STAFF.surgeon.name}`).waitFor();
  });
});
