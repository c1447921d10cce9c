import { claimOf, givenInsuredBill, submit } from './given-claims';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { billingProfileBody } from './given-billing';
import { feeScheduleEntry } from './given-plans';
import { at, caseBody, daysFromNow, expectStatus, operatingRoom, readyPlan } from './given-theater';
import type { ClinicWithStaff } from './given';
import type { TestApp } from './test-app';
import { remittance835 } from './x12-835';

/** One clinic's records of every kind an `:id` route names, made over HTTP as its staff would. */
export interface ClinicRecords {
  patient: any;
  consultation: any;
  /** Completed: its case is COMPLETED and billed. */
  donePlan: any;
  /** QUOTED, consent unsigned: every plan write would still succeed. */
  openPlan: any;
  /** The open plan's implant requirement (allocatable, deletable). */
  requirement: any;
  /** The done plan's ACCEPTED quote. */
  quote: any;
  /** The open plan's consent, unsigned. */
  consent: any;
  /** The done plan's consent, signed. */
  signedConsent: any;
  template: any;
  /** The clinic's FDA checklist version 1. */
  fdaTemplate: any;
  paymentPlan: any;
  /** A payment plan OFFERED for the open plan's (ISSUED) quote. */
  paymentPlanOffer: any;
  /** A DRAFT prior authorization of an insured plan. */
  priorAuthorization: any;
  insuredPlan: any;
  implantItem: any;
  suturesItem: any;
  /** A batch of sutures. */
  batch: any;
  /** The implant lot's batch number. */
  implantLot: string;
  /** A serial number consumed in the done plan's surgery: it names the patient. */
  consumedSerial: string;
  room: any;
  surgicalCase: any;
  /** A LEAVE of the surgeon, a week long, months ahead. */
  scheduleException: any;
  bill: any;
  billingProfile: any;
  payer: any;
  /** The patient's primary insurance, with the payer. */
  insurance: any;
  /** A posted 835 whose one CLP matches no claim (kept unmatched). */
  remittance: any;
  /** A SUBMITTED claim of an insured case's bill (its own patient and payer). */
  claim: any;
  /** The 837P submission that sent it. */
  submission: any;
  /** A COPY patient link of the open plan: its id, url, and its patient's date of birth. */
  patientLink: { id: string; url: string; dateOfBirth: string };
  examRoom: any;
  /** A BOOKED appointment of the open plan's patient, with the surgeon, in the exam room. */
  appointment: any;
  /** An OPEN recall record of the done plan's implant lot. */
  recall: any;
}

export async function clinicRecords(clinic: ClinicWithStaff): Promise<ClinicRecords> {
  const coordinator = clinic.as('COORDINATOR');
  const nurse = clinic.as('NURSE');
  const done = await readyPlan(clinic, { withConsent: true });
  const open = await readyPlan(clinic, { withConsent: true, stopBefore: 'approve' });
  const room = await operatingRoom(clinic);
  const surgicalCase = expectStatus(
    'case',
    await coordinator.post('/surgical-cases', caseBody(clinic, done.plan, room, 3)),
    201,
  );
  const quote = expectStatus(
    'quote',
    await clinic.as('BILLING').get(`/quotes/${done.plan.currentQuoteId}`),
    200,
  );
  const paymentPlan = expectStatus(
    'payment plan',
    await clinic.as('BILLING').post(`/quotes/${quote.id}/payment-plan`, {
      depositAmount: '1000.00',
      installmentCount: 3,
      frequency: 'MONTHLY',
      firstDueDate: daysFromNow(40),
    }),
    201,
  );
  const openQuoteId = expectStatus(
    'open plan',
    await coordinator.get(`/procedure-plans/${open.plan.id}`),
    200,
  ).currentQuoteId;
  const paymentPlanOffer = expectStatus(
    'payment plan offer',
    await clinic.as('BILLING').post(`/quotes/${openQuoteId}/payment-plan-offers`, {
      depositAmount: '500.00',
      installmentCount: 2,
      frequency: 'MONTHLY',
      firstDueDate: daysFromNow(45),
    }),
    201,
  );
  expectStatus(
    'start',
    await nurse.post(`/surgical-cases/${surgicalCase.id}/start`, {
      reason: 'Started ahead of its booked day in a test',
    }),
    200,
  );
  const completed = expectStatus(
    'complete',
    await clinic.as('SURGEON').post(`/surgical-cases/${surgicalCase.id}/complete`, {}),
    200,
  );
  const bill = expectStatus(
    'bill',
    await clinic.as('BILLING').get(`/bills/${completed.billId}`),
    200,
  );

  const patient = expectStatus(
    'patient',
    await coordinator.post('/patients', {
      firstName: 'Tenancy',
      lastName: `Probe-${done.patient.lastName}`,
      dateOfBirth: '1979-11-02',
      sexAtBirth: 'FEMALE',
      phone: '+1 (555) 010-4477',
      insurance: { payerName: 'Blue Shield', memberId: 'BS-778812', groupNumber: 'G-100' },
    }),
    201,
  );
  const consultation = expectStatus(
    'consultation',
    await clinic.as('SURGEON').post('/consultations', {
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: at(-1, 9),
      reason: 'Reconstruction after mastectomy',
      notes: 'Clinical notes',
    }),
    201,
  );
  await feeScheduleEntry(clinic, '19357', { surgeonFee: '5200.00', facilityFee: '900.00' });
  const insuredPlan = expectStatus(
    'insured plan',
    await coordinator.post('/procedure-plans', {
      patientId: patient.id,
      consultationId: consultation.id,
      procedureName: 'Breast reconstruction with tissue expander',
      procedureType: 'RECONSTRUCTIVE',
      primaryCPTCode: '19357',
      cptCodes: ['19357'],
      diagnosisCodes: ['Z90.11'],
    }),
    201,
  );
  const billingProfile = expectStatus(
    'billing profile',
    await clinic.as('ADMIN').put('/clinic/billing-profile', billingProfileBody()),
    200,
  );
  const payer = expectStatus(
    'payer',
    await clinic.as('BILLING').post('/payers', { name: 'Aetna', payerId: '60054' }),
    201,
  );
  const insurance = expectStatus(
    'insurance',
    await coordinator.put(`/patients/${patient.id}/insurance`, {
      payerId: payer.id,
      memberId: 'W123456789',
      subscriber: { relationship: '18' },
    }),
    200,
  );
  const priorAuthorization = expectStatus(
    'prior authorization',
    await clinic.as('BILLING').post(`/procedure-plans/${insuredPlan.id}/prior-authorizations`, {}),
    201,
  );
  const remittance = expectStatus(
    'remittance',
    await clinic.as('BILLING').post(
      '/remittances',
      remittance835({
        trace: `EFT-${clinic.clinicId}`,
        payerId: '60054',
        claims: [
          {
            claimNumber: 'CLM-2099-000001',
            charge: '100',
            paid: '100',
            services: [{ code: '99213', charge: '100', paid: '100' }],
          },
        ],
      }),
      { 'content-type': 'text/plain' },
    ),
    201,
  );
  const stock = expectStatus(
    'stock',
    await nurse.get(`/inventory/items/${open.suturesItem.id}/stock`),
    200,
  );
  const implantStock = expectStatus(
    'implant stock',
    await nurse.get(`/inventory/items/${done.implantItem.id}/stock`),
    200,
  );
  const templates = expectStatus(
    'templates',
    await clinic.as('ADMIN').get('/consent-templates'),
    200,
  );
  // The open plan's FDA checklist is made by its first read: read it now, so that reading the
  // records later changes nothing.
  expectStatus(
    'FDA checklist',
    await nurse.get(`/procedure-plans/${open.plan.id}/fda-checklist`),
    200,
  );
  const fdaTemplates = expectStatus(
    'FDA checklist versions',
    await clinic.as('ADMIN').get('/fda-checklist-templates'),
    200,
  );
  const requirement = open.plan.inventoryRequirements.find(
    (r: any) => r.inventoryItemId === open.implantItem.id,
  );
  const { bill: insuredBill } = await givenInsuredBill(clinic);
  const made = await claimOf(clinic, insuredBill.id);
  const submission = await submit(clinic, [made.id]);
  const claim = expectStatus('claim', await clinic.as('BILLING').get(`/claims/${made.id}`), 200);
  const consumedSerial = done.serials[0];
  const patientLink = expectStatus(
    'patient link',
    await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${open.plan.id}/patient-link`, { channel: 'COPY' }),
    201,
  );
  const scheduleException = expectStatus(
    'schedule exception',
    await clinic.as('COORDINATOR').post('/schedule-exceptions', {
      kind: 'LEAVE',
      resourceId: clinic.staff.SURGEON.id,
      startsOn: daysFromNow(200),
      endsOn: daysFromNow(206),
      reason: 'Conference',
    }),
    201,
  );
  if (!requirement || !consumedSerial || !open.plan.consent || !done.plan.consent)
    throw new Error('incomplete setup');
  const examRoom = expectStatus(
    'exam room',
    await clinic.as('ADMIN').post('/exam-rooms', { name: 'Exam 1' }),
    201,
  );
  const appointment = expectStatus(
    'appointment',
    await coordinator.post('/appointments', {
      patientId: open.patient.id,
      type: 'CONSULTATION',
      providerId: clinic.staff.SURGEON.id,
      examRoomId: examRoom.id,
      start: at(5, 9),
      notes: 'Second opinion',
    }),
    201,
  );
  const recall = expectStatus(
    'recall',
    await nurse.post(`/inventory/batches/${implantStock.batches[0].batchId}/recalls`, {
      reason: 'Manufacturer notice',
    }),
    201,
  );
  return {
    patient,
    consultation,
    donePlan: done.plan,
    openPlan: open.plan,
    requirement,
    quote,
    consent: expectStatus('consent', await nurse.get(`/consents/${open.plan.consent.id}`), 200),
    signedConsent: expectStatus(
      'consent',
      await nurse.get(`/consents/${done.plan.consent.id}`),
      200,
    ),
    template: templates.data[0],
    fdaTemplate: fdaTemplates.data[0],
    paymentPlan,
    paymentPlanOffer,
    priorAuthorization,
    insuredPlan,
    implantItem: done.implantItem,
    suturesItem: open.suturesItem,
    batch: stock.batches[0],
    implantLot: implantStock.batches[0].batchNumber,
    consumedSerial,
    room,
    surgicalCase,
    scheduleException,
    bill,
    billingProfile,
    payer,
    insurance,
    remittance,
    claim,
    submission,
    patientLink: { ...patientLink, dateOfBirth: open.patient.dateOfBirth },
    examRoom,
    appointment,
    recall,
  };
}

/** Rows per table for one clinic, over every table with a clinic_id but the append-only logs. */
export async function rowCounts(t: TestApp, clinicId: string): Promise<Record<string, number>> {
  const db = t.app.get(TransactionRunner).db;
  const tables = z
    .object({ rows: z.array(z.object({ table_name: z.string() })) })
    .parse(
      await db.execute(
        sql`SELECT table_name FROM information_schema.columns
            WHERE column_name = 'clinic_id' AND table_schema = current_schema()
              AND table_name NOT IN ('audit_events', 'idempotency_keys', 'login_throttle')
            ORDER BY table_name`,
      ),
    )
    .rows.map((r) => r.table_name);
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await db.execute(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE clinic_id = ${clinicId}`,
    );
    counts[table] = z
      .object({ rows: z.tuple([z.object({ n: z.number() })]) })
      .parse(result).rows[0].n;
  }
  return counts;
}
