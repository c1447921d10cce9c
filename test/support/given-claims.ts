// Claims over HTTP (docs/claims.md): a clinic taken through the claim set-up (billing profile,
// phone, payer, surgeon NPI), insured cases completed into bills, their claims made and submitted.
// The remittance tests build their 835s on the claims these return.
import { randomBytes } from 'node:crypto';
import { billingProfileBody, SURGEON_NPI } from './given-billing';
import { Given, type ClinicWithStaff } from './given';
import { expectStatus, operatingRoom, seedTransport, at, daysFromNow } from './given-theater';
import { feeScheduleEntry } from './given-plans';
import { runSeedWorkflow } from './seed-workflow';
import type { TestApp } from './test-app';

/** The reconstructive case: 19357 (4800.00, facility 900.00) and a 650.00 tissue expander, L8600. */
export const RECONSTRUCTIVE_PLAN = {
  procedureName: 'Breast reconstruction with tissue expander',
  procedureType: 'RECONSTRUCTIVE',
  primaryCPTCode: '19357',
  cptCodes: ['19357'],
  diagnosisCodes: ['C50.911', 'Z90.11'],
};

/** The HYBRID case: panniculectomy 15830 insured (3000.00, facility 500.00), 15847 patient-paid. */
export const HYBRID_PLAN = {
  procedureName: 'Panniculectomy with abdominoplasty',
  procedureType: 'HYBRID',
  primaryCPTCode: '15830',
  cptCodes: ['15830', '15847'],
  insuranceCptCodes: ['15830'],
  diagnosisCodes: ['E66.01', 'L98.7'],
};

export const PAYER = { name: 'Northwind Health', payerId: 'NWH01' };
export const PRIOR_AUTH_NUMBER = 'NWH-AUTH-558812';
export const CLINIC_PHONE = '+1 (206) 555-0142';
export const SURGEON_TAXONOMY = '208200000X';

export interface ClaimsSetUp {
  /** The clinic's payer (`PAYER`). */
  payer: any;
}

const catalogs = new WeakMap<ClinicWithStaff, Promise<ClaimsSetUp>>();
const setUps = new WeakMap<ClinicWithStaff, Promise<ClaimsSetUp>>();
const nextDay = new WeakMap<ClinicWithStaff, number>();

/** What an insured case needs, once per clinic: the payer `PAYER` and the fee schedule's codes. */
function givenClaimsCatalog(clinic: ClinicWithStaff): Promise<ClaimsSetUp> {
  let catalog = catalogs.get(clinic);
  if (!catalog) {
    catalog = (async () => {
      const payer = expectStatus('payer', await clinic.as('BILLING').post('/payers', PAYER), 201);
      await feeScheduleEntry(clinic, '19357', { surgeonFee: '4800.00', facilityFee: '900.00' });
      await feeScheduleEntry(clinic, '15830', { surgeonFee: '3000.00', facilityFee: '500.00' });
      await feeScheduleEntry(clinic, '15847', { surgeonFee: '1500.00' });
      return { payer };
    })();
    catalogs.set(clinic, catalog);
  }
  return catalog;
}

/**
 * The claim set-up of docs/claims.md "Set-up", once per clinic: the billing profile, the clinic's
 * phone (the submitter's contact), the surgeon's NPI and taxonomy, and the payer `PAYER` (with
 * the fee schedule's codes of the insured cases).
 */
export function givenClaimsSetUp(clinic: ClinicWithStaff): Promise<ClaimsSetUp> {
  let setUp = setUps.get(clinic);
  if (!setUp) {
    setUp = (async () => {
      const admin = clinic.as('ADMIN');
      expectStatus(
        'billing profile',
        await admin.request('PUT', '/clinic/billing-profile', billingProfileBody()),
        200,
      );
      expectStatus('clinic phone', await admin.patch('/clinic', { phone: CLINIC_PHONE }), 200);
      expectStatus(
        'surgeon NPI',
        await admin.patch(`/users/${clinic.staff.SURGEON.id}`, {
          npi: SURGEON_NPI,
          taxonomyCode: SURGEON_TAXONOMY,
        }),
        200,
      );
      return givenClaimsCatalog(clinic);
    })();
    setUps.set(clinic, setUp);
  }
  return setUp;
}

export interface InsuredBillOptions {
  kind?: 'RECONSTRUCTIVE' | 'HYBRID';
  /** false: the clinic gets the payer and fees only (no billing profile, phone or surgeon NPI). */
  setUp?: boolean;
  /** false: the patient has no insurance on file. */
  insured?: boolean;
  /** false: the patient has no address. */
  address?: boolean;
  /** false: the plan gets no APPROVED prior authorization (the RECONSTRUCTIVE one cannot be booked then). */
  priorAuthorization?: boolean;
  /** The patient's `POST /patients` fields. */
  patient?: Record<string, unknown>;
}

export interface InsuredBill {
  bill: any;
  patient: any;
  plan: any;
  /** The tissue expander's serial number (RECONSTRUCTIVE). */
  serials: string[];
  caseId: string;
}

/**
 * A completed insured case's bill, over HTTP: a patient (with an address and the payer's
 * insurance), the plan, its APPROVED prior authorization, quote, consent, approval, the tissue
 * expander allocated (RECONSTRUCTIVE), the case booked on a day of its own, started and completed.
 */
export async function givenInsuredBill(
  clinic: ClinicWithStaff,
  options: InsuredBillOptions = {},
): Promise<InsuredBill> {
  const { payer } = await (options.setUp === false ? givenClaimsCatalog : givenClaimsSetUp)(clinic);
  const kind = options.kind ?? 'RECONSTRUCTIVE';
  const tag = randomBytes(4).toString('hex');
  const day = (nextDay.get(clinic) ?? 2) + 1;
  nextDay.set(clinic, day);

  let implants: { inventoryItemId: string; quantity: number } | undefined;
  if (kind === 'RECONSTRUCTIVE') {
    const nurse = clinic.as('NURSE');
    const item = expectStatus(
      'tissue expander',
      await nurse.post('/inventory/items', {
        code: `tissue-expander-400cc-${tag}`,
        name: 'Tissue expander 400cc',
        category: 'IMPLANT',
        size: '400cc',
        unitPrice: '650.00',
        isBillable: true,
        requiresSerialNumber: true,
        hcpcsCode: 'L8600',
      }),
      201,
    );
    expectStatus(
      'receive expander',
      await nurse.post(`/inventory/items/${item.id}/batches`, {
        batchNumber: `LOT-${tag}`,
        expiresAt: daysFromNow(365),
        serialNumbers: [`TE-400-${tag}`],
      }),
      201,
    );
    implants = { inventoryItemId: item.id, quantity: 1 };
  }

  const room = await operatingRoom(clinic);
  const run = await runSeedWorkflow(seedTransport(clinic), {
    patient: {
      create: {
        firstName: kind === 'RECONSTRUCTIVE' ? 'Aisha' : 'Linda',
        lastName: `${kind === 'RECONSTRUCTIVE' ? 'Rahman' : 'Park'}-${tag}`,
        dateOfBirth: kind === 'RECONSTRUCTIVE' ? '1976-12-05' : '1969-07-22',
        sexAtBirth: 'FEMALE',
        phone: '+1 206 555 0100',
        ...(options.address === false
          ? {}
          : {
              address: {
                line1: '18 Cedar Lane',
                city: 'Seattle',
                state: 'WA',
                postalCode: '98115',
              },
            }),
        ...options.patient,
      },
    },
    plan: kind === 'RECONSTRUCTIVE' ? RECONSTRUCTIVE_PLAN : HYBRID_PLAN,
    implants,
    signerName: 'Aisha Rahman',
    onPlanCreated: async (plan) => {
      if (options.insured !== false)
        expectStatus(
          'insurance',
          await clinic.as('BILLING').request('PUT', `/patients/${plan.patientId}/insurance`, {
            payerId: payer.id,
            memberId: `NWH-${tag}`,
            groupNumber: 'G-2210',
            subscriber: { relationship: '18' },
          }),
          200,
        );
      if (options.priorAuthorization === false) return;
      const billing = clinic.as('BILLING');
      const pa = expectStatus(
        'prior authorization',
        await billing.post(`/procedure-plans/${plan.id}/prior-authorizations`, {
          payerName: PAYER.name,
          memberId: `NWH-${tag}`,
        }),
        201,
      );
      expectStatus('submit', await billing.post(`/prior-authorizations/${pa.id}/submit`), 200);
      expectStatus(
        'decision',
        await billing.post(`/prior-authorizations/${pa.id}/decision`, {
          status: 'APPROVED',
          authorizationNumber: PRIOR_AUTH_NUMBER,
          validFrom: daysFromNow(-1),
          validTo: daysFromNow(365),
        }),
        200,
      );
    },
    booking: () => ({
      operatingRoomId: room.id,
      surgeonId: clinic.staff.SURGEON.id,
      scheduledStart: at(day, 15),
      scheduledEnd: at(day, 17),
    }),
    until: 'COMPLETED',
  });
  if (!run.completed?.billId) throw new Error('the case was not billed');
  const bill = expectStatus(
    'bill',
    await clinic.as('BILLING').get(`/bills/${run.completed.billId}`),
    200,
  );
  return {
    bill,
    patient: run.patient,
    plan: run.approved ?? run.created,
    serials: run.implantsAllocated?.serialNumbers ?? [],
    caseId: run.case?.id,
  };
}

/** `POST /claims` for a bill; throws unless 201. */
export async function claimOf(clinic: ClinicWithStaff, billId: string): Promise<any> {
  return expectStatus('claim', await clinic.as('BILLING').post('/claims', { billId }), 201);
}

/** `POST /claims/submissions`; throws unless 201. */
export async function submit(clinic: ClinicWithStaff, claimIds: string[]): Promise<any> {
  return expectStatus(
    'submission',
    await clinic.as('BILLING').post('/claims/submissions', { claimIds }),
    201,
  );
}

export interface SubmittedClaimOptions extends InsuredBillOptions {
  /** The clinic to use (set up on first use); a new one by default. */
  clinic?: ClinicWithStaff;
}

export interface SubmittedClaim {
  /** The claim as read back after submission (SUBMITTED). */
  claim: any;
  bill: any;
  submission: any;
  clinic: ClinicWithStaff;
}

/**
 * One insured case through to a SUBMITTED claim: the clinic set up, the case completed and billed,
 * the claim made and sent alone in an interchange.
 */
export async function givenSubmittedClaim(
  t: TestApp,
  options: SubmittedClaimOptions = {},
): Promise<SubmittedClaim> {
  const clinic = options.clinic ?? (await new Given(t).clinicWithStaff('Claims Clinic'));
  const { bill } = await givenInsuredBill(clinic, options);
  const made = await claimOf(clinic, bill.id);
  const submission = await submit(clinic, [made.id]);
  const claim = expectStatus('claim', await clinic.as('BILLING').get(`/claims/${made.id}`), 200);
  return { claim, bill, submission, clinic };
}

export interface SubmittedClaims {
  claims: any[];
  bills: any[];
  submission: any;
  clinic: ClinicWithStaff;
}

/**
 * Several insured cases (`kinds`, in order) through to SUBMITTED claims sent together in one
 * interchange.
 */
export async function givenSubmittedClaims(
  t: TestApp,
  kinds: ('RECONSTRUCTIVE' | 'HYBRID')[],
  options: { clinic?: ClinicWithStaff } = {},
): Promise<SubmittedClaims> {
  const clinic = options.clinic ?? (await new Given(t).clinicWithStaff('Claims Clinic'));
  const bills: any[] = [];
  const made: any[] = [];
  for (const kind of kinds) {
    const { bill } = await givenInsuredBill(clinic, { kind });
    bills.push(bill);
    made.push(await claimOf(clinic, bill.id));
  }
  const submission = await submit(
    clinic,
    made.map((c) => c.id),
  );
  const claims: any[] = [];
  for (const c of made)
    claims.push(expectStatus('claim', await clinic.as('BILLING').get(`/claims/${c.id}`), 200));
  return { claims, bills, submission, clinic };
}
