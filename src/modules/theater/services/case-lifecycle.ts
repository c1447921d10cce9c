import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
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

/**
 * Fires a case's events. The caller holds the plan's lock and then the case's
 * (`SurgicalCaseService.lockPlanAndCase`); `fire` checks the table, writes the status (a new
 * version) and the `surgical-case.<event>` audit event in the same transaction. `record-usage`
 * fires with `audit: false`: the usages are audited by inventory, the case only gets a version.
 */
@Injectable()
export class CaseLifecycle extends StatusLifecycle<
  CaseStatus,
  CaseEvent,
  CaseRow,
  Omit<CaseChanges, 'status'>
> {
  protected readonly table = CASE_TRANSITIONS;
  protected readonly entityType = 'SurgicalCase';
  protected readonly action = 'surgical-case';

  constructor(
    private readonly cases: SurgicalCaseRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: CaseStatus,
    changes: Omit<CaseChanges, 'status'> | undefined,
  ): Promise<CaseRow> {
    return this.cases.update(db, clinicId, id, { ...changes, status });
  }
}
