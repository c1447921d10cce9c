import { Money } from '../../../common/money';

/**
 * The delimiters Contour writes (issue 17): segment `~`, element `*`, component `:`, repetition
 * `^`. ISA11 carries the repetition separator and ISA16 the component separator, so a reader
 * learns them from the ISA itself; these are only the ones we choose when writing.
 */
export const X12_DELIMITERS = {
  segment: '~',
  element: '*',
  component: ':',
  repetition: '^',
} as const;

/** Any delimiter inside a value would split it: such text is refused before anything is written. */
const DELIMITER_CHARACTERS = /[~*:^]/;

export function containsDelimiter(text: string): boolean {
  return DELIMITER_CHARACTERS.test(text);
}

/**
 * An amount as the X12 `R` (decimal) data type wants it: no trailing zeros after the point and no
 * point for whole amounts ("19357", "1500.5", "0.05"), a minus sign for negative amounts.
 */
export function x12Amount(amount: Money): string {
  return amount
    .toDecimal()
    .replace(/\.00$/, '')
    .replace(/(\.\d)0$/, '$1');
}

/** `2026-12-03` → `20261203` (the D8 format of DTP, BHT04, GS04). */
export function x12Date(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}
