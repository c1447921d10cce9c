import { z } from 'zod';

/** docs/design.md §5; the second character may be a letter since FY2026 (`QA0`). */
const ICD10_CM_CODE = /^[A-Z][0-9A-Z][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const WITHOUT_DOT = /^[A-Z][0-9A-Z]{3,6}$/;

export const ICD10_CODE_MESSAGE =
  'An ICD-10-CM code: a letter, two letters or digits, then optionally a dot and one to four more, e.g. C50.911';

/**
 * The code as the code set writes it, or undefined when it cannot be one. Case and surrounding
 * spaces do not matter, and the dot may be left out, as claim forms and many EHRs do:
 * `c50911` → `C50.911`.
 */
export function normalizeIcd10Code(input: string): string | undefined {
  const upper = input.trim().toUpperCase();
  const dotted = WITHOUT_DOT.test(upper) ? `${upper.slice(0, 3)}.${upper.slice(3)}` : upper;
  return ICD10_CM_CODE.test(dotted) ? dotted : undefined;
}

/**
 * An ICD-10-CM code in a request body: its format only, answered normalized (`C50.911`). Whether
 * the code exists and is billable is `Icd10Catalog.validateDiagnosisCodes`'s business.
 */
export const Icd10Code = z
  .string()
  .max(20, { message: ICD10_CODE_MESSAGE })
  .transform((value, ctx) => {
    const code = normalizeIcd10Code(value);
    if (code === undefined) {
      ctx.addIssue({ code: 'custom', message: ICD10_CODE_MESSAGE });
      return z.NEVER;
    }
    return code;
  });
