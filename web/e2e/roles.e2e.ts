import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectFitsTablet, launchBrowser, screenshot, signIn } from './browser';
import {
  ADMIN,
  ROOM,
  seedWorkflow,
  setUpClinic,
  startE2eServer,
  STAFF,
  type E2eServer,
} from './clinic';

/**
 * Issue 15 §3: every role reaches what it may do, and no screen it opens shows an error or asks
 * the API for something the role may not have. Then money before surgery: a deposit taken on the
 * plan page is on the bill the completed case makes.
 */
let server: E2eServer;
let browser: Browser;
let patientId: string;
/** A plan whose case was completed (it has a bill), and one approved and booked (it takes deposits). */
let billed: { planId: string; caseId: string; billId: string };
let booked: { planId: string; caseId: string };

interface Page_<T> {
  data: T[];
}

/** An instant `days` from now at `hour`:00 UTC, as ISO 8601. */
function at(days: number, hour: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

/**
 * A cosmetic 19325 plan through the seed's workflow (all as ADMIN): quoted, its consent signed,
 * approved and its case booked `days` ahead, then, `until` COMPLETED, started and completed.
 */
async function bookedPlan(
  days: number,
  until: 'SCHEDULED' | 'COMPLETED',
): Promise<{ planId: string; caseId: string; billId: string }> {
  const users = await server.api<Page_<{ id: string; role: string }>>('GET', '/users?limit=100');
  const rooms = await server.api<Page_<{ id: string; name: string }>>('GET', '/operating-rooms');
  const surgeon = users.data.find((u) => u.role === 'SURGEON');
  const room = rooms.data.find((r) => r.name === ROOM);
  if (surgeon === undefined || room === undefined) throw new Error('setUpClinic adds both');
  const run = await seedWorkflow(server, {
    patient: { id: patientId },
    booking: () => ({
      operatingRoomId: room.id,
      surgeonId: surgeon.id,
      scheduledStart: at(days, 15),
      scheduledEnd: at(days, 17),
    }),
    until,
  });
  return { planId: run.created.id, caseId: run.case?.id, billId: run.completed?.billId };
}

/** Starts and completes a booked case (after the browser took a deposit on its plan). */
async function completeCase(caseId: string): Promise<string> {
  await server.api('POST', `/surgical-cases/${caseId}/start`, {
    reason: 'Started ahead of its booked day in a test',
  });
  const done = await server.api<{ billId: string }>(
    'POST',
    `/surgical-cases/${caseId}/complete`,
    {},
  );
  return done.billId;
}

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  patientId = (
    await server.api<{ id: string }>('POST', '/patients', {
      firstName: 'Maria',
      lastName: 'Lopez',
      dateOfBirth: '1988-03-14',
      sexAtBirth: 'FEMALE',
    })
  ).id;
  billed = await bookedPlan(7, 'COMPLETED');
  booked = await bookedPlan(8, 'SCHEDULED');
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ROLES = [
  { key: 'admin', ...ADMIN, role: 'ADMIN' },
  { key: 'surgeon', ...STAFF.surgeon },
  { key: 'nurse', ...STAFF.nurse },
  { key: 'coordinator', ...STAFF.coordinator },
  { key: 'billing', ...STAFF.billing },
] as const;

/** What a screen shows when it failed: a load error, a refused request, a role gate. */
const ERROR_TEXT =
  /could not load|something went wrong|forbidden|not allowed|does not give access/i;

/**
 * Opens a screen and waits for it to settle; then no error alert is on it and no API request it
 * made was refused (403): the app asked only for what the role may read.
 */
async function openCleanly(page: Page, path: string, refused: string[], screen: string) {
  refused.length = 0;
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByTestId('signed-in-user').waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelector('.mantine-Loader-root') === null);
  const errors = await page.getByRole('alert').filter({ hasText: ERROR_TEXT }).allTextContents();
  expect(errors, `${screen}: error alerts`).toEqual([]);
  expect(refused, `${screen}: refused API requests`).toEqual([]);
}

describe('each role walks every screen it has, without an error', () => {
  for (const who of ROLES) {
    it(`${who.key}: every section of the menu, a plan, a case and (if it reads bills) a bill`, async () => {
      const page = await signIn(browser, server.baseUrl, who.email, who.password);
      const refused: string[] = [];
      page.on('response', (res) => {
        if (res.url().includes('/api/v1/') && res.status() === 403)
          refused.push(`${res.request().method()} ${new URL(res.url()).pathname}`);
      });
      await page.goto(`${server.baseUrl}/patients`);
      await page.getByTestId('signed-in-user').waitFor();
      const sections = await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link')
        .evaluateAll((links) => links.map((l) => new URL((l as HTMLAnchorElement).href).pathname));
      expect(sections.length).toBeGreaterThan(0);
      for (const path of sections) await openCleanly(page, path, refused, `${who.key} ${path}`);

      await openCleanly(page, `/patients/${patientId}`, refused, `${who.key} patient`);
      await openCleanly(page, `/plans/${booked.planId}`, refused, `${who.key} plan`);
      await openCleanly(page, `/plans/${billed.planId}`, refused, `${who.key} completed plan`);
      await openCleanly(page, `/cases/${billed.caseId}`, refused, `${who.key} case`);
      if (who.key === 'billing' || who.key === 'coordinator' || who.key === 'admin') {
        await openCleanly(page, `/billing/bills/${billed.billId}`, refused, `${who.key} bill`);
        await openCleanly(page, '/billing/payment-plans', refused, `${who.key} payment plans`);
      }
      await page.context().close();
    });
  }

  it('billing sees the plan board and a plan (quote, prior auth, payments) but no consent section', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.billing.email, STAFF.billing.password);
    await page.goto(`${server.baseUrl}/plans`);
    await page.getByRole('heading', { name: 'Plan board' }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'roles-01-billing-plan-board');
    await page.goto(`${server.baseUrl}/plans/${booked.planId}`);
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    expect(await page.getByRole('heading', { name: /consent/i }).count()).toBe(0);
    await page.context().close();
  });

  it('coordinator has a Billing section with bills, and reads a bill without a payment form', async () => {
    const page = await signIn(
      browser,
      server.baseUrl,
      STAFF.coordinator.email,
      STAFF.coordinator.password,
    );
    await page.goto(`${server.baseUrl}/patients`);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Billing' })
      .click();
    await page.waitForURL(/\/billing$/);
    await page.getByRole('heading', { name: 'Bills' }).waitFor();
    await page.goto(`${server.baseUrl}/billing/bills/${billed.billId}`);
    await page.getByText('BILL-', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Record payment' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('money before surgery', () => {
  it('a deposit taken on the plan page and a payment plan started there are credited on the bill', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.billing.email, STAFF.billing.password);
    await page.goto(`${server.baseUrl}/plans/${booked.planId}`);
    const payments = page.getByRole('region', { name: 'Payments' });
    await payments.waitFor();
    await payments.getByLabel('Deposit amount').fill('1500.00');
    await payments.getByLabel('Reference').fill('VISA-4242');
    await payments.getByRole('button', { name: 'Record deposit' }).click();
    await payments.getByRole('cell', { name: '$1,500.00' }).waitFor();
    await payments.getByText('Received before surgery: $1,500.00').waitFor();
    await payments.getByRole('button', { name: 'Start a payment plan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create payment plan' }).waitFor();
    await screenshot(page, 'roles-02-plan-payment-plan-form');
    await dialog.getByLabel('Deposit amount').fill('1500.00');
    await dialog.getByLabel('Number of installments').fill('3');
    const due = new Date(Date.now() + 40 * 864e5).toLocaleDateString('en-US', {
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
    await dialog.getByLabel('First due date').fill(due);
    await dialog.getByLabel('First due date').press('Tab');
    await dialog.getByRole('button', { name: 'Create payment plan' }).click();
    await payments.getByText(/PP-\d{4}-\d{3}/).waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'roles-03-plan-payments-1440');
    await expectAccessible(page, 'plan payments');
    await expectFitsTablet(page, 'plan payments');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'roles-04-plan-payments-1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    const billId = await completeCase(booked.caseId);
    await page.goto(`${server.baseUrl}/billing/bills/${billId}`);
    await page.getByText(/Deposit received \d{4}-\d{2}-\d{2} \(VISA-4242\)/).waitFor();
    await page.getByText('Deposit', { exact: true }).first().waitFor();
    const paid = await page.getByTestId('bill-patient-paid').textContent();
    expect(paid).toContain('1,500.00');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'roles-05-bill-credits-1440');
    await expectAccessible(page, 'bill with credits');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'roles-06-bill-credits-1024');
    await page.context().close();
  });
});
