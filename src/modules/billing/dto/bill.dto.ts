import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { MoneyInput, MoneyOutput } from '../../../common/money';
import { PAYMENT_METHODS } from '../../payment-plan/repositories/payment-plan.schema';
import { PAYERS, QUOTE_LINE_KINDS } from '../../quote/repositories/quote.schema';
import { BILL_ADJUSTMENT_KINDS, BILL_STATUSES } from '../repositories/billing.schema';

/** `POST /bills/:id/payments`: money one payer sent. Whether it fits that payer's balance is the service's check. */
export const RecordBillPaymentBody = z.strictObject({
  amount: MoneyInput.refine((m) => !m.isZero(), 'Must be more than 0.00'),
  payer: z.enum(PAYERS),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().trim().min(1).max(200).nullish(),
});
export type RecordBillPaymentBody = z.infer<typeof RecordBillPaymentBody>;
export class RecordBillPaymentDto extends createZodDto(RecordBillPaymentBody) {}

/** `POST /bills/:id/void` (ADMIN). */
export const VoidBillBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type VoidBillBody = z.infer<typeof VoidBillBody>;
export class VoidBillDto extends createZodDto(VoidBillBody) {}

export const ListBillsQuery = z.strictObject({
  ...pageQueryShape,
  surgicalCaseId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  status: z.enum(BILL_STATUSES).optional(),
});
export type ListBillsQuery = z.infer<typeof ListBillsQuery>;
export class ListBillsQueryDto extends createZodDto(ListBillsQuery) {}

export const BillLineItemSchema = z.object({
  lineNumber: z.number().int(),
  kind: z.enum(QUOTE_LINE_KINDS),
  /** The base code: CPT for procedures, HCPCS (else the item's own code) for supplies. */
  procedureCode: z.string(),
  modifiers: z.array(z.string()),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: MoneyOutput,
  amount: MoneyOutput,
  payer: z.enum(PAYERS),
  inventoryItemId: z.uuid().nullable(),
  serialNumbers: z.array(z.string()),
});

export const BillPaymentSchema = z.object({
  id: z.uuid(),
  payer: z.enum(PAYERS),
  amount: MoneyOutput,
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  receivedAt: z.string(),
  recordedById: z.uuid(),
  /**
   * Where the money came from: paid on the bill, a deposit before surgery, a payment-plan payment,
   * or an 835 remittance (then `remittanceId` and the CLP's `remittanceClaimId`).
   */
  source: z.enum(['BILL', 'DEPOSIT', 'PAYMENT_PLAN', 'REMITTANCE']),
  remittanceId: z.uuid().nullable(),
  remittanceClaimId: z.uuid().nullable(),
});

/**
 * An insurer's adjustment from an 835 CAS (docs/billing.md "Balances"): CO written off
 * (`WRITE_OFF`), PR moved to the patient (`TRANSFER_TO_PATIENT`), OA and PI `PAYER_ADJUSTMENT`.
 */
export const BillAdjustmentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(BILL_ADJUSTMENT_KINDS),
  /** CAS01: CO, PR, OA or PI. */
  group: z.string(),
  /** The CARC reason code (CAS02), e.g. 45, 1, 2. */
  reason: z.string(),
  amount: MoneyOutput,
  /** The bill line the 835's service line was matched to; null for a claim-level adjustment. */
  billLineNumber: z.number().int().nullable(),
  remittanceId: z.uuid(),
  remittanceClaimId: z.uuid(),
  recordedAt: z.string(),
});

export const BillSchema = z.object({
  id: z.uuid(),
  billNumber: z.string(),
  surgicalCaseId: z.uuid(),
  procedurePlanId: z.uuid(),
  patientId: z.uuid(),
  /** The ACCEPTED quote that priced the bill; null when every price came from the fee schedule and catalog. */
  quoteId: z.uuid().nullable(),
  status: z.enum(BILL_STATUSES),
  total: MoneyOutput,
  insuranceTotal: MoneyOutput,
  patientTotal: MoneyOutput,
  insurancePaid: MoneyOutput,
  patientPaid: MoneyOutput,
  /** What the insurer's 835s adjusted away: CO written off, OA and PI. */
  insuranceAdjusted: MoneyOutput,
  /** What the insurer's 835s moved to the patient (PR: deductible, coinsurance, copay). */
  transferredToPatient: MoneyOutput,
  paid: MoneyOutput,
  /**
   * What each payer still owes, 0.00 on a VOID bill: insurance = insuranceTotal − insurancePaid −
   * insuranceAdjusted − transferredToPatient; patient = patientTotal + transferredToPatient − patientPaid.
   */
  insuranceBalance: MoneyOutput,
  patientBalance: MoneyOutput,
  balance: MoneyOutput,
  /** Paid before surgery beyond the patient's share: owed back to the patient (refunds are not recorded here). */
  refundDue: MoneyOutput,
  issuedAt: z.string(),
  paidAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  lineItems: z.array(BillLineItemSchema),
  payments: z.array(BillPaymentSchema),
  adjustments: z.array(BillAdjustmentSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BillResponse = z.infer<typeof BillSchema>;
export class BillDto extends createZodDto(BillSchema) {}
export class BillPageDto extends createZodDto(pageSchema(BillSchema)) {}
