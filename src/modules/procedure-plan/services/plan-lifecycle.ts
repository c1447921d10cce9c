import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
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

export interface PlanTransitionOptions {
  /** Other fields the transition writes with the status (the quote's money, the approval…). */
  changes?: Omit<PlanChanges, 'status'>;
  /** The audit event's field names; default `status` and the keys of `changes`. */
  changedFields?: string[];
  metadata?: Record<string, string | number | boolean>;
}

/**
 * Fires a plan's events for every module: procedure-plan's own use cases, theater (schedule,
 * unschedule, complete) and later ones. The caller has locked the plan (`PlanQueries.lock`) in its
 * transaction; this checks the table, writes the status (a new version) and the
 * `procedure-plan.<event>` audit event in the same transaction.
 */
@Injectable()
export class PlanLifecycle {
  constructor(
    private readonly plans: ProcedurePlanRepository,
    private readonly audit: AuditWriter,
  ) {}

  async fire(
    db: Db,
    caller: Caller,
    plan: PlanRow,
    event: PlanEvent,
    options: PlanTransitionOptions = {},
  ): Promise<PlanRow> {
    const to = PLAN_TRANSITIONS.next(plan.status, event);
    const changes = options.changes ?? {};
    const updated = await this.plans.update(db, caller.clinicId, plan.id, {
      ...changes,
      status: to,
    });
    await this.audit.record(db, caller, {
      action: `procedure-plan.${event}`,
      entityType: 'ProcedurePlan',
      entityId: plan.id,
      changedFields: options.changedFields ?? ['status', ...Object.keys(changes)],
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
    return updated;
  }

  /**
   * 409 unless the table takes `event` from the plan's status: a use case checks right after it
   * locks the plan, before it does the work that `fire` then records. Edits check `replan`.
   */
  assertAllows(plan: PlanRow, event: PlanEvent): void {
    PLAN_TRANSITIONS.next(plan.status, event);
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
