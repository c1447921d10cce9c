import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse835 } from '../src/modules/claims/x12/remittance-835.parser';
import type { Remittance835 } from '../src/modules/claims/x12/remittance-835.model';
import { moneyFromX12 } from '../src/modules/claims/x12/x12-numbers';
import type { X12Problem } from '../src/modules/claims/x12/x12-reader';

const ISA =
  'ISA*00*          *00*          *ZZ*NORTHWIND      *ZZ*CONTOURDEMO    *261220*0815*^*00501*000004711*0*P*:';

/**
 * An 835 interchange around `body` (the segments after ST and before SE): the counts and control
 * numbers right, one segment a line as many payers send them (`~` then a newline).
 */
function interchange835(...transactions: string[][]): string {
  const sets = transactions.flatMap((body, i) => {
    const st02 = String(1001 + i);
    return [`ST*835*${st02}*005010X221A1`, ...body, `SE*${body.length + 2}*${st02}`];
  });
  return (
    [
      ISA,
      'GS*HP*NORTHWIND*CONTOURDEMO*20261220*0815*4711*X*005010X221A1',
      ...sets,
      `GE*${transactions.length}*4711`,
      'IEA*1*000004711',
    ].join('~\n') + '~\n'
  );
}

/** The header of a payment: BPR, TRN, DTM*405, the payer (1000A) and the payee (1000B). */
function header(amount: string, trace = 'EFT-20261220-0001'): string[] {
  return [
    `BPR*I*${amount}*C*ACH*CCP*01*021000021*DA*123456789*1512345678**01*021000089*DA*987654321*20261220`,
    `TRN*1*${trace}*1512345678`,
    'DTM*405*20261218',
    'N1*PR*NORTHWIND HEALTH*XV*NWH01',
    'N3*PO BOX 4400',
    'N4*SEATTLE*WA*981240000',
    'PER*BL*PROVIDER SERVICES*TE*8005550142',
    'N1*PE*CONTOUR DEMO PLASTIC SURGERY PLLC*XX*1234567893',
  ];
}

/** Paid in full: the reconstructive claim, 19357 and the tissue expander. */
const PAID_IN_FULL = [
  'LX*1',
  'CLP*CLM-2026-000001*1*5450*5450**12*NWH-2026-00001',
  'NM1*QC*1*RAHMAN*AISHA****MI*NWH-771203554',
  'DTM*232*20261210',
  'SVC*HC:19357:RT*4800*4800**1',
  'DTM*472*20261210',
  'SVC*HC:L8600:RT*650*650',
  'DTM*472*20261210',
];

/** Partly paid: CO-45 (above the fee schedule) and PR-1/PR-2 (deductible, coinsurance). */
const PARTLY_PAID = [
  'CLP*CLM-2026-000002*1*3900*1760*940*12*NWH-2026-00002',
  'NM1*QC*1*PARK*LINDA****MI*NWH-448120937',
  'SVC*HC:15830*3900*1760**1',
  'DTM*472*20261214',
  'CAS*CO*45*1200',
  'CAS*PR*1*500**2*440',
];

/** Denied: CO-50 (not medically necessary), on the line. */
const DENIED = [
  'CLP*CLM-2026-000003*4*2200*0**12*NWH-2026-00003',
  'NM1*QC*1*MARTINEZ*SOFIA****MI*HVM-20577341',
  'SVC*HC:30520*2200*0**1',
  'DTM*472*20261215',
  'CAS*CO*50*2200',
];

/** An overpayment recovered (WO, taken from the payment) and interest paid (L6, added to it). */
const PLB = 'PLB*1234567893*20261231*WO:NWH-2026-00009*100*L6*-12.5';

/** 5450 + 1760 + 0 − (100 − 12.50) */
const WELL_FORMED = interchange835([
  ...header('7122.5'),
  ...PAID_IN_FULL,
  ...PARTLY_PAID,
  ...DENIED,
  PLB,
]);

function remittances(text: string): Remittance835[] {
  const result = parse835(text);
  if (!result.ok) throw new Error(`not parsed: ${JSON.stringify(result.errors)}`);
  return result.remittances;
}

function errors(text: string): X12Problem[] {
  const result = parse835(text);
  if (result.ok) throw new Error('parsed, but it should not have been');
  return result.errors;
}

describe('moneyFromX12', () => {
  it.each([
    ['1760', 176_000],
    ['1760.5', 176_050],
    ['1760.05', 176_005],
    ['.5', 50],
    ['5.', 500],
    ['007', 700],
    ['12.340', 1_234],
    ['-12.5', -1_250],
    ['0', 0],
  ])('reads %j as %i cents', (text, cents) => {
    expect(moneyFromX12(text)?.cents).toBe(cents);
  });

  it.each(['', '.', '-', '12.345', '1,000', '1e3', '12 ', 'abc', '--1', '12345678901'])(
    'refuses %j',
    (text) => {
      expect(moneyFromX12(text)).toBeUndefined();
    },
  );
});

describe('parse835: a well-formed remittance', () => {
  const [remittance] = remittances(WELL_FORMED);
  if (!remittance) throw new Error('no remittance');

  it('reads the payment, the trace number and the payer', () => {
    expect(remittance.transactionControlNumber).toBe('1001');
    expect(remittance.payment.amount.cents).toBe(712_250);
    expect(remittance.payment).toMatchObject({
      creditDebit: 'C',
      method: 'ACH',
      date: '2026-12-20',
    });
    expect(remittance.traceNumber).toBe('EFT-20261220-0001');
    expect(remittance.payer).toEqual({ name: 'NORTHWIND HEALTH', id: 'NWH01' });
    expect(remittance.productionDate).toBe('2026-12-18');
  });

  it('reads the claim paid in full, line by line', () => {
    const claim = remittance.claims[0];
    expect(claim).toMatchObject({
      segmentIndex: 13,
      patientControlNumber: 'CLM-2026-000001',
      status: '1',
      payerClaimControlNumber: 'NWH-2026-00001',
      dates: { '232': '2026-12-10' },
      adjustments: [],
    });
    expect([claim?.charge.cents, claim?.paid.cents, claim?.patientResponsibility.cents]).toEqual([
      545_000, 545_000, 0,
    ]);
    expect(
      claim?.services.map((s) => [
        s.procedureCode,
        s.modifiers,
        s.charge.cents,
        s.paid.cents,
        s.units,
        s.serviceDate,
      ]),
    ).toEqual([
      ['19357', ['RT'], 480_000, 480_000, 1, '2026-12-10'],
      ['L8600', ['RT'], 65_000, 65_000, 1, '2026-12-10'],
    ]);
  });

  it('reads the partly paid claim with CO-45, PR-1 and PR-2 on its line', () => {
    const claim = remittance.claims[1];
    expect(claim?.paid.cents).toBe(176_000);
    expect(claim?.patientResponsibility.cents).toBe(94_000);
    expect(claim?.adjustments).toEqual([]);
    expect(claim?.services[0]?.adjustments.map((a) => [a.group, a.reason, a.amount.cents])).toEqual(
      [
        ['CO', '45', 120_000],
        ['PR', '1', 50_000],
        ['PR', '2', 44_000],
      ],
    );
  });

  it('reads the denied claim with CO-50', () => {
    const claim = remittance.claims[2];
    expect(claim).toMatchObject({ patientControlNumber: 'CLM-2026-000003', status: '4' });
    expect(claim?.paid.cents).toBe(0);
    expect(claim?.services[0]?.adjustments.map((a) => [a.group, a.reason, a.amount.cents])).toEqual(
      [['CO', '50', 220_000]],
    );
  });

  it('reads the provider-level adjustments, a recovery and interest', () => {
    expect(
      remittance.providerAdjustments.map((p) => [
        p.providerId,
        p.reason,
        p.reference,
        p.amount.cents,
      ]),
    ).toEqual([
      ['1234567893', 'WO', 'NWH-2026-00009', 10_000],
      ['1234567893', 'L6', undefined, -1_250],
    ]);
  });

  it('reads up to six reason triples of one CAS, at the claim level', () => {
    const claim = [
      'CLP*CLM-2026-000004*1*600*0*60*12*NWH-2026-00004',
      'CAS*CO*45*100*1*253*50*1*97*90*1*24*100*1*B7*100*1*A1*100*1',
      'CAS*PR*3*60',
    ];
    const [read] = remittances(interchange835([...header('0'), ...claim]));
    expect(
      read?.claims[0]?.adjustments.map((a) => [a.group, a.reason, a.amount.cents, a.quantity]),
    ).toEqual([
      ['CO', '45', 10_000, 1],
      ['CO', '253', 5_000, 1],
      ['CO', '97', 9_000, 1],
      ['CO', '24', 10_000, 1],
      ['CO', 'B7', 10_000, 1],
      ['CO', 'A1', 10_000, 1],
      ['PR', '3', 6_000, undefined],
    ]);
  });

  it('takes the payer id from REF*2U, or else TRN03, when N1*PR has none', () => {
    const withRef = header('5450').map((s) =>
      s.startsWith('N1*PR') ? 'N1*PR*NORTHWIND HEALTH' : s,
    );
    withRef.splice(4, 0, 'REF*2U*NWH-PAYER-7');
    expect(remittances(interchange835([...withRef, ...PAID_IN_FULL]))[0]?.payer.id).toBe(
      'NWH-PAYER-7',
    );
    const bare = header('5450').map((s) => (s.startsWith('N1*PR') ? 'N1*PR*NORTHWIND HEALTH' : s));
    expect(remittances(interchange835([...bare, ...PAID_IN_FULL]))[0]?.payer.id).toBe('1512345678');
  });

  it('reads each ST/SE of an interchange as its own remittance', () => {
    const both = remittances(
      interchange835(
        [...header('5450'), ...PAID_IN_FULL],
        [...header('1760', 'EFT-20261220-0002'), ...PARTLY_PAID],
      ),
    );
    expect(
      both.map((r) => [r.transactionControlNumber, r.traceNumber, r.payment.amount.cents]),
    ).toEqual([
      ['1001', 'EFT-20261220-0001', 545_000],
      ['1002', 'EFT-20261220-0002', 176_000],
    ]);
  });

  it('reads a reversal (CLP02 22) with its negative amounts, to the cent', () => {
    const text = interchange835([
      ...header('0'),
      'CLP*CLM-2026-000001*22*-5450*-5450**12*NWH-2026-00001',
      'SVC*HC:19357:RT*-4800*-4800',
      'SVC*HC:L8600:RT*-650*-650',
      'CLP*CLM-2026-000001*1*5450*5450**12*NWH-2026-00011',
    ]);
    expect(remittances(text)[0]?.claims.map((c) => [c.status, c.paid.cents])).toEqual([
      ['22', -545_000],
      ['1', 545_000],
    ]);
  });

  it('reads the same text without newlines between segments', () => {
    expect(remittances(WELL_FORMED.replaceAll('~\n', '~'))[0]?.payment.amount.cents).toBe(712_250);
  });
});

describe('parse835: what it refuses, naming the segment and its position', () => {
  it.each([
    ['in the middle of a segment', (t: string) => t.slice(0, t.indexOf('CAS*PR*1') + 8)],
    ['after a whole segment', (t: string) => t.slice(0, t.indexOf('PLB*'))],
  ])('refuses a text cut off %s', (_where, cut) => {
    const found = errors(cut(WELL_FORMED));
    expect(found.map((e) => e.segment)).toEqual(expect.arrayContaining(['SE', 'GE', 'IEA']));
    expect(found.every((e) => /cut off/.test(e.message))).toBe(true);
  });

  it('refuses a text whose last segment has no terminator', () => {
    const found = errors(WELL_FORMED.trimEnd().slice(0, -1));
    expect(found).toContainEqual({
      segment: 'IEA',
      segmentIndex: 34,
      message: 'The last segment has no terminator: the text is cut off',
    });
  });

  it.each([
    ['SE01', (t: string) => t.replace('SE*30*1001', 'SE*29*1001'), 'SE', 32],
    ['SE02', (t: string) => t.replace('SE*30*1001', 'SE*30*1002'), 'SE', 32],
    ['GE01', (t: string) => t.replace('GE*1*4711', 'GE*2*4711'), 'GE', 33],
    ['GE02', (t: string) => t.replace('GE*1*4711', 'GE*1*4712'), 'GE', 33],
    ['IEA01', (t: string) => t.replace('IEA*1*000004711', 'IEA*2*000004711'), 'IEA', 34],
    ['IEA02', (t: string) => t.replace('IEA*1*000004711', 'IEA*1*000004712'), 'IEA', 34],
  ])('refuses a wrong %s', (element, tamper, segment, segmentIndex) => {
    const found = errors(tamper(WELL_FORMED));
    expect(found).toEqual([
      { segment, segmentIndex, element, message: expect.stringContaining(element) },
    ]);
  });

  it('refuses a BPR02 that is not Σ CLP04 − Σ PLB', () => {
    const text = WELL_FORMED.replace('BPR*I*7122.5*', 'BPR*I*7122.51*');
    expect(errors(text)).toEqual([
      {
        segment: 'BPR',
        segmentIndex: 4,
        element: 'BPR02',
        message: 'BPR02 7122.51 ≠ Σ CLP04 7210.00 − Σ PLB 87.50 (7122.50)',
      },
    ]);
  });

  it('refuses a line whose SVC03 is not SVC02 − its CAS', () => {
    const text = WELL_FORMED.replace('CAS*CO*45*1200', 'CAS*CO*45*1100');
    expect(errors(text)).toEqual([
      expect.objectContaining({ segment: 'SVC', segmentIndex: 22, element: 'SVC03' }),
      expect.objectContaining({ segment: 'CLP', segmentIndex: 20, element: 'CLP04' }),
    ]);
  });

  it('balances a claim-level CAS against the lines’ SVC03', () => {
    const text = interchange835([
      ...header('5000'),
      'CLP*CLM-2026-000001*1*5450*5000**12*NWH-2026-00001',
      'CAS*CO*45*450',
      'SVC*HC:19357:RT*4800*4800',
      'SVC*HC:L8600:RT*650*650',
    ]);
    expect(remittances(text)[0]?.claims[0]?.adjustments.map((a) => a.amount.cents)).toEqual([
      45_000,
    ]);
  });

  it('refuses a claim whose CLP04 is not the sum of its lines’ SVC03', () => {
    // CLP03 − CAS = CLP04 holds; the lines, though, were paid 50.00 less than the claim.
    const text = interchange835([
      ...header('5450'),
      'CLP*CLM-2026-000001*1*5450*5450**12*NWH-2026-00001',
      'SVC*HC:19357:RT*4800*4800',
      'SVC*HC:L8600:RT*600*600',
    ]);
    expect(errors(text)).toEqual([
      {
        segment: 'CLP',
        segmentIndex: 12,
        element: 'CLP04',
        message: 'CLP04 5450.00 ≠ Σ SVC03 − claim-level adjustments (5400.00)',
      },
    ]);
  });

  it.each([
    ['CLP04', '1760', '17,60'],
    ['CLP04', '1760', '1760.005'],
    ['SVC02', 'SVC*HC:15830*3900', 'SVC*HC:15830*abc'],
    ['CAS03', '*PR*1*500', '*PR*1*5e2'],
  ])('refuses an unparseable number in %s', (element, from, to) => {
    const text = WELL_FORMED.replace(`${from}`, to);
    expect(text).not.toBe(WELL_FORMED);
    expect(errors(text)).toContainEqual(
      expect.objectContaining({
        element,
        message: expect.stringMatching(/not an amount in cents/),
      }),
    );
  });

  it('refuses a CAS group code 5010 does not have', () => {
    expect(errors(WELL_FORMED.replace('CAS*CO*50*2200', 'CAS*CR*50*2200'))).toEqual([
      expect.objectContaining({ segment: 'CAS', segmentIndex: 30, element: 'CAS01' }),
    ]);
  });

  it.each([
    ['CAS', 'CAS*CO*45*100'],
    ['SVC', 'SVC*HC:19357*100*100'],
  ])('refuses a %s before any CLP', (segment, line) => {
    const text = interchange835([...header('0'), line]);
    expect(errors(text)).toEqual([
      { segment, segmentIndex: 12, message: `${segment} outside a claim: no CLP before it` },
    ]);
  });

  it('refuses a transaction that is not an 835', () => {
    const text = WELL_FORMED.replace('ST*835*', 'ST*837*');
    expect(errors(text)).toContainEqual(
      expect.objectContaining({ segment: 'ST', segmentIndex: 3, element: 'ST01' }),
    );
  });

  it('refuses a remittance without a trace number', () => {
    const text = interchange835([
      ...header('5450').filter((s) => !s.startsWith('TRN')),
      ...PAID_IN_FULL,
    ]);
    expect(errors(text)).toEqual([
      expect.objectContaining({
        segment: 'ST',
        segmentIndex: 3,
        message: expect.stringContaining('TRN'),
      }),
    ]);
  });

  it('refuses text that is not X12', () => {
    expect(errors('hello')[0]).toMatchObject({ segment: 'ISA', segmentIndex: 1 });
    expect(errors('')[0]).toMatchObject({ segment: 'ISA', segmentIndex: 1 });
  });
});

describe('parse835: 1,000 claims', () => {
  it('reads and balances an 835 with 1,000 CLPs (the time is printed, not asserted)', () => {
    const claims = Array.from({ length: 1000 }, (_, i) => {
      const pcn = `CLM-2026-${String(i + 1).padStart(6, '0')}`;
      return [
        `CLP*${pcn}*1*3900*1760*940*12*NWH-${i}`,
        'SVC*HC:15830*3900*1760**1',
        'DTM*472*20261214',
        'CAS*CO*45*1200',
        'CAS*PR*1*500**2*440',
      ];
    });
    const text = interchange835([...header('1760000'), ...claims.flat()]);
    const started = performance.now();
    const [remittance] = remittances(text);
    const ms = performance.now() - started;
    console.log(
      `835: 1,000 CLPs (${(text.length / 1024).toFixed(0)} KiB) read, checked and balanced in ${ms.toFixed(0)} ms`,
    );
    expect(remittance?.claims).toHaveLength(1000);
    expect(remittance?.payment.amount.cents).toBe(176_000_000);
  });
});

describe("README's example 835 (examples/demo-remittance.835)", () => {
  it('reads and balances, paying the demo claim as the README says', () => {
    const text = readFileSync(join(__dirname, '../examples/demo-remittance.835'), 'utf8');
    const result = parse835(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [remittance] = result.remittances;
    expect(remittance?.traceNumber).toBe('EFT-20261218-0001');
    expect(remittance?.payer.id).toBe('HVM77');
    expect(remittance?.payment.amount.toDecimal()).toBe('3850.00');
    const claim = remittance?.claims[0];
    expect(claim?.patientControlNumber).toBe('CLM-2026-000001');
    expect(
      claim?.services.map((s) => [
        s.procedureCode,
        s.paid.toDecimal(),
        s.adjustments.map((a) => `${a.group}-${a.reason} ${a.amount.toDecimal()}`),
      ]),
    ).toEqual([
      ['19357', '3200.00', ['CO-45 1200.00', 'PR-1 400.00']],
      ['L8600', '650.00', []],
    ]);
  });
});
