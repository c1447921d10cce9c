import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedClinicId, type Caller, type Role } from '../src/common/auth/caller';
import type { Db } from '../src/common/database/database';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { newId } from '../src/common/ids';
import {
  GENERAL_CONSENT_BODY,
  GENERAL_CONSENT_CODE,
  GENERAL_CONSENT_TITLE,
} from '../src/modules/consent/services/general-consent';
import { PlanConsentService } from '../src/modules/consent/services/plan-consent.service';
import {
  addStaffMember,
  countRows,
  deactivateGeneralConsent,
  Given,
  type ClinicWithStaff,
} from './support/given';
import { downloadPdf, pdfText } from './support/pdf-text';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let patient: any;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Consents Clinic'),
    given.clinicWithStaff('Other Consents Clinic'),
  ]);
  patient = await given.patient(clinic);
  // These tests are about procedure-specific templates: without the general surgical consent, a
  // plan no template covers has none (the fallback has its own tests below, in a clinic of their
  // own).
  await deactivateGeneralConsent(clinic);
});
afterAll(() => t.close());

// Tests share one clinic, and matching looks at all its active templates: each test uses CPT
// codes (Category III, ending T) and template codes no other test uses.
let cptSeq = 0;
function freshCpt(): string {
  cptSeq += 1;
  return `${String(1000 + cptSeq)}T`;
}

function freshCode(prefix = 'CONSENT'): string {
  return `${prefix}_${randomBytes(4).toString('hex').toUpperCase()}`;
}

function sha256OfText(title: string, body: string): string {
  return createHash('sha256')
    .update(JSON.stringify([title, body]), 'utf8')
    .digest('hex');
}

async function createTemplate(
  of: ClinicWithStaff,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const res = await of.as('ADMIN').post('/consent-templates', {
    code: freshCode(),
    version: 1,
    title: 'Consent to breast augmentation',
    body: 'I consent to breast augmentation with implants. Risks include capsular contracture.',
    cptCodes: [freshCpt()],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`creating a template: ${res.status} ${res.text}`);
  return res.body;
}

function callerOf(of: ClinicWithStaff, role: Role = 'COORDINATOR'): Caller {
  return {
    userId: of.staff[role].id,
    clinicId: trustedClinicId(of.clinicId),
    role,
    requestId: `test-${randomBytes(4).toString('hex')}`,
  };
}

function plans(): PlanConsentService {
  return t.app.get(PlanConsentService);
}

function inTransaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
  return t.app.get(TransactionRunner).run(work);
}

/** A real plan to attach consents to, created through the API with a code no template uses. */
async function newPlanId(): Promise<string> {
  const res = await clinic.as('COORDINATOR').post('/procedure-plans', {
    patientId: patient.id,
    procedureName: 'Consent matching test',
    procedureType: 'COSMETIC',
    primaryCPTCode: '0999T',
    cptCodes: ['0999T'],
  });
  expect(res.status).toBe(201);
  expect(res.body.consent).toBeNull();
  return res.body.id as string;
}

/** What the procedure-plan module does when a plan is created or its codes change. */
async function attach(
  planId: string,
  cptCodes: string[],
  of: ClinicWithStaff = clinic,
  patientId: string = patient.id,
): Promise<void> {
  await inTransaction((db) =>
    plans().attachForPlan(db, callerOf(of), { id: planId, patientId, cptCodes }),
  );
}

/** The plan's consents, newest first, as the API lists them. */
async function consentsOf(planId: string, of: ClinicWithStaff = clinic): Promise<any[]> {
  const res = await of.as('NURSE').get(`/consents?procedurePlanId=${planId}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function pendingConsent(cptCode = freshCpt()): Promise<{ planId: string; consent: any }> {
  await createTemplate(clinic, { cptCodes: [cptCode] });
  const planId = await newPlanId();
  await attach(planId, [cptCode]);
  const [consent] = await consentsOf(planId);
  return { planId, consent };
}

function signBody(consent: any, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    signerName: 'Jane Doe',
    relationship: 'SELF',
    signatureMethod: 'TYPED',
    signatureData: 'Jane Doe',
    contentHash: consent.contentHash,
    ...overrides,
  };
}

async function sign(consent: any, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await clinic
    .as('NURSE')
    .post(`/consents/${consent.id}/sign`, signBody(consent, overrides));
  if (res.status !== 200) throw new Error(`signing: ${res.status} ${res.text}`);
  return res.body;
}

function fieldPaths(res: { body: any }): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path);
}

describe('POST /consent-templates', () => {
  it('creates an active template with its base CPT codes, deduplicated, and answers 201', async () => {
    const code = freshCode('BREAST_AUG_CONSENT');
    const cpt = freshCpt();

    const res = await clinic.as('ADMIN').post('/consent-templates', {
      code,
      version: 2,
      title: 'Breast augmentation',
      body: 'I consent.',
      cptCodes: [cpt, cpt],
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code,
      version: 2,
      title: 'Breast augmentation',
      body: 'I consent.',
      cptCodes: [cpt],
      active: true,
      createdById: clinic.staff.ADMIN.id,
    });
  });

  it('refuses a second template with the same code and version with 409 DUPLICATE, but takes a new version', async () => {
    const code = freshCode();
    await createTemplate(clinic, { code, version: 1 });

    const duplicate = await clinic
      .as('ADMIN')
      .post('/consent-templates', { code, version: 1, title: 'T', body: 'B', cptCodes: ['19325'] });
    const nextVersion = await clinic
      .as('ADMIN')
      .post('/consent-templates', { code, version: 2, title: 'T', body: 'B', cptCodes: ['19325'] });

    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('DUPLICATE');
    expect(nextVersion.status).toBe(201);
  });

  it('accepts the same code and version in another clinic', async () => {
    const code = freshCode();
    await createTemplate(clinic, { code });

    const res = await other
      .as('ADMIN')
      .post('/consent-templates', { code, version: 1, title: 'T', body: 'B', cptCodes: ['19325'] });

    expect(res.status).toBe(201);
  });

  describe('refuses an invalid body with 400 naming the field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a CPT code with a modifier', { cptCodes: ['19325-50'] }, 'cptCodes[0]'],
      ['a malformed CPT code', { cptCodes: ['1932'] }, 'cptCodes[0]'],
      ['no CPT codes', { cptCodes: [] }, 'cptCodes'],
      ['version 0', { version: 0 }, 'version'],
      ['a code in lower case', { code: 'breast_aug' }, 'code'],
      ['an unknown field', { status: 'ACTIVE' }, 'status'],
    ];
    it.each(cases)('%s', async (_name, override, path) => {
      const res = await clinic.as('ADMIN').post('/consent-templates', {
        code: freshCode(),
        version: 1,
        title: 'T',
        body: 'B',
        cptCodes: ['19325'],
        ...override,
      });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldPaths(res)).toContain(path);
    });
  });

  it.each(['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const)(
    'answers 403 to %s: only ADMIN writes templates',
    async (role) => {
      const code = freshCode();

      const res = await clinic.as(role).post('/consent-templates', {
        code,
        version: 1,
        title: 'T',
        body: 'B',
        cptCodes: ['19325'],
      });

      expect(res.status).toBe(403);
      const listed = await clinic.as('ADMIN').get(`/consent-templates?code=${code}`);
      expect(listed.body.data).toEqual([]);
    },
  );
});

describe('the general surgical consent', () => {
  it('is given to every new clinic (clinic:create), with no CPT codes and an audit event', async () => {
    const fresh = await given.clinicWithStaff('New Consents Clinic');

    const res = await fresh.as('NURSE').get('/consent-templates');
    const template = res.body.data[0];
    const audit = await fresh
      .as('ADMIN')
      .get(`/audit-events?entityType=ConsentTemplate&entityId=${template.id}`);

    expect(res.body.data).toHaveLength(1);
    expect(template).toMatchObject({
      code: GENERAL_CONSENT_CODE,
      version: 1,
      title: GENERAL_CONSENT_TITLE,
      body: GENERAL_CONSENT_BODY,
      cptCodes: [],
      active: true,
      createdById: fresh.staff.ADMIN.id,
    });
    expect(template.body).toMatch(/Risks:/);
    expect(template.body).toMatch(/Alternatives:/);
    expect(template.body).toMatch(/Anesthesia:/);
    expect(template.body).toMatch(/photography/);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
      'consent_template.create',
    ]);
  });

  it('is a plan’s consent while no specific template covers it; a signed one stays until one does', async () => {
    const fresh = await given.clinicWithStaff('General Consent Plans Clinic');
    const freshPatient = await given.patient(fresh);
    const created = await fresh.as('COORDINATOR').post('/procedure-plans', {
      patientId: freshPatient.id,
      procedureName: 'Breast augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
    });
    expect(created.body.consent).toMatchObject({
      status: 'PENDING',
      templateCode: GENERAL_CONSENT_CODE,
    });
    const [general] = await consentsOf(created.body.id, fresh);
    const signed = await fresh.as('NURSE').post(`/consents/${general.id}/sign`, signBody(general));
    expect(signed.status).toBe(200);

    // Other codes no template covers: the signed general consent still covers the plan.
    await attach(created.body.id, ['15847'], fresh, freshPatient.id);
    const afterEdit = await consentsOf(created.body.id, fresh);
    // A procedure-specific template now covers it: that consent is the one to sign.
    await createTemplate(fresh, { code: 'BREAST_AUG_CONSENT', cptCodes: ['19325'] });
    await attach(created.body.id, ['19325'], fresh, freshPatient.id);
    const afterMatch = await consentsOf(created.body.id, fresh);

    expect(afterEdit.map((c) => [c.templateCode, c.status])).toEqual([
      [GENERAL_CONSENT_CODE, 'SIGNED'],
    ]);
    expect(afterMatch.map((c) => [c.templateCode, c.status])).toEqual([
      ['BREAST_AUG_CONSENT', 'PENDING'],
      [GENERAL_CONSENT_CODE, 'VOIDED'],
    ]);
  });

  it('is the text migration 0014 gives the clinics created before it', () => {
    const migration = readFileSync('drizzle/0014_general_surgical_consent.sql', 'utf8');
    const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

    expect(migration).toContain(quoted(GENERAL_CONSENT_CODE));
    expect(migration).toContain(quoted(GENERAL_CONSENT_TITLE));
    expect(migration).toContain(quoted(GENERAL_CONSENT_BODY));
  });

  it('takes a new version with no CPT codes; any other template still needs some', async () => {
    const fresh = await given.clinicWithStaff('General Consent Versions Clinic');
    const base = { version: 2, title: 'General consent', body: 'Revised text.', cptCodes: [] };

    const general = await fresh
      .as('ADMIN')
      .post('/consent-templates', { ...base, code: GENERAL_CONSENT_CODE });
    const withCodes = await fresh.as('ADMIN').post('/consent-templates', {
      ...base,
      version: 3,
      code: GENERAL_CONSENT_CODE,
      cptCodes: ['19325'],
    });
    const other = await fresh
      .as('ADMIN')
      .post('/consent-templates', { ...base, code: freshCode() });

    expect(general.status).toBe(201);
    expect(general.body).toMatchObject({ code: GENERAL_CONSENT_CODE, version: 2, cptCodes: [] });
    expect(withCodes.status).toBe(400);
    expect(fieldPaths(withCodes)).toEqual(['cptCodes']);
    expect(other.status).toBe(400);
    expect(fieldPaths(other)).toEqual(['cptCodes']);
  });
});

describe('a template that becomes active reaches the open plans without a consent', () => {
  it('gives an approved plan the consent it lacked, and leaves a cancelled one alone', async () => {
    const fresh = await given.clinicWithStaff('Late Template Clinic');
    await deactivateGeneralConsent(fresh);
    const { plan } = await given.acceptedQuote(fresh);
    const { plan: cancelled } = await given.acceptedQuote(fresh, { approve: false });
    const cancel = await fresh
      .as('COORDINATOR')
      .post(`/procedure-plans/${cancelled.id}/cancel`, { reason: 'Patient chose not to proceed' });
    expect(cancel.status).toBe(200);
    const readiness = () => fresh.as('SURGEON').get(`/procedure-plans/${plan.id}/readiness`);
    const before = await fresh.as('SURGEON').get(`/procedure-plans/${plan.id}`);
    const unmet = await readiness();

    await createTemplate(fresh, { code: 'BREAST_AUG_CONSENT', cptCodes: ['19325'] });
    const after = await fresh.as('SURGEON').get(`/procedure-plans/${plan.id}`);
    const pending = await readiness();

    expect(before.body).toMatchObject({ status: 'APPROVED', consent: null });
    expect(unmet.body.checks).toContainEqual(
      expect.objectContaining({ code: 'CONSENT_SIGNED', required: true, ok: false }),
    );
    expect(after.body.consent).toMatchObject({
      status: 'PENDING',
      templateCode: 'BREAST_AUG_CONSENT',
    });
    // Its answer changed, so its version did: an edit made on the old one is refused.
    expect(after.body.version).toBe(before.body.version + 1);
    expect(pending.body.checks).toContainEqual(
      expect.objectContaining({
        code: 'CONSENT_SIGNED',
        ok: false,
        detail: 'Consent BREAST_AUG_CONSENT is PENDING: it must be signed',
      }),
    );
    expect(await consentsOf(cancelled.id, fresh)).toEqual([]);
  });

  it('reinstating the general surgical consent covers the plans no specific template does', async () => {
    const fresh = await given.clinicWithStaff('Reinstated General Consent Clinic');
    await deactivateGeneralConsent(fresh);
    const { plan } = await given.acceptedQuote(fresh);
    const general = await fresh.as('ADMIN').get(`/consent-templates?code=${GENERAL_CONSENT_CODE}`);

    const reinstated = await fresh
      .as('ADMIN')
      .patch(`/consent-templates/${general.body.data[0].id}`, { active: true });
    const after = await fresh.as('SURGEON').get(`/procedure-plans/${plan.id}`);

    expect(reinstated.status).toBe(200);
    expect(after.body.consent).toMatchObject({
      status: 'PENDING',
      templateCode: GENERAL_CONSENT_CODE,
    });
  });
});

describe('GET /consent-templates', () => {
  it('lists every version of a code to any role, by version, a page at a time', async () => {
    const code = freshCode();
    await createTemplate(clinic, { code, version: 2 });
    await createTemplate(clinic, { code, version: 1 });

    const first = await clinic.as('BILLING').get(`/consent-templates?code=${code}&limit=1`);
    const second = await clinic
      .as('BILLING')
      .get(`/consent-templates?code=${code}&limit=1&cursor=${first.body.nextCursor}`);

    expect(first.status).toBe(200);
    expect(first.body.data.map((tpl: any) => tpl.version)).toEqual([1]);
    expect(second.body.data.map((tpl: any) => tpl.version)).toEqual([2]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters by active', async () => {
    const code = freshCode();
    const retired = await createTemplate(clinic, { code, version: 1, active: false });
    const current = await createTemplate(clinic, { code, version: 2 });

    const active = await clinic.as('NURSE').get(`/consent-templates?code=${code}&active=true`);
    const inactive = await clinic.as('NURSE').get(`/consent-templates?code=${code}&active=false`);

    expect(active.body.data.map((tpl: any) => tpl.id)).toEqual([current.id]);
    expect(inactive.body.data.map((tpl: any) => tpl.id)).toEqual([retired.id]);
  });

  it("never shows another clinic's templates", async () => {
    const code = freshCode();
    await createTemplate(other, { code });

    const res = await clinic.as('ADMIN').get(`/consent-templates?code=${code}`);

    expect(res.body.data).toEqual([]);
  });
});

describe('PATCH /consent-templates/:id', () => {
  it('retires a template, and changes nothing else', async () => {
    const template = await createTemplate(clinic);

    const res = await clinic.as('ADMIN').patch(`/consent-templates/${template.id}`, {
      active: false,
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...template, active: false, updatedAt: expect.any(String) });
  });

  it('refuses to edit the text: a new version is created instead', async () => {
    const template = await createTemplate(clinic);

    const res = await clinic
      .as('ADMIN')
      .patch(`/consent-templates/${template.id}`, { body: 'New text', active: true });

    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(['body']);
  });

  it('answers 403 to a non-admin and 404 for another clinic’s template', async () => {
    const template = await createTemplate(other);

    const forbidden = await other
      .as('COORDINATOR')
      .patch(`/consent-templates/${template.id}`, { active: false });
    const hidden = await clinic
      .as('ADMIN')
      .patch(`/consent-templates/${template.id}`, { active: false });

    expect(forbidden.status).toBe(403);
    expect(hidden.status).toBe(404);
  });
});

describe('PlanConsentService.attachForPlan', () => {
  it('instantiates the highest active version as a PENDING snapshot with its SHA-256 content hash', async () => {
    const cpt = freshCpt();
    const code = freshCode('BREAST_AUG_CONSENT');
    await createTemplate(clinic, { code, version: 1, cptCodes: [cpt] });
    const v2 = await createTemplate(clinic, {
      code,
      version: 2,
      title: 'Breast augmentation (v2)',
      body: 'Version two text.\nWith "quotes" and ünïcode.',
      cptCodes: [cpt],
    });
    const planId = await newPlanId();

    await attach(planId, [cpt]);

    const consents = await consentsOf(planId);
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      patientId: patient.id,
      procedurePlanId: planId,
      templateCode: code,
      templateVersion: 2,
      title: v2.title,
      body: v2.body,
      contentHash: sha256OfText(v2.title, v2.body),
      status: 'PENDING',
      signedAt: null,
      version: 1,
    });
  });

  it('ignores an inactive template even when its version is higher', async () => {
    const cpt = freshCpt();
    const code = freshCode();
    await createTemplate(clinic, { code, version: 1, cptCodes: [cpt] });
    await createTemplate(clinic, { code, version: 2, cptCodes: [cpt], active: false });
    const planId = await newPlanId();

    await attach(planId, [cpt]);

    const consents = await consentsOf(planId);
    expect(consents.map((c) => c.templateVersion)).toEqual([1]);
  });

  it('creates nothing when no template covers the plan’s codes', async () => {
    const planId = await newPlanId();

    await attach(planId, [freshCpt()]);

    expect(await consentsOf(planId)).toEqual([]);
  });

  it('matches on the base code: 19325-50 is consented by a template for 19325', async () => {
    const cpt = freshCpt();
    const template = await createTemplate(clinic, { cptCodes: [cpt] });
    const planId = await newPlanId();

    await attach(planId, [`${cpt}-50`, `${cpt}-RT`]);

    const consents = await consentsOf(planId);
    expect(consents.map((c) => c.templateCode)).toEqual([template.code]);
  });

  it('breaks a version tie between codes by more overlapping codes, then by the first code alphabetically', async () => {
    const [a, b, c] = [freshCpt(), freshCpt(), freshCpt()];
    const prefix = freshCode('TIE');
    await createTemplate(clinic, { code: `${prefix}_A`, cptCodes: [a] });
    await createTemplate(clinic, { code: `${prefix}_Z`, cptCodes: [a, b] });
    await createTemplate(clinic, { code: `${prefix}_B`, cptCodes: [c] });
    await createTemplate(clinic, { code: `${prefix}_C`, cptCodes: [c] });
    const overlapPlan = await newPlanId();
    const alphabeticalPlan = await newPlanId();

    await attach(overlapPlan, [a, b]);
    await attach(alphabeticalPlan, [c]);

    expect((await consentsOf(overlapPlan)).map((x) => x.templateCode)).toEqual([`${prefix}_Z`]);
    expect((await consentsOf(alphabeticalPlan)).map((x) => x.templateCode)).toEqual([
      `${prefix}_B`,
    ]);
  });

  it('voids the pending consent and instantiates the new match when the codes change', async () => {
    const [first, second] = [freshCpt(), freshCpt()];
    const before = await createTemplate(clinic, { cptCodes: [first] });
    const after = await createTemplate(clinic, { cptCodes: [second] });
    const planId = await newPlanId();
    await attach(planId, [first]);

    await attach(planId, [second]);

    const consents = await consentsOf(planId);
    expect(consents.map((c) => [c.templateCode, c.status])).toEqual([
      [after.code, 'PENDING'],
      [before.code, 'VOIDED'],
    ]);
    expect(consents[1]).toMatchObject({ voidReason: 'plan codes changed', version: 2 });
    expect(consents[1].voidedAt).toEqual(expect.any(String));
  });

  it('replaces a pending consent with a newer version of its template on the next change', async () => {
    const [cpt, extra] = [freshCpt(), freshCpt()];
    const code = freshCode();
    await createTemplate(clinic, { code, version: 1, cptCodes: [cpt] });
    const planId = await newPlanId();
    await attach(planId, [cpt]);
    await createTemplate(clinic, { code, version: 2, cptCodes: [cpt] });

    await attach(planId, [cpt, extra]);

    const consents = await consentsOf(planId);
    expect(consents.map((c) => [c.templateVersion, c.status])).toEqual([
      [2, 'PENDING'],
      [1, 'VOIDED'],
    ]);
  });

  it('keeps the consent untouched when the same template still matches', async () => {
    const [cpt, extra] = [freshCpt(), freshCpt()];
    await createTemplate(clinic, { cptCodes: [cpt] });
    const planId = await newPlanId();
    await attach(planId, [cpt]);
    const [original] = await consentsOf(planId);

    await attach(planId, [cpt, extra]);

    expect(await consentsOf(planId)).toEqual([original]);
  });

  it('voids a signed consent whose template no longer covers the plan, and instantiates the new match', async () => {
    const [first, second] = [freshCpt(), freshCpt()];
    await createTemplate(clinic, { cptCodes: [first] });
    const replacement = await createTemplate(clinic, { cptCodes: [second] });
    const planId = await newPlanId();
    await attach(planId, [first]);
    const [consent] = await consentsOf(planId);
    await sign(consent);

    await attach(planId, [second]);

    const consents = await consentsOf(planId);
    expect(consents.map((c) => [c.templateCode, c.status])).toEqual([
      [replacement.code, 'PENDING'],
      [consent.templateCode, 'VOIDED'],
    ]);
    expect(consents[1].signedAt).toEqual(expect.any(String));
  });

  it('keeps a signed consent while its template still covers one of the plan’s codes', async () => {
    const [shared, added] = [freshCpt(), freshCpt()];
    await createTemplate(clinic, { cptCodes: [shared] });
    const planId = await newPlanId();
    await attach(planId, [shared]);
    const [consent] = await consentsOf(planId);
    await sign(consent);
    // A newer template that matches better appears; the patient's signature still covers `shared`.
    await createTemplate(clinic, { version: 5, cptCodes: [shared, added] });

    await attach(planId, [shared, added]);

    const consents = await consentsOf(planId);
    expect(consents.map((c) => [c.id, c.status])).toEqual([[consent.id, 'SIGNED']]);
  });

  it('voids the pending consent and creates nothing when no template matches any more', async () => {
    const { planId } = await pendingConsent();

    await attach(planId, [freshCpt()]);

    const consents = await consentsOf(planId);
    expect(consents.map((c) => c.status)).toEqual(['VOIDED']);
  });

  it('writes an audit event for each consent it creates and voids', async () => {
    const [first, second] = [freshCpt(), freshCpt()];
    await createTemplate(clinic, { cptCodes: [first] });
    await createTemplate(clinic, { cptCodes: [second] });
    const planId = await newPlanId();
    await attach(planId, [first]);
    await attach(planId, [second]);
    const [replacement, voided] = await consentsOf(planId);

    const actions = async (id: string) =>
      (
        await clinic
          .as('ADMIN')
          .get(`/audit-events?entityType=PatientConsentInstance&entityId=${id}`)
      ).body.data
        .map((e: any) => e.action)
        .filter((a: string) => a !== 'consent.list');

    expect((await actions(voided.id)).sort()).toEqual(['consent.create', 'consent.void']);
    expect(await actions(replacement.id)).toEqual(['consent.create']);
  });
});

describe('PlanConsentService.voidPendingForPlan', () => {
  it('voids a pending consent with the given reason', async () => {
    const { planId } = await pendingConsent();

    await inTransaction((db) =>
      plans().voidPendingForPlan(db, callerOf(clinic), planId, 'plan cancelled'),
    );

    const [consent] = await consentsOf(planId);
    expect(consent).toMatchObject({ status: 'VOIDED', voidReason: 'plan cancelled' });
  });

  it('leaves a signed consent signed, as history', async () => {
    const { planId, consent } = await pendingConsent();
    await sign(consent);

    await inTransaction((db) =>
      plans().voidPendingForPlan(db, callerOf(clinic), planId, 'plan cancelled'),
    );

    expect((await consentsOf(planId)).map((c) => c.status)).toEqual(['SIGNED']);
  });
});

describe('PlanConsentService.summariesForPlans', () => {
  it('answers each plan’s current consent and leaves out plans without one', async () => {
    const pending = await pendingConsent();
    const signed = await pendingConsent();
    await sign(signed.consent);
    const voided = await pendingConsent();
    await attach(voided.planId, [freshCpt()]);
    const withoutConsent = newId(); // no plan: summaries leave it out

    const summaries = await inTransaction((db) =>
      plans().summariesForPlans(db, trustedClinicId(clinic.clinicId), [
        pending.planId,
        signed.planId,
        voided.planId,
        withoutConsent,
      ]),
    );

    expect(Object.fromEntries(summaries)).toEqual({
      [pending.planId]: {
        id: pending.consent.id,
        status: 'PENDING',
        templateCode: pending.consent.templateCode,
      },
      [signed.planId]: {
        id: signed.consent.id,
        status: 'SIGNED',
        templateCode: signed.consent.templateCode,
      },
    });
  });

  it('answers an empty map for no plans, and nothing of another clinic', async () => {
    const { planId } = await pendingConsent();

    const none = await inTransaction((db) =>
      plans().summariesForPlans(db, trustedClinicId(clinic.clinicId), []),
    );
    const otherClinic = await inTransaction((db) =>
      plans().summariesForPlans(db, trustedClinicId(other.clinicId), [planId]),
    );

    expect(none.size).toBe(0);
    expect(otherClinic.size).toBe(0);
  });
});

describe('GET /consents/:id', () => {
  it('answers the consent with its version as ETag to clinical roles', async () => {
    const { consent } = await pendingConsent();

    const res = await clinic.as('SURGEON').get(`/consents/${consent.id}`);

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual(consent);
  });

  it('answers 403 to BILLING', async () => {
    const { consent } = await pendingConsent();

    const res = await clinic.as('BILLING').get(`/consents/${consent.id}`);

    expect(res.status).toBe(403);
  });

  it("answers 404 for another clinic's consent", async () => {
    const { consent } = await pendingConsent();

    const read = await other.as('NURSE').get(`/consents/${consent.id}`);
    const signAttempt = await other
      .as('NURSE')
      .post(`/consents/${consent.id}/sign`, signBody(consent));
    const listed = await other
      .as('NURSE')
      .get(`/consents?procedurePlanId=${consent.procedurePlanId}`);

    expect(read.status).toBe(404);
    expect(signAttempt.status).toBe(404);
    expect(listed.body.data).toEqual([]);
    expect((await clinic.as('NURSE').get(`/consents/${consent.id}`)).body.status).toBe('PENDING');
  });
});

describe('POST /consents/:id/sign', () => {
  it('signs with the hash of the text shown and records signer, method, witness, time and recorder', async () => {
    const { consent } = await pendingConsent();
    const before = Date.now();

    const res = await clinic.as('NURSE').post(
      `/consents/${consent.id}/sign`,
      signBody(consent, {
        signerName: 'John Doe',
        relationship: 'GUARDIAN',
        witnessId: clinic.staff.SURGEON.id,
      }),
    );

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'SIGNED',
      signerName: 'John Doe',
      relationship: 'GUARDIAN',
      signatureMethod: 'TYPED',
      witnessId: clinic.staff.SURGEON.id,
      recordedById: clinic.staff.NURSE.id,
      title: consent.title,
      body: consent.body,
      contentHash: consent.contentHash,
      version: 2,
    });
    expect(res.body).not.toHaveProperty('signatureData');
    expect(Date.parse(res.body.signedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await clinic.as('COORDINATOR').get(`/consents/${consent.id}`)).body).toEqual(res.body);
  });

  it('accepts a drawn signature as an image data URL', async () => {
    const { consent } = await pendingConsent();

    const signed = await sign(consent, {
      signatureMethod: 'DRAWN',
      signatureData: `data:image/png;base64,${Buffer.from('png-bytes').toString('base64')}`,
    });

    expect(signed).toMatchObject({ status: 'SIGNED', signatureMethod: 'DRAWN' });
  });

  it('refuses a stale content hash with 409 CONSENT_CONTENT_CHANGED and leaves the consent pending', async () => {
    const { consent } = await pendingConsent();

    const res = await clinic
      .as('NURSE')
      .post(`/consents/${consent.id}/sign`, signBody(consent, { contentHash: 'ab'.repeat(32) }));

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONSENT_CONTENT_CHANGED');
    const read = await clinic.as('NURSE').get(`/consents/${consent.id}`);
    expect(read.body).toMatchObject({ status: 'PENDING', signedAt: null, version: 1 });
  });

  it('refuses to sign twice with 409 INVALID_STATE_TRANSITION', async () => {
    const { consent } = await pendingConsent();
    const first = await sign(consent);

    const res = await clinic
      .as('SURGEON')
      .post(`/consents/${consent.id}/sign`, signBody(consent, { signerName: 'Someone Else' }));

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_STATE_TRANSITION');
    expect((await clinic.as('NURSE').get(`/consents/${consent.id}`)).body).toEqual(first);
  });

  it('refuses a witness from another clinic or a deactivated one with 400 naming witnessId', async () => {
    const { consent } = await pendingConsent();
    const retired = await addStaffMember(t, clinic, 'NURSE');
    await clinic.as('ADMIN').patch(`/users/${retired.id}`, { active: false });

    const foreign = await clinic
      .as('NURSE')
      .post(`/consents/${consent.id}/sign`, signBody(consent, { witnessId: other.staff.NURSE.id }));
    const inactive = await clinic
      .as('NURSE')
      .post(`/consents/${consent.id}/sign`, signBody(consent, { witnessId: retired.id }));

    for (const res of [foreign, inactive]) {
      expect(res.status).toBe(400);
      expect(fieldPaths(res)).toEqual(['witnessId']);
    }
    expect((await clinic.as('NURSE').get(`/consents/${consent.id}`)).body.status).toBe('PENDING');
  });

  describe('refuses a malformed signature with 400 naming the field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'a drawn signature that is not an image data URL',
        { signatureMethod: 'DRAWN', signatureData: 'Jane Doe' },
        'signatureData',
      ],
      [
        'a drawn signature over 200 KB',
        { signatureMethod: 'DRAWN', signatureData: `data:image/png;base64,${'A'.repeat(200_000)}` },
        'signatureData',
      ],
      [
        'a typed signature over 200 characters',
        { signatureData: 'J'.repeat(201) },
        'signatureData',
      ],
      ['an unknown relationship', { relationship: 'FRIEND' }, 'relationship'],
      ['a contentHash that is not SHA-256 hex', { contentHash: 'abc' }, 'contentHash'],
    ];
    it.each(cases)('%s', async (_name, override, path) => {
      const { consent } = await pendingConsent();

      const res = await clinic
        .as('NURSE')
        .post(`/consents/${consent.id}/sign`, signBody(consent, override));

      expect(res.status).toBe(400);
      expect(fieldPaths(res)).toContain(path);
    });
  });

  it('answers 403 to BILLING and records nothing', async () => {
    const { consent } = await pendingConsent();

    const res = await clinic.as('BILLING').post(`/consents/${consent.id}/sign`, signBody(consent));

    expect(res.status).toBe(403);
    expect((await clinic.as('NURSE').get(`/consents/${consent.id}`)).body.status).toBe('PENDING');
  });

  it('keeps the signature data and the signer’s name out of the audit trail', async () => {
    const { consent } = await pendingConsent();
    const signatureData = `data:image/png;base64,${Buffer.from('unique-ink-7f3a').toString('base64')}`;
    await sign(consent, {
      signerName: 'Zebedee Quillfeather',
      signatureMethod: 'DRAWN',
      signatureData,
    });

    const events = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=PatientConsentInstance&entityId=${consent.id}`);
    const stored = await t.app
      .get(TransactionRunner)
      .db.execute(sql`SELECT * FROM audit_events WHERE entity_id = ${consent.id}`);

    const signEvent = events.body.data.find((e: any) => e.action === 'consent.sign');
    expect(signEvent).toMatchObject({
      actorId: clinic.staff.NURSE.id,
      changedFields: expect.arrayContaining(['signatureData', 'signerName', 'status']),
    });
    for (const text of [JSON.stringify(events.body), JSON.stringify(stored)]) {
      expect(text).not.toContain(signatureData);
      expect(text).not.toContain('Zebedee');
    }
  });
});

describe('POST /consents/:id/revoke', () => {
  it('revokes a signed consent with a reason, keeping the signature record', async () => {
    const { consent } = await pendingConsent();
    const signed = await sign(consent);

    const res = await clinic
      .as('COORDINATOR')
      .post(`/consents/${consent.id}/revoke`, { reason: 'Patient changed her mind' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'REVOKED',
      revokeReason: 'Patient changed her mind',
      signedAt: signed.signedAt,
      signerName: signed.signerName,
      version: 3,
    });
    expect(res.body.revokedAt).toEqual(expect.any(String));
  });

  it('revokes a pending consent, which can then no longer be signed', async () => {
    const { consent } = await pendingConsent();

    const revoked = await clinic
      .as('SURGEON')
      .post(`/consents/${consent.id}/revoke`, { reason: 'Declined' });
    const signAttempt = await clinic
      .as('NURSE')
      .post(`/consents/${consent.id}/sign`, signBody(consent));

    expect(revoked.body.status).toBe('REVOKED');
    expect(signAttempt.status).toBe(409);
    expect(signAttempt.body.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('refuses to revoke a revoked or a voided consent with 409', async () => {
    const { planId, consent } = await pendingConsent();
    const voided = await pendingConsent();
    await inTransaction((db) =>
      plans().voidPendingForPlan(db, callerOf(clinic), voided.planId, 'plan cancelled'),
    );
    await clinic.as('NURSE').post(`/consents/${consent.id}/revoke`, { reason: 'Declined' });

    const again = await clinic
      .as('NURSE')
      .post(`/consents/${consent.id}/revoke`, { reason: 'Again' });
    const ofVoided = await clinic
      .as('NURSE')
      .post(`/consents/${voided.consent.id}/revoke`, { reason: 'Declined' });

    expect(again.status).toBe(409);
    expect(ofVoided.status).toBe(409);
    expect((await consentsOf(planId))[0].revokeReason).toBe('Declined');
  });

  it('requires a reason', async () => {
    const { consent } = await pendingConsent();

    const res = await clinic.as('NURSE').post(`/consents/${consent.id}/revoke`, { reason: ' ' });

    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(['reason']);
  });
});

describe('GET /consents/:id/pdf', () => {
  it("prints the signed text, template, signer, signed time in the clinic's zone and hash, audited", async () => {
    expect(
      (await clinic.as('ADMIN').patch('/clinic', { timeZone: 'America/Los_Angeles' })).status,
    ).toBe(200);
    const { consent } = await pendingConsent();
    const signed = await sign(consent, { signerName: 'Rosa Parks-Li', relationship: 'GUARDIAN' });

    const res = await downloadPdf(t, clinic.staff.SURGEON.token, `/consents/${consent.id}/pdf`);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="consent-${consent.templateCode}-v${consent.templateVersion}-${patient.mrn}.pdf"`,
    );
    const text = pdfText(res.bytes);
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Los_Angeles',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(new Date(signed.signedAt))
      .replace(', ', ' ');
    for (const expected of [
      'Consents Clinic',
      'Signed informed consent',
      consent.title,
      `${consent.templateCode}, version ${consent.templateVersion}`,
      'Rosa Parks-Li',
      'Guardian',
      'Typed name',
      'Test NURSE',
      patient.mrn,
      consent.contentHash,
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(new RegExp(`${local} P[SD]T \\(America/Los_Angeles\\)`));
    expect(
      await countRows(
        t,
        'audit_events',
        clinic.clinicId,
        sql`entity_id = ${consent.id} AND action = 'consent.read-pdf' AND actor_id = ${clinic.staff.SURGEON.id}`,
      ),
    ).toBe(1);
  });

  it('refuses a consent not yet signed with 409 and BILLING with 403', async () => {
    const { consent } = await pendingConsent();

    const pending = await downloadPdf(t, clinic.staff.NURSE.token, `/consents/${consent.id}/pdf`);
    expect(pending.status).toBe(409);
    expect(JSON.parse(pending.text).code).toBe('INVALID_STATE_TRANSITION');
    const billing = await downloadPdf(t, clinic.staff.BILLING.token, `/consents/${consent.id}/pdf`);
    expect(billing.status).toBe(403);
  });

  it("answers 404 for another clinic's consent", async () => {
    const { consent } = await pendingConsent();
    await sign(consent);

    const res = await downloadPdf(t, other.staff.NURSE.token, `/consents/${consent.id}/pdf`);

    expect(res.status).toBe(404);
  });
});
