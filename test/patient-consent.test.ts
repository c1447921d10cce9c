import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustedClinicId, type ClinicId, type PatientLinkActor } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { DomainError } from '../src/common/errors/domain-error';
import { newId } from '../src/common/ids';
import { PatientSignConsentBody } from '../src/modules/consent';
import { ConsentPdfService } from '../src/modules/consent/services/consent-pdf.service';
import { ConsentService } from '../src/modules/consent/services/consent.service';
import { ProcedurePlanWorkflowService } from '../src/modules/procedure-plan/services/procedure-plan-workflow.service';
import { countRows, Given, type ClinicWithStaff } from './support/given';
import { readyPlan, type ReadyPlan } from './support/given-theater';
import { downloadPdf, pdfText } from './support/pdf-text';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The patient's side of issue 18 in the consent and plan modules, over their services (the patient
 * portal's routes call them): the patient's own signature with its evidence, its PDF, and the
 * plan approved by the patient. The staff route's evidence is checked over HTTP.
 */

let t: TestApp;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Patient Consent Clinic');
  expect((await clinic.as('ADMIN').patch('/clinic', { timeZone: 'America/New_York' })).status).toBe(
    200,
  );
});
afterAll(() => t.close());

const USER_AGENT = 'ContourTest/1.0 (Phone)';

function actorFor(ready: ReadyPlan, overrides: Partial<PatientLinkActor> = {}): PatientLinkActor {
  const linkId = overrides.linkId ?? newId();
  const clinicId: ClinicId = trustedClinicId(clinic.clinicId);
  const requestId = `test-${randomBytes(4).toString('hex')}`;
  return {
    linkId,
    clinicId,
    patientId: ready.patient.id,
    procedurePlanId: ready.plan.id,
    requestId,
    ipAddress: '203.0.113.7',
    userAgent: USER_AGENT,
    expiresAt: new Date(Date.now() + 3_600_000),
    audit: { clinicId, userId: linkId, requestId },
    ...overrides,
  };
}

/** A real PNG (grey, `width`×`height`): eight signature bytes, IHDR, IDAT, IEND. */
function pngImage(width = 60, height = 20): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([length, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.from([0, ...Array.from({ length: width }, (_, x) => ((x + y) % 7 === 0 ? 0 : 255))]),
    ),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG_DATA_URL = `data:image/png;base64,${pngImage().toString('base64')}`;

function consents(): ConsentService {
  return t.app.get(ConsentService);
}

function workflow(): ProcedurePlanWorkflowService {
  return t.app.get(ProcedurePlanWorkflowService);
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** A QUOTED breast augmentation whose (general surgical) consent is PENDING. */
async function quotedPlan(): Promise<ReadyPlan> {
  const ready = await readyPlan(clinic, { stopBefore: 'approve' });
  const plan = (await clinic.as('COORDINATOR').get(`/procedure-plans/${ready.plan.id}`)).body;
  expect(plan).toMatchObject({ status: 'QUOTED', consent: { status: 'PENDING' } });
  return { ...ready, plan };
}

function fullName(ready: ReadyPlan): string {
  return `${ready.patient.firstName} ${ready.patient.lastName}`;
}

async function signAsPatient(ready: ReadyPlan, actor: PatientLinkActor) {
  const shown = await consents().forPatient(actor);
  return consents().signAsPatient(actor, {
    signerName: `  ${fullName(ready).toUpperCase().replace(' ', '   ')} `,
    signatureImage: PNG_DATA_URL,
    contentHash: shown.contentHash,
  });
}

describe("the patient's own signature (ConsentService.signAsPatient)", () => {
  it('shows the PENDING consent, audited as a read by the link', async () => {
    const ready = await quotedPlan();
    const actor = actorFor(ready);

    const shown = await consents().forPatient(actor);

    expect(shown).toMatchObject({ status: 'PENDING', signature: null });
    expect(shown.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.body.length).toBeGreaterThan(0);
    expect(
      await countRows(
        t,
        'audit_events',
        clinic.clinicId,
        sql`action = 'consent.read' AND actor_id = ${actor.linkId} AND metadata->>'via' = 'patient-link'`,
      ),
    ).toBe(1);
  });

  it('records the signature with its evidence: SELF, DRAWN, the link, IP and user agent, no staff', async () => {
    const ready = await quotedPlan();
    const actor = actorFor(ready);

    const signed = await signAsPatient(ready, actor);

    expect(signed.status).toBe('SIGNED');
    expect(signed.signature).toEqual({
      signerName: fullName(ready).toUpperCase(),
      signedAt: expect.any(String),
      method: 'DRAWN',
      ipAddress: '203.0.113.7',
      userAgent: USER_AGENT,
      linkId: actor.linkId,
    });
    const staffView = await clinic.as('NURSE').get(`/consents/${ready.plan.consent.id}`);
    expect(staffView.body).toMatchObject({
      status: 'SIGNED',
      relationship: 'SELF',
      signatureMethod: 'DRAWN',
      recordedById: null,
      witnessId: null,
      evidence: {
        signedAt: signed.signature?.signedAt,
        ipAddress: '203.0.113.7',
        userAgent: USER_AGENT,
        method: 'DRAWN',
        channel: 'PATIENT_LINK',
        patientLinkId: actor.linkId,
        contentHash: signed.contentHash,
      },
    });
    expect(
      await countRows(
        t,
        'audit_events',
        clinic.clinicId,
        sql`action = 'consent.sign' AND entity_id = ${ready.plan.consent.id} AND actor_id = ${actor.linkId} AND metadata->>'via' = 'patient-link'`,
      ),
    ).toBe(1);
  });

  it('refuses a changed text (409 CONSENT_CONTENT_CHANGED) and records nothing', async () => {
    const ready = await quotedPlan();
    const actor = actorFor(ready);

    const error = await refusal(
      consents().signAsPatient(actor, {
        signerName: fullName(ready),
        signatureImage: PNG_DATA_URL,
        contentHash: '0'.repeat(64),
      }),
    );

    expect(error.code).toBe('CONSENT_CONTENT_CHANGED');
    expect((await consents().forPatient(actor)).status).toBe('PENDING');
  });

  it('refuses an image that is not a PNG, and a name that is not the patient’s, with 400', async () => {
    const ready = await quotedPlan();
    const actor = actorFor(ready);
    const { contentHash } = await consents().forPatient(actor);
    const jpeg = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]).toString('base64')}`;
    const fakePng = `data:image/png;base64,${Buffer.from('GIF89a not a png at all').toString('base64')}`;

    for (const signatureImage of [jpeg, fakePng, 'data:image/svg+xml;base64,PHN2Zz4=']) {
      const body = { signerName: fullName(ready), signatureImage, contentHash };
      expect(PatientSignConsentBody.safeParse(body).success).toBe(false);
      const error = await refusal(consents().signAsPatient(actor, body));
      expect([error.status, error.details()]).toEqual([
        400,
        { errors: [expect.objectContaining({ path: 'signatureImage' })] },
      ]);
    }
    const wrongName = await refusal(
      consents().signAsPatient(actor, {
        signerName: 'Somebody Else',
        signatureImage: PNG_DATA_URL,
        contentHash,
      }),
    );
    expect([wrongName.status, wrongName.details()]).toEqual([
      400,
      { errors: [expect.objectContaining({ path: 'signerName' })] },
    ]);
    expect(
      PatientSignConsentBody.safeParse({
        signerName: fullName(ready),
        signatureImage: PNG_DATA_URL,
        contentHash,
      }).success,
    ).toBe(true);
    expect((await consents().forPatient(actor)).status).toBe('PENDING');
  });

  it('refuses to sign twice (409 INVALID_STATE_TRANSITION), the first signature kept', async () => {
    const ready = await quotedPlan();
    const first = actorFor(ready);
    await signAsPatient(ready, first);

    const error = await refusal(signAsPatient(ready, actorFor(ready)));

    expect(error.code).toBe('INVALID_STATE_TRANSITION');
    expect((await consents().forPatient(first)).signature?.linkId).toBe(first.linkId);
  });

  it("answers 404 for a link whose plan is not its patient's", async () => {
    const ready = await quotedPlan();
    const other = await quotedPlan();

    const error = await refusal(
      consents().forPatient(actorFor(ready, { patientId: other.patient.id })),
    );

    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('the signed consent as a PDF, with the drawn signature and the evidence', () => {
  it("prints the patient's signature image and evidence, for staff and for the patient", async () => {
    const ready = await quotedPlan();
    const actor = actorFor(ready);
    const signed = await signAsPatient(ready, actor);

    const staff = await downloadPdf(
      t,
      clinic.staff.SURGEON.token,
      `/consents/${ready.plan.consent.id}/pdf`,
    );
    const patientCopy = await t.app.get(ConsentPdfService).pdfForPatient(actor);

    expect(staff.status).toBe(200);
    expect(patientCopy.fileName).toBe(
      String(staff.headers['content-disposition']).match(/filename="([^"]+)"/)?.[1],
    );
    for (const pdf of [staff.bytes, patientCopy.pdf]) {
      const text = pdfText(pdf);
      for (const expected of [
        'Evidence',
        'Drawn signature',
        "By the patient, through the patient's link",
        actor.linkId,
        '203.0.113.7',
        USER_AGENT,
        signed.signature?.signedAt ?? 'signedAt',
        'The patient, through their link',
        signed.contentHash,
      ])
        expect(text).toContain(expected);
      expect(text).toMatch(/ E[SD]T \(America\/New_York\)/);
      // The drawn signature is printed as an image.
      expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    }
    expect(
      await countRows(
        t,
        'audit_events',
        clinic.clinicId,
        sql`action = 'consent.read-pdf' AND actor_id = ${actor.linkId} AND metadata->>'via' = 'patient-link'`,
      ),
    ).toBe(1);
  });

  it('refuses the patient a PDF before signing (409)', async () => {
    const ready = await quotedPlan();

    const error = await refusal(t.app.get(ConsentPdfService).pdfForPatient(actorFor(ready)));

    expect(error.code).toBe('INVALID_STATE_TRANSITION');
  });
});

describe('the staff signature keeps its evidence (POST /consents/:id/sign)', () => {
  it("records the request's IP address and user agent, channel STAFF", async () => {
    const ready = await quotedPlan();
    const nurse = clinic.as('NURSE');
    const consent = (await nurse.get(`/consents/${ready.plan.consent.id}`)).body;
    expect(consent.evidence).toBeNull();

    const res = await nurse.post(
      `/consents/${consent.id}/sign`,
      {
        signerName: 'Maria Lopez',
        relationship: 'SELF',
        signatureMethod: 'TYPED',
        signatureData: 'Maria Lopez',
        contentHash: consent.contentHash,
      },
      { 'user-agent': `ClinicTablet/2.0 ${'x'.repeat(1000)}` },
    );

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      recordedById: clinic.staff.NURSE.id,
      evidence: {
        signedAt: res.body.signedAt,
        ipAddress: '127.0.0.1',
        method: 'TYPED',
        channel: 'STAFF',
        patientLinkId: null,
        contentHash: consent.contentHash,
      },
    });
    expect(res.body.evidence.userAgent).toMatch(/^ClinicTablet\/2\.0 x+$/);
    expect(res.body.evidence.userAgent).toHaveLength(512);
    const pdf = pdfText(
      (await downloadPdf(t, clinic.staff.NURSE.token, `/consents/${consent.id}/pdf`)).bytes,
    );
    expect(pdf).toContain('In the clinic, recorded by staff');
    expect(pdf).toContain('127.0.0.1');
  });
});

describe('drawn signatures recorded by staff, on the PDF', () => {
  it('notes an SVG, and an image pdfkit cannot read, instead of failing the print', async () => {
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;
    const brokenPng = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;
    for (const [signatureData, note] of [
      [svg, 'Drawn signature on file (SVG)'],
      [brokenPng, 'Drawn signature on file (its image could not be printed)'],
    ] as const) {
      const ready = await quotedPlan();
      const nurse = clinic.as('NURSE');
      const consent = (await nurse.get(`/consents/${ready.plan.consent.id}`)).body;
      const signed = await nurse.post(`/consents/${consent.id}/sign`, {
        signerName: 'Maria Lopez',
        relationship: 'SELF',
        signatureMethod: 'DRAWN',
        signatureData,
        contentHash: consent.contentHash,
      });
      expect(signed.status).toBe(200);

      const pdf = await downloadPdf(t, clinic.staff.NURSE.token, `/consents/${consent.id}/pdf`);

      expect(pdf.status).toBe(200);
      expect(pdfText(pdf.bytes)).toContain(note);
      expect(pdf.bytes.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    }
  });
});

describe('the plan approved by the patient (ProcedurePlanWorkflowService.approveAsPatient)', () => {
  it('refuses while the consent is pending, every unmet rule in one 409, then approves', async () => {
    const ready = await quotedPlan();
    const actor = actorFor(ready);
    const checklist = { path: 'fdaChecklist', message: 'Complete the FDA checklist first' };

    const refused = await refusal(workflow().approveAsPatient(actor, [checklist]));

    expect(refused.code).toBe('PLAN_NOT_APPROVABLE');
    expect(refused.details()).toEqual({
      errors: [{ path: 'consent', message: 'Sign the consent form first' }, checklist],
    });
    expect(
      (await clinic.as('COORDINATOR').get(`/procedure-plans/${ready.plan.id}`)).body.status,
    ).toBe('QUOTED');

    await signAsPatient(ready, actor);
    const approved = await workflow().approveAsPatient(actor);

    expect(approved).toMatchObject({
      status: 'APPROVED',
      approvedById: null,
      approvedByPatient: true,
      approvedAt: expect.any(String),
    });
    const quote = await clinic.as('BILLING').get(`/quotes/${ready.plan.currentQuoteId}`);
    expect(quote.body.status).toBe('ACCEPTED');
    const stored = await t.app
      .get(TransactionRunner)
      .db.execute(
        sql`SELECT approved_by_patient_link_id AS "linkId" FROM procedure_plans WHERE clinic_id = ${clinic.clinicId} AND id = ${ready.plan.id}`,
      );
    expect(z.object({ rows: z.array(z.unknown()) }).parse(stored).rows).toEqual([
      { linkId: actor.linkId },
    ]);
    expect(
      await countRows(
        t,
        'audit_events',
        clinic.clinicId,
        sql`action = 'procedure-plan.approve' AND entity_id = ${ready.plan.id} AND actor_id = ${actor.linkId} AND metadata->>'via' = 'patient-link' AND metadata->>'quoteId' = ${ready.plan.currentQuoteId}`,
      ),
    ).toBe(1);
    const again = await refusal(workflow().approveAsPatient(actor));
    expect(again.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('leaves the staff approval as it was: no consent needed, approved by the member of staff', async () => {
    const ready = await quotedPlan();

    const res = await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${ready.plan.id}/approve`, { notes: 'Patient agreed by phone' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'APPROVED',
      approvedById: clinic.staff.COORDINATOR.id,
      approvedByPatient: false,
      approvalNotes: 'Patient agreed by phone',
    });
  });
});
