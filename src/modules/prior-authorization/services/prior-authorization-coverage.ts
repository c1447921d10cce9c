import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { ProcedureType } from '../../procedure-plan/repositories/procedure-plan.schema';
import { PriorAuthorizationRepository } from '../repositories/prior-authorization.repository';
import { insuredCodeCoverage } from './insured-code-coverage';
import { insuredCptCodesOf } from './insured-cpt-codes';

/** One line of the scheduling readiness checklist (`PRIOR_AUTH_APPROVED`, docs/api.md). */
export interface PriorAuthCheck {
  required: boolean;
  ok: boolean;
  detail: string;
}

/**
 * Whether a plan's insured codes are authorized for its surgery (docs/design.md §4, check 3): what the
 * theater module's readiness check and scheduling ask. It runs in the caller's transaction and
 * share-locks the plan's authorizations, so none can be cancelled before that transaction ends.
 */
@Injectable()
export class PriorAuthorizationCoverage {
  constructor(private readonly authorizations: PriorAuthorizationRepository) {}

  /** surgeryDate YYYY-MM-DD, or null when no surgery date is known yet. */
  async checkFor(
    db: Db,
    clinicId: ClinicId,
    plan: {
      id: string;
      procedureType: ProcedureType;
      cptCodes: readonly string[];
      insuranceCptCodes: readonly string[];
    },
    surgeryDate: string | null,
    today: string,
  ): Promise<PriorAuthCheck> {
    const onFile =
      insuredCptCodesOf(plan).length === 0
        ? []
        : await this.authorizations.standingForPlan(db, clinicId, plan.id);
    return insuredCodeCoverage(plan, onFile, surgeryDate, today);
  }

  /**
   * For the claims module: the payer's number of the plan's APPROVED authorization (REF*G1), the
   * latest when there are several, or undefined when none is approved.
   */
  async approvedNumberFor(db: Db, clinicId: ClinicId, planId: string): Promise<string | undefined> {
    const standing = await this.authorizations.standingForPlan(db, clinicId, planId);
    const approved = standing.filter((a) => a.status === 'APPROVED' && a.authorizationNumber);
    return approved.at(-1)?.authorizationNumber ?? undefined;
  }
}
