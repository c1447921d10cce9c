import { z } from 'zod';

/**
 * National Provider Identifiers (CMS): ten digits, the last a Luhn check digit computed over the
 * card-issuer prefix `80840` followed by the first nine digits. A typo in an NPI is the commonest
 * reason a clearinghouse rejects a professional claim, so it is caught where it is typed, and the
 * claim builder checks the stored ones again with the same function.
 */
const NPI_PREFIX = '80840';

/** True when `npi` is ten digits whose check digit holds with the `80840` prefix. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `${NPI_PREFIX}${npi}`;
  let sum = 0;
  // Luhn from the right: every second digit, starting with the one left of the check digit, doubled.
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * An NPI in a request body; a wrong one is 400 VALIDATION_FAILED naming the field (`abort`: a
 * malformed one gets one error, not also the check digit's).
 */
export const Npi = z
  .string()
  .trim()
  .regex(/^\d{10}$/, { message: 'An NPI is 10 digits', abort: true })
  .refine(isValidNpi, 'Not a valid NPI: its check digit does not hold (Luhn with prefix 80840)');
