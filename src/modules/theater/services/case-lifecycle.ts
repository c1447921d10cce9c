import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import {
  SurgicalCaseRepository,
  type CaseChanges,
  type CaseRow,
} from '../repositories/surgical-case.repository';
import { CASE_STATUSES, type CaseStatus } from '../repositories/theater.schema';

export const CASE_EVENTS = ['move', 'start', 'record-usage', 'complete', 'cancel'] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

/**
 * A surgical case's state machine (docs/theater.md), the only place its status changes. A case is
 * created SCHEDULED (`POST /surgical-cases`); moving it keeps it SCHEDULED; usage is recorded
 * while it is IN_PROGRESS.
 */
export const CASE_TRANSITIONS = new TransitionTable<CaseStatus, CaseEvent>(
  CASE_STATUSES,
  CASE_EVENTS,
  [
    { from: 'SCHEDULED', event: 'move', to: 'SCHEDULED' },
    { from: 'SCHEDULED', event: 'start', to: 'IN_PROGRESS' },
    { from: 'IN_PROGRESS', event: 'record-usage', to: 'IN_PROGRESS' },
    { from: 'IN_PROGRESS', event: 'complete', to: 'COMPLETED' },
    { from: 'SCHEDULED', event: 'cancel', to: 'CANCELLED' },
  ],
);

export interface CaseTransitionOptions {
  /** Other fields the transition writes with the status. */
  changes?: Omit<CaseChanges, 'status'>;
  /** The audit event's field names; default `status` and the keys of `changes`. */
  changedFields?: string[];
  metadata?: Record<string, string | number | boolean>;
  /** False for `record-usage`: the usages are audited by inventory, the case only gets a version. */
  audit?: boolean;
}

/**
 * Fires a case's events. The caller holds the plan's lock and then the case's
 * (`SurgicalCaseService.lockPlanAndCase`); this checks the table, writes the status (a new
 * version) and the `surgical-case.<event>` audit event in the same transaction.
 */
@Injectable()
export class CaseLifecycle {
  constructor(
    private readonly cases: SurgicalCaseRepository,
    private readonly audit: AuditWriter,
  ) {}

  /** 409 unless the table takes `event` from the case's status; checked before the work. */
  assertAllows(theCase: CaseRow, event: CaseEvent): void {
    CASE_TRANSITIONS.next(theCase.status, event);
  }

  async fire(
    db: Db,
    caller: Caller,
    theCase: CaseRow,
    event: CaseEvent,
    options: CaseTransitionOptions = {},
  ): Promise<CaseRow> {
    const to = CASE_TRANSITIONS.next(theCase.status, event);
    const changes = options.changes ?? {};
    const updated = await this.cases.update(db, caller.clinicId, theCase.id, {
      ...changes,
      status: to,
    });
    if (options.audit !== false) {
      await this.audit.record(db, caller, {
        action: `surgical-case.${event}`,
        entityType: 'SurgicalCase',
        entityId: theCase.id,
        changedFields: options.changedFields ?? ['status', ...Object.keys(changes)],
        ...(options.metadata ? { metadata: options.metadata } : {}),
      });
    }
    return updated;
  }
}
