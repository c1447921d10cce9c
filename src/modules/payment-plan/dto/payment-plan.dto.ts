import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { MoneyInput, MoneyOutput } from '../../../common/money';
import {
  INSTALLMENT_STATUSES,
  MAX_INSTALLMENTS,
  PAYMENT_FREQUENCIES,
  PAYMENT_METHODS,
  PAYMENT_PLAN_OFFER_STATUSES,
  PAYMENT_PLAN_STATUSES,
} from '../repositories/payment-plan.schema';

/** `POST /quotes/:id/payment-plan`. Whether `firstDueDate` is in the past is the service's check (the Clock). */
export const CreatePaymentPlanBody = z.strictObject({
  depositAmount: MoneyInput,
  installmentCount: z.number().int().min(1).max(MAX_INSTALLMENTS),
  frequency: z.enum(PAYMENT_FREQUENCIES),
  firstDueDate: z.iso.date({ message: 'A date as YYYY-MM-DD' }),
});
export type CreatePaymentPlanBody = z.infer<typeof CreatePaymentPlanBody>;
export class CreatePaymentPlanDto extends createZodDto(CreatePaymentPlanBody) {}

/** `POST /payment-plans/:id/payments`. */
export const RecordPaymentBody = z.strictObject({
  amount: MoneyInput.refine((m) => !m.isZero(), 'Must be more than 0.00'),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().trim().min(1).max(200).nullish(),
});
export type RecordPaymentBody = z.infer<typeof RecordPaymentBody>;
export class RecordPaymentDto extends createZodDto(RecordPaymentBody) {}

export const ListPaymentPlansQuery = z.strictObject({
  ...pageQueryShape,
  quoteId: z.uuid().optional(),
  patientId: z.uuid().optional(),
});
export type ListPaymentPlansQuery = z.infer<typeof ListPaymentPlansQuery>;
export class ListPaymentPlansQueryDto extends createZodDto(ListPaymentPlansQuery) {}

export const InstallmentSchema = z.object({
  number: z.number().int(),
  dueDate: z.string(),
  amount: MoneyOutput,
  paidAmount: MoneyOutput,
  status: z.enum(INSTALLMENT_STATUSES),
});

export const PaymentSchema = z.object({
  id: z.uuid(),
  amount: MoneyOutput,
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  receivedAt: z.string(),
  recordedById: z.uuid(),
});

export const PaymentPlanSchema = z.object({
  id: z.uuid(),
  paymentPlanNumber: z.string(),
  quoteId: z.uuid(),
  patientId: z.uuid(),
  depositAmount: MoneyOutput,
  financedAmount: MoneyOutput,
  installmentCount: z.number().int(),
  frequency: z.enum(PAYMENT_FREQUENCIES),
  firstDueDate: z.string(),
  status: z.enum(PAYMENT_PLAN_STATUSES),
  installments: z.array(InstallmentSchema),
  payments: z.array(PaymentSchema),
  /** What is still owed on the installments: financedAmount minus the payments. */
  balance: MoneyOutput,
  /** The member of staff who created it; null when the patient chose an offer through a link. */
  createdById: z.uuid().nullable(),
  /** The patient link through which the patient chose an offer, else null. */
  createdByPatientLinkId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PaymentPlanResponse = z.infer<typeof PaymentPlanSchema>;
export class PaymentPlanDto extends createZodDto(PaymentPlanSchema) {}
export class PaymentPlanPageDto extends createZodDto(pageSchema(PaymentPlanSchema)) {}

/** `POST /quotes/:id/payment-plan-offers`: the same terms as a payment plan. */
export const CreatePaymentPlanOfferBody = CreatePaymentPlanBody;
export type CreatePaymentPlanOfferBody = CreatePaymentPlanBody;
export class CreatePaymentPlanOfferDto extends createZodDto(CreatePaymentPlanOfferBody) {}

/** An installment as an offer schedules it (nothing is paid on an offer). */
export const ScheduledInstallmentSchema = z.object({
  number: z.number().int(),
  dueDate: z.string(),
  amount: MoneyOutput,
});

export const PaymentPlanOfferSchema = z.object({
  id: z.uuid(),
  quoteId: z.uuid(),
  depositAmount: MoneyOutput,
  /** The quote's patient portion less the deposit: what the installments add up to. */
  financedAmount: MoneyOutput,
  installmentCount: z.number().int(),
  frequency: z.enum(PAYMENT_FREQUENCIES),
  firstDueDate: z.string(),
  status: z.enum(PAYMENT_PLAN_OFFER_STATUSES),
  /** Computed by the code that builds a payment plan's installments: the same cents. */
  installments: z.array(ScheduledInstallmentSchema),
  createdById: z.uuid(),
  chosenAt: z.string().nullable(),
  /** The payment plan the patient's choice created. */
  paymentPlanId: z.uuid().nullable(),
  withdrawnAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PaymentPlanOfferResponse = z.infer<typeof PaymentPlanOfferSchema>;
export class PaymentPlanOfferDto extends createZodDto(PaymentPlanOfferSchema) {}
export class PaymentPlanOfferListDto extends createZodDto(
  z.object({ data: z.array(PaymentPlanOfferSchema) }),
) {}

/**
 * What the patient sees (the portal's `GET /patient-portal/payment-plans`): the live quote's open
 * offers, and the payment plan once there is one (chosen through the link or made by the staff).
 */
export const PatientPaymentPlansSchema = z.object({
  offers: z.array(
    z.object({
      id: z.uuid(),
      depositAmount: MoneyOutput,
      installmentCount: z.number().int(),
      frequency: z.enum(PAYMENT_FREQUENCIES),
      firstDueDate: z.string(),
      installments: z.array(ScheduledInstallmentSchema),
    }),
  ),
  chosen: z
    .object({
      paymentPlanNumber: z.string(),
      depositAmount: MoneyOutput,
      balance: MoneyOutput,
      installments: z.array(InstallmentSchema),
    })
    .nullable(),
});
export type PatientPaymentPlans = z.infer<typeof PatientPaymentPlansSchema>;
