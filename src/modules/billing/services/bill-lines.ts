import type { FieldError } from '../../../common/errors/problem-code';
import { invariant } from '../../../common/invariant';
import { Money } from '../../../common/money';
import { baseCptCode, parseCptCode } from '../../codes';
import type { FeeEntry } from '../../fee-schedule';
import type { Payer, QuoteLineKind } from '../../quote/repositories/quote.schema';
import { priceQuote } from '../../quote';
import { CaseNotBillable } from './case-not-billable.error';

/** What was done: the procedure details a surgical case copied from its plan. */
export interface CaseToBill {
  procedureType: 'COSMETIC' | 'RECONSTRUCTIVE' | 'HYBRID';
  /** The primary CPT code, modifiers included (`19325-50`). */
  procedureCode: string;
  cptCodes: readonly string[];
  insuranceCptCodes: readonly string[];
}

/** A line of the plan's ACCEPTED quote, as the bill prices with it. */
export interface QuotedLine {
  kind: QuoteLineKind;
  code: string;
  description: string;
  unitPrice: Money;
  inventoryItemId: string | null;
}

/** One inventory usage of the case, with its item's billing fields. */
export interface ConsumedUsage {
  id: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  hcpcsCode: string | null;
  isBillable: boolean;
  /** The catalog price, used when the quote did not price the item. */
  unitPrice: Money;
  serialNumber: string | null;
  quantity: number;
}

export interface BillLine {
  kind: QuoteLineKind;
  /** The base code: CPT for procedures, HCPCS (else the item's own code) for supplies. */
  procedureCode: string;
  modifiers: string[];
  description: string;
  quantity: number;
  unitPrice: Money;
  amount: Money;
  payer: Payer;
  inventoryItemId: string | null;
  inventoryUsageIds: string[];
  serialNumbers: string[];
}

export interface BuiltBill {
  lines: BillLine[];
  total: Money;
  insuranceTotal: Money;
  patientTotal: Money;
}

interface SupplyUsed {
  inventoryItemId: string;
  code: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  usageIds: string[];
  serialNumbers: string[];
}

/**
 * The bill of a case (docs/design.md §6), as a pure function: built from what was done (the case's
 * codes and the billable supplies actually consumed), priced by the accepted quote, and by the fee
 * schedule or the item catalog for whatever the quote did not price. Lines and payers come from
 * `priceQuote`, the one pricing rule: this function only decides the prices it is given.
 *
 * Throws `CaseNotBillable` when a code is neither on the quote nor in the fee schedule.
 */
export function buildBillLines(
  theCase: CaseToBill,
  quoteLines: readonly QuotedLine[],
  fees: ReadonlyMap<string, FeeEntry>,
  usages: readonly ConsumedUsage[],
): BuiltBill {
  const prices = pricesByBaseCode(theCase, quoteLines, fees);
  const supplies = suppliesUsed(usages, quoteLines);
  const priced = priceQuote(
    {
      procedureType: theCase.procedureType,
      primaryCPTCode: theCase.procedureCode,
      cptCodes: theCase.cptCodes,
      insuranceCptCodes: theCase.insuranceCptCodes,
      supplies: supplies.map((s) => ({ ...s, isBillable: true })),
    },
    prices,
  );
  invariant(priced.ok, 'every code of the case was given a price above');

  const supplyOf = new Map(supplies.map((s) => [s.inventoryItemId, s]));
  const lines = priced.quote.lines.map(({ code, ...line }): BillLine => {
    if (line.kind === 'SUPPLY') {
      const supply = supplyOf.get(line.inventoryItemId ?? '');
      invariant(supply, 'priceQuote makes one SUPPLY line per supply it was given');
      return {
        ...line,
        procedureCode: code,
        modifiers: [],
        inventoryUsageIds: supply.usageIds,
        serialNumbers: supply.serialNumbers,
      };
    }
    const parsed = parseCptCode(code);
    invariant(parsed, "a case's CPT codes were validated when its plan was written");
    return {
      ...line,
      procedureCode: parsed.base,
      modifiers: parsed.modifiers,
      inventoryUsageIds: [],
      serialNumbers: [],
    };
  });
  return {
    lines,
    total: priced.quote.total,
    insuranceTotal: priced.quote.insurancePortion,
    patientTotal: priced.quote.patientPortion,
  };
}

/**
 * One fee entry per base code of the case, its prices from the quote first: a PROCEDURE line's
 * unit price is the surgeon fee. Facility and anesthesia come from the quote when the quote
 * priced the primary code (a quote without a FACILITY line priced the facility at 0.00, which the
 * patient accepted); otherwise from the fee schedule.
 */
function pricesByBaseCode(
  theCase: CaseToBill,
  quoteLines: readonly QuotedLine[],
  fees: ReadonlyMap<string, FeeEntry>,
): Map<string, FeeEntry> {
  const quoted = (kind: QuoteLineKind, base: string) =>
    quoteLines.find((l) => l.kind === kind && baseCptCode(l.code) === base);
  const primaryBase = baseCptCode(theCase.procedureCode);
  const prices = new Map<string, FeeEntry>();
  const unpriced: FieldError[] = [];
  const codes = [...theCase.cptCodes, theCase.procedureCode];
  codes.forEach((code, i) => {
    const base = baseCptCode(code);
    if (prices.has(base)) return;
    const procedure = quoted('PROCEDURE', base);
    const scheduled = fees.get(base);
    if (procedure) {
      const extra = (kind: 'FACILITY' | 'ANESTHESIA') =>
        base === primaryBase ? (quoted(kind, base)?.unitPrice ?? Money.ZERO) : Money.ZERO;
      prices.set(base, {
        cptCode: base,
        description: procedure.description,
        surgeonFee: procedure.unitPrice,
        facilityFee: extra('FACILITY'),
        anesthesiaFee: extra('ANESTHESIA'),
      });
    } else if (scheduled) {
      prices.set(base, scheduled);
    } else {
      unpriced.push({
        path: i < theCase.cptCodes.length ? `cptCodes[${i}]` : 'procedureCode',
        message:
          `${code} is neither on the accepted quote nor in the clinic's fee schedule: ` +
          `add ${base} with PUT /fee-schedule/${base}, then complete the case again`,
      });
    }
  });
  if (unpriced.length > 0) throw new CaseNotBillable(unpriced);
  return prices;
}

/**
 * The billable usages grouped by item, in the order first used: the quantity is their sum, the
 * price the quote's SUPPLY line for the item, else the catalog's. Non-billable items (sutures,
 * say) are the practice's cost and never reach the bill.
 */
function suppliesUsed(
  usages: readonly ConsumedUsage[],
  quoteLines: readonly QuotedLine[],
): SupplyUsed[] {
  const byItem = new Map<string, SupplyUsed>();
  for (const usage of usages) {
    if (!usage.isBillable) continue;
    let supply = byItem.get(usage.itemId);
    if (!supply) {
      const quoted = quoteLines.find(
        (l) => l.kind === 'SUPPLY' && l.inventoryItemId === usage.itemId,
      );
      supply = {
        inventoryItemId: usage.itemId,
        code: usage.hcpcsCode ?? usage.itemCode,
        name: usage.itemName,
        quantity: 0,
        unitPrice: quoted?.unitPrice ?? usage.unitPrice,
        usageIds: [],
        serialNumbers: [],
      };
      byItem.set(usage.itemId, supply);
    }
    supply.quantity += usage.quantity;
    supply.usageIds.push(usage.id);
    if (usage.serialNumber !== null) supply.serialNumbers.push(usage.serialNumber);
  }
  return [...byItem.values()];
}
