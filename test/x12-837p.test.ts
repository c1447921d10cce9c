import { X12Parser } from 'node-x12';
import type { X12Interchange, X12Transaction } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { Money } from '../src/common/money';
import { build837p } from '../src/modules/claims/x12/claim-837p.builder';
import type { Claim837p, Claim837pBatch } from '../src/modules/claims/x12/claim-837p.model';
import { check837pText } from '../src/modules/claims/x12/x12-837p-text.checks';
import { isValidNpi } from '../src/modules/claims/x12/npi';
import { claimBatch, hybridClaim, NPI, reconstructiveClaim } from './support/x12-claims';

function built(batch: Claim837pBatch): string {
  const result = build837p(batch);
  if (!result.ok) throw new Error(`not built: ${JSON.stringify(result.errors)}`);
  return result.x12;
}

/** node-x12's strict reader: it throws on any envelope count or control number that is off. */
function readBack(x12: string): X12Interchange {
  const parsed = new X12Parser(true).parse(x12);
  if (!('functionalGroups' in parsed)) throw new Error('one interchange expected');
  return parsed;
}

function elementsOf(transaction: X12Transaction, tag: string): string[][] {
  return transaction.segments
    .filter((s) => s.tag === tag)
    .map((s) => s.elements.map((e) => e.value));
}

function errorsOf(batch: Claim837pBatch): { path: string; message: string }[] {
  const result = build837p(batch);
  return result.ok ? [] : result.errors;
}

describe('isValidNpi', () => {
  it.each([NPI.practice, NPI.surgeon, NPI.surgeon2])('accepts %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });
  it.each(['1234567890', '1234567894', '123456789', '12345678931', '123456789X', ''])(
    'refuses %j',
    (npi) => {
      expect(isValidNpi(npi)).toBe(false);
    },
  );
});

describe('build837p: the seed cases', () => {
  it('writes the reconstructive case, and an independent reader finds the same numbers', () => {
    const x12 = built(claimBatch([reconstructiveClaim()]));
    const interchange = readBack(x12);
    const [group] = interchange.functionalGroups;
    const [transaction] = group?.transactions ?? [];
    if (!transaction) throw new Error('no transaction');

    // node-x12 reads ISA13 as a number ("17"); the text has the 9 digits.
    expect(x12.split('*')[13]).toBe('000000017');
    expect(Number(interchange.header.valueOf(13))).toBe(17);
    expect(group?.header.valueOf(1)).toBe('HC');
    expect(group?.header.valueOf(8)).toBe('005010X222A1');
    expect(transaction.header.valueOf(1)).toBe('837');

    const [clm] = elementsOf(transaction, 'CLM');
    expect(clm?.[0]).toBe('CLM-2026-000001');
    expect(clm?.[4]).toBe('22:B:1');
    const sv1 = elementsOf(transaction, 'SV1');
    expect(sv1.map((e) => e[0])).toEqual(['HC:19357:RT', 'HC:L8600:RT']);
    expect(sv1.map((e) => [e[2], e[3], e[6]])).toEqual([
      ['UN', '1', '1:2'],
      ['UN', '1', '1'],
    ]);
    const lineTotal = Money.sum(sv1.map((e) => Money.fromDecimal(e[1] ?? '')));
    expect(Money.fromDecimal(clm?.[1] ?? '').cents).toBe(545_000);
    expect(lineTotal.cents).toBe(545_000);

    expect(elementsOf(transaction, 'HI')).toEqual([['ABK:C50911', 'ABF:Z9011']]);
    expect(elementsOf(transaction, 'REF')).toEqual([
      ['EI', '912345678'],
      ['G1', 'NWH-AUTH-558812'],
    ]);
    expect(elementsOf(transaction, 'NTE')).toEqual([
      ['ADD', 'TISSUE EXPANDER 400CC SN TE-400-88231'],
    ]);
    expect(elementsOf(transaction, 'DTP')).toEqual([
      ['472', 'D8', '20261210'],
      ['472', 'D8', '20261210'],
    ]);
    const nm1 = elementsOf(transaction, 'NM1').map((e) => [e[0], e.at(-1)]);
    expect(nm1).toEqual([
      ['41', 'CONTOURDEMO'],
      ['40', 'CLEARHOUSE'],
      ['85', NPI.practice],
      ['IL', 'NWH-771203554'],
      ['PR', 'NWH01'],
      ['82', NPI.surgeon2],
      ['77', NPI.hospital],
    ]);
    // The subscriber is the patient: 2000B has no child, SBR02 is 18, no 2000C.
    expect(elementsOf(transaction, 'HL')).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '0'],
    ]);
    expect(elementsOf(transaction, 'SBR')).toEqual([
      ['P', '18', 'G-2210', '', '', '', '', '', 'CI'],
    ]);
    expect(elementsOf(transaction, 'N4')[0]).toEqual(['Seattle', 'WA', '981011234']);
  });

  it('writes the loops in the order of the guide', () => {
    const x12 = built(claimBatch([reconstructiveClaim()]));
    const tags = x12
      .split('~')
      .filter(Boolean)
      .map((s) => s.split('*').slice(0, 2).join('*'));
    expect(tags).toEqual([
      'ISA*00',
      'GS*HC',
      'ST*837',
      'BHT*0019',
      'NM1*41', // 1000A
      'PER*IC',
      'NM1*40', // 1000B
      'HL*1', // 2000A
      'PRV*BI',
      'NM1*85', // 2010AA
      'N3*200 Harbor Medical Plaza',
      'N4*Seattle',
      'REF*EI',
      'HL*2', // 2000B
      'SBR*P',
      'NM1*IL', // 2010BA
      'N3*18 Cedar Lane',
      'N4*Seattle',
      'DMG*D8',
      'NM1*PR', // 2010BB
      'CLM*CLM-2026-000001', // 2300
      'REF*G1',
      'HI*ABK:C50911',
      'NM1*82', // 2310B
      'PRV*PE',
      'NM1*77', // 2310C
      'N3*1200 Pine Street',
      'N4*Seattle',
      'LX*1', // 2400
      'SV1*HC:19357:RT',
      'DTP*472',
      'LX*2',
      'SV1*HC:L8600:RT',
      'DTP*472',
      'NTE*ADD',
      'SE*34',
      'GE*1',
      'IEA*1',
    ]);
  });

  it('puts the reconstructive and the HYBRID claims in one interchange, one ST/SE each', () => {
    const x12 = built(claimBatch([reconstructiveClaim(), hybridClaim()]));
    const interchange = readBack(x12);
    expect(x12.slice(0, 106)).toHaveLength(106);
    expect(x12.charAt(105)).toBe('~');
    expect(interchange.functionalGroups).toHaveLength(1);
    const transactions = interchange.functionalGroups[0]?.transactions ?? [];
    expect(transactions.map((t) => t.header.valueOf(2))).toEqual(['0001', '0002']);
    expect(interchange.functionalGroups[0]?.trailer.valueOf(1)).toBe('2');
    const hybrid = transactions[1];
    if (!hybrid) throw new Error('no second transaction');
    expect(elementsOf(hybrid, 'CLM')[0]?.slice(0, 2)).toEqual(['CLM-2026-000002', '3900']);
    expect(elementsOf(hybrid, 'SV1')).toEqual([['HC:15830', '3900', 'UN', '1', '', '', '1:2']]);
    expect(elementsOf(hybrid, 'HI')).toEqual([['ABK:L987', 'ABF:E65']]);
    // No taxonomy for this surgeon: 2310B is the NM1 alone.
    expect(elementsOf(hybrid, 'PRV').map((e) => e[0])).toEqual(['BI']);
    for (const transaction of transactions)
      expect(Number(transaction.trailer.valueOf(1))).toBe(transaction.segments.length + 2);
  });

  it('writes loop 2000C when the patient is the subscriber’s child', () => {
    const claim: Claim837p = {
      ...hybridClaim(),
      relationship: '19',
      patient: {
        name: { last: 'Park', first: 'Mia' },
        dateOfBirth: '2009-04-17',
        sex: 'F',
        address: { line1: '77 Lakeview Drive', city: 'Bellevue', state: 'WA', zip: '98004' },
      },
    };
    const [transaction] =
      readBack(built(claimBatch([claim]))).functionalGroups[0]?.transactions ?? [];
    if (!transaction) throw new Error('no transaction');
    expect(elementsOf(transaction, 'HL')).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '1'],
      ['3', '2', '23', '0'],
    ]);
    expect(elementsOf(transaction, 'SBR')[0]?.[1]).toBe('');
    expect(elementsOf(transaction, 'PAT')).toEqual([['19']]);
    expect(elementsOf(transaction, 'NM1').map((e) => e[0])).toContain('QC');
    // DMG only for the patient: the subscriber is not the patient here.
    expect(elementsOf(transaction, 'DMG')).toEqual([['D8', '20090417', 'F']]);
  });

  it.each([
    ['7', '11:B:7'],
    ['8', '11:B:8'],
  ] as const)('writes a frequency %s claim with REF*F8 naming the original', (frequency, clm05) => {
    const claim = hybridClaim();
    claim.claim = {
      ...claim.claim,
      placeOfService: '11',
      frequency,
      originalClaimReference: 'NWH-2026-99120',
    };
    const [transaction] =
      readBack(built(claimBatch([claim]))).functionalGroups[0]?.transactions ?? [];
    if (!transaction) throw new Error('no transaction');
    expect(elementsOf(transaction, 'CLM')[0]?.[4]).toBe(clm05);
    expect(elementsOf(transaction, 'REF').slice(1)).toEqual([
      ['G1', 'NWH-AUTH-330417'],
      ['F8', 'NWH-2026-99120'],
    ]);
  });

  it('writes amounts in the R form: no trailing zeros', () => {
    const claim = hybridClaim();
    claim.claim.totalCharge = Money.fromDecimal('3900.50');
    claim.lines = [
      { ...claim.lines[0]!, charge: Money.fromDecimal('3899.45') },
      { ...claim.lines[0]!, procedureCode: '15847', charge: Money.fromDecimal('1.05') },
    ];
    const x12 = built(claimBatch([claim]));
    expect(x12).toContain('CLM*CLM-2026-000002*3900.5*');
    expect(x12).toContain('SV1*HC:15830*3899.45*');
    expect(x12).toContain('SV1*HC:15847*1.05*');
  });
});

describe('build837p: the checks before anything leaves', () => {
  type Case = [
    name: string,
    change: (batch: Claim837pBatch) => void,
    path: string,
    message: RegExp,
  ];
  const claim0 = (batch: Claim837pBatch): Claim837p => batch.claims[0]!;
  const cases: Case[] = [
    [
      'a billing NPI whose check digit is wrong',
      (b) => (b.billingProvider.npi = '1234567890'),
      'billingProvider.npi',
      /Luhn/,
    ],
    [
      'a rendering NPI of 9 digits',
      (b) => (claim0(b).renderingProvider!.npi = '145678901'),
      'claims[0].renderingProvider.npi',
      /Luhn/,
    ],
    [
      'a service facility NPI whose check digit is wrong',
      (b) => (claim0(b).serviceFacility!.npi = '1678901237'),
      'claims[0].serviceFacility.npi',
      /Luhn/,
    ],
    [
      'an EIN of 8 digits',
      (b) => (b.billingProvider.ein = '91234567'),
      'billingProvider.ein',
      /9 digits/,
    ],
    [
      'a billing ZIP without the +4',
      (b) => (b.billingProvider.address.zip = '98101'),
      'billingProvider.address.zip',
      /ZIP\+4/,
    ],
    [
      'a taxonomy not ending in X',
      (b) => (b.billingProvider.taxonomy = '2082000001'),
      'billingProvider.taxonomy',
      /ending in X/,
    ],
    [
      'a total that is not the sum of the lines',
      (b) => (claim0(b).claim.totalCharge = Money.fromDecimal('5450.01')),
      'claims[0].claim.totalCharge',
      /sum of the lines' SV102 \(5450\.00\)/,
    ],
    [
      'a diagnosis written with its dot',
      (b) => (claim0(b).claim.diagnosisCodes[0] = 'C50.911'),
      'claims[0].claim.diagnosisCodes[0]',
      /without the dot/,
    ],
    [
      '13 diagnoses',
      (b) =>
        (claim0(b).claim.diagnosisCodes = Array.from({ length: 13 }, (_, i) => `C50${i + 10}`)),
      'claims[0].claim.diagnosisCodes',
      /One to 12/,
    ],
    [
      'no diagnosis',
      (b) => (claim0(b).claim.diagnosisCodes = []),
      'claims[0].claim.diagnosisCodes',
      /One to 12/,
    ],
    [
      'a line pointing at a third diagnosis of two',
      (b) => (claim0(b).lines[1]!.diagnosisPointers = [3]),
      'claims[0].lines[1].diagnosisPointers[0]',
      /1 to 2/,
    ],
    [
      'a line pointing at no diagnosis',
      (b) => (claim0(b).lines[0]!.diagnosisPointers = []),
      'claims[0].lines[0].diagnosisPointers',
      /1 to 4/,
    ],
    [
      'a line with five pointers',
      (b) => (claim0(b).lines[0]!.diagnosisPointers = [1, 2, 1, 2, 1]),
      'claims[0].lines[0].diagnosisPointers',
      /1 to 4/,
    ],
    [
      'five modifiers',
      (b) => (claim0(b).lines[0]!.modifiers = ['RT', '59', 'XS', '22', '51']),
      'claims[0].lines[0].modifiers',
      /At most 4/,
    ],
    [
      'a replacement claim without the original',
      (b) => (claim0(b).claim.frequency = '7'),
      'claims[0].claim.originalClaimReference',
      /REF\*F8/,
    ],
    [
      'an interchange control number of 10 digits',
      (b) => (b.interchange.interchangeControlNumber = 1_000_000_000),
      'interchange.interchangeControlNumber',
      /9 digits/,
    ],
    [
      'a group control number of 0',
      (b) => (b.interchange.groupControlNumber = 0),
      'interchange.groupControlNumber',
      /9 digits/,
    ],
    [
      'a receiver id of one character (GS03 needs two)',
      (b) => (b.interchange.receiverId = 'C'),
      'interchange.receiverId',
      /2 to 15/,
    ],
    [
      'a sender id longer than ISA06',
      (b) => (b.interchange.senderId = 'CONTOUR-DEMO-CLINIC'),
      'interchange.senderId',
      /15/,
    ],
    [
      'a delimiter inside a value',
      (b) => (claim0(b).lines[1]!.note = 'SN TE-400*88231'),
      'claims[0].lines[1].note',
      /delimiter/,
    ],
    [
      'a line note longer than NTE02',
      (b) => (claim0(b).lines[1]!.note = 'S'.repeat(81)),
      'claims[0].lines[1].note',
      /80/,
    ],
    [
      'a child patient left out',
      (b) => (claim0(b).relationship = '19'),
      'claims[0].patient',
      /required/,
    ],
    [
      'a missing member id',
      (b) => (claim0(b).subscriber.memberId = ''),
      'claims[0].subscriber.memberId',
      /required/,
    ],
    [
      'a missing payer id',
      (b) => (claim0(b).payer.payerId = ' '),
      'claims[0].payer.payerId',
      /required/,
    ],
    [
      'an unknown procedure code',
      (b) => (claim0(b).lines[0]!.procedureCode = '1935'),
      'claims[0].lines[0].procedureCode',
      /CPT or HCPCS/,
    ],
    [
      'a patient control number of 21 characters',
      (b) => (claim0(b).claim.patientControlNumber = 'X'.repeat(21)),
      'claims[0].claim.patientControlNumber',
      /20/,
    ],
  ];

  it.each(cases)('refuses %s, naming the field', (_name, change, path, message) => {
    const batch = claimBatch([reconstructiveClaim()]);
    change(batch);
    const errors = errorsOf(batch);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('lists every failure of a batch, not only the first', () => {
    const batch = claimBatch([reconstructiveClaim(), hybridClaim()]);
    batch.billingProvider.npi = '1234567890';
    batch.claims[1]!.claim.diagnosisCodes = ['L98.7'];
    batch.claims[1]!.claim.patientControlNumber = 'CLM-2026-000001';
    expect(errorsOf(batch).map((e) => e.path)).toEqual([
      'billingProvider.npi',
      // The dotted code is refused, and pointer 2 now points at nothing.
      'claims[1].claim.diagnosisCodes[0]',
      'claims[1].lines[0].diagnosisPointers[1]',
      'claims[1].claim.patientControlNumber',
    ]);
  });

  it('builds the seed cases without a single error', () => {
    expect(errorsOf(claimBatch([reconstructiveClaim(), hybridClaim()]))).toEqual([]);
  });
});

describe('check837pText: the written text', () => {
  const x12 = built(claimBatch([reconstructiveClaim(), hybridClaim()]));

  it('passes the text the builder wrote', () => {
    expect(check837pText(x12)).toEqual([]);
  });

  it('names SE01 when it does not count the transaction’s segments', () => {
    const tampered = x12.replace('SE*34*0001', 'SE*35*0001');
    expect(check837pText(tampered)).toEqual(
      expect.arrayContaining([
        { path: 'x12.SE01', message: expect.stringMatching(/SE01 is 35, the transaction has 34/) },
        {
          path: 'x12.SE01',
          message: expect.stringMatching(/^Segment 36 \(SE\): The value in SE01/),
        },
      ]),
    );
  });

  it('names the ISA element that is not at its fixed width', () => {
    const tampered = x12.replace('*CONTOURDEMO    *', '*CONTOURDEMO *');
    expect(check837pText(tampered)).toContainEqual({
      path: 'x12.ISA06',
      message: 'ISA06 is 15 characters wide',
    });
  });

  it('names IEA02 when it is not ISA13', () => {
    const tampered = x12.replace('IEA*1*000000017', 'IEA*1*000000018');
    expect(check837pText(tampered).map((e) => e.path)).toEqual(['x12.IEA02']);
  });

  it('says the text is cut off when the IEA is missing', () => {
    const tampered = x12.slice(0, x12.indexOf('IEA*'));
    expect(check837pText(tampered)).toContainEqual({
      path: 'x12.IEA',
      message: expect.stringMatching(/cut off/),
    });
  });
});

describe('build837p: 1,000 claims in one interchange', () => {
  it('builds and reads back 1,000 claims (the time is printed, not asserted)', () => {
    const claims = Array.from({ length: 1000 }, (_, i) => {
      const claim = i % 2 === 0 ? reconstructiveClaim() : hybridClaim();
      claim.claim.patientControlNumber = `CLM-2026-${String(i + 1).padStart(6, '0')}`;
      return claim;
    });
    const started = performance.now();
    const x12 = built(claimBatch(claims));
    const builtMs = performance.now() - started;
    const interchange = readBack(x12);
    const readMs = performance.now() - started - builtMs;
    console.log(
      `837P: 1,000 claims built and checked in ${builtMs.toFixed(0)} ms (${(x12.length / 1024).toFixed(0)} KiB), read back by node-x12 in ${readMs.toFixed(0)} ms`,
    );
    expect(interchange.functionalGroups[0]?.transactions).toHaveLength(1000);
    expect(interchange.functionalGroups[0]?.trailer.valueOf(1)).toBe('1000');
  });
});
