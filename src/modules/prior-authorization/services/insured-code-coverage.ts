import { baseCptCode } from '../../codes';
import type { PriorAuthStatus } from '../repositories/prior-authorization.schema';
import { insuredCptCodesOf, type InsuredCodesOfPlan } from './insured-cpt-codes';
import type { PriorAuthCheck } from './prior-authorization-coverage';

/** What the rule needs of one of the plan's authorizations (cancelled ones are left out). */
export interface AuthorizationOnFile {
  referenceNumber: string;
  status: PriorAuthStatus;
  authorizationNumber: string | null;
  cptCodes: readonly string[];
  approvedCptCodes: readonly string[];
  validFrom: string | null;
  validTo: string | null;
}

interface Approval extends AuthorizationOnFile {
  validFrom: string;
  validTo: string;
}

/**
 * docs/design.md §4, scheduling check 3: every insured code of a RECONSTRUCTIVE or HYBRID plan must be
 * covered by an APPROVED authorization that lists it (base codes compared, so `19325` covers
 * `19325-50`) and whose window, both ends included, holds the surgery date; with no date yet,
 * a window that has not ended by `today` will do. Several approvals may share the codes out.
 * Dates are `YYYY-MM-DD`, so they compare as strings.
 *
 * The detail says what is missing in the coordinator's words: which code, which authorization
 * and its window, and which requests are still waiting for the payer.
 */
export function insuredCodeCoverage(
  plan: InsuredCodesOfPlan,
  authorizations: readonly AuthorizationOnFile[],
  surgeryDate: string | null,
  today: string,
): PriorAuthCheck {
  if (plan.procedureType === 'COSMETIC')
    return { required: false, ok: true, detail: 'A cosmetic plan needs no prior authorization' };
  const insured = [...new Set(insuredCptCodesOf(plan))];
  if (insured.length === 0)
    return {
      required: false,
      ok: true,
      detail:
        'No code of this HYBRID plan is billed to insurance, so no prior authorization is needed',
    };

  const approvals = authorizations.filter(isApproval);
  const fits = (a: Approval): boolean =>
    surgeryDate === null
      ? a.validTo >= today
      : a.validFrom <= surgeryDate && surgeryDate <= a.validTo;
  const coveringNow = (code: string): Approval | undefined =>
    approvals.find((a) => fits(a) && lists(a.approvedCptCodes, code));

  const missing = insured.filter((code) => coveringNow(code) === undefined);
  if (missing.length === 0) {
    return {
      required: true,
      ok: true,
      detail: [...groupBy(insured, coveringNow)]
        .map(([a, codes]) =>
          surgeryDate === null
            ? `${label(a)} covers ${codes.join(', ')}, valid ${a.validFrom} to ${a.validTo}`
            : `${label(a)} covers ${codes.join(', ')} on ${surgeryDate}`,
        )
        .join('; '),
    };
  }

  const reasons: string[] = [];
  const neverApproved = missing.filter(
    (code) => !approvals.some((a) => lists(a.approvedCptCodes, code)),
  );
  if (neverApproved.length > 0) {
    const when = surgeryDate === null ? '' : ` on ${surgeryDate}`;
    reasons.push(`No approved prior authorization covers ${neverApproved.join(', ')}${when}`);
  }
  // Codes the payer approved, but for another window.
  const outOfWindow = groupBy(missing, (code) =>
    approvals.find((a) => lists(a.approvedCptCodes, code)),
  );
  for (const [a, codes] of outOfWindow) {
    reasons.push(
      surgeryDate === null
        ? `${label(a)} for ${codes.join(', ')} expired on ${a.validTo}`
        : `${label(a)} for ${codes.join(', ')} is valid ${a.validFrom} to ${a.validTo}; the surgery is on ${surgeryDate}`,
    );
  }
  // Requests the payer has not (or not favourably) answered, for the codes nothing approved.
  for (const a of authorizations) {
    const asked = neverApproved.filter((code) => lists(a.cptCodes, code));
    if (asked.length > 0 && a.status !== 'APPROVED')
      reasons.push(`${a.referenceNumber} for ${asked.join(', ')} ${STILL[a.status]}`);
  }
  return { required: true, ok: false, detail: reasons.join('; ') };
}

const STILL: Record<PriorAuthStatus, string> = {
  DRAFT: 'is a draft, not yet submitted to the payer',
  SUBMITTED: "is submitted, awaiting the payer's decision",
  APPROVED: 'is approved',
  DENIED: 'was denied by the payer',
  CANCELLED: 'was cancelled',
};

function isApproval(a: AuthorizationOnFile): a is Approval {
  return a.status === 'APPROVED' && a.validFrom !== null && a.validTo !== null;
}

function lists(codes: readonly string[], code: string): boolean {
  const base = baseCptCode(code);
  return codes.some((c) => baseCptCode(c) === base);
}

function label(a: Approval): string {
  return a.authorizationNumber === null
    ? a.referenceNumber
    : `${a.referenceNumber} (${a.authorizationNumber})`;
}

/** Codes grouped by a key, in the order first seen; codes without a key are left out. */
function groupBy<K>(
  codes: readonly string[],
  keyOf: (code: string) => K | undefined,
): Map<K, string[]> {
  const groups = new Map<K, string[]>();
  for (const code of codes) {
    const key = keyOf(code);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), code]);
  }
  return groups;
}
