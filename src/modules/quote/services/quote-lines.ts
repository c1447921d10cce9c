import type { FieldError } from '../../../common/errors/problem-code';
import { Money } from '../../../common/money';
import { baseCptCode } from '../../codes';
import type { FeeEntry } from '../../fee-schedule';
import type { Payer, QuoteLineKind } from '../repositories/quote.schema';

export interface QuotablePlan {
  procedureType: 'COSMETIC' | 'RECONSTRUCTIVE' | 'HYBRID';
  primaryCPTCode: string;
  cptCodes: readonly string[];
  insuranceCptCodes: readonly string[];
  supplies: readonly {
    inventoryItemId: string;
    code: string;
    name: string;
    quantity: number;
    unitPrice: Money;
    isBillable: boolean;
  }[];
}

export interface PricedLine {
  kind: QuoteLineKind;
  code: string;
  description: string;
  quantity: number;
  unitPrice: Money;
  amount: Money;
  payer: Payer;
  inventoryItemId: string | null;
}

export interface PricedQuote {
  lines: PricedLine[];
  total: Money;
  insurancePortion: Money;
  patientPortion: Money;
}

/**
 * docs/design.md §6, as a pure function: a PROCEDURE line per CPT code (surgeon fee), one FACILITY and
 * one ANESTHESIA line from the primary code's entry (left out when 0), a SUPPLY line per billable
 * requirement. Payers: COSMETIC → patient; RECONSTRUCTIVE → insurance; HYBRID → a procedure line
 * is insured when its code is in insuranceCptCodes, facility and anesthesia follow the primary
 * code, supplies are the patient's. Portions are sums of lines, so they add up to the total.
 */
export function priceQuote(
  plan: QuotablePlan,
  fees: ReadonlyMap<string, FeeEntry>,
): { ok: true; quote: PricedQuote } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  plan.cptCodes.forEach((code, i) => {
    if (!fees.has(baseCptCode(code))) {
      errors.push({
        path: `cptCodes[${i}]`,
        message: `${code} is not in the clinic's fee schedule: add ${baseCptCode(code)} with PUT /fee-schedule/${baseCptCode(code)}`,
      });
    }
  });
  const primary = fees.get(baseCptCode(plan.primaryCPTCode));
  if (errors.length > 0 || !primary) return { ok: false, errors };

  const procedurePayer = (code: string): Payer => {
    if (plan.procedureType === 'COSMETIC') return 'PATIENT';
    if (plan.procedureType === 'RECONSTRUCTIVE') return 'INSURANCE';
    return plan.insuranceCptCodes.includes(code) ? 'INSURANCE' : 'PATIENT';
  };
  const line = (
    kind: QuoteLineKind,
    code: string,
    description: string,
    quantity: number,
    unitPrice: Money,
    payer: Payer,
    inventoryItemId: string | null = null,
  ): PricedLine => ({
    kind,
    code,
    description,
    quantity,
    unitPrice,
    amount: unitPrice.times(quantity),
    payer,
    inventoryItemId,
  });

  const lines: PricedLine[] = plan.cptCodes.map((code) => {
    const fee = fees.get(baseCptCode(code));
    if (!fee) throw new Error('every code was checked above');
    return line('PROCEDURE', code, fee.description, 1, fee.surgeonFee, procedurePayer(code));
  });
  const primaryPayer = procedurePayer(plan.primaryCPTCode);
  if (!primary.facilityFee.isZero()) {
    lines.push(
      line(
        'FACILITY',
        plan.primaryCPTCode,
        `Facility fee: ${primary.description}`,
        1,
        primary.facilityFee,
        primaryPayer,
      ),
    );
  }
  if (!primary.anesthesiaFee.isZero()) {
    lines.push(
      line(
        'ANESTHESIA',
        plan.primaryCPTCode,
        `Anesthesia: ${primary.description}`,
        1,
        primary.anesthesiaFee,
        primaryPayer,
      ),
    );
  }
  // Supplies are insurer-paid only on RECONSTRUCTIVE plans (docs/design.md §6).
  const supplyPayer: Payer = plan.procedureType === 'RECONSTRUCTIVE' ? 'INSURANCE' : 'PATIENT';
  for (const supply of plan.supplies.filter((s) => s.isBillable)) {
    lines.push(
      line(
        'SUPPLY',
        supply.code,
        supply.name,
        supply.quantity,
        supply.unitPrice,
        supplyPayer,
        supply.inventoryItemId,
      ),
    );
  }
  const sumOf = (payer?: Payer) =>
    Money.sum(lines.filter((l) => !payer || l.payer === payer).map((l) => l.amount));
  return {
    ok: true,
    quote: {
      lines,
      total: sumOf(),
      insurancePortion: sumOf('INSURANCE'),
      patientPortion: sumOf('PATIENT'),
    },
  };
}
