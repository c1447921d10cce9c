import { invariant } from '../../../common/invariant';
import type { Money } from '../../../common/money';
import type { PaymentFrequency } from '../repositories/payment-plan.schema';

export interface ScheduledInstallment {
  number: number;
  dueDate: string;
  amount: Money;
}

const DAYS_APART: Record<Exclude<PaymentFrequency, 'MONTHLY'>, number> = {
  WEEKLY: 7,
  BIWEEKLY: 14,
};

/**
 * The installments of a financed amount: equal parts with the remainder cent(s) on the last
 * (Money.splitEvenly, docs/design.md §6), due one period apart from `firstDueDate`.
 */
export function installmentSchedule(
  financed: Money,
  count: number,
  frequency: PaymentFrequency,
  firstDueDate: string,
): ScheduledInstallment[] {
  return financed.splitEvenly(count).map((amount, k) => ({
    number: k + 1,
    dueDate: dueDateOf(firstDueDate, frequency, k),
    amount,
  }));
}

/**
 * The `k`-th due date (0 = the first). Monthly dates are counted from the first date, not from
 * the previous one, and clamped to the month's last day: Jan 31 → Feb 28 (29) → Mar 31, never
 * drifting to the 28th for the rest of the plan.
 */
export function dueDateOf(firstDueDate: string, frequency: PaymentFrequency, k: number): string {
  const [year, month, day] = parseDate(firstDueDate);
  if (frequency !== 'MONTHLY') {
    return formatUtc(new Date(Date.UTC(year, month - 1, day + k * DAYS_APART[frequency])));
  }
  const monthIndex = month - 1 + k;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return formatUtc(new Date(Date.UTC(year, monthIndex, Math.min(day, lastDay))));
}

function parseDate(value: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  invariant(match?.[1] && match[2] && match[3], 'dates are validated as YYYY-MM-DD by the DTO');
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}
