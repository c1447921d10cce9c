import { invariant } from '../../../common/invariant';
import { Money } from '../../../common/money';
import type { InstallmentStatus } from '../repositories/payment-plan.schema';

export interface InstallmentBalance {
  id: string;
  number: number;
  amount: Money;
  paidAmount: Money;
}

export interface InstallmentPaid {
  id: string;
  paidAmount: Money;
  status: InstallmentStatus;
}

/**
 * Spreads a payment over the oldest unpaid installments first (partly paying the last one it
 * reaches). The caller has checked that the payment does not exceed what is owed.
 */
export function allocatePaymentToInstallments(
  installments: readonly InstallmentBalance[],
  payment: Money,
): InstallmentPaid[] {
  const changes: InstallmentPaid[] = [];
  let left = payment;
  for (const installment of [...installments].sort((a, b) => a.number - b.number)) {
    if (left.isZero()) break;
    const owed = installment.amount.minus(installment.paidAmount);
    if (owed.isZero()) continue;
    const applied = left.compare(owed) < 0 ? left : owed;
    const paidAmount = installment.paidAmount.plus(applied);
    left = left.minus(applied);
    changes.push({
      id: installment.id,
      paidAmount,
      status: paidAmount.compare(installment.amount) === 0 ? 'PAID' : 'PARTIALLY_PAID',
    });
  }
  invariant(left.isZero(), 'a payment never exceeds the outstanding balance');
  return changes;
}

export function installmentBalance(row: {
  id: string;
  number: number;
  amount: string;
  paidAmount: string;
}): InstallmentBalance {
  return {
    id: row.id,
    number: row.number,
    amount: Money.fromDecimal(row.amount),
    paidAmount: Money.fromDecimal(row.paidAmount),
  };
}
