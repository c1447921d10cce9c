import { z } from 'zod';

/**
 * CPT codes (docs/design.md §5): a five-character base (Category I five digits; Category II ends in F,
 * III in T, PLA in U), then up to four two-character modifiers, each `-XX` (`19325-50`,
 * `19316-RT-LT`). CPT descriptions are licensed, so there is no code list here: the clinic's fee
 * schedule is the list of codes it offers, keyed by the base code (a `19325-50` is priced by `19325`).
 */
const CPT_CODE = /^(\d{4}[0-9FTU])((?:-[0-9A-Z]{2}){0,4})$/;
const BASE_CPT_CODE = /^\d{4}[0-9FTU]$/;

const CPT_CODE_MESSAGE =
  'A CPT code: four digits then a digit, F, T or U, with up to four -XX modifiers, e.g. 19325-50';

export interface ParsedCptCode {
  /** The five-character code without modifiers, e.g. `19325`. */
  base: string;
  /** In the order given, e.g. `['RT', 'LT']`; empty when there are none. */
  modifiers: string[];
}

/** Parses a CPT code with its modifiers (case-insensitive, surrounding spaces ignored); undefined when malformed. */
export function parseCptCode(code: string): ParsedCptCode | undefined {
  const match = CPT_CODE.exec(code.trim().toUpperCase());
  if (!match?.[1]) return undefined;
  const modifiers = match[2] ? match[2].slice(1).split('-') : [];
  return { base: match[1], modifiers };
}

/** `19325-50` → `19325`: the code without its modifiers, which is the fee schedule's key. */
export function baseCptCode(code: string): string {
  return code.trim().toUpperCase().replace(/-.*$/, '');
}

/** A CPT code with optional modifiers in a request body, answered upper-case and trimmed. */
export const CptCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(CPT_CODE, { message: CPT_CODE_MESSAGE });

/** A CPT code without modifiers: the fee schedule's key, and what a consent template names. */
export const BaseCptCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    if (BASE_CPT_CODE.test(code)) return;
    const parsed = parseCptCode(code);
    ctx.addIssue({
      code: 'custom',
      message: parsed
        ? `The base code without modifiers is wanted here: use ${parsed.base}, not ${code}`
        : CPT_CODE_MESSAGE,
    });
  });
