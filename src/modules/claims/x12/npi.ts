/**
 * The NPI check digit (CMS, "Requirements for NPI check digit"): an NPI is 10 digits whose last
 * digit is the Luhn check digit of the first nine prefixed with the card issuer number `80840`.
 * Equivalently, the Luhn sum of the nine digits plus 24 (the prefix's constant contribution) makes
 * the check digit. A payer rejects a claim with a wrong NPI at the front door; we refuse it first.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  return luhnValid(`80840${npi}`);
}

/** True when `digits` (check digit last) passes the Luhn mod-10 test. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts at the digit left of the check digit and takes every second one.
    const fromRight = digits.length - 1 - i;
    let digit = Number(digits[i]);
    if (fromRight % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
