import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedClinicId, type PatientLinkActor } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { DomainError } from '../src/common/errors/domain-error';
import { newId } from '../src/common/ids';
import {
  DEFAULT_FDA_CHECKLIST_SECTIONS,
  DEFAULT_FDA_CHECKLIST_TITLE,
} from '../src/modules/fda-checklist/services/default-fda-checklist';
import { needsFdaChecklist } from '../src/modules/fda-checklist/services/fda-checklist-rule';
import { FdaChecklistService } from '../src/modules/fda-checklist/services/fda-checklist.service';
import { Given, type ClinicWithStaff } from './support/given';
import {
  caseBody,
  expectStatus,
  operatingRoom,
  readyPlan,
  signConsent,
} from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('FDA Checklist Clinic'),
    given.clinicWithStaff('Other FDA Clinic'),
  ]);
});
afterAll(() => t.close());

/** docs/fda-checklist.md "The content hash", recomputed as a client would. */
function hashOf(c: { title: string; sections: any[]; surgeonAttestation: string }): string {
  const sections = c.sections.map((s) => [s.key, s.heading, s.body]);
  return createHash('sha256')
    .update(JSON.stringify([c.title, sections, c.surgeonAttestation]), 'utf8')
    .digest('hex');
}

async function planWith(
  of: ClinicWithStaff,
  body: { cptCodes: string[]; requirements?: any[] },
): Promise<any> {
  const patient = await given.patient(of);
  return expectStatus(
    'plan',
    await of.as('COORDINATOR').post('/procedure-plans', {
      patientId: patient.id,
      procedureName: 'A procedure',
      procedureType: 'COSMETIC',
      primaryCPTCode: body.cptCodes[0],
      cptCodes: body.cptCodes,
      inventoryRequirements: body.requirements ?? [],
    }),
    201,
  );
}

async function implantItem(of: ClinicWithStaff, implantKind?: 'BREAST'): Promise<any> {
  return expectStatus(
    'item',
    await of.as('NURSE').post('/inventory/items', {
      code: `implant-${randomUUID().slice(0, 8)}`,
      name: 'An implant',
      category: 'IMPLANT',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
      ...(implantKind ? { implantKind } : {}),
    }),
    201,
  );
}

function checklistOf(of: ClinicWithStaff, planId: string, role: 'NURSE' | 'SURGEON' = 'NURSE') {
  return of.as(role).get(`/procedure-plans/${planId}/fda-checklist`);
}

function linkActor(of: ClinicWithStaff, plan: any): PatientLinkActor {
  const linkId = newId();
  const clinicId = trustedClinicId(of.clinicId);
  return {
    linkId,
    clinicId,
    patientId: plan.patientId,
    procedurePlanId: plan.id,
    requestId: 'test',
    ipAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (iPhone) test',
    expiresAt: new Date(Date.now() + 3_600_000),
    audit: { clinicId, userId: linkId, requestId: 'test' },
  };
}

function db() {
  return t.app.get(TransactionRunner).db;
}

async function checklistRow(id: string): Promise<any> {
  const result = await db().execute(
    sql`SELECT status, void_reason, patient_link_id, signer_ip_address, signer_user_agent, recorded_by_id FROM fda_checklists WHERE id = ${id}`,
  );
  return z.object({ rows: z.array(z.record(z.string(), z.unknown())) }).parse(result).rows[0];
}

function allInitials(sections: { key: string }[], initials = 'ML'): Record<string, string> {
  return Object.fromEntries(sections.map((s) => [s.key, initials]));
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('templates', () => {
  it('every new clinic has version 1, the default text, active', async () => {
    const page = expectStatus(
      'list',
      await other.as('BILLING').get('/fda-checklist-templates'),
      200,
    );
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      version: 1,
      title: DEFAULT_FDA_CHECKLIST_TITLE,
      active: true,
      createdById: other.staff.ADMIN.id,
    });
    expect(page.data[0].sections.map((s: any) => s.key)).toEqual(
      DEFAULT_FDA_CHECKLIST_SECTIONS.map((s) => s.key),
    );
  });

  it('only ADMIN adds a version (the next number) or retires one; the text is never edited', async () => {
    const body = {
      title: 'Checklist v2',
      sections: [{ key: 'risks', heading: 'Risks', body: 'Risk text.' }],
      surgeonAttestation: 'I discussed it.',
    };
    expect((await other.as('SURGEON').post('/fda-checklist-templates', body)).status).toBe(403);
    const v2 = expectStatus(
      'create',
      await other.as('ADMIN').post('/fda-checklist-templates', body),
      201,
    );
    expect(v2).toMatchObject({ version: 2, active: true });
    const duplicateKeys = await other.as('ADMIN').post('/fda-checklist-templates', {
      ...body,
      sections: [body.sections[0], body.sections[0]],
    });
    expect(duplicateKeys.status).toBe(400);
    expect(
      (
        await other
          .as('NURSE')
          .request('PATCH', `/fda-checklist-templates/${v2.id}`, { active: false })
      ).status,
    ).toBe(403);
    const edit = await other
      .as('ADMIN')
      .request('PATCH', `/fda-checklist-templates/${v2.id}`, { title: 'Edited' });
    expect(edit.status).toBe(400);
    const retired = expectStatus(
      'retire',
      await other
        .as('ADMIN')
        .request('PATCH', `/fda-checklist-templates/${v2.id}`, { active: false }),
      200,
    );
    expect(retired.active).toBe(false);
    // Another clinic's version is not found.
    expect(
      (
        await clinic
          .as('ADMIN')
          .request('PATCH', `/fda-checklist-templates/${v2.id}`, { active: true })
      ).status,
    ).toBe(404);
  });
});

describe('which plans need it', () => {
  it('the rule: a listed base CPT code, or a required IMPLANT item marked BREAST', () => {
    expect(needsFdaChecklist(['19325'], [])).toBe(true);
    expect(needsFdaChecklist(['19342-50'], [])).toBe(true);
    expect(needsFdaChecklist(['11970'], [])).toBe(true);
    expect(needsFdaChecklist(['19340'], [])).toBe(true);
    expect(needsFdaChecklist(['15830'], [])).toBe(false);
    const breast = { isRequired: true, category: 'IMPLANT', implantKind: 'BREAST' };
    expect(needsFdaChecklist(['15830'], [breast])).toBe(true);
    expect(needsFdaChecklist(['15830'], [{ ...breast, isRequired: false }])).toBe(false);
    expect(needsFdaChecklist(['15830'], [{ ...breast, implantKind: null }])).toBe(false);
  });

  it('by CPT code and by a breast implant item, over HTTP', async () => {
    const byCode = await planWith(clinic, { cptCodes: ['19325'] });
    expect(expectStatus('get', await checklistOf(clinic, byCode.id), 200)).toMatchObject({
      required: true,
      status: 'PENDING',
    });
    const breast = await implantItem(clinic, 'BREAST');
    expect(breast.implantKind).toBe('BREAST');
    const byItem = await planWith(clinic, {
      cptCodes: ['15830'],
      requirements: [{ inventoryItemId: breast.id, quantity: 2 }],
    });
    expect((await checklistOf(clinic, byItem.id)).body.required).toBe(true);
    const plain = await implantItem(clinic);
    const neither = await planWith(clinic, {
      cptCodes: ['15830'],
      requirements: [{ inventoryItemId: plain.id, quantity: 1 }],
    });
    expect(expectStatus('get', await checklistOf(clinic, neither.id), 200)).toEqual({
      required: false,
      status: 'NOT_REQUIRED',
      checklist: null,
    });
  });

  it('only an IMPLANT item has an implant kind', async () => {
    const refused = await clinic.as('NURSE').post('/inventory/items', {
      code: `gauze-${randomUUID().slice(0, 8)}`,
      name: 'Gauze',
      category: 'CONSUMABLE',
      unitPrice: '1.00',
      isBillable: false,
      requiresSerialNumber: false,
      implantKind: 'BREAST',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'implantKind' })]);
    const breast = await implantItem(clinic, 'BREAST');
    const recategorised = await clinic
      .as('NURSE')
      .request('PATCH', `/inventory/items/${breast.id}`, { category: 'OTHER' });
    expect(recategorised.status).toBe(400);
  });
});

describe("a plan's checklist", () => {
  it('is made when first read, from the newest active version, with its content hash', async () => {
    const plan = await planWith(clinic, { cptCodes: ['19325'] });
    const first = expectStatus('get', await checklistOf(clinic, plan.id), 200).checklist;
    expect(first).toMatchObject({ status: 'PENDING', templateVersion: 1, initials: null });
    expect(first.contentHash).toBe(hashOf(first));
    const again = expectStatus('get', await checklistOf(clinic, plan.id, 'SURGEON'), 200).checklist;
    expect(again.id).toBe(first.id);
    expect((await checklistOf(clinic, plan.id)).status).toBe(200);
    expect(
      (await clinic.as('BILLING').get(`/procedure-plans/${plan.id}/fda-checklist`)).status,
    ).toBe(403);
    expect((await checklistOf(other, plan.id)).status).toBe(404);
  });

  it('the patient initials every section and signs through the link; the evidence is kept', async () => {
    const plan = await planWith(clinic, { cptCodes: ['19325'] });
    const service = t.app.get(FdaChecklistService);
    const actor = linkActor(clinic, plan);
    const shown = await service.forPatient(actor);
    expect(shown).toMatchObject({ required: true, status: 'PENDING', initials: null });
    expect(shown.sections.length).toBeGreaterThan(5);
    const body = {
      initials: allInitials(shown.sections),
      signerName: 'Maria Lopez',
      contentHash: shown.contentHash!,
    };

    const firstKey = shown.sections[0]!.key;
    const missingOne = Object.fromEntries(
      Object.entries(body.initials).filter(([key]) => key !== firstKey),
    );
    const missing = await refusal(service.signAsPatient(actor, { ...body, initials: missingOne }));
    expect(missing.code).toBe('VALIDATION_FAILED');
    expect(missing.details()).toEqual({
      errors: [expect.objectContaining({ path: `initials.${firstKey}` })],
    });
    const wrongHash = await refusal(
      service.signAsPatient(actor, { ...body, contentHash: 'a'.repeat(64) }),
    );
    expect(wrongHash.code).toBe('CONSENT_CONTENT_CHANGED');

    const signed = await service.signAsPatient(actor, body);
    expect(signed).toMatchObject({
      status: 'PATIENT_SIGNED',
      signerName: 'Maria Lopez',
      initials: body.initials,
      surgeonAttestedAt: null,
    });
    expect(signed.patientSignedAt).not.toBeNull();
    const twice = await refusal(service.signAsPatient(actor, body));
    expect(twice.code).toBe('INVALID_STATE_TRANSITION');

    const staff = expectStatus('get', await checklistOf(clinic, plan.id), 200).checklist;
    expect(staff).toMatchObject({ status: 'PATIENT_SIGNED', signedThrough: 'PATIENT_LINK' });
    expect(await checklistRow(staff.id)).toMatchObject({
      patient_link_id: actor.linkId,
      signer_ip_address: '203.0.113.7',
      signer_user_agent: 'Mozilla/5.0 (iPhone) test',
      recorded_by_id: null,
    });
    const audit = expectStatus(
      'audit',
      await clinic.as('ADMIN').get(`/audit-events?entityId=${staff.id}`),
      200,
    );
    const bylink = audit.data
      .filter((e: any) => e.actorId === actor.linkId)
      .map((e: any) => e.action);
    expect(bylink).toEqual(expect.arrayContaining(['fda-checklist.read', 'fda-checklist.sign']));
  });

  it("another patient's link cannot read the plan's checklist", async () => {
    const plan = await planWith(clinic, { cptCodes: ['19325'] });
    const actor = { ...linkActor(clinic, plan), patientId: newId() };
    const error = await refusal(t.app.get(FdaChecklistService).forPatient(actor));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('a plan that does not need it answers required: false to the patient', async () => {
    const plan = await planWith(clinic, { cptCodes: ['15830'] });
    const shown = await t.app.get(FdaChecklistService).forPatient(linkActor(clinic, plan));
    expect(shown).toEqual({
      required: false,
      title: null,
      sections: [],
      contentHash: null,
      status: 'NOT_REQUIRED',
      initials: null,
      signerName: null,
      patientSignedAt: null,
      surgeonAttestedAt: null,
      surgeonName: null,
    });
  });

  it('the surgeon attests only after the patient signed, and only a SURGEON', async () => {
    const plan = await planWith(clinic, { cptCodes: ['19325'] });
    const path = `/procedure-plans/${plan.id}/fda-checklist`;
    const early = await clinic.as('SURGEON').post(`${path}/attest`, {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      currentStatus: 'PENDING',
    });
    const shown = expectStatus('get', await checklistOf(clinic, plan.id), 200).checklist;
    expectStatus(
      'sign in clinic',
      await clinic.as('NURSE').post(`${path}/sign`, {
        initials: allInitials(shown.sections, 'JD'),
        signerName: 'Jane Doe',
        contentHash: shown.contentHash,
      }),
      200,
    );
    for (const role of ['NURSE', 'COORDINATOR', 'BILLING'] as const)
      expect((await clinic.as(role).post(`${path}/attest`, {})).status).toBe(403);
    const attested = expectStatus(
      'attest',
      await clinic.as('SURGEON').post(`${path}/attest`, {}),
      200,
    );
    expect(attested).toMatchObject({
      required: true,
      status: 'COMPLETED',
      checklist: {
        status: 'COMPLETED',
        signedThrough: 'IN_CLINIC',
        recordedById: clinic.staff.NURSE.id,
        attestedById: clinic.staff.SURGEON.id,
        surgeonName: 'Test SURGEON',
      },
    });
    const patientView = await t.app.get(FdaChecklistService).forPatient(linkActor(clinic, plan));
    expect(patientView).toMatchObject({ status: 'COMPLETED', surgeonName: 'Test SURGEON' });
    expect(patientView.surgeonAttestedAt).not.toBeNull();
    expect((await clinic.as('SURGEON').post(`${path}/attest`, {})).status).toBe(409);
  });

  it('the approval rule is unmet until the patient signed', async () => {
    const plan = await planWith(clinic, { cptCodes: ['19325'] });
    const service = t.app.get(FdaChecklistService);
    const clinicId = trustedClinicId(clinic.clinicId);
    expect(await service.unmetForApproval(db(), clinicId, plan.id)).toEqual([
      expect.objectContaining({ path: 'fdaChecklist' }),
    ]);
    const actor = linkActor(clinic, plan);
    const shown = await service.forPatient(actor);
    await service.signAsPatient(actor, {
      initials: allInitials(shown.sections),
      signerName: 'Maria Lopez',
      contentHash: shown.contentHash!,
    });
    expect(await service.unmetForApproval(db(), clinicId, plan.id)).toEqual([]);
    expect(await service.statusForPlan(db(), clinicId, plan.id)).toBe('PATIENT_SIGNED');
  });

  it('cancelling the plan voids it', async () => {
    const plan = await planWith(clinic, { cptCodes: ['19325'] });
    const made = expectStatus('get', await checklistOf(clinic, plan.id), 200).checklist;
    expectStatus(
      'cancel',
      await clinic
        .as('COORDINATOR')
        .post(`/procedure-plans/${plan.id}/cancel`, { reason: 'Patient changed her mind' }),
      200,
    );
    expect(await checklistRow(made.id)).toMatchObject({
      status: 'VOIDED',
      void_reason: 'plan cancelled',
    });
    expect(expectStatus('get', await checklistOf(clinic, plan.id), 200)).toMatchObject({
      required: false,
      status: 'NOT_REQUIRED',
    });
  });

  it('a plan whose codes no longer call for it has it voided on the next read', async () => {
    const plan = await planWith(clinic, { cptCodes: ['19325'] });
    const made = expectStatus('get', await checklistOf(clinic, plan.id), 200).checklist;
    expectStatus(
      'codes',
      await clinic.as('COORDINATOR').request('PATCH', `/procedure-plans/${plan.id}`, {
        primaryCPTCode: '15830',
        cptCodes: ['15830'],
      }),
      200,
    );
    expect(expectStatus('get', await checklistOf(clinic, plan.id), 200).required).toBe(false);
    expect((await checklistRow(made.id)).status).toBe('VOIDED');
  });
});

describe('readiness', () => {
  it('FDA_CHECKLIST_SIGNED blocks scheduling until the surgeon attests', async () => {
    const { plan } = await readyPlan(clinic, { stopBefore: 'sign', fdaChecklist: false });
    const consent = expectStatus(
      'plan',
      await clinic.as('NURSE').get(`/procedure-plans/${plan.id}`),
      200,
    ).consent;
    await signConsent(clinic, consent.id);
    const room = await operatingRoom(clinic);
    const blocked = await clinic
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(clinic, plan, room, 9));
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      code: 'SCHEDULING_BLOCKED',
      unmetChecks: ['FDA_CHECKLIST_SIGNED'],
    });

    const path = `/procedure-plans/${plan.id}/fda-checklist`;
    const shown = expectStatus('get', await clinic.as('NURSE').get(path), 200).checklist;
    expectStatus(
      'sign',
      await clinic.as('NURSE').post(`${path}/sign`, {
        initials: allInitials(shown.sections),
        signerName: 'Maria Lopez',
        contentHash: shown.contentHash,
      }),
      200,
    );
    const half = expectStatus(
      'readiness',
      await clinic.as('NURSE').get(`/procedure-plans/${plan.id}/readiness`),
      200,
    );
    expect(half.checks.find((c: any) => c.code === 'FDA_CHECKLIST_SIGNED')).toMatchObject({
      required: true,
      ok: false,
    });
    expectStatus('attest', await clinic.as('SURGEON').post(`${path}/attest`, {}), 200);
    const ready = expectStatus(
      'readiness',
      await clinic.as('NURSE').get(`/procedure-plans/${plan.id}/readiness`),
      200,
    );
    expect(ready.checks.find((c: any) => c.code === 'FDA_CHECKLIST_SIGNED')).toMatchObject({
      required: true,
      ok: true,
    });
    expect(ready.ready).toBe(true);
    expectStatus(
      'schedule',
      await clinic.as('COORDINATOR').post('/surgical-cases', caseBody(clinic, plan, room, 9)),
      201,
    );
  });

  it('a plan that places no breast implant does not need it', async () => {
    const plan = await planWith(clinic, { cptCodes: ['15830'] });
    const readiness = expectStatus(
      'readiness',
      await clinic.as('NURSE').get(`/procedure-plans/${plan.id}/readiness`),
      200,
    );
    expect(readiness.checks.find((c: any) => c.code === 'FDA_CHECKLIST_SIGNED')).toMatchObject({
      required: false,
      ok: true,
    });
  });
});
