import { Injectable } from '@nestjs/common';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { PlanConsentService } from '../../consent/services/plan-consent.service';
import type { ReadinessCode, ReadinessResponse } from '../dto/procedure-plan-response.dto';
import { ProcedurePlanRepository, type PlanRow } from '../repositories/procedure-plan.repository';
import { PlanInventoryService } from './plan-inventory.service';

interface Check {
  code: ReadinessCode;
  required: boolean;
  ok: boolean;
  detail: string;
}

/**
 * The seed's "Before Surgery Can Be Scheduled" (DESIGN.md §4), in one place: GET …/readiness
 * answers it, and scheduling a case (issue 6) refuses with the unmet ones from this same method.
 * Prior authorization needs a later module (issue 6): until then that check is unmet whenever
 * it is required.
 */
@Injectable()
export class PlanReadinessService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly plans: ProcedurePlanRepository,
    private readonly consents: PlanConsentService,
    private readonly inventory: PlanInventoryService,
  ) {}

  getReadiness(caller: Caller, planId: string): Promise<ReadinessResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.plans.findById(db, caller.clinicId, planId);
      if (!plan) throw new NotFound('ProcedurePlan', planId);
      return this.checklist(db, caller.clinicId, plan);
    });
  }

  async checklist(db: Db, clinicId: ClinicId, plan: PlanRow): Promise<ReadinessResponse> {
    const consent = (await this.consents.summariesForPlans(db, clinicId, [plan.id])).get(plan.id);
    const requirements = (await this.plans.requirementsOf(db, clinicId, [plan.id])).filter(
      (r) => r.isRequired,
    );
    const availability = new Map(
      (await this.inventory.availabilityOf(db, clinicId, plan.id)).map((a) => [a.requirementId, a]),
    );
    // Implants must be reserved by serial number; other supplies need only be on the shelf.
    const unready = requirements.filter((r) => {
      const allocated = availability.get(r.id)?.allocated ?? 0;
      const available = availability.get(r.id)?.available ?? 0;
      return r.requiresSerialNumber ? allocated < r.quantity : allocated + available < r.quantity;
    });
    const checks: Check[] = [
      {
        code: 'PLAN_APPROVED',
        required: true,
        ok: plan.status === 'APPROVED',
        detail:
          plan.status === 'APPROVED'
            ? 'The patient approved the plan'
            : `The plan is ${plan.status}, not APPROVED`,
      },
      consent
        ? {
            code: 'CONSENT_SIGNED',
            required: true,
            ok: consent.status === 'SIGNED',
            detail:
              consent.status === 'SIGNED'
                ? `Consent ${consent.templateCode} is signed`
                : `Consent ${consent.templateCode} is ${consent.status}: it must be signed`,
          }
        : {
            code: 'CONSENT_SIGNED',
            required: false,
            ok: true,
            detail: 'No procedure-specific consent template matches the plan',
          },
      plan.procedureType === 'COSMETIC'
        ? {
            code: 'PRIOR_AUTH_APPROVED',
            required: false,
            ok: true,
            detail: 'A cosmetic plan needs no prior authorization',
          }
        : {
            code: 'PRIOR_AUTH_APPROVED',
            required: true,
            ok: false,
            detail: `A ${plan.procedureType} plan needs an approved prior authorization covering its insured codes`,
          },
      requirements.length === 0
        ? {
            code: 'INVENTORY_READY',
            required: false,
            ok: true,
            detail: 'The plan requires no inventory',
          }
        : {
            code: 'INVENTORY_READY',
            required: true,
            ok: unready.length === 0,
            detail:
              unready.length === 0
                ? 'Every implant is reserved and every other required item is in stock'
                : `Not ready: ${unready
                    .map(
                      (r) =>
                        `${r.itemCode} ×${r.quantity} ${r.requiresSerialNumber ? 'not reserved' : 'not in stock'}`,
                    )
                    .join(', ')}`,
          },
    ];
    return { ready: checks.every((c) => !c.required || c.ok), checks };
  }
}
