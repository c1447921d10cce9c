import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { MoneyInput, MoneyOutput } from '../../../common/money';
import {
  INSTALLMENT_STATUSES,
  MAX_INSTALLMENTS,
  PAYMENT_FREQUENCIES,
  PAYMENT_METHODS,
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
  createdById: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PaymentPlanResponse = z.infer<typeof PaymentPlanSchema>;
export class PaymentPlanDto extends createZodDto(PaymentPlanSchema) {}
export class PaymentPlanPageDto extends createZodDto(pageSchema(PaymentPlanSchema)) {}
