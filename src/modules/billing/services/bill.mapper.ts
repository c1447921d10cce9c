import { Money } from '../../../common/money';
import type { Payer } from '../../quote/repositories/quote.schema';
import type { BillResponse } from '../dto/bill.dto';
import type {
  BillAdjustmentRow,
  BillLineItemRow,
  BillPaymentRow,
  BillRow,
} from '../repositories/billing.repository';

/** The money columns the balances are computed from (a bill row, or one about to be written). */
export type BillAmounts = Pick<
  BillRow,
  | 'status'
  | 'insuranceTotal'
  | 'patientTotal'
  | 'insurancePaid'
  | 'patientPaid'
  | 'insuranceAdjusted'
  | 'transferredToPatient'
>;

/**
 * What the payer still owes on the bill (docs/billing.md "Balances"); nothing once the bill is VOID.
 * Insurance: its total less what it paid, what its 835s adjusted away (CO, OA, PI) and what they
 * moved to the patient (PR). Patient: its total plus what was moved to it, less what it paid.
 */
export function balanceOf(bill: BillAmounts, payer: Payer): Money {
  if (bill.status === 'VOID') return Money.ZERO;
  const m = (value: string) => Money.fromDecimal(value);
  return payer === 'INSURANCE'
    ? m(bill.insuranceTotal)
        .minus(m(bill.insurancePaid))
        .minus(m(bill.insuranceAdjusted))
        .minus(m(bill.transferredToPatient))
    : m(bill.patientTotal).plus(m(bill.transferredToPatient)).minus(m(bill.patientPaid));
}

/** Nothing is owed by either payer: the guard of `record-payment`, `credit` and `post-remittance`. */
export function isSettled(bill: BillAmounts): boolean {
  return (
    bill.status !== 'VOID' &&
    balanceOf(bill, 'INSURANCE').isZero() &&
    balanceOf(bill, 'PATIENT').isZero()
  );
}

/** Where a payment came from (`BillResponse.payments[].source`). */
function sourceOf(p: BillPaymentRow): 'BILL' | 'DEPOSIT' | 'PAYMENT_PLAN' | 'REMITTANCE' {
  if (p.prepaymentId !== null) return 'DEPOSIT';
  if (p.paymentPlanPaymentId !== null) return 'PAYMENT_PLAN';
  if (p.remittanceId !== null) return 'REMITTANCE';
  return 'BILL';
}

export function toBillResponse(
  bill: BillRow,
  lines: readonly BillLineItemRow[],
  payments: readonly BillPaymentRow[],
  adjustments: readonly BillAdjustmentRow[],
): BillResponse {
  const money = (value: string) => Money.fromDecimal(value);
  const insurancePaid = money(bill.insurancePaid);
  const patientPaid = money(bill.patientPaid);
  const insuranceBalance = balanceOf(bill, 'INSURANCE');
  const patientBalance = balanceOf(bill, 'PATIENT');
  return {
    id: bill.id,
    billNumber: bill.billNumber,
    surgicalCaseId: bill.surgicalCaseId,
    procedurePlanId: bill.procedurePlanId,
    patientId: bill.patientId,
    quoteId: bill.quoteId,
    status: bill.status,
    total: money(bill.total).toDecimal(),
    insuranceTotal: money(bill.insuranceTotal).toDecimal(),
    patientTotal: money(bill.patientTotal).toDecimal(),
    insurancePaid: insurancePaid.toDecimal(),
    patientPaid: patientPaid.toDecimal(),
    insuranceAdjusted: money(bill.insuranceAdjusted).toDecimal(),
    transferredToPatient: money(bill.transferredToPatient).toDecimal(),
    paid: insurancePaid.plus(patientPaid).toDecimal(),
    insuranceBalance: insuranceBalance.toDecimal(),
    patientBalance: patientBalance.toDecimal(),
    balance: insuranceBalance.plus(patientBalance).toDecimal(),
    refundDue: money(bill.refundDue).toDecimal(),
    issuedAt: bill.issuedAt.toISOString(),
    paidAt: bill.paidAt?.toISOString() ?? null,
    voidedAt: bill.voidedAt?.toISOString() ?? null,
    voidReason: bill.voidReason,
    lineItems: lines.map((l) => ({
      lineNumber: l.lineNumber,
      kind: l.kind,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      description: l.description,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice).toDecimal(),
      amount: money(l.amount).toDecimal(),
      payer: l.payer,
      inventoryItemId: l.inventoryItemId,
      serialNumbers: l.serialNumbers,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      payer: p.payer,
      amount: money(p.amount).toDecimal(),
      method: p.method,
      reference: p.reference,
      receivedAt: p.receivedAt.toISOString(),
      recordedById: p.recordedById,
      source: sourceOf(p),
      remittanceId: p.remittanceId,
      remittanceClaimId: p.remittanceClaimId,
    })),
    adjustments: adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      group: a.groupCode,
      reason: a.reasonCode,
      amount: money(a.amount).toDecimal(),
      billLineNumber: a.billLineNumber,
      remittanceId: a.remittanceId,
      remittanceClaimId: a.remittanceClaimId,
      recordedAt: a.recordedAt.toISOString(),
    })),
    version: bill.version,
    createdAt: bill.createdAt.toISOString(),
    updatedAt: bill.updatedAt.toISOString(),
  };
}
