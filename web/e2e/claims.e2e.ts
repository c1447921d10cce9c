import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remittance835 } from '../../test/support/x12-835';
import { expectAccessible, expectFitsTablet, launchBrowser, screenshot, signIn } from './browser';
import { ROOM, seedWorkflow, setUpClinic, startE2eServer, STAFF, type E2eServer } from './clinic';

/**
 * Issue 17 §4: billing's whole insured loop in the browser. Set-up through the API (billing
 * profile, payer, surgeon NPI, an insured reconstructive case completed into a bill); then, on
 * screen: create the claim from the bills list, submit it, download the 837P, paste an 835 that
 * pays part and leaves coinsurance to the patient, preview it, post it, and read the bill: the
 * insurer's payment (with its TRN and claim) and the PR moved to the patient.
 */
let server: E2eServer;
let browser: Browser;
let page: Page;
let billId: string;
let billNumber: string;
let serial: string;
let claimNumber: string;
let claimId: string;
/** The 835 posted: posting it again changes nothing. */
let posted835: string;
/** A bill whose patient has no insurance on file: its claim is refused. */
let uninsured: { id: string; billNumber: string };

const TRACE = 'EFT-20261220-0001';

/** An instant `days` from now at `hour`:00 UTC. */
function at(days: number, hour: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}
const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);

interface Listed<T> {
  data: T[];
}

interface ClaimsSetUp {
  surgeon: { id: string };
  room: { id: string };
  payer: { id: string };
  expander: { id: string };
}

/** The claim set-up of docs/claims.md: billing profile, clinic phone, surgeon NPI, payer, fees, expanders. */
async function claimsSetUp(): Promise<ClaimsSetUp> {
  const users = await server.api<Listed<{ id: string; role: string }>>('GET', '/users?limit=100');
  const rooms = await server.api<Listed<{ id: string; name: string }>>('GET', '/operating-rooms');
  const surgeon = users.data.find((u) => u.role === 'SURGEON');
  const room = rooms.data.find((r) => r.name === ROOM);
  if (surgeon === undefined || room === undefined) throw new Error('setUpClinic adds both');
  await server.api('PUT', '/clinic/billing-profile', {
    legalName: 'Contour Plastic Surgery PLLC',
    npi: '1234567893',
    taxId: '12-3456789',
    taxonomyCode: '208200000X',
    address: { line1: '100 Main Street', city: 'New York', state: 'NY', postalCode: '10001-2345' },
    submitterId: 'CONTOUR01',
    receiverId: 'CLEARHOUSE',
    defaultPlaceOfService: '24',
  });
  await server.api('PATCH', '/clinic', { phone: '+1 (206) 555-0142' });
  await server.api('PATCH', `/users/${surgeon.id}`, {
    npi: '1679576722',
    taxonomyCode: '208200000X',
  });
  const payer = await server.api<{ id: string }>('POST', '/payers', {
    name: 'Northwind Health',
    payerId: 'NWH01',
  });
  await server.api('PUT', '/fee-schedule/19357', {
    description: 'Breast reconstruction with tissue expander',
    surgeonFee: '4800.00',
  });
  const expander = await server.api<{ id: string }>('POST', '/inventory/items', {
    code: 'tissue-expander-400cc',
    name: 'Tissue expander 400cc',
    category: 'IMPLANT',
    size: '400cc',
    unitPrice: '650.00',
    isBillable: true,
    requiresSerialNumber: true,
    hcpcsCode: 'L8600',
  });
  await server.api('POST', `/inventory/items/${expander.id}/batches`, {
    batchNumber: 'LOT-TE-2026',
    expiresAt: daysFromNow(365),
    serialNumbers: ['TE-400-0001', 'TE-400-0002'],
  });
  return { surgeon, room, payer, expander };
}

/**
 * A reconstructive case (19357 with a tissue expander, APPROVED prior authorization) completed into
 * a bill, its patient insured with the payer unless `insured` is false.
 */
async function completedBill(
  { surgeon, room, payer, expander }: ClaimsSetUp,
  { insured, lastName, day }: { insured: boolean; lastName: string; day: number },
): Promise<{ id: string; billNumber: string; serial: string }> {
  const run = await seedWorkflow(server, {
    patient: {
      create: {
        firstName: 'Aisha',
        lastName,
        dateOfBirth: '1976-12-05',
        sexAtBirth: 'FEMALE',
        address: { line1: '18 Cedar Lane', city: 'Seattle', state: 'WA', postalCode: '98115' },
      },
    },
    plan: {
      procedureName: 'Breast reconstruction with tissue expander',
      procedureType: 'RECONSTRUCTIVE',
      primaryCPTCode: '19357',
      cptCodes: ['19357'],
      diagnosisCodes: ['C50.911', 'Z90.11'],
    },
    implants: { inventoryItemId: expander.id, quantity: 1 },
    signerName: 'Aisha Rahman',
    onPlanCreated: async (plan) => {
      if (insured)
        await server.api('PUT', `/patients/${plan.patientId}/insurance`, {
          payerId: payer.id,
          memberId: 'NWH-778812',
          groupNumber: 'G-2210',
          subscriber: { relationship: '18' },
        });
      const pa = await server.api<{ id: string }>(
        'POST',
        `/procedure-plans/${plan.id}/prior-authorizations`,
        { payerName: 'Northwind Health', memberId: 'NWH-778812' },
      );
      await server.api('POST', `/prior-authorizations/${pa.id}/submit`, {});
      await server.api('POST', `/prior-authorizations/${pa.id}/decision`, {
        status: 'APPROVED',
        authorizationNumber: 'NWH-AUTH-558812',
        validFrom: daysFromNow(-1),
        validTo: daysFromNow(365),
      });
    },
    booking: () => ({
      operatingRoomId: room.id,
      surgeonId: surgeon.id,
      scheduledStart: at(day, 15),
      scheduledEnd: at(day, 17),
    }),
    until: 'COMPLETED',
  });
  const id: string = run.completed?.billId;
  const bill = await server.api<{ billNumber: string }>('GET', `/bills/${id}`);
  return { id, billNumber: bill.billNumber, serial: run.implantsAllocated?.serialNumbers[0] };
}

/** The screen at 1440 and at 1024 px (nothing wider than the window there), axe on it. */
async function look(name: string): Promise<void> {
  // Off the rows: a hovered row's shade is not what the screen is read on.
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => document.querySelector('.mantine-Loader-root') === null);
  await expectAccessible(page, name);
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectFitsTablet(page, name);
}

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  const setUp = await claimsSetUp();
  ({
    id: billId,
    billNumber,
    serial,
  } = await completedBill(setUp, {
    insured: true,
    lastName: 'Rahman',
    day: 3,
  }));
  uninsured = await completedBill(setUp, { insured: false, lastName: 'Okafor', day: 4 });
  browser = await launchBrowser();
  page = await signIn(browser, server.baseUrl, STAFF.billing.email, STAFF.billing.password);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('claims and remittances, by billing', () => {
  it('creates the claims of the bills picked: one made, one refused with where to fix it', async () => {
    await page.goto(`${server.baseUrl}/billing`);
    await page.getByRole('tab', { name: 'Claims' }).waitFor();
    await page.getByRole('checkbox', { name: `Select ${billNumber}` }).check();
    await page.getByRole('checkbox', { name: `Select ${uninsured.billNumber}` }).check();
    await look('claims-bills-selected');
    await page.getByRole('button', { name: 'Create claims for 2 bills' }).click();
    const results = page.getByRole('region', { name: '1 claim made, 1 bill refused' });
    await results.waitFor();
    const link = results.getByRole('link', { name: /^CLM-/ });
    claimNumber = (await link.textContent()) ?? '';
    expect(claimNumber).toMatch(/^CLM-\d{4}-\d+$/);
    const refusal = results.getByRole('alert');
    await refusal.getByText(`${uninsured.billNumber}: no claim made`).waitFor();
    await refusal.getByText(/no insurance on file/).waitFor();
    await refusal.getByRole('link', { name: "The patient's insurance for claims" }).waitFor();
    await look('claims-created');
  });

  it('submits it from the worklist and downloads the 837P', async () => {
    await page
      .getByRole('link', { name: 'Submit the new claims from the claims worklist' })
      .click();
    await page.getByRole('link', { name: claimNumber }).waitFor();
    await page.getByRole('checkbox', { name: `Select ${claimNumber}` }).check();
    await page.getByRole('button', { name: 'Submit 1 claim' }).click();
    await page.getByText(/Submitted in interchange \d+/).waitFor();
    await look('claims-submitted');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download 837P' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^837P-\d{9}\.txt$/);
    const x12 = readFileSync((await download.path()) ?? '', 'utf8');
    expect(x12.startsWith('ISA*')).toBe(true);
    expect(x12).toContain(`CLM*${claimNumber}*`);
    expect(x12).toContain('REF*G1*NWH-AUTH-558812');
    expect(x12).toContain(serial);
  });

  it("shows the claim's lines, diagnoses, serial and history", async () => {
    await page.goto(`${server.baseUrl}/billing/claims?status=SUBMITTED`);
    await page.getByRole('link', { name: claimNumber }).waitFor();
    await look('claims-worklist');
    await page.getByRole('link', { name: claimNumber }).click();
    await page.getByRole('heading', { name: `Claim ${claimNumber}` }).waitFor();
    claimId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const lines = page.getByRole('region', { name: 'Service lines' });
    await lines.getByText('19357').waitFor();
    await lines.getByText(serial).waitFor();
    await page.getByRole('region', { name: 'Diagnoses' }).getByText('C50911').waitFor();
    await page.getByRole('region', { name: 'History' }).getByText('DRAFT → SUBMITTED').waitFor();
    await look('claim-page');
  });

  it('previews an 835 (nothing posted), then posts it', async () => {
    const claim = await server.api<{
      totalCharge: string;
      lines: { procedureCode: string; modifiers: string[]; charge: string }[];
    }>('GET', `/claims/${claimId}`);
    const [surgery, ...supplies] = claim.lines;
    if (surgery === undefined) throw new Error('the claim has lines');
    const cents = (a: string) => Math.round(Number(a) * 100);
    const money = (c: number) => (c / 100).toFixed(2);
    // 19357: 1000.00 over the fee schedule (CO-45) and 500.00 coinsurance (PR-2); supplies paid.
    const surgeryPaid = money(cents(surgery.charge) - 150000);
    const paid = money(cents(claim.totalCharge) - 150000);
    const x12 = remittance835({
      trace: TRACE,
      claims: [
        {
          claimNumber,
          charge: claim.totalCharge,
          paid,
          services: [
            {
              code: surgery.procedureCode,
              modifiers: surgery.modifiers,
              charge: surgery.charge,
              paid: surgeryPaid,
              adjustments: [
                ['CO', '45', '1000.00'],
                ['PR', '2', '500.00'],
              ],
            },
            ...supplies.map((s) => ({
              code: s.procedureCode,
              modifiers: s.modifiers,
              charge: s.charge,
              paid: s.charge,
            })),
          ],
        },
      ],
    });

    posted835 = x12;
    await page.goto(`${server.baseUrl}/billing/remittances`);
    await page.getByRole('textbox', { name: '835 text' }).fill(x12);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('remittance-preview');
    await preview.getByText('Preview: nothing is posted yet').waitFor();
    await preview.getByRole('link', { name: claimNumber }).waitFor();
    await preview.getByText('PARTIALLY PAID').waitFor();
    await preview.getByText('CO-45').waitFor();
    await look('remittance-preview');
    // The preview changed nothing.
    expect((await server.api<{ status: string }>('GET', `/claims/${claimId}`)).status).toBe(
      'SUBMITTED',
    );

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const posted = page.getByTestId('remittance-posted');
    await posted
      .getByText('The payments and adjustments below are on the claims and bills.', {
        exact: false,
      })
      .waitFor();
    await look('remittance-posted');
    await posted.getByRole('link', { name: 'Open the remittance' }).click();
    await page.getByRole('heading', { name: `Remittance ${TRACE}` }).waitFor();
    await look('remittance-page');
  });

  it('refuses a cut-off 835 naming the segment, and posts the same 835 only once', async () => {
    await page.goto(`${server.baseUrl}/billing/remittances`);
    const box = page.getByRole('textbox', { name: '835 text' });
    // Cut off after the CLP's service lines: no SE, GE or IEA.
    await box.fill(posted835.split('SE*')[0] ?? '');
    await page.getByRole('button', { name: 'Preview' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'cannot be posted' });
    await refused.waitFor();
    await refused.getByRole('columnheader', { name: 'Segment' }).waitFor();
    expect(await refused.getByRole('row').count()).toBeGreaterThan(1);
    await look('remittance-refused');

    await box.fill(posted835);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('remittance-preview').getByText('Already posted').waitFor();
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByTestId('remittance-posted').getByText('Already posted').waitFor();
    const list = await server.api<{ data: unknown[] }>('GET', '/remittances');
    expect(list.data).toHaveLength(1);
  });

  it("shows on the bill the insurer's payment from the 835 and the coinsurance moved to the patient", async () => {
    const before = await server.api<{ patientTotal: string }>('GET', `/bills/${billId}`);
    await page.goto(`${server.baseUrl}/billing/bills/${billId}`);
    await page.getByRole('heading', { name: `Bill ${billNumber}` }).waitFor();
    const payments = page.getByRole('region', { name: 'Payments' });
    await payments
      .getByRole('link', { name: `835 TRN ${TRACE}` })
      .first()
      .waitFor();
    await payments.getByRole('link', { name: claimNumber }).first().waitFor();
    const adjustments = page.getByRole('region', { name: 'Insurance adjustments' });
    await adjustments.getByText('CO-45').waitFor();
    await adjustments.getByText('PR-2').waitFor();
    await expect
      .poll(() => page.getByTestId('bill-transferred-to-patient').textContent())
      .toContain('500.00');
    const patientBalance = await page.getByTestId('bill-patient-balance').textContent();
    const expected = (Number(before.patientTotal) + 500).toLocaleString('en-US', {
      minimumFractionDigits: 2,
    });
    expect(patientBalance).toContain(expected);
    await page
      .getByRole('region', { name: 'Insurance claims' })
      .getByText('PARTIALLY PAID')
      .waitFor();
    await look('bill-after-remittance');
  });
});
