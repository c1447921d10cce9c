import { Money } from '../../../common/money';
import type { RemittancePosting } from '../../billing';
import type {
  RemittanceAdjustmentJson,
  RemittanceServiceJson,
} from '../repositories/claim-snapshot';
import type { ClaimStatus } from '../repositories/claims.schema';
import type {
  Adjustment,
  Remittance835,
  RemittanceClaim,
  ServicePayment,
} from '../x12/remittance-835.model';

/** What a remit makes of a claim (docs/claims.md "Statuses"). */
export type Adjudication = 'PAID' | 'PARTIALLY_PAID' | 'DENIED';

/** The statuses a claim takes a remit from (the `remit` rows of CLAIM_TRANSITIONS). */
const ADJUDICABLE: readonly ClaimStatus[] = ['SUBMITTED', 'ACCEPTED', 'PARTIALLY_PAID', 'DENIED'];

/** CLP02 codes that adjudicate the claim: processed (1–3), denied (4), processed and forwarded (19–21). */
const POSTABLE_STATUS_CODES = new Set(['1', '2', '3', '4', '19', '20', '21']);

/** Why a CLP was kept without posting (docs/claims.md "Remittances", step 3). */
export const UNMATCHED_REASONS = {
  NO_SUCH_CLAIM: 'No claim of the clinic has this number (CLP01)',
  CLAIM_NOT_SUBMITTED: 'The claim is still a DRAFT: it was never sent',
  CLAIM_VOID: 'The claim is VOID',
  CLAIM_NOT_ADJUDICABLE:
    'The claim is REJECTED or already PAID: it takes no remittance until it is corrected',
  REVERSAL: 'A reversal of an earlier payment (CLP02 22): posted by hand',
  NOT_ADJUDICATED: 'Not an adjudication of this claim (CLP02 23 forwarded, or 25 predetermination)',
  SERVICE_NOT_ON_CLAIM: 'A service line (SVC) matches no line of the claim by code and modifiers',
  NEGATIVE_PAYMENT: 'A negative payment outside a reversal: posted by hand',
} as const;
export type UnmatchedReason = keyof typeof UNMATCHED_REASONS;

/** A claim line as the plan reads it: the code and modifiers an SVC is matched on, and its totals. */
export interface PlanClaimLine {
  lineNumber: number;
  billLineNumber: number;
  procedureCode: string;
  modifiers: string[];
  paidAmount: Money;
  adjustedAmount: Money;
  patientResponsibility: Money;
}

/** A claim whose number a CLP01 names, with its lines and what earlier 835s posted to it. */
export interface PlanClaim {
  id: string;
  claimNumber: string;
  billId: string;
  status: ClaimStatus;
  totalCharge: Money;
  paidAmount: Money;
  adjustedAmount: Money;
  patientResponsibility: Money;
  payerClaimControlNumber: string | null;
  lines: PlanClaimLine[];
}

/** A line's share of one CLP: what its SVC paid, adjusted (CO, OA, PI) and moved to the patient (PR). */
export interface PlannedLine {
  lineNumber: number;
  paid: Money;
  adjusted: Money;
  patientResponsibility: Money;
}

/** One CLP matched to a claim: its adjudication, the claim's and lines' new totals, the bill posting. */
export interface PlannedClaim {
  clp: RemittanceClaim;
  claim: PlanClaim;
  status: Adjudication;
  paid: Money;
  adjusted: Money;
  patientResponsibility: Money;
  /** Why it was denied (its CARC codes, `CO-50`), else null. */
  statusReason: string | null;
  /** The claim's totals after this CLP (its earlier postings included). */
  claimTotals: { paid: Money; adjusted: Money; patientResponsibility: Money };
  /** Each matched line's totals after this CLP. */
  lineTotals: PlannedLine[];
  adjustments: RemittanceAdjustmentJson[];
  services: RemittanceServiceJson[];
  /**
   * What moves on the bill: null for a denial, which moves no money (the insurance balance stays
   * open until billing corrects and resubmits, or voids).
   */
  billPosting: Pick<RemittancePosting, 'payments' | 'adjustments'> | null;
}

export interface UnmatchedClaim {
  clp: RemittanceClaim;
  reason: UnmatchedReason;
  adjustments: RemittanceAdjustmentJson[];
  services: RemittanceServiceJson[];
}

export interface RemittancePlan {
  claims: PlannedClaim[];
  unmatched: UnmatchedClaim[];
}

/**
 * What an 835 posts, computed and not written (docs/claims.md "Remittances"): each CLP matched by
 * CLP01 to a claim that takes a remit, each SVC to the claim line with the same code and
 * modifiers (in order), the claim's adjudication, and what its bill receives. The same function
 * answers `?preview=true` and drives the posting, so the preview is what would post. Pure:
 * `claims` holds the claims the CLPs name (by number), read by the caller.
 */
export function planRemittance(
  remittance: Remittance835,
  claims: ReadonlyMap<string, PlanClaim>,
): RemittancePlan {
  const plan: RemittancePlan = { claims: [], unmatched: [] };
  // Running state: two CLPs of one claim in one 835 post one after the other.
  const state = new Map<string, PlanClaim>();
  for (const clp of remittance.claims) {
    const known = claims.get(clp.patientControlNumber);
    const claim = known ? (state.get(known.id) ?? known) : undefined;
    const result = planClaim(clp, claim);
    if ('reason' in result) {
      plan.unmatched.push(result);
      continue;
    }
    plan.claims.push(result);
    state.set(result.claim.id, {
      ...result.claim,
      status: result.status,
      paidAmount: result.claimTotals.paid,
      adjustedAmount: result.claimTotals.adjusted,
      patientResponsibility: result.claimTotals.patientResponsibility,
      payerClaimControlNumber:
        result.claim.payerClaimControlNumber ?? clp.payerClaimControlNumber ?? null,
      lines: result.claim.lines.map((line) => {
        const total = result.lineTotals.find((t) => t.lineNumber === line.lineNumber);
        return total
          ? {
              ...line,
              paidAmount: total.paid,
              adjustedAmount: total.adjusted,
              patientResponsibility: total.patientResponsibility,
            }
          : line;
      }),
    });
  }
  return plan;
}

function planClaim(
  clp: RemittanceClaim,
  claim: PlanClaim | undefined,
): PlannedClaim | UnmatchedClaim {
  const adjustments = clp.adjustments.map(adjustmentJson);
  const unmatched = (reason: UnmatchedReason, lineNumbers: (number | null)[] = []) => ({
    clp,
    reason,
    adjustments,
    services: clp.services.map((svc, i) => serviceJson(svc, lineNumbers[i] ?? null)),
  });

  if (clp.status === '22') return unmatched('REVERSAL');
  if (!POSTABLE_STATUS_CODES.has(clp.status)) return unmatched('NOT_ADJUDICATED');
  if (!claim) return unmatched('NO_SUCH_CLAIM');
  if (claim.status === 'DRAFT') return unmatched('CLAIM_NOT_SUBMITTED');
  if (claim.status === 'VOID') return unmatched('CLAIM_VOID');
  if (!ADJUDICABLE.includes(claim.status)) return unmatched('CLAIM_NOT_ADJUDICABLE');
  if (clp.paid.isNegative() || clp.services.some((s) => s.paid.isNegative()))
    return unmatched('NEGATIVE_PAYMENT');

  // Each SVC to the first unused claim line with the same code and modifiers, in order.
  const used = new Set<number>();
  const matchedLines: (PlanClaimLine | undefined)[] = clp.services.map((svc) => {
    const line = claim.lines.find(
      (l) =>
        !used.has(l.lineNumber) &&
        l.procedureCode === svc.procedureCode &&
        sameModifiers(l.modifiers, svc.modifiers),
    );
    if (line) used.add(line.lineNumber);
    return line;
  });
  if (matchedLines.some((l) => l === undefined))
    return unmatched(
      'SERVICE_NOT_ON_CLAIM',
      matchedLines.map((l) => l?.lineNumber ?? null),
    );
  const lines = matchedLines.filter((l): l is PlanClaimLine => l !== undefined);

  const allAdjustments = [...clp.adjustments, ...clp.services.flatMap((s) => s.adjustments)];
  const paid = clp.paid;
  const adjusted = sumOf(allAdjustments, ['CO', 'OA', 'PI']);
  const patientResponsibility = sumOf(allAdjustments, ['PR']);
  const claimPaid = claim.paidAmount.plus(paid);
  // Denied: the payer says so (CLP02 4), or nothing is paid and nothing is the patient's.
  const denied = clp.status === '4' || (paid.isZero() && patientResponsibility.isZero());
  const status: Adjudication = denied
    ? 'DENIED'
    : claimPaid.compare(claim.totalCharge) === 0
      ? 'PAID'
      : 'PARTIALLY_PAID';

  const lineTotals = clp.services.map((svc, i) => {
    const line = lines[i] as PlanClaimLine;
    return {
      lineNumber: line.lineNumber,
      paid: line.paidAmount.plus(svc.paid),
      adjusted: line.adjustedAmount.plus(sumOf(svc.adjustments, ['CO', 'OA', 'PI'])),
      patientResponsibility: line.patientResponsibility.plus(sumOf(svc.adjustments, ['PR'])),
    };
  });

  const billPosting = denied
    ? null
    : {
        payments:
          clp.services.length === 0
            ? [{ amount: paid, billLineNumber: null }]
            : clp.services.map((svc, i) => ({
                amount: svc.paid,
                billLineNumber: (lines[i] as PlanClaimLine).billLineNumber,
              })),
        adjustments: [
          ...clp.adjustments.map((a) => ({ ...postingAdjustment(a), billLineNumber: null })),
          ...clp.services.flatMap((svc, i) =>
            svc.adjustments.map((a) => ({
              ...postingAdjustment(a),
              billLineNumber: (lines[i] as PlanClaimLine).billLineNumber,
            })),
          ),
        ],
      };

  return {
    clp,
    claim,
    status,
    paid,
    adjusted,
    patientResponsibility,
    statusReason: denied ? denialReason(allAdjustments) : null,
    claimTotals: {
      paid: claimPaid,
      adjusted: claim.adjustedAmount.plus(adjusted),
      patientResponsibility: claim.patientResponsibility.plus(patientResponsibility),
    },
    lineTotals,
    adjustments,
    services: clp.services.map((svc, i) => serviceJson(svc, lines[i]?.lineNumber ?? null)),
    billPosting,
  };
}

/** `CO-50, CO-97`: the CARC codes of a denial, or why none is given. */
function denialReason(adjustments: readonly Adjustment[]): string {
  const codes = [...new Set(adjustments.map((a) => `${a.group}-${a.reason}`))];
  return codes.length > 0 ? `Denied by the payer: ${codes.join(', ')}` : 'Denied by the payer';
}

function sameModifiers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

function sumOf(adjustments: readonly Adjustment[], groups: readonly string[]): Money {
  return Money.sum(adjustments.filter((a) => groups.includes(a.group)).map((a) => a.amount));
}

function postingAdjustment(a: Adjustment) {
  return { group: a.group, reason: a.reason, amount: a.amount };
}

export function adjustmentJson(a: Adjustment): RemittanceAdjustmentJson {
  return {
    group: a.group,
    reason: a.reason,
    amount: a.amount.toDecimal(),
    ...(a.quantity === undefined ? {} : { quantity: a.quantity }),
  };
}

function serviceJson(svc: ServicePayment, claimLineNumber: number | null): RemittanceServiceJson {
  return {
    segmentIndex: svc.segmentIndex,
    procedureCode: svc.procedureCode,
    modifiers: svc.modifiers,
    charge: svc.charge.toDecimal(),
    paid: svc.paid.toDecimal(),
    units: svc.units,
    claimLineNumber,
    adjustments: svc.adjustments.map(adjustmentJson),
  };
}

/** BPR04 → the payment method of the bill's payments: ACH a bank transfer, CHK a check. */
export function paymentMethodOf(bpr04: string): 'BANK_TRANSFER' | 'CHECK' | 'OTHER' {
  if (bpr04 === 'ACH') return 'BANK_TRANSFER';
  if (bpr04 === 'CHK') return 'CHECK';
  return 'OTHER';
}
