/**
 * Money as the API writes it: decimal strings with at most two decimals. Arithmetic happens in
 * integer cents (bigint), never through a float.
 */
const MONEY_INPUT = /^\d+(\.\d{1,2})?$/;
/** A typed price: digits, then a point and at most two decimals (the "$" and commas removed). */
const PRICE_INPUT = /^\d+(\.\d{0,2})?$/;

/** Why a typed amount is not one the API takes, or null when it is ("12", "12.5", "12.50"). */
export function moneyInputError(value: string, { allowZero = false } = {}): string | null {
  const text = value.trim();
  if (text === '') return 'Enter an amount';
  if (!MONEY_INPUT.test(text)) return 'Enter an amount like 400 or 400.00 (at most two decimals)';
  if (!allowZero && toCents(text) === 0n) return 'Must be more than 0.00';
  return null;
}

/**
 * What a person typed as a price, as the API takes money: "400" → "400.00", "$1,250.5" →
 * "1250.50". Answers null for anything that is not a non-negative amount with at most two
 * decimals. Laxer than `moneyInputError` (a "$", thousands commas and "400." pass): the catalog's
 * unit price field has always taken these; the payment forms refuse them.
 */
export function parseMoneyInput(input: string): string | null {
  const text = input.trim().replace(/^\$/, '').replace(/,/g, '');
  return PRICE_INPUT.test(text) ? normalizeMoney(text) : null;
}

/** "12.5" → 1250n. Only for strings that are valid amounts (the API's, or checked input). */
export function toCents(amount: string): bigint {
  const text = amount.trim();
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const cents =
    BigInt(whole === '' ? '0' : whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

/** 1250n → "12.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const fraction = String(abs % 100n).padStart(2, '0');
  return `${negative ? '-' : ''}${abs / 100n}.${fraction}`;
}

/** A checked input as the API writes amounts: "12.5" → "12.50", " 7 " → "7.00". */
export function normalizeMoney(amount: string): string {
  return fromCents(toCents(amount));
}

export function subtractMoney(a: string, b: string): string {
  return fromCents(toCents(a) - toCents(b));
}

export function isZeroMoney(amount: string): boolean {
  return toCents(amount) === 0n;
}

/**
 * The installments a financed amount splits into, as the API splits it: equal parts in cents,
 * the remainder cent(s) on the last (1000.00 in 3 → 333.33, 333.33, 333.34).
 */
export function splitEvenly(total: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) return [];
  const cents = toCents(total);
  const part = cents / BigInt(count);
  const parts = Array.from({ length: count }, () => part);
  parts[count - 1] = cents - part * BigInt(count - 1);
  return parts.map(fromCents);
}
