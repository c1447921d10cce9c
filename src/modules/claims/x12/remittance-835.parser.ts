import { Money } from '../../../common/money';
import { balance835 } from './remittance-835.balance';
import type {
  Adjustment,
  AdjustmentGroup,
  ProviderAdjustment,
  Remittance835,
  RemittanceClaim,
  ServicePayment,
} from './remittance-835.model';
import { dateFromX12, moneyFromX12, quantityFromX12 } from './x12-numbers';
import type { ReadSegment, X12Problem } from './x12-reader';
import { readX12 } from './x12-reader';

export type Parse835Result =
  { ok: true; remittances: Remittance835[] } | { ok: false; errors: X12Problem[] };

const ADJUSTMENT_GROUPS: readonly AdjustmentGroup[] = ['CO', 'OA', 'PI', 'PR'];
const CLAIM_STATUSES = new Set(['1', '2', '3', '4', '19', '20', '21', '22', '23', '25']);
/** CAS holds up to six reason/amount/quantity triples (CAS02–CAS19). */
const CAS_TRIPLES = 6;
/** PLB holds up to six reason/amount pairs (PLB03–PLB14). */
const PLB_PAIRS = 6;

/**
 * Reads an 835 (005010X221A1) into typed remittances with exact money, or the list of everything
 * wrong with it, each naming the segment, its position and the element. Three layers, each run
 * only when the one before found nothing (a cut-off file would otherwise also "not balance"):
 * the envelope (readX12: node-x12 plus the cut-off checks), the segments this service posts
 * from (BPR, TRN, N1*PR, CLP, CAS, SVC, PLB, DTM: required elements present, numbers exact), and
 * the guide's balancing (remittance-835.balance.ts).
 */
export function parse835(text: string): Parse835Result {
  const read = readX12(text);
  if (read.problems.length > 0) return { ok: false, errors: read.problems };

  const reader = new Remittance835Reader(read.componentSeparator);
  for (const segment of read.segments) reader.accept(segment);
  if (reader.errors.length > 0) return { ok: false, errors: reader.errors };

  const unbalanced = reader.remittances.flatMap(({ remittance, bprIndex }) =>
    balance835(remittance, bprIndex),
  );
  if (unbalanced.length > 0) return { ok: false, errors: unbalanced };
  return { ok: true, remittances: reader.remittances.map((r) => r.remittance) };
}

/** Walks the segments in order; the open ST, CLP and SVC say where a CAS or DTM belongs. */
class Remittance835Reader {
  readonly remittances: { remittance: Remittance835; bprIndex: number }[] = [];
  readonly errors: X12Problem[] = [];
  private current:
    { remittance: Remittance835; stIndex: number; bprIndex: number; seen: Set<string> } | undefined;
  private claim: RemittanceClaim | undefined;
  private service: ServicePayment | undefined;
  /** N1*PR opens the payer loop 1000A; the next N1 (PE, the payee) closes it. */
  private inPayerLoop = false;

  constructor(private readonly componentSeparator: string) {}

  accept(segment: ReadSegment): void {
    if (segment.tag === 'ST') return this.openTransaction(segment);
    const current = this.current;
    if (!current) return;
    current.seen.add(segment.tag);
    const r = current.remittance;
    switch (segment.tag) {
      case 'BPR':
        current.bprIndex = segment.index;
        r.payment = {
          amount: this.amount(segment, 2),
          creditDebit: this.required(segment, 3),
          method: this.required(segment, 4),
        };
        this.setPaymentDate(r, segment);
        return;
      case 'TRN':
        r.traceNumber = this.required(segment, 2);
        r.payer.id ??= value(segment, 3);
        return;
      case 'DTM':
        return this.acceptDate(segment);
      case 'N1':
        this.inPayerLoop = value(segment, 1) === 'PR';
        if (this.inPayerLoop) {
          current.seen.add('N1*PR');
          r.payer.name = this.required(segment, 2);
          const id = value(segment, 4);
          if (id) r.payer.id = id;
        }
        return;
      case 'REF':
        if (this.inPayerLoop && value(segment, 1) === '2U') r.payer.id = this.required(segment, 2);
        return;
      case 'CLP':
        return this.openClaim(segment);
      case 'CAS':
        return this.acceptAdjustments(segment);
      case 'SVC':
        return this.openService(segment);
      case 'PLB':
        this.claim = undefined;
        this.service = undefined;
        return this.acceptProviderAdjustments(segment);
      case 'SE':
        return this.closeTransaction(segment);
    }
  }

  private openTransaction(st: ReadSegment): void {
    if (value(st, 1) !== '835')
      this.fail(st, 1, `ST01 is ${value(st, 1) ?? 'empty'}: this is not an 835`);
    this.current = {
      stIndex: st.index,
      bprIndex: st.index,
      seen: new Set(),
      remittance: {
        transactionControlNumber: value(st, 2) ?? '',
        payment: { amount: Money.ZERO, creditDebit: '', method: '' },
        traceNumber: '',
        payer: { name: '' },
        claims: [],
        providerAdjustments: [],
      },
    };
    this.claim = undefined;
    this.service = undefined;
    this.inPayerLoop = false;
  }

  private closeTransaction(se: ReadSegment): void {
    const current = this.current;
    if (!current) return;
    for (const [tag, what] of [
      ['BPR', 'the payment (BPR)'],
      ['TRN', 'the trace number (TRN)'],
      ['N1*PR', 'the payer (N1*PR)'],
    ] as const)
      if (!current.seen.has(tag))
        this.errors.push({
          segment: 'ST',
          segmentIndex: current.stIndex,
          message: `Transaction ${current.remittance.transactionControlNumber} has no ${what}; it ends at segment ${se.index}`,
        });
    this.remittances.push({ remittance: current.remittance, bprIndex: current.bprIndex });
    this.current = undefined;
  }

  private openClaim(clp: ReadSegment): void {
    this.inPayerLoop = false;
    const status = this.required(clp, 2);
    if (status && !CLAIM_STATUSES.has(status))
      this.fail(clp, 2, `CLP02 ${status} is not a claim status code of the guide`);
    this.claim = {
      segmentIndex: clp.index,
      patientControlNumber: this.required(clp, 1),
      status,
      charge: this.amount(clp, 3),
      paid: this.amount(clp, 4),
      patientResponsibility: value(clp, 5) ? this.amount(clp, 5) : Money.ZERO,
      adjustments: [],
      dates: {},
      services: [],
    };
    const payerClaimControlNumber = value(clp, 7);
    if (payerClaimControlNumber) this.claim.payerClaimControlNumber = payerClaimControlNumber;
    this.service = undefined;
    this.current?.remittance.claims.push(this.claim);
  }

  private openService(svc: ReadSegment): void {
    if (!this.claim) return this.fail(svc, undefined, 'SVC outside a claim: no CLP before it');
    const [qualifier = '', procedureCode = '', ...modifiers] = this.required(svc, 1).split(
      this.componentSeparator,
    );
    if (procedureCode === '') this.fail(svc, 1, 'SVC01 names no procedure code');
    const units = value(svc, 5);
    const parsedUnits = units === undefined ? 1 : quantityFromX12(units);
    if (parsedUnits === undefined) this.fail(svc, 5, `SVC05 "${units}" is not a quantity`);
    this.service = {
      segmentIndex: svc.index,
      qualifier,
      procedureCode,
      modifiers: modifiers.filter((m) => m !== ''),
      charge: this.amount(svc, 2),
      paid: this.amount(svc, 3),
      units: parsedUnits ?? 1,
      adjustments: [],
    };
    this.claim.services.push(this.service);
  }

  /** CAS01 is the group; CAS02–04, 05–07, … 17–19 are up to six reason/amount/quantity triples. */
  private acceptAdjustments(cas: ReadSegment): void {
    const owner = this.service ?? this.claim;
    if (!owner) return this.fail(cas, undefined, 'CAS outside a claim: no CLP before it');
    const groupCode = this.required(cas, 1);
    const group = ADJUSTMENT_GROUPS.find((g) => g === groupCode);
    if (!group) this.fail(cas, 1, `CAS01 ${groupCode} is not a group code (CO, OA, PI, PR)`);
    for (let triple = 0; triple < CAS_TRIPLES; triple++) {
      const at = 2 + triple * 3;
      const reason = value(cas, at);
      if (reason === undefined) {
        if (triple === 0) this.fail(cas, 2, 'CAS02 (the first reason code) is required');
        continue;
      }
      const quantity = value(cas, at + 2);
      const parsedQuantity = quantity === undefined ? undefined : quantityFromX12(quantity);
      if (quantity !== undefined && parsedQuantity === undefined)
        this.fail(cas, at + 2, `CAS${pad(at + 2)} "${quantity}" is not a quantity`);
      const amount = this.amount(cas, at + 1);
      if (!group) continue;
      const adjustment: Adjustment = { group, reason, amount };
      if (parsedQuantity !== undefined) adjustment.quantity = parsedQuantity;
      owner.adjustments.push(adjustment);
    }
  }

  /** PLB01 provider, PLB02 fiscal period end, then up to six reason:reference / amount pairs. */
  private acceptProviderAdjustments(plb: ReadSegment): void {
    const providerId = this.required(plb, 1);
    for (let pair = 0; pair < PLB_PAIRS; pair++) {
      const at = 3 + pair * 2;
      const identifier = value(plb, at);
      if (identifier === undefined) {
        if (pair === 0) this.fail(plb, 3, 'PLB03 (the first adjustment) is required');
        continue;
      }
      const [reason = '', reference] = identifier.split(this.componentSeparator);
      const adjustment: ProviderAdjustment = {
        segmentIndex: plb.index,
        providerId,
        reason,
        amount: this.amount(plb, at + 1),
      };
      if (reference) adjustment.reference = reference;
      this.current?.remittance.providerAdjustments.push(adjustment);
    }
  }

  /** BPR16: the date the money is effective. */
  private setPaymentDate(remittance: Remittance835, bpr: ReadSegment): void {
    const date = this.date(bpr, 16);
    if (date) remittance.payment.date = date;
  }

  /** DTM belongs to the open SVC, else the open CLP, else the header (DTM*405). */
  private acceptDate(dtm: ReadSegment): void {
    const qualifier = this.required(dtm, 1);
    const date = this.date(dtm, 2);
    if (!date) return;
    if (this.service) {
      if (qualifier === '472' || this.service.serviceDate === undefined)
        this.service.serviceDate = date;
    } else if (this.claim) {
      this.claim.dates[qualifier] = date;
    } else if (qualifier === '405' && this.current) {
      this.current.remittance.productionDate = date;
    }
  }

  private amount(segment: ReadSegment, position: number): Money {
    const text = this.required(segment, position);
    if (text === '') return Money.ZERO;
    const money = moneyFromX12(text);
    if (money) return money;
    this.fail(
      segment,
      position,
      `${segment.tag}${pad(position)} "${text}" is not an amount in cents`,
    );
    return Money.ZERO;
  }

  private date(segment: ReadSegment, position: number): string | undefined {
    const text = value(segment, position);
    if (text === undefined) return undefined;
    const date = dateFromX12(text);
    if (!date)
      this.fail(
        segment,
        position,
        `${segment.tag}${pad(position)} "${text}" is not a CCYYMMDD date`,
      );
    return date;
  }

  private required(segment: ReadSegment, position: number): string {
    const text = value(segment, position);
    if (text !== undefined) return text;
    this.fail(segment, position, `${segment.tag}${pad(position)} is required`);
    return '';
  }

  private fail(segment: ReadSegment, position: number | undefined, message: string): void {
    this.errors.push({
      segment: segment.tag,
      segmentIndex: segment.index,
      ...(position === undefined ? {} : { element: `${segment.tag}${pad(position)}` }),
      message,
    });
  }
}

/** XXnn's value, or undefined when absent or empty. */
function value(segment: ReadSegment, position: number): string | undefined {
  const text = segment.elements[position - 1];
  return text === undefined || text === '' ? undefined : text;
}

function pad(position: number): string {
  return String(position).padStart(2, '0');
}
