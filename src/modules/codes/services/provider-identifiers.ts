import { z } from 'zod';

/**
 * The other identifiers an 837P carries for a provider (docs/claims.md "Set-up"), checked for their
 * form where they are typed; none of them has a check digit.
 */

/**
 * A federal tax id (EIN): nine digits, typed `12-3456789` or `123456789`, stored as the nine
 * digits (REF*EI of loop 2010AA). The IRS never issues the prefixes 00, 07–09, 17–19, 28, 29,
 * 49, 69, 70, 78, 79 and 89.
 */
const UNUSED_EIN_PREFIXES = new Set([
  '00',
  '07',
  '08',
  '09',
  '17',
  '18',
  '19',
  '28',
  '29',
  '49',
  '69',
  '70',
  '78',
  '79',
  '89',
]);

export const Ein = z
  .string()
  .trim()
  .regex(/^\d{2}-?\d{7}$/, { message: 'An EIN is 9 digits, e.g. 12-3456789', abort: true })
  .transform((ein) => ein.replace('-', ''))
  .refine((ein) => !UNUSED_EIN_PREFIXES.has(ein.slice(0, 2)), 'Not an EIN prefix the IRS issues');

/**
 * A health care provider taxonomy code (NUCC, PRV03 of the 837P): ten characters, three digits,
 * six digits or capital letters, and a final X, e.g. `208200000X` (plastic surgery).
 */
export const TaxonomyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^\d{3}[0-9A-Z]{6}X$/,
    'A provider taxonomy code: 10 characters ending in X, e.g. 208200000X',
  );
