import { fromCents, toCents } from '../../../lib/money';
import type { ClaimStatus } from './types';

/** The claim statuses of docs/claims.md, as the filter offers them. */
export const CLAIM_STATUS_OPTIONS: { value: ClaimStatus; label: string }[] = [
  { value: 'DRAFT', label: 'Draft' },
  { value: 'SUBMITTED', label: 'Submitted' },
  { value: 'ACCEPTED', label: 'Accepted' },
  { value: 'REJECTED', label: 'Rejected' },
  { value: 'PAID', label: 'Paid' },
  { value: 'PARTIALLY_PAID', label: 'Partially paid' },
  { value: 'DENIED', label: 'Denied' },
  { value: 'VOID', label: 'Void' },
];

export function isClaimStatus(value: string | null): value is ClaimStatus {
  return CLAIM_STATUS_OPTIONS.some((o) => o.value === value);
}

/** CLM05-3 in words. */
export const FREQUENCY_LABELS: Record<string, string> = {
  '1': 'Original',
  '7': 'Replacement (7)',
  '8': 'Void (8)',
};

/** CLM05-1 in words (the billing profile's choices). */
export const PLACE_OF_SERVICE_LABELS: Record<string, string> = {
  '11': '11 · Office',
  '22': '22 · Outpatient hospital',
  '24': '24 · Ambulatory surgical center',
};

/** SBR02 in words. */
export const RELATIONSHIP_LABELS: Record<string, string> = {
  '18': 'Self',
  '01': 'Spouse',
  '19': 'Child',
  G8: 'Other relationship',
};

/** What billing may do to a claim in this status (docs/claims.md "Statuses"). */
export interface ClaimActions {
  accept: boolean;
  reject: boolean;
  void: boolean;
  /** A corrected claim (7) or a void claim (8): a new DRAFT claim. */
  correct: boolean;
}

export function claimActions(claim: { status: ClaimStatus; frequency: string }): ClaimActions {
  const { status } = claim;
  const adjudicatedOrAccepted = ['ACCEPTED', 'PAID', 'PARTIALLY_PAID', 'DENIED'].includes(status);
  return {
    accept: status === 'SUBMITTED',
    reject: status === 'SUBMITTED' || status === 'ACCEPTED',
    void: status === 'DRAFT' || status === 'REJECTED',
    // A void claim (8) is itself not corrected again.
    correct: adjudicatedOrAccepted && claim.frequency !== '8',
  };
}

/** "12 days", "today", or "—" for a claim not yet submitted. */
export function agingLabel(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  if (days === 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

/** Aging past 30 days is worth a look; past 60, a call to the payer. */
export function agingColor(days: number | null | undefined): string | undefined {
  if (days === null || days === undefined) return undefined;
  if (days > 60) return 'red.9';
  if (days > 30) return 'orange.9';
  return undefined;
}

/** A bill a claim can be made for: OPEN, with something still owed by the insurer. */
export function canClaimBill(bill: { status: string; insuranceBalance: string }): boolean {
  return bill.status === 'OPEN' && toCents(bill.insuranceBalance) > 0n;
}

/**
 * Whether a bill may get a new claim, given the claims it has: only when each is VOID or REJECTED.
 * One in flight (DRAFT, SUBMITTED, ACCEPTED) blocks it (the API's 409), and one the payer
 * adjudicated (PAID, PARTIALLY_PAID, DENIED) is corrected (frequency 7) from its own page instead.
 */
export function canMakeNewClaim(claims: readonly { status: ClaimStatus }[]): boolean {
  return claims.every((c) => c.status === 'VOID' || c.status === 'REJECTED');
}

/** Where a person fixes what a claim lacks: a screen of the app, and its name. */
export interface FixLink {
  label: string;
  to: string;
}

/**
 * Where to fix a field the claim builder says is missing (422 CLAIM_DATA_MISSING `errors[]`): the
 * billing profile, the payers, the patient's insurance, the surgeon's NPI (Settings → Staff), or
 * the plan (diagnoses, prior authorization). Read from the path and, when the path is vague, the
 * message; null when the error names nothing a screen edits.
 */
export function fixLinkFor(
  error: { path: string; message: string },
  context: { patientId?: string; procedurePlanId?: string },
): FixLink | null {
  const text = `${error.path} ${error.message}`.toLowerCase();
  const patient = context.patientId === undefined ? null : `/patients/${context.patientId}`;
  const plan = context.procedurePlanId === undefined ? null : `/plans/${context.procedurePlanId}`;
  if (
    /billingprofile|billing profile|billingprovider|submitter|receiver|taxid|\bein\b|clinic/.test(
      text,
    )
  ) {
    return { label: 'Settings → Billing profile', to: '/settings/billing-profile' };
  }
  if (/rendering|surgeon|\bnpi\b|taxonomy/.test(text)) {
    return { label: 'Settings → Staff (surgeon NPI)', to: '/settings/users' };
  }
  if (/payer\.?payerid|payer id|payerid/.test(text)) {
    return { label: 'Settings → Payers', to: '/settings/payers' };
  }
  if (/insurance|subscriber|member|group|payer|policy/.test(text) && patient !== null) {
    return { label: "The patient's insurance for claims", to: patient };
  }
  if (/diagnos|icd|prior ?auth|authorization/.test(text) && plan !== null) {
    return { label: 'The procedure plan', to: plan };
  }
  if (
    /patient|dateofbirth|date of birth|address|sex/.test(text) &&
    context.patientId !== undefined
  ) {
    return { label: "The patient's details", to: `/patients/${context.patientId}` };
  }
  return null;
}

/** Sums decimal strings exactly (cents), answering a decimal string. */
export function sumMoney(amounts: readonly string[]): string {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0n));
}

/** The file name of an interchange's 837P: `837P-000000012.txt`. */
export function x12FileName(kind: '837P' | '835', controlNumber: number | string): string {
  return `${kind}-${String(controlNumber).padStart(9, '0')}.txt`;
}

/** "CO-45", the CARC group and reason as a payer writes them. */
export function carcLabel(group: string, reason: string): string {
  return `${group}-${reason}`;
}

/** The CARC groups in words (docs/claims.md "Remittances"). */
export const ADJUSTMENT_GROUP_LABELS: Record<string, string> = {
  CO: 'Contractual (written off)',
  PR: 'Patient responsibility (moved to the patient)',
  OA: 'Other adjustment',
  PI: 'Payer initiated',
};

/**
 * The serial numbers a claim line's note carries (`SN SN12345 SN12346`, the NTE*ADD of an implant
 * line), and any other text of the note.
 */
export function serialsOfNote(note: string | null): { serials: string[]; text: string | null } {
  if (note === null || note.trim() === '') return { serials: [], text: null };
  const match = /^\s*SN\s+(.+)$/.exec(note);
  if (match === null) return { serials: [], text: note };
  return { serials: match[1]!.split(/[\s,]+/).filter((s) => s !== ''), text: null };
}

/** "SUBMITTED → ACCEPTED", or the new status alone for the first event. */
export function transitionLabel(from: string | null, to: string): string {
  const word = (s: string) => s.replace(/_/g, ' ');
  return from === null ? word(to) : `${word(from)} → ${word(to)}`;
}

/**
 * The CAS adjustments of a CLP (its own and its service lines'), one per group and reason with the
 * amounts summed, in the order first met: "CO-45 1200.00, PR-1 500.00".
 */
export function adjustmentTotals(clp: {
  adjustments: readonly { group: string; reason: string; amount: string }[];
  services: readonly {
    adjustments: readonly { group: string; reason: string; amount: string }[];
  }[];
}): { code: string; group: string; amount: string }[] {
  const totals = new Map<string, { group: string; cents: bigint }>();
  const all = [...clp.adjustments, ...clp.services.flatMap((s) => s.adjustments)];
  for (const a of all) {
    const code = carcLabel(a.group, a.reason);
    const entry = totals.get(code) ?? { group: a.group, cents: 0n };
    entry.cents += toCents(a.amount);
    totals.set(code, entry);
  }
  return [...totals].map(([code, { group, cents }]) => ({ code, group, amount: fromCents(cents) }));
}

/**
 * Where an 835 error is, for the table of a 400 INVALID_X12: the segment (or element, `CLP04`)
 * and its 1-based position in the file, from the error's `segment`/`segmentIndex` when the API
 * gives them, else from its path (`BPR02@4`).
 */
export function x12ErrorPlace(error: { path: string; segment?: unknown; segmentIndex?: unknown }): {
  segment: string;
  position: string;
} {
  const [name = '', index] = error.path.split('@');
  const segment = name !== '' ? name : typeof error.segment === 'string' ? error.segment : '—';
  const position =
    typeof error.segmentIndex === 'number'
      ? `segment ${error.segmentIndex}`
      : index !== undefined && index !== ''
        ? `segment ${index}`
        : '—';
  return { segment, position };
}

/** A non-error alert's title in the page's text colour: the coloured one falls short of 4.5:1. */
export const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };
