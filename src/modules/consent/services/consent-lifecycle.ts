import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  ConsentInstanceRepository,
  type ConsentInstanceChanges,
  type ConsentInstanceRow,
} from '../repositories/consent-instance.repository';
import { CONSENT_STATUSES, type ConsentStatus } from '../repositories/consent.schema';

export const CONSENT_EVENTS = ['sign', 'revoke', 'void'] as const;
export type ConsentEvent = (typeof CONSENT_EVENTS)[number];

/**
 * A consent's state machine (docs/consents.md): a PENDING consent is signed, or revoked before
 * signing; a SIGNED one can be revoked. `void` retires the plan's current consent: a PENDING one
 * when the plan is cancelled, any current one when the plan's codes no longer fit it. VOIDED is
 * final.
 */
export const CONSENT_TRANSITIONS = new TransitionTable<ConsentStatus, ConsentEvent>(
  CONSENT_STATUSES,
  CONSENT_EVENTS,
  [
    { from: 'PENDING', event: 'sign', to: 'SIGNED' },
    { from: 'PENDING', event: 'revoke', to: 'REVOKED' },
    { from: 'SIGNED', event: 'revoke', to: 'REVOKED' },
    { from: 'PENDING', event: 'void', to: 'VOIDED' },
    { from: 'SIGNED', event: 'void', to: 'VOIDED' },
    { from: 'REVOKED', event: 'void', to: 'VOIDED' },
  ],
);

/**
 * Writes a consent's status (a new version) and `consent.<event>`. ConsentService (sign, revoke)
 * and PlanConsentService (void) fire it on the row they locked.
 */
@Injectable()
export class ConsentLifecycle extends StatusLifecycle<
  ConsentStatus,
  ConsentEvent,
  ConsentInstanceRow,
  Omit<ConsentInstanceChanges, 'status'>
> {
  protected readonly table = CONSENT_TRANSITIONS;
  protected readonly entityType = 'PatientConsentInstance';
  protected readonly action = 'consent';

  constructor(
    private readonly instances: ConsentInstanceRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: ConsentStatus,
    changes: Omit<ConsentInstanceChanges, 'status'> | undefined,
  ): Promise<ConsentInstanceRow> {
    return this.instances.update(db, clinicId, id, { ...changes, status });
  }
}
