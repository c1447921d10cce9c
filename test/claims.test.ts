import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { X12Parser } from 'node-x12';
import type { X12Interchange, X12Transaction } from 'node-x12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { Money } from '../src/common/money';
import { countRows, Given, type ClinicWithStaff } from './support/given';
import { SURGEON_NPI } from './support/given-billing';
import {
  claimOf,
  givenInsuredBill,
  givenSubmittedClaim,
  PAYER,
  PRIOR_AUTH_NUMBER,
  submit,
} from './support/given-claims';
import { billOfCompletedCase, expectStatus } from './support/given-theater';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Claims Clinic');
}, 120_000);
afterAll(() => t.close());

const billing = () => clinic.as('BILLING');

/** node-x12's strict reader: it throws on any envelope count or control number that is off. */
function readBack(x12: string): X12Interchange {
  const parsed = new X12Parser(true).parse(x12);
  if (!('functionalGroups' in parsed)) throw new Error('one interchange expected');
  return parsed;
}

function transactionsOf(x12: string): X12Transaction[] {
  return readBack(x12).functionalGroups.flatMap((g) => g.transactions);
}

function elementsOf(transaction: X12Transaction, tag: string): string[][] {
  return transaction.segments
    .filter((s) => s.tag === tag)
    .map((s) => s.elements.map((e) => e.value));
}

/** The 837P as `GET /claims/submissions/:id/837p` serves it. */
async function downloaded837p(of: ClinicWithStaff, submissionId: string): Promise<string> {
  const res = await of.as('BILLING').get(`/claims/submissions/${submissionId}/837p`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return res.text;
}

async function claimRead(id: string, of: ClinicWithStaff = clinic): Promise<any> {
  return expectStatus('claim', await of.as('BILLING').get(`/claims/${id}`), 200);
}

/** A claim of a new insured case, moved on by `POST /claims/:id/<step>` for each step given. */
async function claimThrough(...steps: ('submit' | 'accept' | 'reject')[]): Promise<any> {
  const { bill } = await givenInsuredBill(clinic);
  let claim = await claimOf(clinic, bill.id);
  for (const step of steps) {
    if (step === 'submit') await submit(clinic, [claim.id]);
    else
      expectStatus(
        step,
        await billing().post(`/claims/${claim.id}/${step}`, step === 'reject' ? reason : {}),
        200,
      );
    claim = await claimRead(claim.id);
  }
  return claim;
}

const reason = { reason: 'Clearinghouse 277CA: subscriber not found' };

describe('POST /claims: the seed cases become claims whose 837P reads back to the same numbers', () => {
  it('claims the reconstructive case (19357, tissue expander, prior authorization) and the HYBRID one', async () => {
    const recon = await givenInsuredBill(clinic, { kind: 'RECONSTRUCTIVE' });
    const hybrid = await givenInsuredBill(clinic, { kind: 'HYBRID' });

    const res = await billing().post('/claims', { billId: recon.bill.id });
    expect(res.status, res.text).toBe(201);
    const claim = res.body;
    expect(claim).toMatchObject({
      status: 'DRAFT',
      frequency: '1',
      billId: recon.bill.id,
      patientId: recon.bill.patientId,
      payer: { name: PAYER.name, payerId: PAYER.payerId },
      totalCharge: '5450.00',
      paid: '0.00',
      placeOfService: '24',
      priorAuthorizationNumber: PRIOR_AUTH_NUMBER,
      diagnosisCodes: ['C50911', 'Z9011'],
      relationship: '18',
      renderingProvider: { npi: SURGEON_NPI, taxonomy: '208200000X' },
      submittedAt: null,
      daysSinceSubmission: null,
      version: 1,
    });
    expect(claim.claimNumber).toMatch(/^CLM-\d{4}-\d{6}$/);
    const serial = recon.serials[0];
    expect(serial).toBeDefined();
    expect(
      claim.lines.map((l: any) => [
        l.procedureCode,
        l.charge,
        l.units,
        l.diagnosisPointers,
        l.note,
      ]),
    ).toEqual([
      ['19357', '4800.00', 1, [1, 2], null],
      ['L8600', '650.00', 1, [1, 2], `SN ${serial}`],
    ]);
    // The bill's FACILITY line (900.00, INSURANCE) is left out and named.
    const facility = recon.bill.lineItems.find((l: any) => l.kind === 'FACILITY');
    expect(claim.excludedLines).toEqual([
      { billLineNumber: facility.lineNumber, reason: expect.stringContaining('837I') },
    ]);
    expect(claim.history).toMatchObject([{ event: 'create', fromStatus: null, toStatus: 'DRAFT' }]);

    const hybridClaim = await claimOf(clinic, hybrid.bill.id);
    // Only the insured panniculectomy: 15847 is the patient's, the facility fee an 837I's.
    expect(hybridClaim.lines.map((l: any) => [l.procedureCode, l.charge])).toEqual([
      ['15830', '3000.00'],
    ]);
    expect(hybridClaim.totalCharge).toBe('3000.00');
    expect(hybridClaim.diagnosisCodes).toEqual(['E6601', 'L987']);

    const sent = await submit(clinic, [claim.id, hybridClaim.id]);
    expect(sent).toMatchObject({ claimIds: [claim.id, hybridClaim.id] });
    const x12 = await downloaded837p(clinic, sent.id);
    expect(x12).toBe(sent.x12);
    expect(x12.split('*')[13]).toBe(String(sent.interchangeControlNumber).padStart(9, '0'));

    const [reconTx, hybridTx] = transactionsOf(x12);
    if (!reconTx || !hybridTx) throw new Error('two transactions expected');
    const numbersOf = (tx: X12Transaction) => {
      const [clm] = elementsOf(tx, 'CLM');
      const sv1 = elementsOf(tx, 'SV1');
      return {
        clm01: clm?.[0],
        clm02: Money.fromDecimal(clm?.[1] ?? '').toDecimal(),
        clm05: clm?.[4],
        sv1: sv1.map((e) => [e[0], Money.fromDecimal(e[1] ?? '').toDecimal(), e[3], e[6]]),
        lineSum: Money.sum(sv1.map((e) => Money.fromDecimal(e[1] ?? ''))).toDecimal(),
        hi: elementsOf(tx, 'HI'),
        refs: elementsOf(tx, 'REF').filter((r) => r[0] !== 'EI'),
        notes: elementsOf(tx, 'NTE'),
      };
    };
    expect(numbersOf(reconTx)).toEqual({
      clm01: claim.claimNumber,
      clm02: '5450.00',
      clm05: '24:B:1',
      sv1: [
        ['HC:19357', '4800.00', '1', '1:2'],
        ['HC:L8600', '650.00', '1', '1:2'],
      ],
      lineSum: '5450.00',
      hi: [['ABK:C50911', 'ABF:Z9011']],
      refs: [['G1', PRIOR_AUTH_NUMBER]],
      notes: [['ADD', `SN ${serial}`]],
    });
    expect(numbersOf(hybridTx)).toEqual({
      clm01: hybridClaim.claimNumber,
      clm02: '3000.00',
      clm05: '24:B:1',
      sv1: [['HC:15830', '3000.00', '1', '1:2']],
      lineSum: '3000.00',
      hi: [['ABK:E6601', 'ABF:L987']],
      refs: [['G1', PRIOR_AUTH_NUMBER]],
      notes: [],
    });
    // The rendering surgeon and the payer, by their ids.
    expect(elementsOf(reconTx, 'NM1').map((e) => [e[0], e.at(-1)])).toEqual(
      expect.arrayContaining([
        ['PR', PAYER.payerId],
        ['82', SURGEON_NPI],
      ]),
    );

    const after = await claimRead(claim.id);
    expect(after).toMatchObject({ status: 'SUBMITTED', daysSinceSubmission: 0, version: 2 });
    expect(after.submissions).toEqual([
      {
        id: sent.id,
        interchangeControlNumber: sent.interchangeControlNumber,
        createdAt: sent.createdAt,
      },
    ]);
    expect(after.history.map((h: any) => [h.event, h.toStatus, h.submissionId])).toEqual([
      ['create', 'DRAFT', null],
      ['submit', 'SUBMITTED', sent.id],
    ]);
    expect(after.remittances).toEqual([]);
    expect(after.excludedLines).toEqual(claim.excludedLines);
  });

  it('refuses a bill missing what the 837P needs with 422 naming every field at once, creating nothing', async () => {
    const bare = await given.clinicWithStaff('Bare Claims Clinic');
    const { bill } = await givenInsuredBill(bare, { setUp: false, insured: false, address: false });
    const res = await bare.as('BILLING').post('/claims', { billId: bill.id });
    expect(res.status, res.text).toBe(422);
    expect(res.body.code).toBe('CLAIM_DATA_MISSING');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'billingProfile',
      'insurance',
      'patient.address',
      'renderingProvider.npi',
    ]);
    for (const table of ['claims', 'claim_lines', 'claim_events'] as const)
      expect(await countRows(t, table, bare.clinicId)).toBe(0);
    // The claim number was not used up either: the first claim made is number 1.
  });

  it('answers 409 NO_INSURED_LINES for a cosmetic bill, 404 for an unknown one', async () => {
    const billId = await billOfCompletedCase(clinic, 40);
    const res = await billing().post('/claims', { billId });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NO_INSURED_LINES');
    const unknown = await billing().post('/claims', { billId: randomUUID() });
    expect(unknown.status).toBe(404);
    expect(await countRows(t, 'claims', clinic.clinicId, sql`bill_id = ${billId}`)).toBe(0);
  });

  it('keeps one open claim per bill: 409 CLAIM_ALREADY_OPEN, also for two made at once', async () => {
    const { bill } = await givenInsuredBill(clinic);
    const both = await Promise.all([
      billing().post('/claims', { billId: bill.id }),
      billing().post('/claims', { billId: bill.id }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409);
    expect(refused?.body.code).toBe('CLAIM_ALREADY_OPEN');
    const again = await billing().post('/claims', { billId: bill.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CLAIM_ALREADY_OPEN');
    expect(await countRows(t, 'claims', clinic.clinicId, sql`bill_id = ${bill.id}`)).toBe(1);
  });

  it('lets BILLING and ADMIN make claims, and no other role', async () => {
    const { bill } = await givenInsuredBill(clinic);
    for (const role of ['NURSE', 'SURGEON', 'COORDINATOR'] as const)
      expect((await clinic.as(role).post('/claims', { billId: bill.id })).status).toBe(403);
    expect((await clinic.as('ADMIN').post('/claims', { billId: bill.id })).status).toBe(201);
  });
});

describe('statuses (ClaimLifecycle)', () => {
  it('goes SUBMITTED → ACCEPTED → REJECTED → VOID, each in the history, at the If-Match version', async () => {
    const claim = await claimThrough('submit');
    const stale = await billing().post(`/claims/${claim.id}/accept`, {}, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const accepted = await billing().post(
      `/claims/${claim.id}/accept`,
      {},
      { 'if-match': `"${claim.version}"` },
    );
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', version: claim.version + 1 });
    const rejected = await billing().post(`/claims/${claim.id}/reject`, reason);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', statusReason: reason.reason });
    const voided = await billing().post(`/claims/${claim.id}/void`, { reason: 'Billed in error' });
    expect(voided.body).toMatchObject({ status: 'VOID', statusReason: 'Billed in error' });
    expect(voided.body.history.map((h: any) => [h.event, h.fromStatus, h.toStatus])).toEqual([
      ['create', null, 'DRAFT'],
      ['submit', 'DRAFT', 'SUBMITTED'],
      ['accept', 'SUBMITTED', 'ACCEPTED'],
      ['reject', 'ACCEPTED', 'REJECTED'],
      ['void', 'REJECTED', 'VOID'],
    ]);
    // A VOID claim is not open: the bill can be claimed again.
    expect((await billing().post('/claims', { billId: claim.billId })).status).toBe(201);
  });

  it('refuses moves the table does not allow with 409, changing nothing', async () => {
    const draft = await claimThrough();
    for (const step of ['accept', 'reject'] as const) {
      const res = await billing().post(
        `/claims/${draft.id}/${step}`,
        step === 'reject' ? reason : {},
      );
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'INVALID_STATE_TRANSITION', currentStatus: 'DRAFT' });
    }
    const corrected = await billing().post(`/claims/${draft.id}/corrections`, {
      frequency: '7',
      payerClaimControlNumber: 'PCN-1',
    });
    expect(corrected.status).toBe(409);

    const accepted = await claimThrough('submit', 'accept');
    const voided = await billing().post(`/claims/${accepted.id}/void`, reason);
    expect(voided.status).toBe(409);
    expect((await claimRead(accepted.id)).version).toBe(accepted.version);
    expect((await claimRead(draft.id)).version).toBe(draft.version);
  });

  it('never puts a SUBMITTED claim in a second submission', async () => {
    const submitted = await claimThrough('submit');
    const draft = await claimThrough();
    const before = await countRows(t, 'claim_submissions', clinic.clinicId);
    const res = await billing().post('/claims/submissions', {
      claimIds: [draft.id, submitted.id],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      currentStatus: 'SUBMITTED',
    });
    expect(res.body.detail).toContain(submitted.claimNumber);
    expect(await countRows(t, 'claim_submissions', clinic.clinicId)).toBe(before);
    expect((await claimRead(draft.id)).status).toBe('DRAFT');
    const unknown = await billing().post('/claims/submissions', { claimIds: [randomUUID()] });
    expect(unknown.status).toBe(404);
    const twice = await billing().post('/claims/submissions', { claimIds: [draft.id, draft.id] });
    expect(twice.status).toBe(400);
  });
});

describe('corrections', () => {
  it("replaces an accepted claim (7) with REF*F8 the payer's claim number, voiding the original", async () => {
    const original = await claimThrough('submit', 'accept');
    const url = `/claims/${original.id}/corrections`;
    const without = await billing().post(url, { frequency: '7' });
    expect(without.status).toBe(422);
    expect(without.body.errors).toEqual([
      { path: 'payerClaimControlNumber', message: expect.any(String) },
    ]);
    expect((await claimRead(original.id)).status).toBe('ACCEPTED');

    const res = await billing().post(url, { frequency: '7', payerClaimControlNumber: 'PCN-7001' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'DRAFT',
      frequency: '7',
      originalClaimId: original.id,
      billId: original.billId,
      totalCharge: original.totalCharge,
    });
    expect(res.body.claimNumber).not.toBe(original.claimNumber);
    expect(await claimRead(original.id)).toMatchObject({
      status: 'VOID',
      payerClaimControlNumber: 'PCN-7001',
    });

    const sent = await submit(clinic, [res.body.id]);
    const [tx] = transactionsOf(await downloaded837p(clinic, sent.id));
    if (!tx) throw new Error('no transaction');
    expect(elementsOf(tx, 'CLM')[0]?.[4]).toBe('24:B:7');
    expect(elementsOf(tx, 'REF').filter((r) => r[0] !== 'EI')).toEqual([
      ['G1', PRIOR_AUTH_NUMBER],
      ['F8', 'PCN-7001'],
    ]);
  });

  it('voids an accepted claim at the payer (8) with the same lines', async () => {
    const original = await claimThrough('submit', 'accept');
    const res = await billing().post(`/claims/${original.id}/corrections`, {
      frequency: '8',
      payerClaimControlNumber: 'PCN-8001',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      frequency: '8',
      status: 'DRAFT',
      originalClaimId: original.id,
    });
    expect(res.body.lines.map((l: any) => [l.procedureCode, l.charge, l.note])).toEqual(
      original.lines.map((l: any) => [l.procedureCode, l.charge, l.note]),
    );
    const sent = await submit(clinic, [res.body.id]);
    const [tx] = transactionsOf(sent.x12);
    if (!tx) throw new Error('no transaction');
    expect(elementsOf(tx, 'CLM')[0]?.[4]).toBe('24:B:8');
    expect(elementsOf(tx, 'REF').find((r) => r[0] === 'F8')).toEqual(['F8', 'PCN-8001']);
    expect((await claimRead(original.id)).history.at(-1)).toMatchObject({
      event: 'cancel',
      toStatus: 'VOID',
    });
  });
});

describe('reading claims', () => {
  it('lists claims newest first with names, totals and aging, by status, payer, patient and bill', async () => {
    const own = await given.clinicWithStaff('Claims List Clinic');
    const first = await givenSubmittedClaim(t, { clinic: own });
    const { bill } = await givenInsuredBill(own, { kind: 'HYBRID' });
    const second = await claimOf(own, bill.id);
    const list = async (query = '') =>
      expectStatus('list', await own.as('BILLING').get(`/claims${query}`), 200);

    const all = await list();
    expect(all.data.map((c: any) => c.id)).toEqual([second.id, first.claim.id]);
    expect(all.data[1]).toMatchObject({
      status: 'SUBMITTED',
      patientName: `${first.claim.subscriber.name.first} ${first.claim.subscriber.name.last}`,
      payer: { name: PAYER.name },
      totalCharge: '5450.00',
      paid: '0.00',
      daysSinceSubmission: 0,
    });
    expect((await list('?status=DRAFT')).data.map((c: any) => c.id)).toEqual([second.id]);
    expect((await list(`?billId=${bill.id}`)).data.map((c: any) => c.id)).toEqual([second.id]);
    expect((await list(`?patientId=${first.claim.patientId}`)).data.map((c: any) => c.id)).toEqual([
      first.claim.id,
    ]);
    expect((await list(`?payerId=${first.claim.payer.id}`)).data).toHaveLength(2);
    expect((await list(`?payerId=${randomUUID()}`)).data).toEqual([]);
    const page = await list('?limit=1');
    expect(page.data).toHaveLength(1);
    expect((await list(`?limit=1&cursor=${page.nextCursor}`)).data[0].id).toBe(first.claim.id);

    const submissions = expectStatus(
      'submissions',
      await own.as('BILLING').get('/claims/submissions'),
      200,
    );
    expect(submissions.data).toEqual([
      {
        id: first.submission.id,
        interchangeControlNumber: 1,
        groupControlNumber: 1,
        claimIds: [first.claim.id],
        submittedById: own.staff.BILLING.id,
        createdAt: first.submission.createdAt,
      },
    ]);
    expect(
      expectStatus(
        'one',
        await own.as('BILLING').get(`/claims/submissions/${first.submission.id}`),
        200,
      ),
    ).toEqual(first.submission);
    expect((await own.as('NURSE').get('/claims')).status).toBe(403);
    expect((await own.as('COORDINATOR').get(`/claims/${first.claim.id}`)).status).toBe(403);
  });

  it('audits every read of a claim and of an 837P', async () => {
    const { claim, submission, clinic: own } = await givenSubmittedClaim(t, { clinic });
    await own.as('BILLING').get(`/claims/${claim.id}`);
    await own.as('BILLING').get(`/claims/submissions/${submission.id}/837p`);
    const result = await t.app.get(TransactionRunner).db.execute(sql`
      SELECT action FROM audit_events
      WHERE clinic_id = ${own.clinicId} AND entity_id IN (${claim.id}, ${submission.id})
      ORDER BY id`);
    const actions = z
      .object({ rows: z.array(z.object({ action: z.string() })) })
      .parse(result)
      .rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'claim.create',
        'claim.submit',
        'claim.read',
        'claim-submission.read',
      ]),
    );
  });
});

describe('control numbers under concurrency', () => {
  it('sends a claim in one of two submissions made at once, never both', async () => {
    const draft = await claimThrough();
    const both = await Promise.all(
      [0, 1].map(() => billing().post('/claims/submissions', { claimIds: [draft.id] })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await claimRead(draft.id)).submissions).toHaveLength(1);
  });

  it(`gives 6 submissions sent at once distinct, gap-free, increasing ISA13 and GS06 (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, async () => {
    const own = await given.clinicWithStaff('Concurrent Claims Clinic');
    const drafts: any[] = [];
    for (let i = 0; i < 6; i++) {
      const { bill } = await givenInsuredBill(own, {
        kind: i % 2 === 0 ? 'RECONSTRUCTIVE' : 'HYBRID',
      });
      drafts.push(await claimOf(own, bill.id));
    }
    const answers = await Promise.all(
      drafts.map((c) => own.as('BILLING').post('/claims/submissions', { claimIds: [c.id] })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const sent = answers.map((r) => r.body);
    const isa = sent.map((s) => s.interchangeControlNumber).sort((a, b) => a - b);
    const gs = sent.map((s) => s.groupControlNumber).sort((a, b) => a - b);
    expect(isa).toEqual([1, 2, 3, 4, 5, 6]);
    expect(gs).toEqual([1, 2, 3, 4, 5, 6]);
    // Each takes its ISA13 and GS06 under the same lock: the pair is the same number, and the
    // files say what the answers say.
    for (const s of sent) {
      expect(s.groupControlNumber).toBe(s.interchangeControlNumber);
      const interchange = readBack(s.x12);
      expect(Number(interchange.header.valueOf(13))).toBe(s.interchangeControlNumber);
      expect(Number(interchange.functionalGroups[0]?.header.valueOf(6))).toBe(s.groupControlNumber);
    }
  }, 120_000);
});
