import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { ConsentTemplateHooks, PlanConsentService } from '../../consent';
import { ProcedurePlanRepository, type PlanRow } from '../repositories/procedure-plan.repository';

/** The plans that can still be given a consent: not yet scheduled, not ended. */
const AWAITING_CONSENT: readonly PlanRow['status'][] = ['DRAFT', 'QUOTED', 'APPROVED'];

/**
 * A plan whose codes no active template covered has no consent, and cannot be scheduled. When a
 * template becomes active (created, or reinstated), every such open plan of the clinic is given
 * the consent its codes now call for, in the same transaction: an admin who adds the missing
 * template unblocks the plans waiting for it, and a coordinator need not touch each one.
 */
@Injectable()
export class PlanConsentBackfill implements OnModuleInit {
  constructor(
    private readonly plans: ProcedurePlanRepository,
    private readonly consents: PlanConsentService,
    private readonly templateHooks: ConsentTemplateHooks,
  ) {}

  onModuleInit(): void {
    this.templateHooks.register((db, caller) => this.attachToPlansWithout(db, caller));
  }

  private async attachToPlansWithout(db: Db, caller: Caller): Promise<void> {
    const open = await this.plans.idsInStatuses(db, caller.clinicId, AWAITING_CONSENT);
    if (open.length === 0) return;
    const withConsent = await this.consents.summariesForPlans(db, caller.clinicId, open);
    for (const id of open.filter((planId) => !withConsent.has(planId))) {
      // Locked as every change of a plan is; it may have moved on since it was listed.
      const plan = await this.plans.lockById(db, caller.clinicId, id);
      if (!plan || !AWAITING_CONSENT.includes(plan.status)) continue;
      // The plan's answer shows its consent: a new version, so its ETag changes with it.
      if (await this.consents.attachForPlan(db, caller, plan)) {
        await this.plans.touch(db, caller.clinicId, plan.id);
      }
    }
  }
}
