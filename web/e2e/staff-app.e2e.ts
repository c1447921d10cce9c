import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signIn } from './browser';
import { setUpClinic, startE2eServer, STAFF, type E2eServer } from './clinic';

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

describe('signing in', () => {
  it('shows the error for a wrong password and stays on sign-in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(STAFF.coordinator.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/could not sign in/i);
    expect(page.url()).toMatch(/\/sign-in/);
    await screenshot(page, '00-sign-in-wrong-password');
    await expectAccessible(page, 'sign-in');
    await page.close();
  });

  it('returns to the page asked for after signing in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.baseUrl}/inventory`);
    await page.waitForURL(/\/sign-in\?next=%2Finventory/);
    await page.getByLabel('Email').fill(STAFF.nurse.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(STAFF.nurse.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inventory$/);
    await page.close();
  });

  it('sends an expired session back to sign-in, then to where the user was', async () => {
    const page = await signIn(
      browser,
      server.baseUrl,
      STAFF.coordinator.email,
      STAFF.coordinator.password,
    );
    await page.goto(`${server.baseUrl}/patients`);
    await page.getByTestId('signed-in-user').waitFor();
    // The token goes bad (as at expiry or after a password change): the next call answers 401.
    await page.evaluate(() => {
      const key = 'contour.session';
      const session = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { token: string };
      sessionStorage.setItem(key, JSON.stringify({ ...session, token: `${session.token}x` }));
    });
    await page.reload();
    await page.waitForURL(/\/sign-in\?next=%2Fpatients/);
    await page.getByText('Your session ended').waitFor();
    await page.getByLabel('Email').fill(STAFF.coordinator.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(STAFF.coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/patients$/);
    await page.context().close();
  });
});
