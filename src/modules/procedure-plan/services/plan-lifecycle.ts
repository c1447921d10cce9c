import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  ProcedurePlanRepository,
  type PlanChanges,
  type PlanRow,
} from '../repositories/procedure-plan.repository';
import { PLAN_STATUSES, type PlanStatus } from '../repositories/procedure-plan.schema';

export const PLAN_EVENTS = [
  'quote',
  'approve',
  'schedule',
  'unschedule',
  'complete',
  'cancel',
  'replan',
] as const;
export type PlanEvent = (typeof PLAN_EVENTS)[number];

/**
 * A procedure plan's state machine (docs/procedure-plans.md "Status"), the only place its status
 * changes. `replan` is an edit (of the plan, or a requirement added or removed): it returns a
 * QUOTED plan to DRAFT and leaves a DRAFT one as it is; any other status cannot be edited.
 */
export const PLAN_TRANSITIONS = new TransitionTable<PlanStatus, PlanEvent>(
  PLAN_STATUSES,
  PLAN_EVENTS,
  [
    { from: 'DRAFT', event: 'quote', to: 'QUOTED' },
    { from: 'QUOTED', event: 'quote', to: 'QUOTED' },
    { from: 'QUOTED', event: 'approve', to: 'APPROVED' },
    { from: 'APPROVED', event: 'schedule', to: 'SCHEDULED' },
    { from: 'SCHEDULED', event: 'unschedule', to: 'APPROVED' },
    { from: 'SCHEDULED', event: 'complete', to: 'COMPLETED' },
    { from: 'DRAFT', event: 'cancel', to: 'CANCELLED' },
    { from: 'QUOTED', event: 'cancel', to: 'CANCELLED' },
    { from: 'APPROVED', event: 'cancel', to: 'CANCELLED' },
    { from: 'SCHEDULED', event: 'cancel', to: 'CANCELLED' },
    { from: 'DRAFT', event: 'replan', to: 'DRAFT' },
    { from: 'QUOTED', event: 'replan', to: 'DRAFT' },
  ],
);

/**
 * Fires a plan's events for every module: procedure-plan's own use cases, theater (schedule,
 * unschedule, complete) and later ones. The caller has locked the plan (`PlanQueries.lock`) in its
 * transaction; `fire` checks the table, writes the status (a new version) and the
 * `procedure-plan.<event>` audit event in the same transaction.
 */
@Injectable()
export class PlanLifecycle extends StatusLifecycle<
  PlanStatus,
  PlanEvent,
  PlanRow,
  Omit<PlanChanges, 'status'>
> {
  protected readonly table = PLAN_TRANSITIONS;
  protected readonly entityType = 'ProcedurePlan';
  protected readonly action = 'procedure-plan';

  constructor(
    private readonly plans: ProcedurePlanRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: PlanStatus,
    changes: Omit<PlanChanges, 'status'> | undefined,
  ): Promise<PlanRow> {
    return this.plans.update(db, clinicId, id, { ...changes, status });
  }

  /**
   * The status change an edit writes in its own update (one new version, its own audit event):
   * a QUOTED plan returns to DRAFT without money; a DRAFT plan keeps its status.
   */
  replanChanges(plan: PlanRow): PlanChanges {
    const to = PLAN_TRANSITIONS.next(plan.status, 'replan');
    if (to === plan.status) return {};
    return { status: to, estimatedCost: null, insurancePortion: null, patientPortion: null };
  }
}
