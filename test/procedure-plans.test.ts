import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import { Given, type ClinicWithStaff } from './support/given';
import {
  breastAugmentationPlan,
  feeScheduleEntry,
  seedBreastAugmentationCatalog,
} from './support/given-plans';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let otherClinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Plans Clinic');
  otherClinic = await given.clinicWithStaff('Other Plans Clinic');
  await seedBreastAugmentationCatalog(clinic);
  await feeScheduleEntry(clinic, '15830', {
    surgeonFee: '3000.00',
    facilityFee: '500.00',
    anesthesiaFee: '800.00',
  });
  await feeScheduleEntry(clinic, '15847', { surgeonFee: '1500.00' });
  await feeScheduleEntry(clinic, '19357', { surgeonFee: '5200.00', facilityFee: '900.00' });
});
afterAll(() => t.close());

const coordinator = () => clinic.as('COORDINATOR');
const nurse = () => clinic.as('NURSE');

async function newPlan(overrides: Record<string, unknown> = {}): Promise<any> {
  const patient = await given.patient(clinic);
  const res = await coordinator().post('/procedure-plans', {
    ...breastAugmentationPlan(patient.id),
    ...overrides,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function quoted(plan: { id: string }): Promise<any> {
  const res = await coordinator().post(`/procedure-plans/${plan.id}/quote`, {});
  expect(res.status).toBe(201);
  return res.body;
}

describe("the seed's breast augmentation, steps 1–6", () => {
  it('goes from consultation to an approved, quoted, consented plan', async () => {
    // Step 1: consultation.
    const patient = await given.patient(clinic, { firstName: 'Maria', lastName: 'Lopez' });
    const consultation = await coordinator().post('/consultations', {
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: '2026-11-20T10:00:00Z',
      reason: 'I want breast augmentation',
    });
    expect(consultation.status).toBe(201);

    // Steps 2–3: the plan, with its inventory requirements, as the surgeon creates it.
    const created = await clinic
      .as('SURGEON')
      .post('/procedure-plans', breastAugmentationPlan(patient.id, consultation.body.id));
    expect(created.status).toBe(201);
    const plan = created.body;
    const year = new Date().getUTCFullYear();
    expect(plan.planNumber).toMatch(new RegExp(`^PLAN-${year}-\\d{3,}$`));
    expect(plan).toMatchObject({
      patientId: patient.id,
      consultationId: consultation.body.id,
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      diagnosisCodes: [],
      estimatedCost: null,
      insuranceCoverage: false,
      status: 'DRAFT',
      createdById: clinic.staff.SURGEON.id,
      approvedById: null,
      currentQuoteId: null,
      surgicalCaseId: null,
      version: 1,
    });
    expect(created.headers.etag).toBe('"1"');
    expect(plan.inventoryRequirements).toHaveLength(2);
    const implants = plan.inventoryRequirements.find(
      (r: any) => r.inventoryItemCode === 'breast-implant-300cc-round',
    );
    expect(implants).toMatchObject({
      quantity: 2,
      requiresSerialNumber: true,
      sizeRequirement: '300cc',
      isPreAllocated: false,
    });
    expect(implants.id).toEqual(expect.any(String));

    // Step 5 (created with the plan): the consent whose template matches 19325.
    expect(plan.consent).toMatchObject({
      status: 'PENDING',
      templateCode: 'BREAST_AUG_CONSENT_V2',
    });

    // Step 4: the quote, exactly 8000.00 with the three kinds of lines.
    const quote = await quoted(plan);
    expect(quote.total).toBe('8000.00');
    expect(quote.patientPortion).toBe('8000.00');
    expect(quote.insurancePortion).toBe('0.00');
    expect(quote.status).toBe('ISSUED');
    expect(quote.lines).toEqual([
      expect.objectContaining({
        kind: 'PROCEDURE',
        code: '19325',
        quantity: 1,
        unitPrice: '7000.00',
        amount: '7000.00',
        payer: 'PATIENT',
      }),
      expect.objectContaining({
        kind: 'FACILITY',
        code: '19325',
        amount: '200.00',
        payer: 'PATIENT',
      }),
      expect.objectContaining({
        kind: 'SUPPLY',
        code: 'L8600',
        quantity: 2,
        unitPrice: '400.00',
        amount: '800.00',
        payer: 'PATIENT',
      }),
    ]);
    const afterQuote = await coordinator().get(`/procedure-plans/${plan.id}`);
    expect(afterQuote.body).toMatchObject({
      status: 'QUOTED',
      estimatedCost: '8000.00',
      patientPortion: '8000.00',
      insurancePortion: '0.00',
      currentQuoteId: quote.id,
    });
    expect((await clinic.as('BILLING').get(`/quotes/${quote.id}`)).body.total).toBe('8000.00');

    // Step 5: the patient signs the consent text they saw.
    const consent = await clinic.as('NURSE').get(`/consents/${plan.consent.id}`);
    expect(consent.status).toBe(200);
    const signed = await clinic.as('NURSE').post(`/consents/${plan.consent.id}/sign`, {
      signerName: 'Maria Lopez',
      relationship: 'SELF',
      signatureMethod: 'TYPED',
      signatureData: 'Maria Lopez',
      contentHash: consent.body.contentHash,
    });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('SIGNED');

    // Step 6: the patient approves; the quote is accepted.
    const approved = await coordinator().post(`/procedure-plans/${plan.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'APPROVED',
      approvedById: clinic.staff.COORDINATOR.id,
      consent: { status: 'SIGNED' },
      currentQuoteId: quote.id,
    });
    expect(approved.body.approvedAt).toEqual(expect.any(String));
    expect((await clinic.as('BILLING').get(`/quotes/${quote.id}`)).body.status).toBe('ACCEPTED');

    const readiness = await coordinator().get(`/procedure-plans/${plan.id}/readiness`);
    expect(readiness.status).toBe(200);
    const check = (code: string) => readiness.body.checks.find((c: any) => c.code === code);
    expect(check('PLAN_APPROVED')).toMatchObject({ required: true, ok: true });
    expect(check('CONSENT_SIGNED')).toMatchObject({ required: true, ok: true });
    expect(check('PRIOR_AUTH_APPROVED')).toMatchObject({ required: false, ok: true });
    expect(check('INVENTORY_READY')).toMatchObject({ required: true, ok: false });
    expect(readiness.body.ready).toBe(false);
  });
});

describe('insurance splits', () => {
  it('bills a RECONSTRUCTIVE plan to insurance entirely, supplies included', async () => {
    const plan = await newPlan({
      procedureName: 'Breast reconstruction with implant',
      procedureType: 'RECONSTRUCTIVE',
      primaryCPTCode: '19357',
      cptCodes: ['19357'],
      diagnosisCodes: ['Z90.11'],
    });
    expect(plan.insuranceCoverage).toBe(true);
    const quote = await quoted(plan);
    expect(quote.lines.every((l: any) => l.payer === 'INSURANCE')).toBe(true);
    expect(quote.total).toBe('6900.00'); // 5200 + 900 facility + 2 × 400 implants
    expect(quote.insurancePortion).toBe('6900.00');
    expect(quote.patientPortion).toBe('0.00');
  });

  it('splits a HYBRID plan: 15830 insured, 15847 patient-paid, the portions adding up to the total', async () => {
    const plan = await newPlan({
      procedureName: 'Panniculectomy with abdominoplasty',
      procedureType: 'HYBRID',
      primaryCPTCode: '15830',
      cptCodes: ['15830', '15847'],
      insuranceCptCodes: ['15830'],
      diagnosisCodes: ['L98.7'],
      inventoryRequirements: [],
    });
    const quote = await quoted(plan);
    const payerOf = (kind: string, code: string) =>
      quote.lines.find((l: any) => l.kind === kind && l.code === code).payer;
    expect(payerOf('PROCEDURE', '15830')).toBe('INSURANCE');
    expect(payerOf('PROCEDURE', '15847')).toBe('PATIENT');
    expect(payerOf('FACILITY', '15830')).toBe('INSURANCE');
    expect(payerOf('ANESTHESIA', '15830')).toBe('INSURANCE');
    expect(quote.insurancePortion).toBe('4300.00');
    expect(quote.patientPortion).toBe('1500.00');
    expect(quote.total).toBe('5800.00');
  });

  it("keeps the plan's primary CPT code on the quote as it was when issued", async () => {
    const plan = await newPlan({
      procedureType: 'COSMETIC',
      primaryCPTCode: '15847',
      cptCodes: ['15830', '15847'],
      inventoryRequirements: [],
    });
    const first = await quoted(plan);
    expect(first.procedureCode).toBe('15847');
    // Editing the QUOTED plan supersedes its quote, which keeps the code it was issued under.
    const edited = await coordinator().patch(`/procedure-plans/${plan.id}`, {
      primaryCPTCode: '15830',
    });
    expect(edited.status).toBe(200);
    const second = await quoted(plan);
    expect(second.procedureCode).toBe('15830');
    const old = await clinic.as('BILLING').get(`/quotes/${first.id}`);
    expect([old.body.status, old.body.procedureCode]).toEqual(['SUPERSEDED', '15847']);
  });
});

describe('code rules', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a malformed CPT code', { cptCodes: ['1932'], primaryCPTCode: '1932' }, 'cptCodes[0]'],
    ['a primary code not among the codes', { primaryCPTCode: '19350' }, 'primaryCPTCode'],
    [
      'an insured code not among the codes',
      { procedureType: 'HYBRID', diagnosisCodes: ['N62'], insuranceCptCodes: ['15830'] },
      'insuranceCptCodes[0]',
    ],
    [
      'insured codes on a plan that is not HYBRID',
      { insuranceCptCodes: ['19325'] },
      'insuranceCptCodes',
    ],
    ['an unknown ICD-10-CM code', { diagnosisCodes: ['Z99.999'] }, 'diagnosisCodes[0]'],
    [
      'a RECONSTRUCTIVE plan without diagnosis codes',
      { procedureType: 'RECONSTRUCTIVE' },
      'diagnosisCodes',
    ],
  ];
  for (const [what, overrides, path] of cases) {
    it(`refuses ${what} with a 400 naming ${path}, creating nothing`, async () => {
      const patient = await given.patient(clinic);
      const res = await coordinator().post('/procedure-plans', {
        ...breastAugmentationPlan(patient.id),
        ...overrides,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
      const list = await coordinator().get(`/procedure-plans?patientId=${patient.id}`);
      expect(list.body.data).toHaveLength(0);
    });
  }

  it('names billable children when a diagnosis code is a category header', async () => {
    const patient = await given.patient(clinic);
    const res = await coordinator().post('/procedure-plans', {
      ...breastAugmentationPlan(patient.id),
      procedureType: 'RECONSTRUCTIVE',
      diagnosisCodes: ['C50'],
    });
    expect(res.status).toBe(400);
    const error = res.body.errors.find((e: any) => e.path === 'diagnosisCodes[0]');
    expect(error.message).toMatch(/C50\.011/);
  });

  it('refuses a quote when a code is missing from the fee schedule, naming it', async () => {
    const plan = await newPlan({ cptCodes: ['19325', '19380'], inventoryRequirements: [] });
    const res = await coordinator().post(`/procedure-plans/${plan.id}/quote`, {});
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'cptCodes[1]' })]);
    expect((await coordinator().get(`/procedure-plans/${plan.id}`)).body.status).toBe('DRAFT');
  });

  it('prices a code with modifiers by its base code', async () => {
    const plan = await newPlan({
      cptCodes: ['19325-50'],
      primaryCPTCode: '19325-50',
      inventoryRequirements: [],
    });
    const quote = await quoted(plan);
    expect(quote.lines[0]).toMatchObject({
      kind: 'PROCEDURE',
      code: '19325-50',
      amount: '7000.00',
    });
  });
});

describe('the state machine', () => {
  it('refuses every transition the plan is not in a state for', async () => {
    const plan = await newPlan();
    const approveDraft = await coordinator().post(`/procedure-plans/${plan.id}/approve`, {});
    expect(approveDraft.status).toBe(409);
    expect(approveDraft.body.code).toBe('INVALID_STATE_TRANSITION');

    await quoted(plan);
    expect((await coordinator().post(`/procedure-plans/${plan.id}/approve`)).status).toBe(200);
    for (const [method, url, body] of [
      ['POST', `/procedure-plans/${plan.id}/quote`, {}],
      ['POST', `/procedure-plans/${plan.id}/approve`, {}],
      ['PATCH', `/procedure-plans/${plan.id}`, { procedureName: 'Other' }],
      [
        'POST',
        `/procedure-plans/${plan.id}/inventory`,
        { inventoryItemCode: 'surgical-sutures', quantity: 1 },
      ],
    ] as const) {
      const res = await coordinator().request(method, url, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('INVALID_STATE_TRANSITION');
    }
    const cancelled = await coordinator().post(`/procedure-plans/${plan.id}/cancel`, {
      reason: 'Patient moved away',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Patient moved away',
    });
    const again = await coordinator().post(`/procedure-plans/${plan.id}/cancel`, {
      reason: 'twice',
    });
    expect(again.status).toBe(409);
  });

  it('returns a QUOTED plan to DRAFT on edit and supersedes its quote', async () => {
    const plan = await newPlan();
    const quote = await quoted(plan);
    const edited = await coordinator().patch(
      `/procedure-plans/${plan.id}`,
      { procedureName: 'Breast augmentation, revised' },
      { 'if-match': '"2"' },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      status: 'DRAFT',
      estimatedCost: null,
      currentQuoteId: null,
      version: 3,
    });
    expect((await clinic.as('BILLING').get(`/quotes/${quote.id}`)).body.status).toBe('SUPERSEDED');
    const requote = await quoted(plan);
    expect(requote.id).not.toBe(quote.id);
  });

  it('keeps the approval notes on the plan and names them in the audit event', async () => {
    const plan = await newPlan();
    await quoted(plan);
    const notes = 'Patient chose the 300cc round implants.\nDeposit by card on the day.';
    const approved = await coordinator().post(`/procedure-plans/${plan.id}/approve`, {
      notes: `  ${notes}  `,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.approvalNotes).toBe(notes);
    expect((await nurse().get(`/procedure-plans/${plan.id}`)).body.approvalNotes).toBe(notes);
    const events = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=ProcedurePlan&entityId=${plan.id}`);
    const approval = events.body.data.find((e: any) => e.action === 'procedure-plan.approve');
    expect(approval.changedFields).toEqual([
      'status',
      'approvedById',
      'approvedAt',
      'approvalNotes',
    ]);
    // Free text stays out of the audit trail: the field is named, its words are not.
    expect(JSON.stringify(approval)).not.toContain('300cc');
  });

  it('approves without notes as approvalNotes null', async () => {
    const plan = await newPlan();
    await quoted(plan);
    const approved = await coordinator().post(`/procedure-plans/${plan.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.approvalNotes).toBeNull();
  });

  it('refuses approval of an expired quote, listing it', async () => {
    const plan = await newPlan();
    await coordinator().post(`/procedure-plans/${plan.id}/quote`, { validDays: 1 });
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(realNow().getTime() + 2 * 24 * 3600 * 1000);
    try {
      const res = await coordinator().post(`/procedure-plans/${plan.id}/approve`, {});
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PLAN_NOT_APPROVABLE');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'currentQuoteId' })]);
    } finally {
      clock.now = realNow;
    }
    expect((await coordinator().get(`/procedure-plans/${plan.id}`)).body.status).toBe('QUOTED');
  });

  it('voids a pending consent when the plan is cancelled', async () => {
    const plan = await newPlan();
    const res = await coordinator().post(`/procedure-plans/${plan.id}/cancel`, {
      reason: 'Changed her mind',
    });
    expect(res.body.consent).toBeNull();
    const consent = await clinic.as('NURSE').get(`/consents/${plan.consent.id}`);
    expect(consent.body.status).toBe('VOIDED');
  });
});

describe('editing', () => {
  it('answers 412 to a stale If-Match and changes nothing', async () => {
    const plan = await newPlan();
    expect(
      (
        await coordinator().patch(
          `/procedure-plans/${plan.id}`,
          { notes: 'first' },
          { 'if-match': '"1"' },
        )
      ).status,
    ).toBe(200);
    const stale = await coordinator().patch(
      `/procedure-plans/${plan.id}`,
      { notes: 'second' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    const now = await coordinator().get(`/procedure-plans/${plan.id}`);
    expect(now.body).toMatchObject({ notes: 'first', version: 2 });
    expect(now.headers.etag).toBe('"2"');
  });

  it('refuses to write status, approval fields, numbers or money, and changes nothing', async () => {
    const plan = await newPlan();
    for (const field of [
      { status: 'APPROVED' },
      { approvedById: clinic.staff.ADMIN.id },
      { planNumber: 'PLAN-1999-001' },
      { estimatedCost: '1.00' },
      { insuranceCoverage: true },
    ]) {
      const res = await coordinator().patch(`/procedure-plans/${plan.id}`, field);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.path)).toContain(Object.keys(field)[0]);
    }
    const created = await coordinator().post('/procedure-plans', {
      ...breastAugmentationPlan(plan.patientId),
      status: 'APPROVED',
    });
    expect(created.status).toBe(400);
    const now = await coordinator().get(`/procedure-plans/${plan.id}`);
    expect(now.body).toMatchObject({
      status: 'DRAFT',
      approvedById: null,
      planNumber: plan.planNumber,
      version: 1,
    });
  });

  it('matches a new consent when the codes change', async () => {
    const plan = await newPlan({
      cptCodes: ['15847'],
      primaryCPTCode: '15847',
      inventoryRequirements: [],
    });
    // No template for 15847: the plan starts with the clinic's general surgical consent.
    expect(plan.consent).toMatchObject({
      status: 'PENDING',
      templateCode: 'GENERAL_SURGICAL_CONSENT',
    });
    const edited = await coordinator().patch(`/procedure-plans/${plan.id}`, {
      cptCodes: ['19325'],
      primaryCPTCode: '19325',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.consent).toMatchObject({
      status: 'PENDING',
      templateCode: 'BREAST_AUG_CONSENT_V2',
    });
  });
});

describe('inventory requirements', () => {
  it('answers 201 with the requirement it added, at a Location it can be read from', async () => {
    const plan = await newPlan({ inventoryRequirements: [] });
    const added = await coordinator().post(`/procedure-plans/${plan.id}/inventory`, {
      inventoryItemCode: 'breast-implant-300cc-round',
      quantity: 2,
      sizeRequirement: '300cc',
    });
    expect(added.status).toBe(201);
    // docs/api.md: the requirement itself (its id is what allocate needs), not the plan.
    expect(added.body).toEqual({
      id: expect.any(String),
      planId: plan.id,
      inventoryItemId: expect.any(String),
      inventoryItemCode: 'breast-implant-300cc-round',
      inventoryItemName: expect.any(String),
      quantity: 2,
      requiresSerialNumber: true,
      sizeRequirement: '300cc',
      shapeRequirement: null,
      isRequired: true,
      isPreAllocated: false,
      preAllocatedBatchId: null,
      serialNumbers: [],
    });
    expect(added.headers.location).toBe(
      `/api/v1/procedure-plans/${plan.id}/inventory/${added.body.id}`,
    );
    const read = await nurse().get(String(added.headers.location));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(added.body);
    const onPlan = await coordinator().get(`/procedure-plans/${plan.id}`);
    expect(onPlan.body.inventoryRequirements).toEqual([added.body]);

    const removed = await coordinator().request(
      'DELETE',
      `/procedure-plans/${plan.id}/inventory/${added.body.id}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.inventoryRequirements).toHaveLength(0);
    expect((await nurse().get(String(added.headers.location))).status).toBe(404);
  });

  it('replays the same Location for a retried add with the same Idempotency-Key', async () => {
    const plan = await newPlan({ inventoryRequirements: [] });
    const add = () =>
      coordinator().post(
        `/procedure-plans/${plan.id}/inventory`,
        { inventoryItemCode: 'surgical-sutures', quantity: 1 },
        { 'idempotency-key': `add-sutures-${plan.id}` },
      );
    const first = await add();
    const retried = await add();
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.headers.location).toBe(first.headers.location);
    expect(retried.body).toEqual(first.body);
  });

  it("reads a requirement only through its own plan, in the caller's clinic", async () => {
    const plan = await newPlan();
    const other = await newPlan();
    const requirement = plan.inventoryRequirements[0];
    const url = (planId: string) => `/procedure-plans/${planId}/inventory/${requirement.id}`;
    expect((await coordinator().get(url(plan.id))).status).toBe(200);
    expect((await coordinator().get(url(other.id))).status).toBe(404);
    expect((await otherClinic.as('COORDINATOR').get(url(plan.id))).status).toBe(404);
    expect((await clinic.as('BILLING').get(url(plan.id))).status).toBe(200);
    expect(
      (await clinic.as('BILLING').post(`/procedure-plans/${plan.id}/inventory`, {})).status,
    ).toBe(403);
  });

  it('refuses an unknown item, a zero quantity and both id and code, adding nothing', async () => {
    const plan = await newPlan({ inventoryRequirements: [] });
    for (const body of [
      { inventoryItemCode: 'no-such-item', quantity: 1 },
      { inventoryItemCode: 'surgical-sutures', quantity: 0 },
      { inventoryItemCode: 'surgical-sutures', inventoryItemId: plan.id, quantity: 1 },
      { inventoryItemCode: 'surgical-sutures', quantity: 1, requiresSerialNumber: true },
    ]) {
      const res = await coordinator().post(`/procedure-plans/${plan.id}/inventory`, body);
      expect(res.status).toBe(400);
    }
    expect(
      (await coordinator().get(`/procedure-plans/${plan.id}`)).body.inventoryRequirements,
    ).toHaveLength(0);
  });
});

describe('access', () => {
  it("answers 404 for another clinic's plan and roles outside §8 with 403", async () => {
    const plan = await newPlan();
    expect((await otherClinic.as('COORDINATOR').get(`/procedure-plans/${plan.id}`)).status).toBe(
      404,
    );
    expect(
      (
        await otherClinic
          .as('COORDINATOR')
          .post(`/procedure-plans/${plan.id}/cancel`, { reason: 'x' })
      ).status,
    ).toBe(404);
    expect(
      (await clinic.as('NURSE').post('/procedure-plans', breastAugmentationPlan(plan.patientId)))
        .status,
    ).toBe(403);
    // BILLING reads a plan (it quotes it and files its prior authorization) but does not edit it.
    expect((await clinic.as('BILLING').get(`/procedure-plans/${plan.id}`)).status).toBe(200);
    expect(
      (await clinic.as('BILLING').patch(`/procedure-plans/${plan.id}`, { notes: 'x' })).status,
    ).toBe(403);
    expect((await clinic.as('NURSE').get(`/procedure-plans/${plan.id}`)).status).toBe(200);
  });

  it('lists by patient and status with pagination', async () => {
    const patient = await given.patient(clinic);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await coordinator().post('/procedure-plans', breastAugmentationPlan(patient.id))).body.id,
      );
    }
    const first = await coordinator().get(`/procedure-plans?patientId=${patient.id}&limit=2`);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data[0].inventoryRequirements).toHaveLength(2);
    const second = await coordinator().get(
      `/procedure-plans?patientId=${patient.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.data, ...second.body.data].map((p: any) => p.id).sort()).toEqual(
      ids.sort(),
    );
    const quotedOnes = await coordinator().get(
      `/procedure-plans?patientId=${patient.id}&status=QUOTED`,
    );
    expect(quotedOnes.body.data).toHaveLength(0);
  });
});

describe('plan numbers', () => {
  it('gives 20 concurrent creations 20 distinct consecutive numbers', async () => {
    const fresh = await given.clinicWithStaff('Numbering Clinic');
    const patient = await given.patient(fresh);
    const body = { ...breastAugmentationPlan(patient.id), inventoryRequirements: [] };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => fresh.as('COORDINATOR').post('/procedure-plans', body)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const year = new Date().getUTCFullYear();
    const numbers = results.map((r) => r.body.planNumber).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `PLAN-${year}-${String(i + 1).padStart(3, '0')}`),
    );
  });
});
