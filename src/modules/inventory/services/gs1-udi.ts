import { z } from 'zod';

/**
 * GS1 UDI parsing for implant labels (see docs/udi.md).
 *
 * A pure function: no I/O, no clock except the optional reference year used for the
 * two-digit-year window. Understands the human-readable form with parentheses,
 * `(01)00884521112349(17)270630(10)LOT123(21)SN0001`, and the raw scanner form, where the AIs
 * are concatenated and a variable-length field is ended by the FNC1/Group Separator (ASCII 29)
 * unless it is last, optionally prefixed by a symbology identifier such as `]d2`.
 */

/** A UDI as it arrives in a request body: trimmed, 1 to 200 characters. */
export const UdiString = z.string().trim().min(1).max(200);

export interface Udi {
  /** AI (01): GTIN-14, check digit verified. */
  gtin: string;
  /** AI (17) expiry date as YYYY-MM-DD; a day of 00 is the last day of the month. */
  expiresOn: string | null;
  /** AI (11) production date as YYYY-MM-DD; same rules as the expiry. */
  producedOn: string | null;
  /** AI (10) batch/lot: 1 to 20 characters of GS1 character set 82. */
  lot: string | null;
  /** AI (21) serial number: 1 to 20 characters of GS1 character set 82. */
  serial: string | null;
}

export type UdiParseResult = { ok: true; udi: Udi } | { ok: false; message: string };

export interface ParseUdiOptions {
  /**
   * The year two-digit years are resolved against (GS1 General Specifications §7.12 sliding
   * window). Defaults to the current UTC year; tests pass it to stay deterministic.
   */
  referenceYear?: number;
}

/** ASCII 29, the Group Separator a scanner sends for FNC1. */
export const GS = '\u001d';

/** `]` + symbology letter + modifier digit, e.g. `]d2` (DataMatrix), `]C1`, `]e0`, `]Q3`. */
const SYMBOLOGY_IDENTIFIER = /^\][A-Za-z][0-9]/;

/** GS1 AI encodable character set 82 (GS1 General Specifications §7.11, Figure 7.11-1). */
const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

type Field = keyof Udi;

interface AiSpec {
  ai: string;
  label: string;
  field: Field;
  kind: 'gtin' | 'date' | 'text';
  /** Predefined length (no separator needed in the raw form) or maximum length. */
  length: number;
  fixed: boolean;
}

const SUPPORTED_AIS: Readonly<Record<string, AiSpec>> = {
  '01': { ai: '01', label: 'GTIN', field: 'gtin', kind: 'gtin', length: 14, fixed: true },
  '11': {
    ai: '11',
    label: 'Production date',
    field: 'producedOn',
    kind: 'date',
    length: 6,
    fixed: true,
  },
  '17': {
    ai: '17',
    label: 'Expiry date',
    field: 'expiresOn',
    kind: 'date',
    length: 6,
    fixed: true,
  },
  '10': { ai: '10', label: 'Lot', field: 'lot', kind: 'text', length: 20, fixed: false },
  '21': { ai: '21', label: 'Serial', field: 'serial', kind: 'text', length: 20, fixed: false },
};

/**
 * Length of an AI by its first two digits (GS1 General Specifications, "AI prefix" table).
 * Only used to name an AI this parser does not support, in the raw form, where nothing else
 * says where the AI ends.
 */
const AI_LENGTH_BY_PREFIX: Readonly<Record<string, number>> = (() => {
  const table: Record<string, number> = {};
  for (const p of ['00', '01', '02', '03', '04', '10', '11', '12', '13', '15', '16', '17']) {
    table[p] = 2;
  }
  for (const p of ['20', '21', '22', '30', '37', '90', '91', '92', '93', '94', '95', '96']) {
    table[p] = 2;
  }
  for (const p of ['97', '98', '99']) table[p] = 2;
  for (const p of ['23', '24', '25', '40', '41', '42', '71']) table[p] = 3;
  for (const p of ['31', '32', '33', '34', '35', '36', '39', '43', '70', '72', '80', '81', '82']) {
    table[p] = 4;
  }
  return table;
})();

/**
 * The GS1 mod-10 check digit of `body` (all digits but the check digit): from the rightmost
 * digit leftwards, weights 3, 1, 3, 1, …; the check digit brings the sum up to a multiple of 10.
 */
export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error('gs1CheckDigit expects digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `gtin14` is exactly 14 digits and its last digit is the right GS1 check digit. */
export function gtinCheckDigitValid(gtin14: string): boolean {
  if (typeof gtin14 !== 'string' || !/^\d{14}$/.test(gtin14)) return false;
  return gs1CheckDigit(gtin14.slice(0, 13)) === gtin14.charCodeAt(13) - 48;
}

class UdiError extends Error {}

function shown(value: string): string {
  const printable = value.replaceAll(GS, '<GS>');
  return printable.length > 30 ? `${printable.slice(0, 30)}…` : printable;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** GS1 General Specifications §7.12: a two-digit year lies within 49 years back, 50 ahead. */
export function resolveTwoDigitYear(yy: number, referenceYear: number): number {
  const currentYy = referenceYear % 100;
  const century = referenceYear - currentYy;
  const diff = yy - currentYy;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

function parseDate(spec: AiSpec, data: string, referenceYear: number): string {
  const where = `${spec.label} (${spec.ai})`;
  if (!/^\d{6}$/.test(data)) {
    throw new UdiError(`${where} must be 6 digits YYMMDD; got '${shown(data)}'`);
  }
  const yy = Number(data.slice(0, 2));
  const month = Number(data.slice(2, 4));
  let day = Number(data.slice(4, 6));
  if (month < 1 || month > 12) {
    throw new UdiError(`${where} has an invalid month '${data.slice(2, 4)}' in '${data}'`);
  }
  const year = resolveTwoDigitYear(yy, referenceYear);
  const last = daysInMonth(year, month);
  if (day === 0) day = last;
  if (day > last) {
    throw new UdiError(`${where} has an invalid day '${data.slice(4, 6)}' in '${data}'`);
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function parseValue(spec: AiSpec, data: string, referenceYear: number): string {
  const where = `${spec.label} (${spec.ai})`;
  switch (spec.kind) {
    case 'gtin': {
      if (!/^\d{14}$/.test(data)) {
        throw new UdiError(`${where} must be exactly 14 digits; got '${shown(data)}'`);
      }
      if (!gtinCheckDigitValid(data)) {
        const expected = gs1CheckDigit(data.slice(0, 13));
        throw new UdiError(
          `${where} ${data} has an invalid check digit: expected ${expected}, got ${data[13]}`,
        );
      }
      return data;
    }
    case 'date':
      return parseDate(spec, data, referenceYear);
    case 'text': {
      if (data.length === 0) throw new UdiError(`${where} is empty`);
      if (data.length > spec.length) {
        throw new UdiError(
          `${where} is ${data.length} characters long; at most ${spec.length} are allowed`,
        );
      }
      if (!CSET_82.test(data)) {
        const bad = [...data].find((c) => !CSET_82.test(c)) ?? '';
        throw new UdiError(
          `${where} contains '${shown(bad)}', which is not in GS1 character set 82`,
        );
      }
      return data;
    }
  }
}

interface Element {
  ai: string;
  data: string;
}

function unsupported(ai: string): UdiError {
  return new UdiError(
    `Unsupported application identifier (${ai}); supported are (01), (11), (17), (10) and (21)`,
  );
}

/** `(01)…(17)…`: the parentheses mark every AI; whitespace around each value is ignored. */
function splitHumanReadable(s: string): Element[] {
  const marker = /\((\d{2,4})\)/g;
  const matches = [...s.matchAll(marker)];
  if (matches.length === 0 || matches[0]?.index !== 0) {
    throw new UdiError(
      `Expected an application identifier in parentheses, e.g. (01), at the start`,
    );
  }
  return matches.map((m, i) => {
    const start = m.index + m[0].length;
    const end = matches[i + 1]?.index ?? s.length;
    return { ai: m[1] ?? '', data: s.slice(start, end).trim() };
  });
}

/** Concatenated AIs; a variable-length value runs to the next GS or the end. */
function splitRaw(s: string): Element[] {
  const elements: Element[] = [];
  let i = 0;
  while (i < s.length) {
    // A GS before the first AI (FNC1 in first position), after a predefined-length value
    // (allowed, if unnecessary) or at the very end separates nothing and is skipped.
    if (s[i] === GS) {
      i++;
      continue;
    }
    const prefix = s.slice(i, i + 2);
    const spec = SUPPORTED_AIS[prefix];
    if (!spec) {
      const length = AI_LENGTH_BY_PREFIX[prefix];
      const ai = length === undefined ? undefined : s.slice(i, i + length);
      if (ai !== undefined && /^\d+$/.test(ai) && ai.length === length) throw unsupported(ai);
      throw new UdiError(
        `Expected an application identifier at position ${i + 1}; found '${shown(s.slice(i, i + 6))}'`,
      );
    }
    i += spec.ai.length;
    if (spec.fixed) {
      const data = s.slice(i, i + spec.length);
      if (data.length < spec.length) {
        throw new UdiError(
          `${spec.label} (${spec.ai}) is cut short: ${spec.length} characters expected; got '${shown(data)}'`,
        );
      }
      elements.push({ ai: spec.ai, data });
      i += spec.length;
    } else {
      const gs = s.indexOf(GS, i);
      const end = gs === -1 ? s.length : gs;
      elements.push({ ai: spec.ai, data: s.slice(i, end) });
      i = end;
    }
  }
  return elements;
}

/**
 * Parses a GS1 UDI as printed (human-readable, with parentheses) or as scanned (raw, GS-
 * separated, optionally with a symbology identifier). Never throws for bad input.
 */
export function parseUdi(input: string, options: ParseUdiOptions = {}): UdiParseResult {
  try {
    return { ok: true, udi: parse(input, options.referenceYear ?? new Date().getUTCFullYear()) };
  } catch (error) {
    if (error instanceof UdiError) return { ok: false, message: error.message };
    throw error;
  }
}

function parse(input: string, referenceYear: number): Udi {
  if (typeof input !== 'string') throw new UdiError('UDI must be a string');
  let s = input.trim().replace(SYMBOLOGY_IDENTIFIER, '');
  if (s.startsWith(GS)) s = s.slice(1);
  if (s.trim().length === 0) throw new UdiError('UDI is empty');

  const elements = s.startsWith('(') ? splitHumanReadable(s) : splitRaw(s);

  const udi: Udi = { gtin: '', expiresOn: null, producedOn: null, lot: null, serial: null };
  const seen = new Set<string>();
  for (const { ai, data } of elements) {
    const spec = SUPPORTED_AIS[ai];
    if (!spec) throw unsupported(ai);
    if (seen.has(ai)) throw new UdiError(`Application identifier (${ai}) appears more than once`);
    seen.add(ai);
    udi[spec.field] = parseValue(spec, data, referenceYear);
  }
  if (!seen.has('01')) throw new UdiError('UDI has no GTIN (01)');
  return udi;
}

/** What a unit's label said, as Contour keeps it: the item's GTIN, the batch's lot and expiry, the unit's serial. */
export interface UdiParts {
  gtin: string;
  /** `YYYY-MM-DD`, or null for stock that does not expire. */
  expiresOn: string | null;
  lot: string;
  serial: string | null;
}

/**
 * The human-readable GS1 element string of a unit, rebuilt from what receiving stores (docs/udi.md
 * "Rebuilt"): `(01)<gtin>(17)<YYMMDD>(10)<lot>(21)<serial>`, the AIs in the order labels print
 * them, those without a value left out. `parseUdi` reads it back to the same parts.
 */
export function gs1ElementString(parts: UdiParts): string {
  const expiry = parts.expiresOn
    ? `(17)${parts.expiresOn.slice(2, 4)}${parts.expiresOn.slice(5, 7)}${parts.expiresOn.slice(8, 10)}`
    : '';
  const serial = parts.serial ? `(21)${parts.serial}` : '';
  return `(01)${parts.gtin}${expiry}(10)${parts.lot}${serial}`;
}
