import { describe, expect, it } from 'vitest';
import { Money } from '../src/common/money';
import type { FeeEntry } from '../src/modules/fee-schedule/services/fee-schedule.service';
import {
  buildBillLines,
  type BillLine,
  type CaseToBill,
  type ConsumedUsage,
  type QuotedLine,
} from '../src/modules/billing/services/bill-lines';
import { CaseNotBillable } from '../src/modules/billing/services/case-not-billable.error';

const $ = (decimal: string) => Money.fromDecimal(decimal);

function fee(cptCode: string, surgeon: string, facility = '0', anesthesia = '0'): FeeEntry {
  return {
    cptCode,
    description: `Procedure ${cptCode}`,
    surgeonFee: $(surgeon),
    facilityFee: $(facility),
    anesthesiaFee: $(anesthesia),
  };
}

function feesOf(...entries: FeeEntry[]): Map<string, FeeEntry> {
  return new Map(entries.map((e) => [e.cptCode, e]));
}

const IMPLANT = 'item-implant';
const SUTURE = 'item-suture';
const MESH = 'item-mesh';

function implant(id: string, serialNumber: string): ConsumedUsage {
  return {
    id,
    itemId: IMPLANT,
    itemCode: 'breast-implant-300cc-round',
    itemName: 'Breast implant 300cc round',
    hcpcsCode: 'L8600',
    isBillable: true,
    unitPrice: $('450.00'),
    serialNumber,
    quantity: 1,
  };
}

const suture: ConsumedUsage = {
  id: 'u-suture',
  itemId: SUTURE,
  itemCode: 'suture-3-0',
  itemName: 'Absorbable suture 3-0',
  hcpcsCode: null,
  isBillable: false,
  unitPrice: $('12.00'),
  serialNumber: null,
  quantity: 4,
};

const mesh: ConsumedUsage = {
  id: 'u-mesh',
  itemId: MESH,
  itemCode: 'acellular-dermal-matrix',
  itemName: 'Acellular dermal matrix',
  hcpcsCode: null,
  isBillable: true,
  unitPrice: $('1200.00'),
  serialNumber: null,
  quantity: 1,
};

function quoted(
  kind: QuotedLine['kind'],
  code: string,
  unitPrice: string,
  inventoryItemId: string | null = null,
): QuotedLine {
  return { kind, code, description: `Quoted ${code}`, unitPrice: $(unitPrice), inventoryItemId };
}

/** The seed's accepted quote: 19325 at 7000.00, facility 200.00, two implants at 400.00. */
const seedQuote: QuotedLine[] = [
  quoted('PROCEDURE', '19325', '7000.00'),
  quoted('FACILITY', '19325', '200.00'),
  quoted('SUPPLY', 'L8600', '400.00', IMPLANT),
];

const cosmetic: CaseToBill = {
  procedureType: 'COSMETIC',
  procedureCode: '19325',
  cptCodes: ['19325'],
  insuranceCptCodes: [],
};

/** Lines as comparable rows: kind, code, modifiers, quantity, unit price, amount, payer. */
function rows(lines: BillLine[]) {
  return lines.map((l) => [
    l.kind,
    l.procedureCode,
    l.modifiers.join(','),
    l.quantity,
    l.unitPrice.toDecimal(),
    l.amount.toDecimal(),
    l.payer,
  ]);
}

function totals(bill: ReturnType<typeof buildBillLines>) {
  return [bill.total, bill.insuranceTotal, bill.patientTotal].map((m) => m.toDecimal());
}

describe('buildBillLines (docs/design.md §6: what was done, priced by the accepted quote)', () => {
  it("bills the seed's augmentation at exactly 8000.00, all patient-paid", () => {
    const bill = buildBillLines(
      cosmetic,
      seedQuote,
      // The fee schedule has changed since the quote: the accepted prices still hold.
      feesOf(fee('19325', '7500.00', '250.00', '900.00')),
      [implant('u1', 'SN-1'), implant('u2', 'SN-2')],
    );
    expect(rows(bill.lines)).toEqual([
      ['PROCEDURE', '19325', '', 1, '7000.00', '7000.00', 'PATIENT'],
      ['FACILITY', '19325', '', 1, '200.00', '200.00', 'PATIENT'],
      ['SUPPLY', 'L8600', '', 2, '400.00', '800.00', 'PATIENT'],
    ]);
    expect(totals(bill)).toEqual(['8000.00', '0.00', '8000.00']);
    expect(bill.lines[2]).toMatchObject({
      description: 'Breast implant 300cc round',
      inventoryItemId: IMPLANT,
      inventoryUsageIds: ['u1', 'u2'],
      serialNumbers: ['SN-1', 'SN-2'],
    });
    expect(bill.lines[0]).toMatchObject({
      description: 'Quoted 19325',
      inventoryItemId: null,
      serialNumbers: [],
    });
  });

  it('splits a HYBRID case: insured codes and the primary code’s facility to insurance, supplies to the patient', () => {
    const bill = buildBillLines(
      {
        procedureType: 'HYBRID',
        procedureCode: '19318',
        cptCodes: ['19318', '15877'],
        insuranceCptCodes: ['19318'],
      },
      [],
      feesOf(fee('19318', '5000.00', '300.00', '700.00'), fee('15877', '2500.00', '999.00')),
      [implant('u1', 'SN-1')],
    );
    expect(rows(bill.lines)).toEqual([
      ['PROCEDURE', '19318', '', 1, '5000.00', '5000.00', 'INSURANCE'],
      ['PROCEDURE', '15877', '', 1, '2500.00', '2500.00', 'PATIENT'],
      ['FACILITY', '19318', '', 1, '300.00', '300.00', 'INSURANCE'],
      ['ANESTHESIA', '19318', '', 1, '700.00', '700.00', 'INSURANCE'],
      ['SUPPLY', 'L8600', '', 1, '450.00', '450.00', 'PATIENT'],
    ]);
    expect(totals(bill)).toEqual(['8950.00', '6000.00', '2950.00']);
  });

  it('puts every line of a RECONSTRUCTIVE case, supplies included, on insurance', () => {
    const bill = buildBillLines(
      {
        procedureType: 'RECONSTRUCTIVE',
        procedureCode: '19357',
        cptCodes: ['19357'],
        insuranceCptCodes: [],
      },
      [
        quoted('PROCEDURE', '19357', '6000.00'),
        quoted('ANESTHESIA', '19357', '800.00'),
        quoted('SUPPLY', 'acellular-dermal-matrix', '1000.00', MESH),
      ],
      feesOf(fee('19357', '6500.00', '400.00', '900.00')),
      [mesh],
    );
    expect(rows(bill.lines)).toEqual([
      ['PROCEDURE', '19357', '', 1, '6000.00', '6000.00', 'INSURANCE'],
      ['ANESTHESIA', '19357', '', 1, '800.00', '800.00', 'INSURANCE'],
      ['SUPPLY', 'acellular-dermal-matrix', '', 1, '1000.00', '1000.00', 'INSURANCE'],
    ]);
    expect(totals(bill)).toEqual(['7800.00', '7800.00', '0.00']);
  });

  it('prices a supply the quote did not list from the catalog, and one it listed from the quote', () => {
    const bill = buildBillLines(cosmetic, seedQuote, feesOf(), [
      implant('u1', 'SN-1'),
      mesh,
      implant('u2', 'SN-2'),
      implant('u3', 'SN-3'),
    ]);
    expect(rows(bill.lines).slice(2)).toEqual([
      ['SUPPLY', 'L8600', '', 3, '400.00', '1200.00', 'PATIENT'],
      ['SUPPLY', 'acellular-dermal-matrix', '', 1, '1200.00', '1200.00', 'PATIENT'],
    ]);
    expect(bill.lines[2]?.serialNumbers).toEqual(['SN-1', 'SN-2', 'SN-3']);
    expect(bill.lines[3]).toMatchObject({ inventoryUsageIds: ['u-mesh'], serialNumbers: [] });
    expect(totals(bill)).toEqual(['9600.00', '0.00', '9600.00']);
  });

  it('bills 19325-50 as procedure code 19325 with modifiers [50], priced by its base code', () => {
    const bill = buildBillLines(
      { ...cosmetic, procedureCode: '19325-50', cptCodes: ['19325-50', '15877-RT-LT'] },
      [],
      feesOf(fee('19325', '7000.00', '200.00'), fee('15877', '1500.00')),
      [],
    );
    expect(rows(bill.lines)).toEqual([
      ['PROCEDURE', '19325', '50', 1, '7000.00', '7000.00', 'PATIENT'],
      ['PROCEDURE', '15877', 'RT,LT', 1, '1500.00', '1500.00', 'PATIENT'],
      ['FACILITY', '19325', '50', 1, '200.00', '200.00', 'PATIENT'],
    ]);
  });

  it('skips a non-billable usage (sutures are the practice’s cost)', () => {
    const bill = buildBillLines(cosmetic, seedQuote, feesOf(), [suture, implant('u1', 'SN-1')]);
    expect(bill.lines.map((l) => l.kind)).toEqual(['PROCEDURE', 'FACILITY', 'SUPPLY']);
    expect(bill.lines.some((l) => l.inventoryItemId === SUTURE)).toBe(false);
    expect(totals(bill)).toEqual(['7600.00', '0.00', '7600.00']);
  });

  it('bills only what was consumed: a quoted implant that was not used is not on the bill', () => {
    const bill = buildBillLines(cosmetic, seedQuote, feesOf(), []);
    expect(rows(bill.lines)).toEqual([
      ['PROCEDURE', '19325', '', 1, '7000.00', '7000.00', 'PATIENT'],
      ['FACILITY', '19325', '', 1, '200.00', '200.00', 'PATIENT'],
    ]);
  });

  it.each([
    [
      'a quote',
      seedQuote,
      'from the quote, which had no anesthesia line',
      ['PROCEDURE', 'FACILITY'],
    ],
    ['no quote', [], 'from the fee schedule', ['PROCEDURE', 'FACILITY', 'ANESTHESIA']],
  ])(
    'with %s, prices facility and anesthesia %s (a 0.00 fee leaves its line out)',
    (_, lines, __, kinds) => {
      const bill = buildBillLines(
        cosmetic,
        lines,
        feesOf(fee('19325', '7000.00', '200.00', '650.00')),
        [],
      );
      expect(bill.lines.map((l) => l.kind)).toEqual(kinds);
    },
  );

  it('prices a code the quote lacks from the fee schedule', () => {
    const bill = buildBillLines(
      { ...cosmetic, cptCodes: ['19325', '15877'] },
      seedQuote,
      feesOf(fee('15877', '1800.00')),
      [],
    );
    expect(rows(bill.lines)).toContainEqual([
      'PROCEDURE',
      '15877',
      '',
      1,
      '1800.00',
      '1800.00',
      'PATIENT',
    ]);
  });

  it('refuses a code that is neither on the quote nor in the fee schedule, naming it', () => {
    const build = () =>
      buildBillLines({ ...cosmetic, cptCodes: ['19325', '15877-RT'] }, seedQuote, feesOf(), []);
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CaseNotBillable);
    expect(thrown).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [
        {
          path: 'cptCodes[1]',
          message:
            "15877-RT is neither on the accepted quote nor in the clinic's fee schedule: " +
            'add 15877 with PUT /fee-schedule/15877, then complete the case again',
        },
      ],
    });
  });

  it('bills a case whose every price is 0.00 at 0.00', () => {
    const bill = buildBillLines(cosmetic, [], feesOf(fee('19325', '0.00')), []);
    expect(rows(bill.lines)).toEqual([['PROCEDURE', '19325', '', 1, '0.00', '0.00', 'PATIENT']]);
    expect(bill.total.isZero()).toBe(true);
  });
});
