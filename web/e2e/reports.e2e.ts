import { readFileSync } from 'node:fs';
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

/**
 * Issue 20's Reports area in the browser. A small clinic's activity is built through the API (the
 * server's clock is the real one: consultations are dated in the two months before this one,
 * everything else happens today or is booked a week ahead); then billing opens each report and
 * reads its figures in the tables, changes the range (the URL and the figures change), filters by
 * surgeon and downloads CSVs; a coordinator sees only the clinical reports.
 */
let server: E2eServer;
let browser: Browser;
let billing: Page;
let coordinator: Page;

let zone = 'America/New_York';
/** The clinic's today, the first days of this month and the two before, a day a week ahead. */
let TODAY = '';
let THIS_MONTH = '';
let LAST_MONTH = '';
let TWO_MONTHS_AGO = '';
let WEEK_AHEAD = '';

const SECOND_SURGEON = {
  email: 'surgeon2@e2e.example',
  password: 'surgeon2-password-1',
  name: 'Dr. Omar Haddad',
  role: 'SURGEON',
} as const;

/** What the activity left, read back from the API to compare with the screens. */
const facts = {
  completedBillTotal: '',
  openBillTotal: '',
  openBillNumber: '',
  /** The quotes approved (accepted): the paid, the owing and the cancelled patients'. */
  acceptedQuoteTotals: [] as string[],
  cancelledCaseNumber: '',
  unitPrice: '400.00',
};

const pad = (n: number) => String(n).padStart(2, '0');
function shiftDay(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}
function monthStart(day: string, delta: number): string {
  const d = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}
/** "Nov 2026", as the tables name a month. */
const monthLabel = (day: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
/** "Dec 11, 2026", as the tables name a day. */
const dayLabel = (day: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
const money = (amount: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
    amount as `${number}`,
  );
const at = (day: string, hhmm: string) => zonedInstant(day, hhmm, zone).toISOString();

interface Listed<T> {
  data: T[];
}

/** A patient's path from a consultation (dated `consultedOn` at noon) as far as `until`. */
async function patientPath(
  lastName: string,
  surgeonId: string,
  consultedOn: string,
  until: 'DRAFT' | 'QUOTED' | 'SCHEDULED' | 'COMPLETED' | 'PAID',
  extra: {
    itemId?: string;
    booking?: { roomId: string; start: string; end: string };
  } = {},
) {
  return seedWorkflow(server, {
    patient: {
      create: { firstName: 'Report', lastName, dateOfBirth: '1986-04-12', sexAtBirth: 'FEMALE' },
    },
    consultation: { surgeonId, consultationDate: at(consultedOn, '12:00'), reason: 'Augmentation' },
    ...(extra.itemId === undefined
      ? {}
      : { implants: { inventoryItemId: extra.itemId, quantity: 1 } }),
    signerName: `Report ${lastName}`,
    ...(extra.booking === undefined
      ? {}
      : {
          booking: () => ({
            operatingRoomId: extra.booking?.roomId ?? '',
            surgeonId,
            scheduledStart: extra.booking?.start ?? '',
            scheduledEnd: extra.booking?.end ?? '',
          }),
        }),
    until,
  });
}

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  await server.api('POST', '/users', SECOND_SURGEON);
  zone = (await server.api<{ timeZone: string }>('GET', '/clinic')).timeZone;
  TODAY = zonedDate(new Date(), zone);
  THIS_MONTH = monthStart(TODAY, 0);
  LAST_MONTH = monthStart(TODAY, -1);
  TWO_MONTHS_AGO = monthStart(TODAY, -2);
  WEEK_AHEAD = shiftDay(TODAY, 7);

  const users = await server.api<Listed<{ id: string; email: string }>>('GET', '/users?limit=100');
  const idOf = (email: string) => users.data.find((u) => u.email === email)?.id ?? '';
  const lee = idOf(STAFF.surgeon.email);
  const haddad = idOf(SECOND_SURGEON.email);
  const rooms = await server.api<Listed<{ id: string; name: string }>>('GET', '/operating-rooms');
  const roomId = rooms.data.find((r) => r.name === ROOM)?.id ?? '';
  const items = await server.api<Listed<{ id: string; code: string }>>(
    'GET',
    '/inventory/items?limit=100',
  );
  const implantId = items.data.find((i) => i.code === 'breast-implant-300cc-round')?.id ?? '';

  // Conversion: three consultations — two last month with Dr. Lee (one all the way to a paid
  // surgery, one a draft plan), one the month before with Dr. Haddad (quoted, not approved).
  const paid = await patientPath('Paid', lee, shiftDay(LAST_MONTH, 9), 'PAID', {
    itemId: implantId,
    booking: { roomId, start: at(WEEK_AHEAD, '09:00'), end: at(WEEK_AHEAD, '11:00') },
  });
  await patientPath('Draft', lee, shiftDay(LAST_MONTH, 14), 'DRAFT');
  const quoted = await patientPath('Quoted', haddad, shiftDay(TWO_MONTHS_AGO, 19), 'QUOTED');
  // A/R: a surgery completed today whose bill is still open (the patient owes it all).
  const open = await patientPath('Owing', lee, shiftDay(TWO_MONTHS_AGO, 4), 'COMPLETED', {
    itemId: implantId,
    booking: { roomId, start: at(WEEK_AHEAD, '12:00'), end: at(WEEK_AHEAD, '14:00') },
  });
  // Theater: a case booked the same day, then cancelled with its reason.
  const cancelled = await seedWorkflow(server, {
    patient: {
      create: {
        firstName: 'Report',
        lastName: 'Cancelled',
        dateOfBirth: '1990-01-02',
        sexAtBirth: 'FEMALE',
      },
    },
    signerName: 'Report Cancelled',
    booking: () => ({
      operatingRoomId: roomId,
      surgeonId: lee,
      scheduledStart: at(WEEK_AHEAD, '15:00'),
      scheduledEnd: at(WEEK_AHEAD, '16:00'),
    }),
    until: 'SCHEDULED',
  });
  await server.api('POST', `/surgical-cases/${cancelled.case?.id}/cancel`, {
    reason: 'Patient has a fever',
  });
  facts.cancelledCaseNumber = cancelled.case?.caseNumber;
  // Implants: the lot both surgeries used is recalled; its two patients are still to contact.
  const lot = (
    await server.api<{ batches: { batchId: string; batchNumber: string }[] }>(
      'GET',
      `/inventory/items/${implantId}/stock`,
    )
  ).batches.find((b) => b.batchNumber === 'BATCH-2026-001');
  await server.api('POST', `/inventory/batches/${lot?.batchId}/recalls`, {
    reason: 'Manufacturer advisory on the shell',
  });

  facts.completedBillTotal = paid.bill?.total;
  const openBill = await server.api<{ total: string; billNumber: string }>(
    'GET',
    `/bills/${open.completed?.billId}`,
  );
  facts.openBillTotal = openBill.total;
  facts.openBillNumber = openBill.billNumber;
  facts.acceptedQuoteTotals = [paid.quote?.total, open.quote?.total, cancelled.quote?.total];
  expect(quoted.quote?.status).toBe('ISSUED');

  browser = await launchBrowser();
  billing = await signIn(browser, server.baseUrl, STAFF.billing.email, STAFF.billing.password);
  coordinator = await signIn(
    browser,
    server.baseUrl,
    STAFF.coordinator.email,
    STAFF.coordinator.password,
  );
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The screen at 1440 and at 1024 px (nothing wider than the window there), axe on it. */
async function look(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => document.querySelector('.mantine-Loader-root') === null);
  await expectAccessible(page, name);
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `reports-${name}-1440`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `reports-${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectFitsTablet(page, name);
}

/** Waits for the report's main table; an error shown instead fails the test with its text. */
async function ready(page: Page): Promise<void> {
  const table = page.getByTestId('table-rows');
  const alert = page.getByRole('alert');
  await table.or(alert).first().waitFor();
  if ((await table.count()) === 0)
    throw new Error(`the report failed: ${await alert.textContent()}`);
}

/** The text of a summary card, found by its label. */
async function stat(page: Page, label: string): Promise<string> {
  const card = page.getByTestId('stat').filter({ has: page.getByText(label, { exact: true }) });
  return ((await card.textContent()) ?? '').replace(label, '').trim();
}

/** The cells of the table row holding all of `texts` (a month and a surgeon, a day and a room). */
async function rowCells(page: Page, table: string, ...texts: string[]): Promise<string[]> {
  let row = page.getByTestId(`table-${table}`).locator('tbody tr');
  for (const text of texts) row = row.filter({ hasText: text });
  await row.first().waitFor();
  expect(await row.count(), `one row with ${texts.join(', ')}`).toBe(1);
  return (await row.locator('td').allTextContents()).map((t) => t.trim());
}

/** Downloads one table's CSV with its button: the server's file name, and the header row. */
async function downloadCsv(page: Page, table: string): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download CSV: ${table}` }).click(),
  ]);
  const text = readFileSync((await download.path()) ?? '', 'utf8');
  expect(text.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark').toBe(true);
  return { name: download.suggestedFilename(), lines: text.slice(1).split('\r\n') };
}

describe('the reports index', () => {
  it('lists the six reports for billing, each with what it shows, in the Reports section', async () => {
    await billing.goto(`${server.baseUrl}/`);
    await billing
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await billing.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const cards = billing.getByTestId('report-card');
    expect(await cards.count()).toBe(6);
    expect(await cards.locator('a').allTextContents()).toEqual([
      'Conversion',
      'Theater utilisation',
      'Surgeon productivity',
      'A/R aging',
      'Quotes',
      'Implants',
    ]);
    await billing.getByText(/Open balances by payer/).waitFor();
    await look(billing, 'index');
  });

  it('shows a coordinator only the clinical reports, and says the others are not for the role', async () => {
    await coordinator.goto(`${server.baseUrl}/reports`);
    await coordinator.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    expect(await coordinator.getByTestId('report-card').locator('a').allTextContents()).toEqual([
      'Conversion',
      'Theater utilisation',
      'Quotes',
      'Implants',
    ]);
    await coordinator.goto(`${server.baseUrl}/reports/ar-aging`);
    await coordinator.getByText('Not available to your role').waitFor();
    await coordinator.goto(`${server.baseUrl}/reports/surgeon-productivity`);
    await coordinator.getByText('Not available to your role').waitFor();
  });
});

describe('conversion', () => {
  it('opens on the last three months, written into the URL, with the figures by month and surgeon', async () => {
    await billing.goto(`${server.baseUrl}/reports`);
    await billing.getByRole('link', { name: 'Conversion' }).click();
    await billing.waitForURL(
      new RegExp(`/reports/conversion\\?from=${TWO_MONTHS_AGO}&to=${TODAY}$`),
    );
    await ready(billing);
    // Four consultations: two led all the way to a surgery (50.0%), one to a quote, one a draft.
    expect(await stat(billing, 'Consultations')).toMatch(/^4/);
    expect(await stat(billing, 'Quoted')).toMatch(/^3/);
    expect(await stat(billing, 'Approved')).toMatch(/^2/);
    expect(await stat(billing, 'Surgeries')).toMatch(/^2/);
    expect(await stat(billing, 'Conversion rate')).toMatch(/^50\.0%/);
    expect(await rowCells(billing, 'rows', monthLabel(LAST_MONTH), STAFF.surgeon.name)).toEqual([
      monthLabel(LAST_MONTH),
      STAFF.surgeon.name,
      '2',
      '2',
      '1',
      '1',
      '1',
      '50.0%',
    ]);
    expect(
      await rowCells(billing, 'rows', monthLabel(TWO_MONTHS_AGO), SECOND_SURGEON.name),
    ).toEqual([monthLabel(TWO_MONTHS_AGO), SECOND_SURGEON.name, '1', '1', '1', '0', '0', '0.0%']);
    expect(await rowCells(billing, 'rows', monthLabel(TWO_MONTHS_AGO), STAFF.surgeon.name)).toEqual(
      [monthLabel(TWO_MONTHS_AGO), STAFF.surgeon.name, '1', '1', '1', '1', '1', '100.0%'],
    );
    await billing
      .getByRole('img', { name: 'Consultations and where they led, by month' })
      .waitFor();
    await look(billing, 'conversion');
  });

  it('changes with the period: the URL says last month, and the older consultations are gone', async () => {
    await choose(billing, 'Period', 'Last month');
    const lastDay = shiftDay(THIS_MONTH, -1);
    await billing.waitForURL(new RegExp(`from=${LAST_MONTH}&to=${lastDay}$`));
    await billing.waitForFunction(
      () => document.querySelectorAll('[data-testid="table-rows"] tbody tr').length === 1,
    );
    expect(await stat(billing, 'Consultations')).toMatch(/^2/);
    expect(await stat(billing, 'Conversion rate')).toMatch(/^50\.0%/);
    // A reload keeps the range.
    await billing.reload();
    await ready(billing);
    expect(new URL(billing.url()).searchParams.get('from')).toBe(LAST_MONTH);
    expect(await stat(billing, 'Consultations')).toMatch(/^2/);
    // "All reports" keeps the range: the next report opens on it.
    await billing.getByRole('link', { name: 'All reports' }).click();
    await billing.getByRole('link', { name: 'Quotes' }).click();
    await billing.waitForURL(new RegExp(`/reports/quotes\\?from=${LAST_MONTH}&to=${lastDay}$`));
  });

  it('filters by surgeon, in the URL too, and downloads the rows as CSV under the server name', async () => {
    await billing.goto(`${server.baseUrl}/reports/conversion?from=${TWO_MONTHS_AGO}&to=${TODAY}`);
    await ready(billing);
    await choose(billing, 'Surgeon', SECOND_SURGEON.name);
    await billing.waitForURL(/surgeonId=[0-9a-f-]{36}/);
    await billing.waitForFunction(
      () => document.querySelectorAll('[data-testid="table-rows"] tbody tr').length === 1,
    );
    expect(await stat(billing, 'Consultations')).toMatch(/^1/);
    const csv = await downloadCsv(billing, 'By month and surgeon');
    expect(csv.name).toBe(`conversion-${TWO_MONTHS_AGO}-to-${TODAY}.csv`);
    expect(csv.lines[0]).toMatch(
      /^month,surgeonId,surgeonName,consultations,plans,quoted,approved,completed/,
    );
    expect(csv.lines[1]).toContain(SECOND_SURGEON.name);
  });
});

describe('theater utilisation', () => {
  it('shows the booked minutes of the day a week ahead and the cancellation with its reason', async () => {
    const to = shiftDay(TODAY, 10);
    await billing.goto(`${server.baseUrl}/reports/theater-utilisation?from=${TODAY}&to=${to}`);
    await ready(billing);
    const cells = await rowCells(billing, 'rows', dayLabel(WEEK_AHEAD), ROOM);
    // Two surgeries of 2 hours each are booked there; the cancelled one does not count.
    expect(cells[3]).toBe('240');
    const cancellation = await rowCells(billing, 'cancellations', facts.cancelledCaseNumber);
    expect(cancellation).toContain('Patient has a fever');
    expect(await stat(billing, 'Cancellations')).toMatch(/^1/);
    const csv = await downloadCsv(billing, 'Cancellations');
    expect(csv.name).toBe(`theater-utilisation-cancellations-${TODAY}-to-${to}.csv`);
    expect(csv.lines[0]).toMatch(/^caseId,caseNumber,day/);
    expect(csv.lines[1]).toContain('Patient has a fever');
    await look(billing, 'theater-utilisation');
  });
});

describe('surgeon productivity', () => {
  it("shows the month's cases, charges and collections of the surgeon", async () => {
    await billing.goto(`${server.baseUrl}/reports/surgeon-productivity`);
    await ready(billing);
    // Both surgeries were completed today by Dr. Lee: one bill paid in full, one still open.
    const cells = await rowCells(billing, 'rows', monthLabel(TODAY), STAFF.surgeon.name);
    expect(cells.slice(2)).toEqual([
      '2',
      money(
        (
          (Number(facts.completedBillTotal) * 100 + Number(facts.openBillTotal) * 100) /
          100
        ).toFixed(2),
      ),
      money(facts.completedBillTotal),
    ]);
    await billing.getByRole('img', { name: /stacked by surgeon/ }).waitFor();
    await look(billing, 'surgeon-productivity');
  });
});

describe('A/R aging', () => {
  it("shows the patients' open balance in 0–30 days, and nothing owed before the bill", async () => {
    await billing.goto(`${server.baseUrl}/reports/ar-aging?from=${TWO_MONTHS_AGO}&to=${TODAY}`);
    await ready(billing);
    const cells = await rowCells(billing, 'rows', 'patients');
    expect(cells[1]).toBe('1');
    expect(cells[2]).toBe(money(facts.openBillTotal));
    expect(cells[7]).toBe(money(facts.openBillTotal));
    expect(await stat(billing, 'Open A/R')).toContain(money(facts.openBillTotal));
    const bill = await rowCells(billing, 'bills', facts.openBillNumber);
    expect(bill).toContain(money(facts.openBillTotal));
    const csv = await downloadCsv(billing, 'Open bills');
    expect(csv.name).toBe(`ar-aging-bills-${TWO_MONTHS_AGO}-to-${TODAY}.csv`);
    expect(csv.lines[0]?.split(',').slice(0, 3)).toEqual(['billId', 'billNumber', 'issuedOn']);
    await look(billing, 'ar-aging');
    // A bill opened from the report, then Back: the same range, the same figures.
    await billing.getByRole('link', { name: facts.openBillNumber }).click();
    await billing.waitForURL(/\/billing\/bills\//);
    await billing.goBack();
    await billing.waitForURL(new RegExp(`/reports/ar-aging\\?from=${TWO_MONTHS_AGO}&to=${TODAY}$`));
    await ready(billing);
    expect(await stat(billing, 'Open A/R')).toContain(money(facts.openBillTotal));
    // As of yesterday, the bill did not exist yet: nothing owed. The URL says so.
    const yesterday = shiftDay(TODAY, -1);
    const to = billing.getByRole('textbox', { name: 'To' });
    await to.fill(dayLabel(yesterday));
    await billing.keyboard.press('Escape');
    await billing.waitForURL(new RegExp(`to=${yesterday}`));
    await billing
      .getByText(/Nothing owed as of/)
      .first()
      .waitFor();
    expect(await stat(billing, 'Open A/R')).toContain('$0.00');
  });
});

describe('quotes', () => {
  it('shows the quotes issued by procedure, one accepted and one open', async () => {
    await coordinator.goto(`${server.baseUrl}/reports/quotes`);
    await ready(coordinator);
    const cells = await rowCells(coordinator, 'rows', '19325');
    // Four quotes issued today: three accepted (their plans approved), one still open.
    const cents = facts.acceptedQuoteTotals.map((t) => Math.round(Number(t) * 100));
    const sum = cents.reduce((a, b) => a + b, 0);
    const average = Math.round(sum / 3);
    // Issued, accepted, expired, superseded, open, acceptance, accepted value, average.
    expect(cells.slice(1)).toEqual([
      '4',
      '3',
      '0',
      '0',
      '1',
      '75.0%',
      money((sum / 100).toFixed(2)),
      money((average / 100).toFixed(2)),
    ]);
    await look(coordinator, 'quotes');
  });
});

describe('implants', () => {
  it('shows the units used, the stock left and the recalled lot with the patients to contact', async () => {
    await coordinator.goto(`${server.baseUrl}/reports/implants`);
    await ready(coordinator);
    const used = await rowCells(coordinator, 'rows', 'BATCH-2026-001');
    expect(used.at(-1)).toBe('2');
    const stock = await rowCells(coordinator, 'stock', 'Silicone breast implant 300cc round');
    // Three received, two used.
    expect(stock.slice(1)).toEqual(['1', '0', money(facts.unitPrice), money(facts.unitPrice)]);
    const toContact = coordinator.getByTestId('table-recall-patients');
    await toContact
      .getByText('Report Paid')
      .or(toContact.getByText('Paid, Report'))
      .first()
      .waitFor();
    expect(await toContact.locator('tbody tr').count()).toBe(2);
    const csv = await downloadCsv(coordinator, 'Patients to contact');
    expect(csv.name).toBe(`implants-recall-patients-${TWO_MONTHS_AGO}-to-${TODAY}.csv`);
    expect(csv.lines[0]).toBe('recallId,lotNumber,itemName,patientId,name,mrn,serialNumbers');
    await look(coordinator, 'implants');
  });
});
