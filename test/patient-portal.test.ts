// The patient's side through a link (issue 18): the consent signed with a drawn signature and its
// evidence, the plan approved, a payment plan chosen, the implant cards after surgery — all over
// HTTP with the link's token and the date of birth, as the patient pages call them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { bookedCase, expectStatus } from './support/given-theater';
import { pdfText } from './support/pdf-text';
import { startTestApp, type TestApp } from './support/test-app';

/** A 1×1 PNG: the smallest drawn signature. */
const SIGNATURE_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const DOB = '1991-02-17';
const PHONE_BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Patient Portal Clinic');
});
afterAll(() => t.close());

interface Portal {
  linkId: string;
  get(path?: string): Promise<ApiResponse>;
  post(path: string, body?: unknown): Promise<ApiResponse>;
  /** A PDF's status and raw bytes. */
  pdf(path: string): Promise<{ status: number; contentType: unknown; bytes: Buffer }>;
}

async function linkFor(planId: string, dateOfBirth = DOB): Promise<Portal> {
  const created = expectStatus(
    'link',
    await clinic.as('COORDINATOR').post(`/procedure-plans/${planId}/patient-link`, {
      channel: 'COPY',
    }),
    201,
  );
  const token = String(created.url).split('/p/')[1];
  const headers = {
    authorization: `Bearer ${token}`,
    'x-patient-date-of-birth': dateOfBirth,
    'user-agent': PHONE_BROWSER,
  };
  return {
    linkId: created.id,
    get: (path = '') => t.api.get(`/patient-portal${path}`, headers),
    post: (path, body) => t.api.post(`/patient-portal${path}`, body, headers),
    pdf: async (path) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/patient-portal${path}`,
        headers,
      });
      return {
        status: res.statusCode,
        contentType: res.headers['content-type'],
        bytes: res.rawPayload,
      };
    },
  };
}

async function quotedPlan() {
  return given.acceptedQuote(clinic, {
    approve: false,
    patient: { firstName: 'Elena', lastName: 'Marsh', dateOfBirth: DOB },
  });
}

/** The patient initials every section of the FDA checklist and signs it. */
async function signChecklist(portal: Portal): Promise<any> {
  const checklist = expectStatus('checklist', await portal.get('/fda-checklist'), 200);
  expect(checklist).toMatchObject({ required: true, status: 'PENDING' });
  return expectStatus(
    'sign checklist',
    await portal.post('/fda-checklist/sign', {
      initials: Object.fromEntries(checklist.sections.map((s: { key: string }) => [s.key, 'EM'])),
      signerName: 'Elena Marsh',
      contentHash: checklist.contentHash,
    }),
    200,
  );
}

async function actionsOf(linkId: string): Promise<string[]> {
  const res = await clinic.as('ADMIN').get(`/audit-events?actorId=${linkId}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.data.map((e: { action: string }) => e.action);
}

describe('the patient signs the consent and approves the plan', () => {
  it('refuses approval until the consent is signed; records the signature with its evidence; approves as the patient', async () => {
    const { plan, quote } = await quotedPlan();
    const portal = await linkFor(plan.id);

    const consent = expectStatus('consent', await portal.get('/consent'), 200);
    expect(consent).toMatchObject({ status: 'PENDING', signature: null });
    expect(consent.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(consent.body.length).toBeGreaterThan(100);

    const early = await portal.post('/approve');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PLAN_NOT_APPROVABLE');
    expect(early.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['consent', 'fdaChecklist']),
    );

    const wrongName = await portal.post('/consent/sign', {
      signerName: 'Someone Else',
      signatureImage: SIGNATURE_PNG,
      contentHash: consent.contentHash,
    });
    expect(wrongName.status).toBe(400);
    const wrongHash = await portal.post('/consent/sign', {
      signerName: 'Elena Marsh',
      signatureImage: SIGNATURE_PNG,
      contentHash: 'a'.repeat(64),
    });
    expect(wrongHash.status).toBe(409);
    expect(wrongHash.body.code).toBe('CONSENT_CONTENT_CHANGED');
    const notPng = await portal.post('/consent/sign', {
      signerName: 'Elena Marsh',
      signatureImage: 'data:image/png;base64,PHN2Zz48L3N2Zz4=',
      contentHash: consent.contentHash,
    });
    expect(notPng.status).toBe(400);
    expect((await portal.get('/consent')).body.status).toBe('PENDING');

    const signed = expectStatus(
      'sign',
      await portal.post('/consent/sign', {
        signerName: '  elena   MARSH ',
        signatureImage: SIGNATURE_PNG,
        contentHash: consent.contentHash,
      }),
      200,
    );
    expect(signed.status).toBe('SIGNED');
    expect(signed.signature).toMatchObject({
      method: 'DRAWN',
      userAgent: PHONE_BROWSER,
      linkId: portal.linkId,
      ipAddress: expect.any(String),
    });
    const again = await portal.post('/consent/sign', {
      signerName: 'Elena Marsh',
      signatureImage: SIGNATURE_PNG,
      contentHash: consent.contentHash,
    });
    expect(again.status).toBe(409);

    const pdf = await portal.pdf('/consent/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdfText(pdf.bytes)).toContain(PHONE_BROWSER.slice(0, 30));

    expect((await portal.get()).body.steps).toMatchObject({
      consent: 'SIGNED',
      fdaChecklist: 'PENDING',
      approval: 'NOT_YET',
    });
    const stillEarly = await portal.post('/approve');
    expect(stillEarly.body.errors.map((e: { path: string }) => e.path)).toEqual(['fdaChecklist']);
    const checklist = await signChecklist(portal);
    expect(checklist.status).toBe('PATIENT_SIGNED');
    expect((await portal.get()).body.steps).toMatchObject({
      fdaChecklist: 'PATIENT_SIGNED',
      approval: 'READY',
    });
    const approved = expectStatus('approve', await portal.post('/approve'), 200);
    expect(approved.plan).toMatchObject({ status: 'APPROVED', approvedByPatient: true });
    expect(approved.steps.approval).toBe('APPROVED');
    expect((await portal.post('/approve')).status).toBe(409);

    const staffView = expectStatus(
      'plan',
      await clinic.as('NURSE').get(`/procedure-plans/${plan.id}`),
      200,
    );
    expect(staffView).toMatchObject({
      status: 'APPROVED',
      approvedByPatient: true,
      approvedById: null,
    });
    expect(
      expectStatus('quote', await clinic.as('BILLING').get(`/quotes/${quote.id}`), 200).status,
    ).toBe('ACCEPTED');
    const staffConsent = expectStatus(
      'consent',
      await clinic.as('NURSE').get(`/consents/${staffView.consent.id}`),
      200,
    );
    expect(staffConsent.evidence).toMatchObject({
      channel: 'PATIENT_LINK',
      patientLinkId: portal.linkId,
    });

    const actions = await actionsOf(portal.linkId);
    expect(actions).toEqual(
      expect.arrayContaining([
        'consent.read',
        'consent.sign',
        'consent.read-pdf',
        'fda-checklist.read',
        'fda-checklist.sign',
        'procedure-plan.approve',
      ]),
    );
  });
});

describe('the patient chooses a payment plan', () => {
  it('sees the offers to the cent, may choose only after approving, and gets one plan', async () => {
    const { plan, quote } = await quotedPlan();
    const offer = expectStatus(
      'offer',
      await clinic.as('BILLING').post(`/quotes/${quote.id}/payment-plan-offers`, {
        depositAmount: '2000.00',
        installmentCount: 3,
        frequency: 'MONTHLY',
        firstDueDate: new Date(Date.now() + 40 * 864e5).toISOString().slice(0, 10),
      }),
      201,
    );
    const portal = await linkFor(plan.id);
    expect((await portal.get()).body.steps.paymentPlan).toBe('OFFERED');
    const offers = expectStatus('offers', await portal.get('/payment-plans'), 200);
    expect(offers.chosen).toBeNull();
    expect(offers.offers).toHaveLength(1);
    const installments = offers.offers[0].installments.map((i: { amount: string }) =>
      Number(i.amount),
    );
    expect(installments.reduce((a: number, b: number) => a + b, 0) + 2000).toBeCloseTo(
      Number(quote.patientPortion),
      2,
    );
    const tooEarly = await portal.post(`/payment-plans/${offer.id}/choose`);
    expect(tooEarly.status).toBe(409);

    // The patient signs and approves, then chooses.
    const consent = expectStatus('consent', await portal.get('/consent'), 200);
    expectStatus(
      'sign',
      await portal.post('/consent/sign', {
        signerName: 'Elena Marsh',
        signatureImage: SIGNATURE_PNG,
        contentHash: consent.contentHash,
      }),
      200,
    );
    await signChecklist(portal);
    expectStatus('approve', await portal.post('/approve'), 200);
    const chosen = expectStatus(
      'choose',
      await portal.post(`/payment-plans/${offer.id}/choose`),
      200,
    );
    expect(chosen.chosen).toMatchObject({ depositAmount: '2000.00' });
    expect(chosen.chosen.installments).toHaveLength(3);
    expect((await portal.post(`/payment-plans/${offer.id}/choose`)).status).toBe(409);
    expect((await portal.get()).body.steps.paymentPlan).toBe('CHOSEN');
    const plans = expectStatus(
      'payment plans',
      await clinic.as('BILLING').get(`/payment-plans?quoteId=${quote.id}`),
      200,
    );
    expect(plans.data).toHaveLength(1);
    expect(plans.data[0].createdById).toBeNull();
  });

  it('an offer id of another plan is not found through this link', async () => {
    const a = await quotedPlan();
    const b = await quotedPlan();
    const offerOfB = expectStatus(
      'offer',
      await clinic.as('BILLING').post(`/quotes/${b.quote.id}/payment-plan-offers`, {
        depositAmount: '1000.00',
        installmentCount: 2,
        frequency: 'MONTHLY',
        firstDueDate: new Date(Date.now() + 40 * 864e5).toISOString().slice(0, 10),
      }),
      201,
    );
    const portalA = await linkFor(a.plan.id);
    const res = await portalA.post(`/payment-plans/${offerOfB.id}/choose`);
    expect([404, 409]).toContain(res.status);
    expect(expectStatus('offers', await portalA.get('/payment-plans'), 200).offers).toEqual([]);
  });
});

describe('the implant card', () => {
  it('is empty (and its PDF refused) before the surgery is completed, then lists each implant', async () => {
    const booked = await bookedCase(clinic, 3, { started: true });
    const patient = expectStatus(
      'patient',
      await clinic.as('NURSE').get(`/patients/${booked.ready.patient.id}`),
      200,
    );
    const portal = await linkFor(booked.ready.plan.id, patient.dateOfBirth);
    expect(expectStatus('cards', await portal.get('/implant-cards'), 200).cards).toEqual([]);
    expect((await portal.pdf('/implant-cards/pdf')).status).toBe(409);
    expectStatus(
      'complete',
      await clinic.as('SURGEON').post(`/surgical-cases/${booked.caseId}/complete`, {}),
      200,
    );
    const cards = expectStatus('cards', await portal.get('/implant-cards'), 200).cards;
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0]).toMatchObject({
      serialNumber: expect.any(String),
      lotNumber: expect.any(String),
      clinicName: 'Patient Portal Clinic',
    });
    expect((await portal.get()).body.steps.implantCards).toBe(cards.length);
    const pdf = await portal.pdf('/implant-cards/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdfText(pdf.bytes)).toContain(cards[0].serialNumber);
    expect(await actionsOf(portal.linkId)).toEqual(
      expect.arrayContaining(['procedure-plan.read-implant-cards']),
    );
  });
});
