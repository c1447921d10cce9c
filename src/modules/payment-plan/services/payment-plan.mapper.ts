import { Money } from '../../../common/money';
import type { PaymentPlanResponse } from '../dto/payment-plan.dto';
import type {
  InstallmentRow,
  PaymentPlanRow,
  PaymentRow,
} from '../repositories/payment-plan.repository';

/** What is still owed on the installments. */
export function outstandingOf(installments: readonly InstallmentRow[]): Money {
  return Money.sum(
    installments.map((i) => Money.fromDecimal(i.amount).minus(Money.fromDecimal(i.paidAmount))),
  );
}

export function toPaymentPlanResponse(
  plan: PaymentPlanRow,
  installments: readonly InstallmentRow[],
  payments: readonly PaymentRow[],
): PaymentPlanResponse {
  const decimal = (value: string) => Money.fromDecimal(value).toDecimal();
  return {
    id: plan.id,
    paymentPlanNumber: plan.paymentPlanNumber,
    quoteId: plan.quoteId,
    patientId: plan.patientId,
    depositAmount: decimal(plan.depositAmount),
    financedAmount: decimal(plan.financedAmount),
    installmentCount: plan.installmentCount,
    frequency: plan.frequency,
    firstDueDate: plan.firstDueDate,
    status: plan.status,
    installments: installments.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      amount: decimal(i.amount),
      paidAmount: decimal(i.paidAmount),
      status: i.status,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      amount: decimal(p.amount),
      method: p.method,
      reference: p.reference,
      receivedAt: p.receivedAt.toISOString(),
      recordedById: p.recordedById,
    })),
    balance: outstandingOf(installments).toDecimal(),
    createdById: plan.createdById,
    createdByPatientLinkId: plan.createdByPatientLinkId,
    version: plan.version,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}
