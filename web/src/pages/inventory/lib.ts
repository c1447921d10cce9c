import { ApiError } from '../../api/problem';

/** Pure helpers of the inventory screens, kept apart so they can be tested without a DOM. */

const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function utcDay(value: string): number | null {
  const match = CALENDAR_DATE.exec(value);
  if (match === null) return null;
  const [, y, m, d] = match;
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

/** "1 unit", "3 units". */
export function units(count: number): string {
  return count === 1 ? '1 unit' : `${count} units`;
}

/** Whole days from `today` to `date` (both `YYYY-MM-DD`): 0 on the day itself, negative after. */
export function daysUntil(date: string, today: string): number | null {
  const a = utcDay(today);
  const b = utcDay(date);
  return a === null || b === null ? null : Math.round((b - a) / DAY_MS);
}

export type ExpiryStatus = 'none' | 'expired' | 'soon' | 'ok';

/**
 * How close a lot is to its expiry. A lot is usable on its expiry date (the API allocates a batch
 * while `expiresAt >= day`), so it is expired only from the day after.
 */
export function expiryStatus(
  expiresAt: string | null | undefined,
  today: string,
  soonDays = 30,
): ExpiryStatus {
  if (expiresAt === null || expiresAt === undefined) return 'none';
  const days = daysUntil(expiresAt, today);
  if (days === null) return 'none';
  if (days < 0) return 'expired';
  return days <= soonDays ? 'soon' : 'ok';
}

/** A scanned label as text a person can read: the invisible GS separator (FNC1) made visible. */
export function displayUdi(udi: string): string {
  return udi.replaceAll(String.fromCharCode(29), '⟨GS⟩');
}

/** For each scanned label, the 1-based line of an earlier identical one, or null. */
export function duplicateLines(codes: readonly string[]): (number | null)[] {
  const first = new Map<string, number>();
  return codes.map((code, i) => {
    const earlier = first.get(code);
    if (earlier !== undefined) return earlier + 1;
    first.set(code, i);
    return null;
  });
}

/**
 * The messages of a refused UDI receipt per scanned line (0-based): the API names the label at
 * fault as `udis[i]` (or `udis[i].serialNumbers` for a serial already received).
 */
export function scanErrors(error: unknown): Record<number, string> {
  const out: Record<number, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const { path, message } of error.problem.errors ?? []) {
    const match = /^udis\[(\d+)\]/.exec(path);
    if (match !== null) out[Number(match[1])] ??= message;
  }
  return out;
}

/** The API's 400 for a serial number that several items share: the lookup must name the item. */
export function needsItemChoice(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.code === 'VALIDATION_FAILED' &&
    error.fieldErrors().itemId !== undefined
  );
}

/**
 * The fields a refused write names, for a form to show next to its inputs: VALIDATION_FAILED
 * (`applyFieldErrors` places those) and DUPLICATE (an item code, a GTIN or a serial already taken),
 * with each `path` as given, e.g. `serialNumbers[2]`.
 */
export function duplicateFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'DUPLICATE') return {};
  return error.fieldErrors();
}

/**
 * The GS1 mod-10 check digit of a GTIN's first 13 digits: from the rightmost digit leftwards,
 * weights 3, 1, 3, 1, …; the check digit brings the sum up to a multiple of 10. The API checks
 * the same (`gs1CheckDigit` in src/modules/inventory/services/gs1-udi.ts).
 */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * What is wrong with a typed GTIN, in the API's words, or null when it is blank or right: 14
 * digits whose last is the GS1 check digit of the others. One mistyped digit would store a GTIN
 * that no scanned label carries.
 */
export function gtinProblem(value: string): string | null {
  const gtin = value.trim();
  if (gtin === '') return null;
  if (!/^\d{14}$/.test(gtin)) return 'A 14-digit GTIN';
  const expected = gs1CheckDigit(gtin.slice(0, 13));
  return Number(gtin[13]) === expected
    ? null
    : `Wrong check digit: a GTIN starting ${gtin.slice(0, 13)} ends in ${expected}, not ${gtin[13]}`;
}

/** Whole days since an ISO instant (a hold's `allocatedAt`), never below 0. */
export function daysSince(instant: string, now: Date): number {
  const then = Date.parse(instant);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / DAY_MS));
}

/** "Less than a day", "1 day", "12 days": how long a hold has been held. */
export function heldFor(days: number): string {
  if (days === 0) return 'Less than a day';
  return days === 1 ? '1 day' : `${days} days`;
}
