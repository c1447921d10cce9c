import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  FdaChecklistRepository,
  type FdaChecklistChanges,
  type FdaChecklistRow,
} from '../repositories/fda-checklist.repository';
import {
  FDA_CHECKLIST_STATUSES,
  type FdaChecklistStatus,
} from '../repositories/fda-checklist.schema';

export const FDA_CHECKLIST_EVENTS = ['sign', 'attest', 'void'] as const;
export type FdaChecklistEvent = (typeof FDA_CHECKLIST_EVENTS)[number];

/**
 * A plan's checklist (docs/fda-checklist.md): the patient initials and signs it, then the surgeon
 * attests. `void` retires it when the plan is cancelled or no longer needs it. VOIDED is final.
 */
export const FDA_CHECKLIST_TRANSITIONS = new TransitionTable<FdaChecklistStatus, FdaChecklistEvent>(
  FDA_CHECKLIST_STATUSES,
  FDA_CHECKLIST_EVENTS,
  [
    { from: 'PENDING', event: 'sign', to: 'PATIENT_SIGNED' },
    { from: 'PATIENT_SIGNED', event: 'attest', to: 'COMPLETED' },
    { from: 'PENDING', event: 'void', to: 'VOIDED' },
    { from: 'PATIENT_SIGNED', event: 'void', to: 'VOIDED' },
    { from: 'COMPLETED', event: 'void', to: 'VOIDED' },
  ],
);

/** Writes a checklist's status (a new version) and `fda-checklist.<event>`. */
@Injectable()
export class FdaChecklistLifecycle extends StatusLifecycle<
  FdaChecklistStatus,
  FdaChecklistEvent,
  FdaChecklistRow,
  Omit<FdaChecklistChanges, 'status'>
> {
  protected readonly table = FDA_CHECKLIST_TRANSITIONS;
  protected readonly entityType = 'FdaChecklist';
  protected readonly action = 'fda-checklist';

  constructor(
    private readonly checklists: FdaChecklistRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: FdaChecklistStatus,
    changes: Omit<FdaChecklistChanges, 'status'> | undefined,
  ): Promise<FdaChecklistRow> {
    return this.checklists.update(db, clinicId, id, { ...changes, status });
  }
}
