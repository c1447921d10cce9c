import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustedClinicId } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import {
  insuredCodeCoverage,
  type AuthorizationOnFile,
} from '../src/modules/prior-authorization/services/insured-code-coverage';
import { PriorAuthorizationCoverage } from '../src/modules/prior-authorization/services/prior-authorization-coverage';
import type { ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { feeScheduleEntry } from './support/given-plans';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Prior Auth Clinic'),
    given.clinicWithStaff('Other Prior Auth Clinic'),
  ]);
  await Promise.all([
    feeScheduleEntry(clinic, '15830', { surgeonFee: '3000.00', facilityFee: '500.00' }),
    feeScheduleEntry(clinic, '15847', { surgeonFee: '1500.00' }),
    feeScheduleEntry(clinic, '19357', { surgeonFee: '5200.00', facilityFee: '900.00' }),
    feeScheduleEntry(clinic, '19325', { surgeonFee: '7000.00' }),
  ]);
});
afterAll(() => t.close());

const billing = () => clinic.as('BILLING');
const INSURANCE = { payerName: 'Blue Shield', memberId: 'BS-778812', groupNumber: 'G-100' };

/** Breast reconstruction: every code insured. */
const RECONSTRUCTIVE = {
  procedureName: 'Breast reconstruction with tissue expander',
  procedureType: 'RECONSTRUCTIVE',
  primaryCPTCode: '19357',
  cptCodes: ['19357', '15830'],
  diagnosisCodes: ['Z90.11'],
};
/** Panniculectomy (insured) with abdominoplasty (patient-paid). */
const HYBRID = {
  procedureName: 'Panniculectomy with abdominoplasty',
  procedureType: 'HYBRID',
  primaryCPTCode: '15830',
  cptCodes: ['15830', '15847'],
  insuranceCptCodes: ['15830'],
  diagnosisCodes: ['E66.01'],
};
const COSMETIC = {
  procedureName: 'Breast augmentation',
  procedureType: 'COSMETIC',
  primaryCPTCode: '19325',
  cptCodes: ['19325'],
};

async function planFor(
  c: ClinicWithStaff,
  fields: Record<string, unknown> = RECONSTRUCTIVE,
  patient: Record<string, unknown> = { insurance: INSURANCE },
): Promise<any> {
  const p = await given.patient(c, patient);
  const res = await c.as('COORDINATOR').post('/procedure-plans', { patientId: p.id, ...fields });
  if (res.status !== 201) throw new Error(`plan: ${res.status} ${res.text}`);
  return res.body;
}

async function requestFor(plan: { id: string }, body: unknown = {}): Promise<any> {
  const res = await billing().post(`/procedure-plans/${plan.id}/prior-authorizations`, body);
  if (res.status !== 201) throw new Error(`prior auth: ${res.status} ${res.text}`);
  return res.body;
}

async function submitted(plan: { id: string }, body: unknown = {}): Promise<any> {
  const draft = await requestFor(plan, body);
  const res = await billing().post(`/prior-authorizations/${draft.id}/submit`);
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
  return res.body;
}

const approval = {
  status: 'APPROVED',
  authorizationNumber: 'AUTH-5521',
  validFrom: '2030-03-01',
  validTo: '2030-05-31',
};

async function approved(plan: { id: string }, decision: Record<string, unknown> = {}) {
  const pa = await submitted(plan);
  const res = await billing().post(`/prior-authorizations/${pa.id}/decision`, {
    ...approval,
    ...decision,
  });
  if (res.status !== 200) throw new Error(`decision: ${res.status} ${res.text}`);
  return res.body;
}

function fieldPaths(res: ApiResponse): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path);
}

async function readBack(id: string, c: ClinicWithStaff = clinic): Promise<any> {
  const res = await c.as('COORDINATOR').get(`/prior-authorizations/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function authorizationsOfPlan(planId: string): Promise<any[]> {
  const res = await billing().get(`/prior-authorizations?procedurePlanId=${planId}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function auditOf(entityId: string): Promise<{ action: string; changedFields: string[] }[]> {
  const result = await t.app.get(TransactionRunner).db.execute(sql`
    SELECT action, changed_fields AS "changedFields" FROM audit_events
    WHERE entity_type = 'PriorAuthorization' AND entity_id = ${entityId} ORDER BY id`);
  return z
    .object({ rows: z.array(z.object({ action: z.string(), changedFields: z.array(z.string()) })) })
    .parse(result).rows;
}

describe('the coverage rule', () => {
  const reconstructive = {
    procedureType: 'RECONSTRUCTIVE' as const,
    cptCodes: ['19357', '15830-RT'],
    insuranceCptCodes: [],
  };
  const hybrid = {
    procedureType: 'HYBRID' as const,
    cptCodes: ['15830', '15847'],
    insuranceCptCodes: ['15830'],
  };
  const auth = (over: Partial<AuthorizationOnFile>): AuthorizationOnFile => ({
    referenceNumber: 'PA-2026-003',
    status: 'APPROVED',
    authorizationNumber: 'AUTH123',
    cptCodes: ['19357', '15830-RT'],
    approvedCptCodes: ['19357', '15830'],
    validFrom: '2026-12-01',
    validTo: '2026-12-31',
    ...over,
  });
  const today = '2026-11-15';

  it.each<
    [
      string,
      Parameters<typeof insuredCodeCoverage>[0],
      AuthorizationOnFile[],
      string | null,
      boolean,
      boolean,
      string,
    ]
  >([
    [
      'a cosmetic plan needs none',
      { procedureType: 'COSMETIC', cptCodes: ['19325'], insuranceCptCodes: [] },
      [],
      '2026-12-10',
      false,
      true,
      'A cosmetic plan needs no prior authorization',
    ],
    [
      'a hybrid plan with no insured code needs none',
      { ...hybrid, insuranceCptCodes: [] },
      [],
      '2026-12-10',
      false,
      true,
      'No code of this HYBRID plan is billed to insurance, so no prior authorization is needed',
    ],
    [
      'one approval covering every code on the surgery date (base codes compared)',
      reconstructive,
      [auth({})],
      '2026-12-10',
      true,
      true,
      'PA-2026-003 (AUTH123) covers 19357, 15830-RT on 2026-12-10',
    ],
    [
      'the window includes both of its ends',
      reconstructive,
      [auth({ validFrom: '2026-12-10', validTo: '2026-12-10' })],
      '2026-12-10',
      true,
      true,
      'PA-2026-003 (AUTH123) covers 19357, 15830-RT on 2026-12-10',
    ],
    [
      'two approvals sharing the codes out',
      reconstructive,
      [
        auth({ approvedCptCodes: ['19357'] }),
        auth({
          referenceNumber: 'PA-2026-004',
          authorizationNumber: 'AUTH456',
          approvedCptCodes: ['15830-RT'],
        }),
      ],
      '2026-12-10',
      true,
      true,
      'PA-2026-003 (AUTH123) covers 19357 on 2026-12-10; PA-2026-004 (AUTH456) covers 15830-RT on 2026-12-10',
    ],
    [
      'no approval at all, one request awaiting the payer',
      reconstructive,
      [
        auth({
          status: 'SUBMITTED',
          authorizationNumber: null,
          approvedCptCodes: [],
          validFrom: null,
          validTo: null,
        }),
      ],
      '2026-12-10',
      true,
      false,
      "No approved prior authorization covers 19357, 15830-RT on 2026-12-10; PA-2026-003 for 19357, 15830-RT is submitted, awaiting the payer's decision",
    ],
    [
      'a window that ends before the surgery',
      reconstructive,
      [auth({ validTo: '2026-12-05' })],
      '2026-12-10',
      true,
      false,
      'PA-2026-003 (AUTH123) for 19357, 15830-RT is valid 2026-12-01 to 2026-12-05; the surgery is on 2026-12-10',
    ],
    [
      'a window that starts after the surgery',
      hybrid,
      [auth({ validFrom: '2026-12-20' })],
      '2026-12-10',
      true,
      false,
      'PA-2026-003 (AUTH123) for 15830 is valid 2026-12-20 to 2026-12-31; the surgery is on 2026-12-10',
    ],
    [
      'a code the payer did not approve, and a denied request for it',
      reconstructive,
      [
        auth({ approvedCptCodes: ['19357'] }),
        auth({
          referenceNumber: 'PA-2026-005',
          status: 'DENIED',
          authorizationNumber: null,
          approvedCptCodes: [],
          validFrom: null,
          validTo: null,
        }),
      ],
      '2026-12-10',
      true,
      false,
      'No approved prior authorization covers 15830-RT on 2026-12-10; PA-2026-005 for 15830-RT was denied by the payer',
    ],
    [
      'a draft that was never sent',
      hybrid,
      [
        auth({
          status: 'DRAFT',
          authorizationNumber: null,
          approvedCptCodes: [],
          validFrom: null,
          validTo: null,
        }),
      ],
      '2026-12-10',
      true,
      false,
      'No approved prior authorization covers 15830 on 2026-12-10; PA-2026-003 for 15830 is a draft, not yet submitted to the payer',
    ],
    [
      'no surgery date yet: a window still open today will do',
      hybrid,
      [auth({ validFrom: '2026-11-01', validTo: today })],
      null,
      true,
      true,
      `PA-2026-003 (AUTH123) covers 15830, valid 2026-11-01 to ${today}`,
    ],
    [
      'no surgery date yet: a window that starts later will do',
      hybrid,
      [auth({})],
      null,
      true,
      true,
      'PA-2026-003 (AUTH123) covers 15830, valid 2026-12-01 to 2026-12-31',
    ],
    [
      'no surgery date yet: a window that has ended will not',
      hybrid,
      [auth({ validFrom: '2026-10-01', validTo: '2026-11-14' })],
      null,
      true,
      false,
      'PA-2026-003 (AUTH123) for 15830 expired on 2026-11-14',
    ],
    [
      'no surgery date and nothing approved',
      hybrid,
      [],
      null,
      true,
      false,
      'No approved prior authorization covers 15830',
    ],
  ])('%s', (_, plan, authorizations, surgeryDate, required, ok, detail) => {
    expect(insuredCodeCoverage(plan, authorizations, surgeryDate, today)).toEqual({
      required,
      ok,
      detail,
    });
  });
});

describe('POST /procedure-plans/:id/prior-authorizations', () => {
  it("creates a DRAFT for the plan's insured codes and the patient's insurance", async () => {
    const plan = await planFor(clinic);
    const res = await billing().post(`/procedure-plans/${plan.id}/prior-authorizations`, {});
    expect(res.status).toBe(201);
    const year = new Date().getUTCFullYear();
    expect(res.body.referenceNumber).toMatch(new RegExp(`^PA-${year}-\\d{3,}$`));
    expect(res.body).toMatchObject({
      procedurePlanId: plan.id,
      patientId: plan.patientId,
      payerName: 'Blue Shield',
      memberId: 'BS-778812',
      cptCodes: ['19357', '15830'],
      diagnosisCodes: ['Z90.11'],
      status: 'DRAFT',
      authorizationNumber: null,
      approvedCptCodes: [],
      validFrom: null,
      validTo: null,
      notes: null,
      createdById: clinic.staff.BILLING.id,
      submittedAt: null,
      decidedAt: null,
      cancelledAt: null,
      version: 1,
    });
    expect(res.headers.etag).toBe('"1"');
    expect(await readBack(res.body.id)).toEqual(res.body);
    const [created] = await auditOf(res.body.id);
    expect(created?.action).toBe('prior-authorization.create');
    expect(created?.changedFields).toContain('memberId');
  });

  it('numbers requests one after the other, per clinic and year', async () => {
    const plan = await planFor(clinic);
    const first = await requestFor(plan);
    const second = await requestFor(plan);
    const seq = (pa: any) => Number(pa.referenceNumber.split('-')[2]);
    expect(seq(second)).toBe(seq(first) + 1);
  });

  it('asks only for the insured codes of a HYBRID plan', async () => {
    const pa = await requestFor(await planFor(clinic, HYBRID), undefined);
    expect(pa.cptCodes).toEqual(['15830']);
    expect(pa.diagnosisCodes).toEqual(['E66.01']);
  });

  it('takes payer, member id and codes from the body over the defaults', async () => {
    const plan = await planFor(clinic);
    const pa = await requestFor(plan, {
      payerName: 'Aetna',
      memberId: 'AET-1',
      cptCodes: ['15830'],
      diagnosisCodes: ['n62'],
    });
    expect(pa).toMatchObject({
      payerName: 'Aetna',
      memberId: 'AET-1',
      cptCodes: ['15830'],
      diagnosisCodes: ['N62'],
    });
  });

  it('refuses a cosmetic plan with 409, saying it needs none, and creates nothing', async () => {
    const plan = await planFor(clinic, COSMETIC);
    const res = await billing().post(`/procedure-plans/${plan.id}/prior-authorizations`, {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_STATE_TRANSITION');
    expect(res.body.detail).toMatch(/cosmetic plan needs no prior authorization/i);
    expect(await authorizationsOfPlan(plan.id)).toEqual([]);
  });

  it('refuses a cancelled plan with 409', async () => {
    const plan = await planFor(clinic);
    const cancel = await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${plan.id}/cancel`, { reason: 'Patient moved away' });
    expect(cancel.status).toBe(200);
    const res = await billing().post(`/procedure-plans/${plan.id}/prior-authorizations`, {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_STATE_TRANSITION');
    expect(await authorizationsOfPlan(plan.id)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a code that is not in the plan', { cptCodes: ['15830', '19325'] }, 'cptCodes[1]'],
    ['a code listed twice', { cptCodes: ['15830', '15830'] }, 'cptCodes[1]'],
    ['no codes at all', { cptCodes: [] }, 'cptCodes'],
    ['a malformed CPT code', { cptCodes: ['1583'] }, 'cptCodes[0]'],
    ['a diagnosis header that is not billable', { diagnosisCodes: ['E66'] }, 'diagnosisCodes[0]'],
    ['an unknown diagnosis code', { diagnosisCodes: ['Z99.999'] }, 'diagnosisCodes[0]'],
    ['an unknown field', { priority: 'URGENT' }, 'priority'],
    ['an empty payer name', { payerName: ' ' }, 'payerName'],
  ])('refuses %s with a 400 naming the field, creating nothing', async (_, body, path) => {
    const plan = await planFor(clinic);
    const res = await billing().post(`/procedure-plans/${plan.id}/prior-authorizations`, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toContain(path);
    expect(await authorizationsOfPlan(plan.id)).toEqual([]);
  });

  it('names payer and member id when neither the body nor the patient has them', async () => {
    const plan = await planFor(clinic, RECONSTRUCTIVE, {});
    const url = `/procedure-plans/${plan.id}/prior-authorizations`;
    const res = await billing().post(url, {});
    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(['payerName', 'memberId']);
    expect(await authorizationsOfPlan(plan.id)).toEqual([]);

    const given = await billing().post(url, { payerName: 'Cigna', memberId: 'C-9' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ payerName: 'Cigna', memberId: 'C-9' });
  });

  it('lets COORDINATOR and ADMIN request, and refuses NURSE and SURGEON with 403', async () => {
    const plan = await planFor(clinic);
    const url = `/procedure-plans/${plan.id}/prior-authorizations`;
    for (const role of ['NURSE', 'SURGEON'] as const) {
      expect((await clinic.as(role).post(url, {})).status).toBe(403);
    }
    expect(await authorizationsOfPlan(plan.id)).toEqual([]);
    for (const role of ['COORDINATOR', 'ADMIN'] as const) {
      expect((await clinic.as(role).post(url, {})).status).toBe(201);
    }
  });

  it("answers 404 for another clinic's plan and for an unknown one", async () => {
    const theirs = await planFor(other);
    for (const id of [theirs.id, randomUUID()]) {
      const res = await billing().post(`/procedure-plans/${id}/prior-authorizations`, {});
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const list = await other
      .as('BILLING')
      .get(`/prior-authorizations?procedurePlanId=${theirs.id}`);
    expect(list.body.data).toEqual([]);
  });
});

describe('the payer workflow', () => {
  it('goes DRAFT → SUBMITTED → APPROVED, recording who and when, one version each', async () => {
    const plan = await planFor(clinic);
    const draft = await requestFor(plan);

    const sent = await clinic.as('COORDINATOR').post(`/prior-authorizations/${draft.id}/submit`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      status: 'SUBMITTED',
      submittedById: clinic.staff.COORDINATOR.id,
      version: 2,
    });
    expect(Date.parse(sent.body.submittedAt)).not.toBeNaN();
    expect(sent.headers.etag).toBe('"2"');

    const decided = await billing().post(`/prior-authorizations/${draft.id}/decision`, {
      ...approval,
      approvedCptCodes: ['19357'],
      notes: 'Approved by phone',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'APPROVED',
      authorizationNumber: 'AUTH-5521',
      approvedCptCodes: ['19357'],
      cptCodes: ['19357', '15830'],
      validFrom: '2030-03-01',
      validTo: '2030-05-31',
      notes: 'Approved by phone',
      decidedById: clinic.staff.BILLING.id,
      version: 3,
    });
    expect(await readBack(draft.id)).toEqual(decided.body);
    expect((await auditOf(draft.id)).map((e) => e.action)).toEqual([
      'prior-authorization.create',
      'prior-authorization.submit',
      'prior-authorization.approve',
      'prior-authorization.read',
    ]);
  });

  it('approves every requested code when the decision names none', async () => {
    const pa = await approved(await planFor(clinic));
    expect(pa.approvedCptCodes).toEqual(['19357', '15830']);
  });

  it('records a denial with its notes', async () => {
    const pa = await submitted(await planFor(clinic));
    const res = await billing().post(`/prior-authorizations/${pa.id}/decision`, {
      status: 'DENIED',
      notes: 'Not medically necessary per payer policy 4.2',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'DENIED',
      notes: 'Not medically necessary per payer policy 4.2',
      authorizationNumber: null,
      approvedCptCodes: [],
      validFrom: null,
      validTo: null,
      version: 3,
    });
    expect((await auditOf(pa.id)).at(-1)?.action).toBe('prior-authorization.deny');
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'an approval without number or window',
      { status: 'APPROVED' },
      ['authorizationNumber', 'validFrom', 'validTo'],
    ],
    ['a window that ends before it starts', { ...approval, validTo: '2030-02-28' }, ['validTo']],
    ['a date that does not exist', { ...approval, validTo: '2030-02-30' }, ['validTo']],
    [
      'approved codes that were not requested',
      { ...approval, approvedCptCodes: ['15847'] },
      ['approvedCptCodes[0]'],
    ],
    ['no approved codes', { ...approval, approvedCptCodes: [] }, ['approvedCptCodes']],
    [
      'a denial with an authorization number',
      { status: 'DENIED', authorizationNumber: 'X1' },
      ['authorizationNumber'],
    ],
    [
      'a denial with a window',
      { status: 'DENIED', validFrom: '2030-01-01', validTo: '2030-02-01' },
      ['validFrom', 'validTo'],
    ],
    ['a status that is not a decision', { ...approval, status: 'CANCELLED' }, ['status']],
    ['an unknown field', { ...approval, approvedBy: 'Dr. Payer' }, ['approvedBy']],
  ])('refuses %s with a 400, leaving the request SUBMITTED', async (_, body, paths) => {
    const pa = await submitted(await planFor(clinic));
    const res = await billing().post(`/prior-authorizations/${pa.id}/decision`, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(paths);
    expect(await readBack(pa.id)).toMatchObject({
      status: 'SUBMITTED',
      version: 2,
      decidedAt: null,
    });
  });

  it('refuses transitions the state does not allow with 409, changing nothing', async () => {
    const plan = await planFor(clinic);
    const draft = await requestFor(plan);
    const decideDraft = await billing().post(
      `/prior-authorizations/${draft.id}/decision`,
      approval,
    );
    expect(decideDraft.status).toBe(409);
    expect(decideDraft.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      currentStatus: 'DRAFT',
    });
    expect(await readBack(draft.id)).toMatchObject({ status: 'DRAFT', version: 1 });

    const done = await approved(plan);
    for (const [action, body] of [
      ['submit', undefined],
      ['decision', { status: 'DENIED' }],
    ] as const) {
      const res = await billing().post(`/prior-authorizations/${done.id}/${action}`, body);
      expect(res.status).toBe(409);
      expect(res.body.currentStatus).toBe('APPROVED');
    }
    expect(await readBack(done.id)).toEqual({ ...done });

    const denied = await submitted(plan);
    await billing().post(`/prior-authorizations/${denied.id}/decision`, { status: 'DENIED' });
    const cancelDenied = await billing().post(`/prior-authorizations/${denied.id}/cancel`, {
      reason: 'Appeal instead',
    });
    expect(cancelDenied.status).toBe(409);
    expect(await readBack(denied.id)).toMatchObject({ status: 'DENIED', cancelledAt: null });
  });

  it('cancels a DRAFT, a SUBMITTED or an APPROVED request, and nothing twice', async () => {
    const plan = await planFor(clinic);
    const requests = [await requestFor(plan), await submitted(plan), await approved(plan)];
    for (const pa of requests) {
      const res = await clinic
        .as('COORDINATOR')
        .post(`/prior-authorizations/${pa.id}/cancel`, { reason: 'Plan changed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'CANCELLED',
        cancelReason: 'Plan changed',
        version: pa.version + 1,
      });
      expect(Date.parse(res.body.cancelledAt)).not.toBeNaN();
    }
    const again = await billing().post(`/prior-authorizations/${requests[0].id}/cancel`, {
      reason: 'Twice',
    });
    expect(again.status).toBe(409);
    expect((await readBack(requests[0].id)).cancelReason).toBe('Plan changed');
  });

  it('requires a reason to cancel', async () => {
    const pa = await requestFor(await planFor(clinic));
    for (const body of [{}, { reason: '  ' }, undefined]) {
      const res = await billing().post(`/prior-authorizations/${pa.id}/cancel`, body);
      expect(res.status).toBe(400);
    }
    expect(await readBack(pa.id)).toMatchObject({ status: 'DRAFT', version: 1 });
  });

  it('refuses a submit body with fields, and honours If-Match', async () => {
    const pa = await requestFor(await planFor(clinic));
    const url = `/prior-authorizations/${pa.id}/submit`;
    const extra = await billing().post(url, { urgent: true });
    expect(extra.status).toBe(400);
    expect(fieldPaths(extra)).toEqual(['urgent']);
    const stale = await billing().post(url, {}, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 1 });
    expect(await readBack(pa.id)).toMatchObject({ status: 'DRAFT', version: 1 });
    const current = await billing().post(url, {}, { 'if-match': '"1"' });
    expect(current.status).toBe(200);
  });

  it("answers 404 for another clinic's request, on reads and on every transition", async () => {
    const theirs = await requestFor(await planFor(clinic));
    const them = other.as('BILLING');
    expect((await them.get(`/prior-authorizations/${theirs.id}`)).status).toBe(404);
    expect((await them.post(`/prior-authorizations/${theirs.id}/submit`)).status).toBe(404);
    expect((await them.post(`/prior-authorizations/${theirs.id}/decision`, approval)).status).toBe(
      404,
    );
    expect(
      (await them.post(`/prior-authorizations/${theirs.id}/cancel`, { reason: 'x' })).status,
    ).toBe(404);
    expect((await them.get(`/prior-authorizations/${randomUUID()}`)).status).toBe(404);
    expect(await readBack(theirs.id)).toMatchObject({ status: 'DRAFT', version: 1 });
  });

  it('lets only BILLING, COORDINATOR and ADMIN move a request', async () => {
    const pa = await requestFor(await planFor(clinic));
    for (const role of ['SURGEON', 'NURSE'] as const) {
      expect((await clinic.as(role).post(`/prior-authorizations/${pa.id}/submit`)).status).toBe(
        403,
      );
    }
    expect(await readBack(pa.id)).toMatchObject({ status: 'DRAFT' });
    expect((await clinic.as('ADMIN').post(`/prior-authorizations/${pa.id}/submit`)).status).toBe(
      200,
    );
  });
});

describe('GET /prior-authorizations', () => {
  it("lists a plan's requests newest first, a page at a time, and filters by status", async () => {
    const plan = await planFor(clinic);
    const first = await requestFor(plan);
    const second = await submitted(plan);
    const third = await requestFor(plan);
    await requestFor(await planFor(clinic)); // another plan's

    const url = `/prior-authorizations?procedurePlanId=${plan.id}`;
    const page1 = await billing().get(`${url}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.data.map((a: any) => a.id)).toEqual([third.id, second.id]);
    const page2 = await billing().get(`${url}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data.map((a: any) => a.id)).toEqual([first.id]);
    expect(page2.body.nextCursor).toBeNull();

    const drafts = await billing().get(`${url}&status=DRAFT`);
    expect(drafts.body.data.map((a: any) => a.id)).toEqual([third.id, first.id]);
    expect((await auditOf(first.id)).map((e) => e.action)).toContain('prior-authorization.list');
  });

  it('lets the SURGEON read, and refuses NURSE with 403', async () => {
    const plan = await planFor(clinic);
    const pa = await requestFor(plan);
    const surgeon = clinic.as('SURGEON');
    expect((await surgeon.get(`/prior-authorizations/${pa.id}`)).body.id).toBe(pa.id);
    expect((await surgeon.get(`/prior-authorizations?procedurePlanId=${plan.id}`)).status).toBe(
      200,
    );
    expect((await clinic.as('NURSE').get(`/prior-authorizations/${pa.id}`)).status).toBe(403);
    expect((await clinic.as('NURSE').get('/prior-authorizations')).status).toBe(403);
  });

  it('refuses an unknown query parameter or status', async () => {
    expect((await billing().get('/prior-authorizations?patientId=x')).status).toBe(400);
    expect((await billing().get('/prior-authorizations?status=PENDING')).status).toBe(400);
  });
});

describe('PriorAuthorizationCoverage, as the theater module asks it', () => {
  const check = (c: ClinicWithStaff, plan: any, surgeryDate: string | null, today = '2030-01-15') =>
    t.app
      .get(TransactionRunner)
      .run((db) =>
        t.app
          .get(PriorAuthorizationCoverage)
          .checkFor(db, trustedClinicId(c.clinicId), plan, surgeryDate, today),
      );

  it('is met by an approval whose window holds the surgery date, and only then', async () => {
    const plan = await planFor(clinic, HYBRID);
    expect(await check(clinic, plan, '2030-04-01')).toEqual({
      required: true,
      ok: false,
      detail: 'No approved prior authorization covers 15830 on 2030-04-01',
    });
    const pa = await approved(plan);
    expect(await check(clinic, plan, '2030-04-01')).toEqual({
      required: true,
      ok: true,
      detail: `${pa.referenceNumber} (AUTH-5521) covers 15830 on 2030-04-01`,
    });
    expect((await check(clinic, plan, '2030-06-10')).detail).toBe(
      `${pa.referenceNumber} (AUTH-5521) for 15830 is valid 2030-03-01 to 2030-05-31; the surgery is on 2030-06-10`,
    );
    expect((await check(clinic, plan, null)).ok).toBe(true);
    expect((await check(other, plan, '2030-04-01')).ok).toBe(false);

    await billing().post(`/prior-authorizations/${pa.id}/cancel`, { reason: 'Wrong payer' });
    expect((await check(clinic, plan, '2030-04-01')).ok).toBe(false);
  });

  it('needs nothing for a cosmetic plan', async () => {
    const plan = await planFor(clinic, COSMETIC);
    expect(await check(clinic, plan, '2030-04-01')).toEqual({
      required: false,
      ok: true,
      detail: 'A cosmetic plan needs no prior authorization',
    });
  });
});
