import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MoneyInput, MoneyOutput } from '../../../common/money';
import { PAYMENT_METHODS } from '../../payment-plan/repositories/payment-plan.schema';

/** `POST /quotes/:id/prepayments`: a deposit the patient paid before surgery. */
export const RecordPrepaymentBody = z.strictObject({
  amount: MoneyInput.refine((m) => !m.isZero(), 'Must be more than 0.00'),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().trim().min(1).max(200).nullish(),
});
export type RecordPrepaymentBody = z.infer<typeof RecordPrepaymentBody>;
export class RecordPrepaymentDto extends createZodDto(RecordPrepaymentBody) {}

export const PrepaymentSchema = z.object({
  id: z.uuid(),
  amount: MoneyOutput,
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  receivedAt: z.string(),
  recordedById: z.uuid(),
});

/** The money a quote's patient paid before surgery, and where it stands. */
export const PrepaymentsSchema = z.object({
  quoteId: z.uuid(),
  procedurePlanId: z.uuid(),
  /** The deposits, oldest first. */
  data: z.array(PrepaymentSchema),
  /** The sum of the deposits. */
  depositsReceived: MoneyOutput,
  /** The sum of the payments received on the quote's payment plans. */
  paymentPlanReceived: MoneyOutput,
  /** The bill the money was credited to, once the surgery is billed. */
  billId: z.uuid().nullable(),
  /** Owed back to the patient: everything received when the plan was cancelled; the bill's excess once billed. */
  refundDue: MoneyOutput,
});
export type PrepaymentsResponse = z.infer<typeof PrepaymentsSchema>;
export class PrepaymentsDto extends createZodDto(PrepaymentsSchema) {}
