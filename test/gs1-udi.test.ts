import { describe, expect, it } from 'vitest';
import {
  GS,
  UdiString,
  gs1CheckDigit,
  gs1ElementString,
  gtinCheckDigitValid,
  parseUdi,
  resolveTwoDigitYear,
} from '../src/modules/inventory/services/gs1-udi';

/*
 * GS1 mod-10 check digit, worked for the GTIN used below, 0088452111234? :
 * take the 13 digits before the check digit and weight them 3, 1, 3, 1, … starting from the
 * RIGHTMOST one (for a GTIN-14 that makes the 1st, 3rd, … digit from the left weight 3):
 *
 *   digits  0 0 8 8 4 5 2 1 1 1 2 3 4
 *   weights 3 1 3 1 3 1 3 1 3 1 3 1 3
 *   3 × (0+8+4+2+1+2+4) + 1 × (0+8+5+1+1+3) = 63 + 18 = 81
 *   check digit = (10 − 81 mod 10) mod 10 = 9
 *
 * So 00884521112349 is valid and the example 00884521112345 is NOT (it ends in 5).
 * Same for 1088452111234? : 3 × 22 + 18 = 84 → 6, so 10884521112346.
 */
const GTIN = '00884521112349';
const GTIN_BAD_CHECK = '00884521112345';
const GTIN_CASE = '10884521112346';
const YEAR = 2026; // reference year for the two-digit-year window, so the tests never age

const parse = (input: string) => parseUdi(input, { referenceYear: YEAR });

function expectOk(input: string) {
  const result = parse(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.message}`);
  return result.udi;
}

function expectError(input: string): string {
  const result = parse(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.message;
}

const FULL = {
  gtin: GTIN,
  expiresOn: '2027-06-30',
  producedOn: null,
  lot: 'LOT123',
  serial: 'SN0001',
};

describe('gtinCheckDigitValid and gs1CheckDigit', () => {
  it.each([
    [GTIN, true],
    [GTIN_CASE, true],
    ['09506000134352', true], // GS1's own example GTIN
    ['00012345600012', true],
    ['04012345678901', true],
    ['00614141999996', true],
    [GTIN_BAD_CHECK, false],
    ['09506000134353', false],
    ['0088452111234', false], // 13 digits
    ['008845211123490', false], // 15 digits
    ['0088452111234A', false],
    ['', false],
  ])('%s → %s', (gtin, valid) => {
    expect(gtinCheckDigitValid(gtin)).toBe(valid);
  });

  it('computes the check digit from the body', () => {
    expect(gs1CheckDigit('0088452111234')).toBe(9);
    expect(gs1CheckDigit('1088452111234')).toBe(6);
    expect(gs1CheckDigit('0000000000000')).toBe(0);
    expect(() => gs1CheckDigit('12a')).toThrow();
  });
});

describe('parseUdi: accepted labels', () => {
  it.each<[string, string, typeof FULL]>([
    ['human-readable', `(01)${GTIN}(17)270630(10)LOT123(21)SN0001`, FULL],
    ['raw, GS after the lot', `01${GTIN}17270630` + `10LOT123${GS}21SN0001`, FULL],
    ['raw with ]d2 (DataMatrix)', `]d201${GTIN}17270630` + `10LOT123${GS}21SN0001`, FULL],
    ['raw with ]C1 (GS1-128)', `]C101${GTIN}17270630` + `10LOT123${GS}21SN0001`, FULL],
    ['raw with ]e0 (DataBar)', `]e001${GTIN}17270630` + `10LOT123${GS}21SN0001`, FULL],
    ['raw with ]Q3 (QR)', `]Q301${GTIN}17270630` + `10LOT123${GS}21SN0001`, FULL],
    ['human-readable with ]d2', `]d2(01)${GTIN}(17)270630(10)LOT123(21)SN0001`, FULL],
    ['surrounding whitespace', `  \t(01)${GTIN}(17)270630(10)LOT123(21)SN0001 \n`, FULL],
    ['raw, surrounding whitespace', ` ]d201${GTIN}17270630` + `10LOT123${GS}21SN0001\r\n`, FULL],
    ['spaces between printed elements', `(01) ${GTIN} (17) 270630 (10) LOT123 (21) SN0001`, FULL],
    ['raw, serial then lot', `01${GTIN}17270630` + `21SN0001${GS}10LOT123`, FULL],
    ['human-readable, serial then lot', `(01)${GTIN}(21)SN0001(10)LOT123(17)270630`, FULL],
    ['raw, expiry last', `01${GTIN}10LOT123${GS}21SN0001${GS}17270630`, FULL],
    [
      'raw, leading GS (FNC1 in first position)',
      `]d2${GS}01${GTIN}17270630` + `10LOT123${GS}21SN0001`,
      FULL,
    ],
    [
      'raw, GS after a fixed-length field',
      `01${GTIN}${GS}17270630${GS}10LOT123${GS}21SN0001`,
      FULL,
    ],
    ['raw, trailing GS', `01${GTIN}17270630` + `10LOT123${GS}21SN0001${GS}`, FULL],
  ])('%s', (_name, input, expected) => {
    expect(expectOk(input)).toEqual(expected);
  });

  it('parses both forms of the same label identically', () => {
    const labels: [string, string][] = [
      [`(01)${GTIN}(17)270630(10)LOT123(21)SN0001`, `]d201${GTIN}1727063010LOT123${GS}21SN0001`],
      [`(01)${GTIN_CASE}(10)A-1/2.B`, `01${GTIN_CASE}10A-1/2.B`],
      [`(01)${GTIN}(21)12345678901234567890`, `]C101${GTIN}2112345678901234567890`],
      [`(01)${GTIN}(11)250115(17)300100(10)X`, `01${GTIN}112501151730010010X`],
      [`(01)${GTIN}`, `01${GTIN}`],
    ];
    for (const [printed, scanned] of labels) {
      expect(expectOk(scanned)).toEqual(expectOk(printed));
    }
  });

  it('takes a GTIN alone, leaving the rest null', () => {
    expect(expectOk(`(01)${GTIN}`)).toEqual({
      gtin: GTIN,
      expiresOn: null,
      producedOn: null,
      lot: null,
      serial: null,
    });
  });

  it('reads the production date (11)', () => {
    expect(expectOk(`(01)${GTIN}(11)250115(17)300131`)).toMatchObject({
      producedOn: '2025-01-15',
      expiresOn: '2030-01-31',
    });
  });

  it('accepts a lot and a serial of exactly 20 characters', () => {
    const twenty = 'ABCDEFGHIJ0123456789';
    expect(expectOk(`(01)${GTIN}(10)${twenty}(21)${twenty}`)).toMatchObject({
      lot: twenty,
      serial: twenty,
    });
  });

  it('accepts the whole of GS1 character set 82 in a lot', () => {
    // Every CSET 82 symbol other than letters and digits, in 20-character chunks.
    const symbols = `!"%&'()*+,-./:;<=>?_`;
    expect(symbols).toHaveLength(20);
    expect(expectOk(`01${GTIN}10${symbols}`).lot).toBe(symbols);
    // In the human-readable form a lot may contain parentheses, as long as they do not
    // enclose two to four digits (which would read as the next AI).
    expect(expectOk(`(01)${GTIN}(10)A(B)C(21)1`).lot).toBe('A(B)C');
  });

  it('keeps whitespace inside a raw value, where it is not allowed', () => {
    expect(expectError(`01${GTIN}10 LOT`)).toMatch(/Lot \(10\) contains ' '.*character set 82/);
    expect(expectError(`01${GTIN}10L OT${GS}21S`)).toMatch(/Lot \(10\).*character set 82/);
    expect(expectOk(`01${GTIN}10LOT  `).lot).toBe('LOT'); // only the input as a whole is trimmed
  });
});

describe('parseUdi: expiry dates', () => {
  it.each([
    ['270630', '2027-06-30'],
    ['270101', '2027-01-01'],
    ['271231', '2027-12-31'],
    ['270200', '2027-02-28'], // DD = 00: last day of the month
    ['280200', '2028-02-29'], // … in a leap year
    ['270400', '2027-04-30'],
    ['271200', '2027-12-31'],
    ['280229', '2028-02-29'],
    ['000229', '2000-02-29'],
    ['760101', '2076-01-01'], // 50 years ahead of 2026: still this century
    ['770101', '1977-01-01'], // 51 years ahead: the previous century
  ])('%s → %s', (yymmdd, iso) => {
    expect(expectOk(`(01)${GTIN}(17)${yymmdd}`).expiresOn).toBe(iso);
    expect(expectOk(`01${GTIN}17${yymmdd}`).expiresOn).toBe(iso);
  });

  it.each([
    ['271345', /Expiry date \(17\) has an invalid month '13'/],
    ['270045', /Expiry date \(17\) has an invalid month '00'/],
    ['270132', /Expiry date \(17\) has an invalid day '32'/],
    ['270229', /Expiry date \(17\) has an invalid day '29'/], // 2027 is no leap year
    ['270431', /Expiry date \(17\) has an invalid day '31'/],
    ['27063', /Expiry date \(17\) must be 6 digits YYMMDD/],
    ['2706301', /Expiry date \(17\) must be 6 digits YYMMDD/],
    ['27O630', /Expiry date \(17\) must be 6 digits YYMMDD/],
  ])('human-readable %s is rejected', (yymmdd, message) => {
    expect(expectError(`(01)${GTIN}(17)${yymmdd}`)).toMatch(message);
  });

  it('rejects an invalid date in the raw form and a cut-short one', () => {
    expect(expectError(`01${GTIN}17271345`)).toMatch(/invalid month '13'/);
    expect(expectError(`01${GTIN}172706`)).toMatch(/Expiry date \(17\) is cut short/);
    expect(expectError(`01${GTIN}11251345`)).toMatch(/Production date \(11\) has an invalid month/);
  });

  it('follows the GS1 sliding window: 49 years back, 50 ahead of the reference year', () => {
    expect(resolveTwoDigitYear(27, 2026)).toBe(2027);
    expect(resolveTwoDigitYear(76, 2026)).toBe(2076);
    expect(resolveTwoDigitYear(77, 2026)).toBe(1977);
    expect(resolveTwoDigitYear(0, 2026)).toBe(2000);
    expect(resolveTwoDigitYear(30, 2080)).toBe(2130); // 2080 − 30 would be 50 years back
    expect(resolveTwoDigitYear(31, 2080)).toBe(2031);
    expect(resolveTwoDigitYear(99, 2000)).toBe(1999);
    expect(parseUdi(`(01)${GTIN}(17)300100`, { referenceYear: 2080 })).toMatchObject({
      ok: true,
      udi: { expiresOn: '2130-01-31' },
    });
  });

  it('defaults the reference year to the current year', () => {
    const result = parseUdi(`(01)${GTIN}(17)270630`);
    expect(result).toMatchObject({ ok: true, udi: { expiresOn: '2027-06-30' } });
  });
});

describe('parseUdi: rejected labels', () => {
  it.each<[string, string, RegExp]>([
    [
      'bad check digit (human-readable)',
      `(01)${GTIN_BAD_CHECK}(17)270630(10)LOT123(21)SN0001`,
      /GTIN \(01\) 00884521112345 has an invalid check digit: expected 9, got 5/,
    ],
    [
      'bad check digit (raw)',
      `]d201${GTIN_BAD_CHECK}1727063010LOT123${GS}21SN0001`,
      /GTIN \(01\) .*invalid check digit/,
    ],
    ['non-digit GTIN', `(01)0088452111234X(10)L`, /GTIN \(01\) must be exactly 14 digits/],
    ['non-digit GTIN (raw)', `01ABCDEFGHIJKLMN10L`, /GTIN \(01\) must be exactly 14 digits/],
    ['13-digit GTIN', `(01)0088452111234(17)270630`, /GTIN \(01\) must be exactly 14 digits/],
    ['15-digit GTIN', `(01)008845211123490`, /GTIN \(01\) must be exactly 14 digits/],
    ['13-digit GTIN (raw, last)', `010088452111234`, /GTIN \(01\) is cut short/],
    ['13-digit GTIN (raw, GS-terminated)', `010088452111234${GS}10L`, /must be exactly 14/],
    ['unknown AI (99)', `(01)${GTIN}(99)ABC`, /Unsupported application identifier \(99\)/],
    ['unknown AI (240)', `(01)${GTIN}(240)ABC`, /Unsupported application identifier \(240\)/],
    ['unknown AI (30)', `(01)${GTIN}(30)5`, /Unsupported application identifier \(30\)/],
    ['unknown AI (99), raw', `01${GTIN}10L${GS}99ABC`, /Unsupported application identifier \(99\)/],
    ['unknown AI (240), raw', `01${GTIN}240ABC`, /Unsupported application identifier \(240\)/],
    [
      'unknown AI (3103), raw',
      `01${GTIN}3103000123`,
      /Unsupported application identifier \(3103\)/,
    ],
    [
      'unknown AI (00), raw first',
      `00123456789012345675`,
      /Unsupported application identifier \(00\)/,
    ],
    [
      'garbage after an AI, raw',
      `01${GTIN}XY`,
      /Expected an application identifier at position 17; found 'XY'/,
    ],
    ['plain text', `hello`, /Expected an application identifier/],
    ['missing GTIN', `(17)270630(10)LOT123(21)SN0001`, /UDI has no GTIN \(01\)/],
    ['missing GTIN (raw)', `1727063010LOT123${GS}21SN0001`, /UDI has no GTIN \(01\)/],
    [
      'over-long lot (21)',
      `(01)${GTIN}(10)ABCDEFGHIJ01234567890`,
      /Lot \(10\) is 21 characters long; at most 20/,
    ],
    [
      'over-long lot (21), raw',
      `01${GTIN}10ABCDEFGHIJ01234567890${GS}21S`,
      /Lot \(10\) is 21 characters/,
    ],
    [
      'over-long serial (21)',
      `(01)${GTIN}(21)ABCDEFGHIJ01234567890`,
      /Serial \(21\) is 21 characters/,
    ],
    [
      'lot outside CSET 82',
      `(01)${GTIN}(10)LOT#1`,
      /Lot \(10\) contains '#', which is not in GS1 character set 82/,
    ],
    ['serial outside CSET 82', `(01)${GTIN}(21)SÉRIE`, /Serial \(21\) contains 'É'/],
    ['empty lot', `(01)${GTIN}(10)(21)SN1`, /Lot \(10\) is empty/],
    ['empty lot (raw)', `01${GTIN}10${GS}21SN1`, /Lot \(10\) is empty/],
    ['empty serial at the end (raw)', `01${GTIN}10L${GS}21`, /Serial \(21\) is empty/],
    ['empty serial', `(01)${GTIN}(21)  `, /Serial \(21\) is empty/],
    [
      'duplicate AI (10)',
      `(01)${GTIN}(10)A(10)B`,
      /Application identifier \(10\) appears more than once/,
    ],
    ['duplicate AI (01)', `(01)${GTIN}(01)${GTIN}`, /\(01\) appears more than once/],
    ['duplicate AI (21), raw', `01${GTIN}21A${GS}21B`, /\(21\) appears more than once/],
    ['empty', '', /UDI is empty/],
    ['only whitespace', '   ', /UDI is empty/],
    ['only a symbology identifier', ']d2', /UDI is empty/],
    ['text before the first AI', `x(01)${GTIN}`, /Expected an application identifier/],
    [
      'parenthesis without an AI',
      `(ab)${GTIN}`,
      /Expected an application identifier in parentheses/,
    ],
  ])('%s', (_name, input, message) => {
    expect(expectError(input)).toMatch(message);
  });

  it('never throws, whatever it is given', () => {
    for (const input of ['(', ')', '((', '(01', '()', GS, `${GS}${GS}`, ']', ']d', '01', '1']) {
      expect(parse(input).ok).toBe(false);
    }
    expect(parseUdi(undefined as unknown as string)).toEqual({
      ok: false,
      message: 'UDI must be a string',
    });
  });
});

describe('UdiString', () => {
  it('trims and bounds the length', () => {
    expect(UdiString.parse(`  (01)${GTIN} `)).toBe(`(01)${GTIN}`);
    expect(UdiString.parse(`01${GTIN}10L${GS}`)).toBe(`01${GTIN}10L${GS}`);
    expect(UdiString.safeParse('   ').success).toBe(false);
    expect(UdiString.safeParse('x'.repeat(201)).success).toBe(false);
    expect(UdiString.safeParse('x'.repeat(200)).success).toBe(true);
  });
});

describe('gs1ElementString (docs/udi.md "Rebuilt")', () => {
  it('writes the parts as the printed form, which parseUdi reads back to them', () => {
    const parts = {
      gtin: '00884521112349',
      expiresOn: '2027-06-30',
      lot: 'LOT123',
      serial: 'SN0001',
    };
    const udi = gs1ElementString(parts);
    expect(udi).toBe('(01)00884521112349(17)270630(10)LOT123(21)SN0001');
    expect(parseUdi(udi, { referenceYear: 2026 })).toEqual({
      ok: true,
      udi: { ...parts, producedOn: null },
    });
  });

  it('leaves out an absent expiry or serial', () => {
    expect(
      gs1ElementString({ gtin: '00884521112349', expiresOn: null, lot: 'L-9', serial: null }),
    ).toBe('(01)00884521112349(10)L-9');
  });
});
