import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustedClinicId, type Caller } from '../../src/common/auth/caller';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { PlanQueries } from '../../src/modules/procedure-plan/services/plan-queries';
import {
  PLAN_TRANSITIONS,
  PlanLifecycle,
  type PlanEvent,
} from '../../src/modules/procedure-plan/services/plan-lifecycle';
import type { PlanStatus } from '../../src/modules/procedure-plan/repositories/procedure-plan.schema';
import type { CaseStatus } from '../../src/modules/theater/repositories/theater.schema';
import { SurgicalCaseRepository } from '../../src/modules/theater/repositories/surgical-case.repository';
import {
  CASE_TRANSITIONS,
  CaseLifecycle,
  type CaseEvent,
} from '../../src/modules/theater/services/case-lifecycle';
import type { PriorAuthStatus } from '../../src/modules/prior-authorization/repositories/prior-authorization.schema';
import {
  PRIOR_AUTH_TRANSITIONS,
  type PriorAuthEvent,
} from '../../src/modules/prior-authorization/services/prior-authorization-lifecycle';
import { PriorAuthorizationWorkflowService } from '../../src/modules/prior-authorization/services/prior-authorization-workflow.service';
import { Money } from '../../src/common/money';
import type { BillStatus } from '../../src/modules/billing/repositories/billing.schema';
import {
  BILL_TRANSITIONS,
  type BillEvent,
} from '../../src/modules/billing/services/bill-lifecycle';
import { BillingService } from '../../src/modules/billing/services/billing.service';
import { Given, type ClinicWithStaff } from '../support/given';
import { billOfCompletedCase, bookedCase, expectStatus, readyPlan } from '../support/given-theater';
import {
  breastAugmentationPlan,
  feeScheduleEntry,
  insuredReconstructivePlan,
} from '../support/given-plans';
import { ConsentInstanceRepository } from '../../src/modules/consent/repositories/consent-instance.repository';
import type { ConsentStatus } from '../../src/modules/consent/repositories/consent.schema';
import {
  CONSENT_TRANSITIONS,
  ConsentLifecycle,
  type ConsentEvent,
} from '../../src/modules/consent/services/consent-lifecycle';
import { ConsentService } from '../../src/modules/consent/services/consent.service';
import {
  fdaChecklists,
  type FdaChecklistStatus,
} from '../../src/modules/fda-checklist/repositories/fda-checklist.schema';
import {
  FDA_CHECKLIST_TRANSITIONS,
  FdaChecklistLifecycle,
  type FdaChecklistEvent,
} from '../../src/modules/fda-checklist/services/fda-checklist-lifecycle';
import { FdaChecklistService } from '../../src/modules/fda-checklist/services/fda-checklist.service';
import type {
  AllocationStatus,
  UnitStatus,
} from '../../src/modules/inventory/repositories/inventory-stock.schema';
import {
  ALLOCATION_TRANSITIONS,
  InventoryLifecycle,
  UNIT_TRANSITIONS,
  type AllocationEvent,
  type UnitEvent,
} from '../../src/modules/inventory/services/inventory-lifecycle';
import type {
  PaymentPlanOfferStatus,
  PaymentPlanStatus,
} from '../../src/modules/payment-plan/repositories/payment-plan.schema';
import {
  PAYMENT_PLAN_OFFER_TRANSITIONS,
  type PaymentPlanOfferEvent,
} from '../../src/modules/payment-plan/services/payment-plan-offer-lifecycle';
import { PaymentPlanOfferService } from '../../src/modules/payment-plan/services/payment-plan-offer.service';
import {
  PAYMENT_PLAN_TRANSITIONS,
  type PaymentPlanEvent,
} from '../../src/modules/payment-plan/services/payment-plan-lifecycle';
import { PaymentPlanService } from '../../src/modules/payment-plan/services/payment-plan.service';
import type { QuoteStatus } from '../../src/modules/quote/repositories/quote.schema';
import {
  QUOTE_TRANSITIONS,
  QuoteLifecycle,
  type QuoteEvent,
} from '../../src/modules/quote/services/quote-lifecycle';
import { QuoteQueries } from '../../src/modules/quote/services/quote-queries';
import type { AppointmentStatus } from '../../src/modules/calendar/repositories/appointment.schema';
import { AppointmentRepository } from '../../src/modules/calendar/repositories/appointment.repository';
import {
  APPOINTMENT_TRANSITIONS,
  AppointmentLifecycle,
  type AppointmentEvent,
} from '../../src/modules/calendar/services/appointment-lifecycle';
import { at } from '../support/given-theater';
import { startTestApp, type TestApp } from '../support/test-app';
import { checkEveryPair } from '../support/transition-table';

/**
 * The transition tables, each fired through its owning module's service on a real database
 * (the app's Nest container over PGlite or DATABASE_URL), without HTTP: every row of the table
 * works, every other (status, event) pair is a 409 INVALID_STATE_TRANSITION naming both. The
 * HTTP tests of each module show the same refusals as answers.
 */
let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let tx: TransactionRunner;
let caller: Caller;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('State Machines Clinic');
  tx = t.app.get(TransactionRunner);
  caller = {
    userId: clinic.staff.COORDINATOR.id,
    clinicId: trustedClinicId(clinic.clinicId),
    role: 'COORDINATOR',
    requestId: 'state-machines',
  };
  await feeScheduleEntry(clinic, '19325', { surgeonFee: '7000.00' });
});
afterAll(() => t.close());

async function oneValue<T>(query: ReturnType<typeof sql>, schema: z.ZodType<T>): Promise<T> {
  const result = await tx.db.execute(query);
  return z.object({ rows: z.tuple([z.object({ v: schema })]) }).parse(result).rows[0].v;
}

describe('a procedure plan (procedure-plan: PlanLifecycle)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const patient = await given.patient(clinic);
    const created = await clinic.as('COORDINATOR').post('/procedure-plans', {
      ...breastAugmentationPlan(patient.id),
      inventoryRequirements: [],
    });
    expect(created.status).toBe(201);
    const planId: string = created.body.id;
    const lifecycle = t.app.get(PlanLifecycle);
    const plans = t.app.get(PlanQueries);
    const auditCount = (event: PlanEvent) =>
      oneValue(
        sql`SELECT count(*)::int AS v FROM audit_events WHERE entity_id = ${planId} AND action = ${`procedure-plan.${event}`}`,
        z.number(),
      );
    await checkEveryPair<PlanStatus, PlanEvent>({
      table: PLAN_TRANSITIONS,
      expected: [
        ['DRAFT', 'quote', 'QUOTED'],
        ['QUOTED', 'quote', 'QUOTED'],
        ['QUOTED', 'approve', 'APPROVED'],
        ['APPROVED', 'schedule', 'SCHEDULED'],
        ['SCHEDULED', 'unschedule', 'APPROVED'],
        ['SCHEDULED', 'complete', 'COMPLETED'],
        ['DRAFT', 'cancel', 'CANCELLED'],
        ['QUOTED', 'cancel', 'CANCELLED'],
        ['APPROVED', 'cancel', 'CANCELLED'],
        ['SCHEDULED', 'cancel', 'CANCELLED'],
        ['DRAFT', 'replan', 'DRAFT'],
        ['QUOTED', 'replan', 'DRAFT'],
      ],
      setStatus: async (status) => {
        await tx.db.execute(
          sql`UPDATE procedure_plans SET status = ${status} WHERE clinic_id = ${clinic.clinicId} AND id = ${planId}`,
        );
      },
      fire: async (event) => {
        const before = await auditCount(event);
        const version = (await plans.findById(tx.db, caller.clinicId, planId))?.version;
        const updated = await tx.run(async (db) => {
          const plan = await plans.lock(db, caller.clinicId, planId);
          if (!plan) throw new Error('the plan is gone');
          return lifecycle.fire(db, caller, plan, event);
        });
        // Each transition is a new version and one `procedure-plan.<event>` audit event.
        expect(updated.version).toBe((version ?? 0) + 1);
        expect(await auditCount(event)).toBe(before + 1);
      },
      readStatus: async () => {
        const plan = await plans.findById(tx.db, caller.clinicId, planId);
        if (!plan) throw new Error('the plan is gone');
        return plan.status;
      },
    });
  });
});

describe('a surgical case (theater: CaseLifecycle)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const { caseId } = await bookedCase(clinic, 30);
    const lifecycle = t.app.get(CaseLifecycle);
    const cases = t.app.get(SurgicalCaseRepository);
    const read = async () => {
      const row = await cases.findById(tx.db, caller.clinicId, caseId);
      if (!row) throw new Error('the case is gone');
      return row;
    };
    await checkEveryPair<CaseStatus, CaseEvent>({
      table: CASE_TRANSITIONS,
      expected: [
        ['SCHEDULED', 'move', 'SCHEDULED'],
        ['SCHEDULED', 'start', 'IN_PROGRESS'],
        ['IN_PROGRESS', 'record-usage', 'IN_PROGRESS'],
        ['IN_PROGRESS', 'complete', 'COMPLETED'],
        ['SCHEDULED', 'cancel', 'CANCELLED'],
      ],
      setStatus: async (status) => {
        await tx.db.execute(
          sql`UPDATE surgical_cases SET status = ${status} WHERE clinic_id = ${clinic.clinicId} AND id = ${caseId}`,
        );
      },
      fire: async (event) => {
        const version = (await read()).version;
        const updated = await tx.run(async (db) => {
          const theCase = await cases.lockById(db, caller.clinicId, caseId);
          if (!theCase) throw new Error('the case is gone');
          return lifecycle.fire(db, caller, theCase, event);
        });
        expect(updated.version).toBe(version + 1);
      },
      readStatus: async () => (await read()).status,
    });
  });
});

describe('an appointment (calendar: AppointmentLifecycle)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const patient = await given.patient(clinic);
    const id: string = expectStatus(
      'appointment',
      await clinic.as('COORDINATOR').post('/appointments', {
        patientId: patient.id,
        type: 'FOLLOW_UP',
        providerId: clinic.staff.NURSE.id,
        start: at(70, 9),
      }),
      201,
    ).id;
    const lifecycle = t.app.get(AppointmentLifecycle);
    const appointments = t.app.get(AppointmentRepository);
    const read = async () => {
      const row = await appointments.findById(tx.db, caller.clinicId, id);
      if (!row) throw new Error('the appointment is gone');
      return row;
    };
    await checkEveryPair<AppointmentStatus, AppointmentEvent>({
      table: APPOINTMENT_TRANSITIONS,
      expected: [
        ['PROPOSED', 'confirm', 'BOOKED'],
        ['BOOKED', 'reschedule', 'BOOKED'],
        ['BOOKED', 'update', 'BOOKED'],
        ['CHECKED_IN', 'update', 'CHECKED_IN'],
        ['BOOKED', 'check-in', 'CHECKED_IN'],
        ['CHECKED_IN', 'complete', 'COMPLETED'],
        ['PROPOSED', 'cancel', 'CANCELLED'],
        ['BOOKED', 'cancel', 'CANCELLED'],
        ['BOOKED', 'no-show', 'NO_SHOW'],
        ['CHECKED_IN', 'no-show', 'NO_SHOW'],
      ],
      setStatus: async (status) => {
        await tx.db.execute(
          sql`UPDATE appointments SET status = ${status}, proposed_on = '2027-01-01' WHERE clinic_id = ${clinic.clinicId} AND id = ${id}`,
        );
      },
      fire: async (event) => {
        const version = (await read()).version;
        const updated = await tx.run(async (db) => {
          const row = await appointments.lockById(db, caller.clinicId, id);
          if (!row) throw new Error('the appointment is gone');
          // The no-show rows' guard (the start has passed) holds: the table is what is checked.
          return lifecycle.fire(db, caller, row, event, {}, { started: true });
        });
        expect(updated.version).toBe(version + 1);
      },
      readStatus: async () => (await read()).status,
    });
  });

  it('refuses a no-show before the start, naming why', () => {
    expect(() => APPOINTMENT_TRANSITIONS.next('BOOKED', 'no-show', { started: false })).toThrow(
      /has not started yet/,
    );
  });
});

describe('a prior authorization (prior-authorization: PriorAuthorizationWorkflowService)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const plan = await insuredReconstructivePlan(given, clinic);
    const id: string = expectStatus(
      'prior authorization',
      await clinic.as('BILLING').post(`/procedure-plans/${plan.id}/prior-authorizations`, {}),
      201,
    ).id;
    const workflow = t.app.get(PriorAuthorizationWorkflowService);
    const status = (event: PriorAuthEvent) => {
      switch (event) {
        case 'submit':
          return workflow.submit(caller, id, undefined);
        case 'approve':
          return workflow.recordDecision(
            caller,
            id,
            {
              status: 'APPROVED',
              authorizationNumber: 'AUTH-1',
              validFrom: '2030-03-01',
              validTo: '2030-05-31',
            },
            undefined,
          );
        case 'deny':
          return workflow.recordDecision(caller, id, { status: 'DENIED' }, undefined);
        case 'cancel':
          return workflow.cancel(caller, id, { reason: 'withdrawn' }, undefined);
      }
    };
    const read = () =>
      oneValue(
        sql`SELECT status::text AS v FROM prior_authorizations WHERE clinic_id = ${clinic.clinicId} AND id = ${id}`,
        z.enum(PRIOR_AUTH_TRANSITIONS.statuses),
      );
    await checkEveryPair<PriorAuthStatus, PriorAuthEvent>({
      table: PRIOR_AUTH_TRANSITIONS,
      expected: [
        ['DRAFT', 'submit', 'SUBMITTED'],
        ['SUBMITTED', 'approve', 'APPROVED'],
        ['SUBMITTED', 'deny', 'DENIED'],
        ['DRAFT', 'cancel', 'CANCELLED'],
        ['SUBMITTED', 'cancel', 'CANCELLED'],
        ['APPROVED', 'cancel', 'CANCELLED'],
      ],
      // The approved window's CHECK holds in every status: the set-up writes it with the status.
      setStatus: async (to) => {
        await tx.db.execute(
          sql`UPDATE prior_authorizations SET status = ${to}, authorization_number = 'AUTH-1',
              valid_from = '2030-03-01', valid_to = '2030-05-31', approved_cpt_codes = cpt_codes
              WHERE clinic_id = ${clinic.clinicId} AND id = ${id}`,
        );
      },
      fire: (event) => status(event),
      readStatus: read,
    });
  });
});

describe('a bill (billing: BILL_TRANSITIONS, through BillingService)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const billId = await billOfCompletedCase(clinic, 40);
    const billing = t.app.get(BillingService);
    const read = async () => {
      const bill = await billing.getBill(caller, billId);
      return bill;
    };
    const patientTotal = (await read()).patientTotal;
    expect(Number(patientTotal)).toBeGreaterThan(0);
    await checkEveryPair<BillStatus, BillEvent>({
      // A credit is taken in every status (a VOID or PAID bill owes the excess back as
      // refundDue): it refuses nothing, and test/prepayments.test.ts credits bills over HTTP.
      // `post-remittance` needs an 835 (a VOID or PAID bill refuses it with 422
      // REMITTANCE_EXCEEDS_BALANCE before the table is asked): test/remittances.test.ts.
      table: {
        statuses: BILL_TRANSITIONS.statuses,
        events: ['record-payment', 'void'],
        transitions: BILL_TRANSITIONS.transitions,
      },
      expected: [
        ['OPEN', 'record-payment', 'PAID'],
        ['OPEN', 'record-payment', 'OPEN'],
        ['OPEN', 'credit', 'PAID'],
        ['OPEN', 'credit', 'OPEN'],
        ['PAID', 'credit', 'PAID'],
        ['VOID', 'credit', 'VOID'],
        ['OPEN', 'post-remittance', 'PAID'],
        ['OPEN', 'post-remittance', 'OPEN'],
        ['OPEN', 'void', 'VOID'],
      ],
      // Each pair starts from a bill with nothing paid in the status under test.
      setStatus: async (status) => {
        await tx.db.execute(
          sql`DELETE FROM bill_payments WHERE clinic_id = ${clinic.clinicId} AND bill_id = ${billId}`,
        );
        await tx.db.execute(
          sql`UPDATE bills SET status = ${status}, patient_paid = 0, insurance_paid = 0
              WHERE clinic_id = ${clinic.clinicId} AND id = ${billId}`,
        );
      },
      // A payment of the whole balance: the first `record-payment` row (settled → PAID).
      fire: (event) =>
        event === 'void'
          ? billing.voidBill(caller, billId, { reason: 'issued in error' }, undefined)
          : billing.recordPayment(
              caller,
              billId,
              { payer: 'PATIENT', amount: Money.fromDecimal(patientTotal), method: 'CASH' },
              undefined,
            ),
      readStatus: async () => (await read()).status,
    });

    // The guards: part of the balance leaves the bill OPEN; a bill with a payment cannot be voided.
    await tx.db.execute(
      sql`UPDATE bills SET status = 'OPEN' WHERE clinic_id = ${clinic.clinicId} AND id = ${billId}`,
    );
    const part = await billing.recordPayment(
      caller,
      billId,
      { payer: 'PATIENT', amount: Money.fromDecimal('0.01'), method: 'CASH' },
      undefined,
    );
    expect(part.status).toBe('OPEN');
    await expect(
      billing.voidBill(caller, billId, { reason: 'issued in error' }, undefined),
    ).rejects.toMatchObject({ status: 409, currentStatus: 'OPEN', event: 'void' });
  });
});

describe('a quote (quote: QuoteLifecycle)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const { quote } = await given.acceptedQuote(clinic, {
      itemCode: 'state-machines-quote',
      approve: false,
    });
    const quoteId: string = quote.id;
    const lifecycle = t.app.get(QuoteLifecycle);
    const quotes = t.app.get(QuoteQueries);
    const read = async () => {
      const row = await quotes.findById(tx.db, caller.clinicId, quoteId);
      if (!row) throw new Error('the quote is gone');
      return row;
    };
    await checkEveryPair<QuoteStatus, QuoteEvent>({
      table: QUOTE_TRANSITIONS,
      expected: [
        ['ISSUED', 'accept', 'ACCEPTED'],
        ['ISSUED', 'supersede', 'SUPERSEDED'],
        ['ACCEPTED', 'supersede', 'SUPERSEDED'],
      ],
      setStatus: async (status) => {
        await tx.db.execute(
          sql`UPDATE quotes SET status = ${status} WHERE clinic_id = ${clinic.clinicId} AND id = ${quoteId}`,
        );
      },
      fire: (event) =>
        tx.run(async (db) => {
          const locked = await quotes.lock(db, caller.clinicId, quoteId);
          if (!locked) throw new Error('the quote is gone');
          return lifecycle.fire(db, caller, locked, event);
        }),
      readStatus: async () => (await read()).status,
    });
  });
});

describe('a payment plan (payment-plan: PAYMENT_PLAN_TRANSITIONS, through PaymentPlanService)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const { quote } = await given.acceptedQuote(clinic, { itemCode: 'state-machines-pp' });
    const paymentPlanId: string = expectStatus(
      'payment plan',
      await clinic.as('BILLING').post(`/quotes/${quote.id}/payment-plan`, {
        depositAmount: '7000.00',
        installmentCount: 3,
        frequency: 'MONTHLY',
        firstDueDate: `${new Date().getUTCFullYear() + 1}-01-31`,
      }),
      201,
    ).id;
    const service = t.app.get(PaymentPlanService);
    const read = () => service.getPaymentPlan(caller, paymentPlanId);
    const financed = Money.fromDecimal((await read()).financedAmount);
    const pay = (amount: Money) =>
      service.recordPayment(caller, paymentPlanId, { amount, method: 'CASH' }, undefined);
    // Each pair starts from a plan with nothing paid in the status under test.
    const setStatus = async (status: PaymentPlanStatus) => {
      await tx.db.execute(
        sql`DELETE FROM payment_plan_payments WHERE clinic_id = ${clinic.clinicId} AND payment_plan_id = ${paymentPlanId}`,
      );
      await tx.db.execute(
        sql`UPDATE payment_plan_installments SET paid_amount = 0, status = 'PENDING'
            WHERE clinic_id = ${clinic.clinicId} AND payment_plan_id = ${paymentPlanId}`,
      );
      await tx.db.execute(
        sql`UPDATE payment_plans SET status = ${status} WHERE clinic_id = ${clinic.clinicId} AND id = ${paymentPlanId}`,
      );
    };
    await checkEveryPair<PaymentPlanStatus, PaymentPlanEvent>({
      table: PAYMENT_PLAN_TRANSITIONS,
      expected: [
        ['ACTIVE', 'record-payment', 'COMPLETED'],
        ['ACTIVE', 'record-payment', 'ACTIVE'],
      ],
      setStatus,
      // A payment of the whole balance: the first `record-payment` row (paid in full → COMPLETED).
      fire: () => pay(financed),
      readStatus: async () => (await read()).status,
    });

    // The guard: part of the balance leaves the plan ACTIVE.
    await setStatus('ACTIVE');
    expect((await pay(Money.fromDecimal('0.01'))).status).toBe('ACTIVE');
  });
});

describe('a payment-plan offer (payment-plan: PAYMENT_PLAN_OFFER_TRANSITIONS, through PaymentPlanOfferService)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const { quote, plan, patient } = await given.acceptedQuote(clinic, {
      itemCode: 'state-machines-pp',
    });
    const offerId: string = expectStatus(
      'offer',
      await clinic.as('BILLING').post(`/quotes/${quote.id}/payment-plan-offers`, {
        depositAmount: '7000.00',
        installmentCount: 3,
        frequency: 'MONTHLY',
        firstDueDate: `${new Date().getUTCFullYear() + 1}-01-31`,
      }),
      201,
    ).id;
    const service = t.app.get(PaymentPlanOfferService);
    const linkId = '0193a000-0000-7000-8000-00000000f00d';
    const link = {
      linkId,
      clinicId: caller.clinicId,
      patientId: patient.id as string,
      procedurePlanId: plan.id as string,
      requestId: 'state-machines',
      ipAddress: '203.0.113.1',
      userAgent: 'vitest',
      expiresAt: new Date(Date.now() + 3_600_000),
      audit: { clinicId: caller.clinicId, userId: linkId, requestId: 'state-machines' },
    };
    const read = async () =>
      (await service.listForQuote(caller, quote.id)).data.find((o) => o.id === offerId)!;
    // Each pair starts from the offer alone in the status under test, the quote without a plan.
    const setStatus = async (status: PaymentPlanOfferStatus) => {
      await tx.db.execute(
        sql`UPDATE payment_plan_offers SET status = 'OFFERED', chosen_at = NULL,
              chosen_by_patient_link_id = NULL, payment_plan_id = NULL
            WHERE clinic_id = ${clinic.clinicId} AND id = ${offerId}`,
      );
      await tx.db.execute(
        sql`DELETE FROM payment_plans WHERE clinic_id = ${clinic.clinicId} AND quote_id = ${quote.id}`,
      );
      if (status === 'OFFERED') return;
      if (status === 'CHOSEN') await service.chooseAsPatient(link, offerId);
      else
        await tx.db.execute(
          sql`UPDATE payment_plan_offers SET status = ${status}
              WHERE clinic_id = ${clinic.clinicId} AND id = ${offerId}`,
        );
    };
    await checkEveryPair<PaymentPlanOfferStatus, PaymentPlanOfferEvent>({
      table: PAYMENT_PLAN_OFFER_TRANSITIONS,
      expected: [
        ['OFFERED', 'choose', 'CHOSEN'],
        ['OFFERED', 'withdraw', 'WITHDRAWN'],
      ],
      setStatus,
      fire: (event) =>
        event === 'choose'
          ? service.chooseAsPatient(link, offerId)
          : service.withdraw(caller, offerId),
      readStatus: async () => (await read()).status,
    });
  });
});

describe('a consent (consent: ConsentLifecycle)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const patient = await given.patient(clinic);
    const created = expectStatus(
      'plan',
      await clinic.as('COORDINATOR').post('/procedure-plans', {
        ...breastAugmentationPlan(patient.id),
        inventoryRequirements: [],
      }),
      201,
    );
    const consentId: string = created.consent.id;
    const consents = t.app.get(ConsentService);
    const lifecycle = t.app.get(ConsentLifecycle);
    const instances = t.app.get(ConsentInstanceRepository);
    const read = async () => {
      const row = await instances.findById(tx.db, caller.clinicId, consentId);
      if (!row) throw new Error('the consent is gone');
      return row;
    };
    const contentHash = (await read()).contentHash;
    await checkEveryPair<ConsentStatus, ConsentEvent>({
      table: CONSENT_TRANSITIONS,
      expected: [
        ['PENDING', 'sign', 'SIGNED'],
        ['PENDING', 'revoke', 'REVOKED'],
        ['SIGNED', 'revoke', 'REVOKED'],
        ['PENDING', 'void', 'VOIDED'],
        ['SIGNED', 'void', 'VOIDED'],
        ['REVOKED', 'void', 'VOIDED'],
      ],
      // Each status's CHECK holds in every status: the set-up writes every status's fields.
      setStatus: async (status) => {
        await tx.db.execute(
          sql`UPDATE patient_consent_instances SET status = ${status}, signed_at = now(),
              signer_name = 'Maria Lopez', relationship = 'SELF', signature_method = 'TYPED',
              signature_data = 'Maria Lopez', recorded_by_id = ${caller.userId},
              revoked_at = now(), revoke_reason = 'withdrawn', voided_at = now(), void_reason = 'codes'
              WHERE clinic_id = ${clinic.clinicId} AND id = ${consentId}`,
        );
      },
      fire: (event) => {
        switch (event) {
          case 'sign':
            return consents.signConsent(
              caller,
              consentId,
              {
                signerName: 'Maria Lopez',
                relationship: 'SELF',
                signatureMethod: 'TYPED',
                signatureData: 'Maria Lopez',
                contentHash,
              },
              undefined,
            );
          case 'revoke':
            return consents.revokeConsent(caller, consentId, { reason: 'withdrawn' }, undefined);
          case 'void':
            // PlanConsentService voids when the plan's codes change or the plan is cancelled.
            return tx.run(async (db) => {
              const locked = await instances.lockById(db, caller.clinicId, consentId);
              if (!locked) throw new Error('the consent is gone');
              return lifecycle.fire(db, caller, locked, 'void', {
                changes: { voidedAt: new Date(), voidReason: 'plan codes changed' },
              });
            });
        }
      },
      readStatus: async () => (await read()).status,
    });
  });
});

describe('an FDA checklist (fda-checklist: FdaChecklistLifecycle)', () => {
  it('takes every transition of its table and refuses every other pair', async () => {
    const patient = await given.patient(clinic);
    const created = expectStatus(
      'plan',
      await clinic.as('COORDINATOR').post('/procedure-plans', {
        ...breastAugmentationPlan(patient.id),
        inventoryRequirements: [],
      }),
      201,
    );
    const planId: string = created.id;
    const service = t.app.get(FdaChecklistService);
    const lifecycle = t.app.get(FdaChecklistLifecycle);
    const made = await service.getForPlan(caller, planId);
    const checklist = made.checklist;
    if (!checklist) throw new Error('the plan needs the checklist (19325)');
    const byId = and(
      eq(fdaChecklists.clinicId, clinic.clinicId),
      eq(fdaChecklists.id, checklist.id),
    );
    const body = {
      initials: Object.fromEntries(checklist.sections.map((s) => [s.key, 'ML'])),
      signerName: 'Maria Lopez',
      contentHash: checklist.contentHash,
    };
    await checkEveryPair<FdaChecklistStatus, FdaChecklistEvent>({
      table: FDA_CHECKLIST_TRANSITIONS,
      expected: [
        ['PENDING', 'sign', 'PATIENT_SIGNED'],
        ['PATIENT_SIGNED', 'attest', 'COMPLETED'],
        ['PENDING', 'void', 'VOIDED'],
        ['PATIENT_SIGNED', 'void', 'VOIDED'],
        ['COMPLETED', 'void', 'VOIDED'],
      ],
      // Each status's CHECK holds in every status: the set-up writes every status's fields.
      setStatus: async (status) => {
        await tx.db.execute(
          sql`UPDATE fda_checklists SET status = ${status}, initials = '{"x":"ML"}'::jsonb,
              signer_name = 'Maria Lopez', patient_signed_at = now(), recorded_by_id = ${caller.userId},
              attested_by_id = ${caller.userId}, attested_at = now(), voided_at = now(),
              void_reason = 'plan cancelled'
              WHERE clinic_id = ${clinic.clinicId} AND id = ${checklist.id}`,
        );
      },
      fire: (event, from) => {
        // Signing and attesting go through the service, which finds the plan's current
        // checklist; a VOIDED one is no plan's current checklist, so it is fired on directly, as
        // voiding is (by the plan's cancellation or reconciliation).
        if (event === 'sign' && from !== 'VOIDED')
          return service.signInClinic(caller, planId, body, undefined);
        if (event === 'attest' && from !== 'VOIDED')
          return service.attest(caller, planId, undefined);
        return tx.run(async (db) => {
          const [locked] = await db.select().from(fdaChecklists).where(byId).for('update');
          if (!locked) throw new Error('the checklist is gone');
          return lifecycle.fire(db, caller, locked, event, {
            changes: { voidedAt: new Date(), voidReason: 'plan cancelled' },
          });
        });
      },
      readStatus: async () => {
        const [row] = await tx.db.select().from(fdaChecklists).where(byId);
        if (!row) throw new Error('the checklist is gone');
        return row.status;
      },
    });
  });
});

describe('an inventory unit and a reservation (inventory: InventoryLifecycle)', () => {
  const unitStatus = (unitId: string) =>
    oneValue(
      sql`SELECT status::text AS v FROM inventory_units WHERE clinic_id = ${clinic.clinicId} AND id = ${unitId}`,
      z.enum(UNIT_TRANSITIONS.statuses),
    );

  it('takes every transition of the unit table and refuses every other pair', async () => {
    const ready = await readyPlan(clinic);
    const [unitId, otherId] = await Promise.all(ready.received.slice(0, 2).map(unitIdOf));
    if (!unitId || !otherId) throw new Error('readyPlan receives three implants');
    const lifecycle = t.app.get(InventoryLifecycle);
    const setStatus = async (id: string, status: UnitStatus) => {
      await tx.db.execute(
        sql`UPDATE inventory_units SET status = ${status} WHERE clinic_id = ${clinic.clinicId} AND id = ${id}`,
      );
    };
    await checkEveryPair<UnitStatus, UnitEvent>({
      table: UNIT_TRANSITIONS,
      expected: [
        ['AVAILABLE', 'reserve', 'RESERVED'],
        ['RESERVED', 'release', 'AVAILABLE'],
        ['RESERVED', 'consume', 'CONSUMED'],
        ['AVAILABLE', 'consume', 'CONSUMED'],
        ['AVAILABLE', 'remove', 'REMOVED'],
      ],
      setStatus: (status) => setStatus(unitId, status),
      fire: (event) => tx.run((db) => lifecycle.fireUnits(db, caller.clinicId, [unitId], event)),
      readStatus: () => unitStatus(unitId),
    });

    // Many units move together or not at all: one refused unit refuses the event for all.
    await setStatus(unitId, 'AVAILABLE');
    await setStatus(otherId, 'CONSUMED');
    await expect(
      tx.run((db) => lifecycle.fireUnits(db, caller.clinicId, [unitId, otherId], 'reserve')),
    ).rejects.toMatchObject({ status: 409, currentStatus: 'CONSUMED', event: 'reserve' });
    expect(await unitStatus(unitId)).toBe('AVAILABLE');
  });

  it('takes every transition of the reservation table and refuses every other pair', async () => {
    const ready = await readyPlan(clinic);
    const allocationId = await oneValue(
      sql`SELECT id::text AS v FROM inventory_allocations
          WHERE clinic_id = ${clinic.clinicId} AND procedure_plan_id = ${ready.plan.id} LIMIT 1`,
      z.string(),
    );
    const lifecycle = t.app.get(InventoryLifecycle);
    await checkEveryPair<AllocationStatus, AllocationEvent>({
      table: ALLOCATION_TRANSITIONS,
      expected: [
        ['ACTIVE', 'release', 'RELEASED'],
        ['ACTIVE', 'consume', 'CONSUMED'],
      ],
      setStatus: async (status) => {
        await tx.db.execute(
          sql`UPDATE inventory_allocations SET status = ${status}
              WHERE clinic_id = ${clinic.clinicId} AND id = ${allocationId}`,
        );
      },
      fire: (event) =>
        tx.run((db) => lifecycle.fireAllocations(db, caller.clinicId, [allocationId], event)),
      readStatus: () =>
        oneValue(
          sql`SELECT status::text AS v FROM inventory_allocations
              WHERE clinic_id = ${clinic.clinicId} AND id = ${allocationId}`,
          z.enum(ALLOCATION_TRANSITIONS.statuses),
        ),
    });
  });
});

function unitIdOf(serial: string): Promise<string> {
  return oneValue(
    sql`SELECT id::text AS v FROM inventory_units
        WHERE clinic_id = ${clinic.clinicId} AND serial_number = ${serial}`,
    z.string(),
  );
}
