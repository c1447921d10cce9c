import { Money } from '../../../common/money';

/** The X12 `R` type: an optional minus, digits with at most one decimal point. */
const X12_DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

/**
 * An X12 amount as exact `Money`, or undefined when it is not a decimal or has a fraction of a
 * cent ("12.345"; "12.340" is 12.34). The `R` type allows "5.", ".5" and leading zeros.
 */
export function moneyFromX12(text: string): Money | undefined {
  const match = X12_DECIMAL.exec(text);
  if (!match) return undefined;
  const [, minus, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const cents = fraction.replace(/0+$/, '');
  if (cents.length > 2) return undefined;
  const units = whole.replace(/^0+(?=\d)/, '') || '0';
  if (units.length > 10) return undefined;
  return Money.fromDecimal(`${minus ?? ''}${units}.${cents.padEnd(2, '0')}`);
}

/** A quantity (SVC05, CAS04): a non-negative decimal number, or undefined. */
export function quantityFromX12(text: string): number | undefined {
  return /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : undefined;
}

/** `20261203` → `2026-12-03`, or undefined when it is not a D8 date. */
export function dateFromX12(text: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
