import { Money } from '../../../common/money';
import type { Payer } from '../../quote/repositories/quote.schema';
import type { BillResponse } from '../dto/bill.dto';
import type { BillLineItemRow, BillPaymentRow, BillRow } from '../repositories/billing.repository';

/** What the payer still owes on the bill: its total less its payments; nothing once the bill is VOID. */
export function balanceOf(bill: BillRow, payer: Payer): Money {
  if (bill.status === 'VOID') return Money.ZERO;
  return payer === 'INSURANCE'
    ? Money.fromDecimal(bill.insuranceTotal).minus(Money.fromDecimal(bill.insurancePaid))
    : Money.fromDecimal(bill.patientTotal).minus(Money.fromDecimal(bill.patientPaid));
}

export function toBillResponse(
  bill: BillRow,
  lines: readonly BillLineItemRow[],
  payments: readonly BillPaymentRow[],
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
      source:
        p.prepaymentId !== null
          ? 'DEPOSIT'
          : p.paymentPlanPaymentId !== null
            ? 'PAYMENT_PLAN'
            : 'BILL',
    })),
    version: bill.version,
    createdAt: bill.createdAt.toISOString(),
    updatedAt: bill.updatedAt.toISOString(),
  };
}
