import {
  fromCents,
  moneyInputError,
  normalizeMoney,
  splitEvenly,
  subtractMoney,
  toCents,
} from '../../lib/money';
import type { Installment, PaymentPlan } from './types';

/** What is still owed on one installment. */
export function installmentRemaining(installment: Installment): string {
  return fromCents(toCents(installment.amount) - toCents(installment.paidAmount));
}

/** An installment past its due date (a calendar date, compared with today's) and not paid. */
export function isOverdue(installment: Installment, today: string): boolean {
  return installment.status !== 'PAID' && installment.dueDate < today;
}

/** The first installment not paid in full: payments apply to it first. */
export function nextInstallment(plan: Pick<PaymentPlan, 'installments'>): Installment | undefined {
  return [...plan.installments]
    .sort((a, b) => a.number - b.number)
    .find((i) => i.status !== 'PAID');
}

/**
 * What the plan would look like, as the API will split it: the financed amount (patient portion
 * less deposit) in equal installments, the remainder cent(s) on the last. Null until the inputs
 * make sense.
 */
export function planPreview(
  patientPortion: string,
  deposit: string,
  count: number | string,
): { financed: string; installments: string[] } | null {
  if (moneyInputError(deposit, { allowZero: true }) !== null) return null;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return null;
  const financed = subtractMoney(patientPortion, normalizeMoney(deposit));
  if (toCents(financed) <= 0n) return null;
  return { financed, installments: splitEvenly(financed, count) };
}
