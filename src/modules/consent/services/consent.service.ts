import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import {
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { UserQueries } from '../../user';
import type {
  ConsentResponse,
  ListConsentsQuery,
  RevokeConsentBody,
  SignConsentBody,
} from '../dto/consent.dto';
import {
  ConsentInstanceRepository,
  type ConsentInstanceRow,
} from '../repositories/consent-instance.repository';
import { ConsentContentChanged } from './consent-content-changed.error';
import { ConsentLifecycle } from './consent-lifecycle';
import { toConsentResponse } from './consent.mapper';

export const CONSENT_ENTITY = 'PatientConsentInstance';

export interface SignedConsentForPrint {
  consent: ConsentResponse;
  recordedByName: string | null;
  witnessName: string | null;
}

/**
 * Reading, signing and revoking a patient's consent (through ConsentLifecycle). Instances are
 * created by PlanConsentService.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly instances: ConsentInstanceRepository,
    private readonly users: UserQueries,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lifecycle: ConsentLifecycle,
  ) {}

  getConsent(caller: Caller, id: string): Promise<ConsentResponse> {
    return this.tx.run(async (db) => {
      const consent = await this.instances.findById(db, caller.clinicId, id);
      if (!consent) throw new NotFound(CONSENT_ENTITY, id);
      await this.audit.recordReads(db, caller, 'consent.read', CONSENT_ENTITY, [consent.id]);
      return toConsentResponse(consent);
    });
  }

  /**
   * A consent as its PDF prints it, in the caller's transaction, with the names of the staff who
   * recorded and witnessed the signature. Only a signed one (SIGNED, or REVOKED after signing):
   * before that there is nothing to print but a draft. Audited as `consent.read-pdf`.
   */
  async signedConsentForPrint(db: Db, caller: Caller, id: string): Promise<SignedConsentForPrint> {
    const consent = await this.instances.findById(db, caller.clinicId, id);
    if (!consent) throw new NotFound(CONSENT_ENTITY, id);
    if (consent.signedAt === null) throw new InvalidStateTransition(consent.status, 'print');
    const nameOf = async (userId: string | null) =>
      userId === null
        ? null
        : ((await this.users.findById(db, caller.clinicId, userId))?.name ?? null);
    await this.audit.recordReads(db, caller, 'consent.read-pdf', CONSENT_ENTITY, [consent.id]);
    return {
      consent: toConsentResponse(consent),
      recordedByName: await nameOf(consent.recordedById),
      witnessName: await nameOf(consent.witnessId),
    };
  }

  listConsents(caller: Caller, query: ListConsentsQuery): Promise<Page<ConsentResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.instances.list(db, caller.clinicId, query, query);
      await this.audit.recordReads(
        db,
        caller,
        'consent.list',
        CONSENT_ENTITY,
        page.data.map((c) => c.id),
      );
      return { data: page.data.map(toConsentResponse), nextCursor: page.nextCursor };
    });
  }

  /**
   * Records the patient's (or representative's) signature on a PENDING consent. The caller is the
   * member of staff recording it; `contentHash` proves the signer saw exactly this text.
   */
  signConsent(
    caller: Caller,
    id: string,
    body: SignConsentBody,
    ifMatch: number | undefined,
  ): Promise<ConsentResponse> {
    return this.tx.run(async (db) => {
      const consent = await this.lockConsent(db, caller.clinicId, id, ifMatch);
      this.lifecycle.assertAllows(consent, 'sign');
      if (body.contentHash !== consent.contentHash) throw new ConsentContentChanged();
      const witnessId = body.witnessId ?? null;
      if (witnessId !== null) await this.assertActiveStaff(db, caller.clinicId, witnessId);
      const signed = await this.lifecycle.fire(db, caller, consent, 'sign', {
        changes: {
          signedAt: this.clock.now(),
          signerName: body.signerName,
          relationship: body.relationship,
          signatureMethod: body.signatureMethod,
          signatureData: body.signatureData,
          witnessId,
          recordedById: caller.userId,
        },
        changedFields: [
          'status',
          'signedAt',
          'signerName',
          'relationship',
          'signatureMethod',
          'signatureData',
          ...(witnessId !== null ? ['witnessId'] : []),
          'recordedById',
        ],
        metadata: { procedurePlanId: consent.procedurePlanId },
      });
      return toConsentResponse(signed);
    });
  }

  /** The patient withdraws consent, before or after signing. The signed text and signature stay. */
  revokeConsent(
    caller: Caller,
    id: string,
    body: RevokeConsentBody,
    ifMatch: number | undefined,
  ): Promise<ConsentResponse> {
    return this.tx.run(async (db) => {
      const consent = await this.lockConsent(db, caller.clinicId, id, ifMatch);
      const revoked = await this.lifecycle.fire(db, caller, consent, 'revoke', {
        changes: { revokedAt: this.clock.now(), revokeReason: body.reason },
        metadata: { procedurePlanId: consent.procedurePlanId, previousStatus: consent.status },
      });
      return toConsentResponse(revoked);
    });
  }

  private async lockConsent(
    db: Db,
    clinicId: ClinicId,
    id: string,
    ifMatch: number | undefined,
  ): Promise<ConsentInstanceRow> {
    return lockedAtVersion(
      await this.instances.lockById(db, clinicId, id),
      ifMatch,
      CONSENT_ENTITY,
      id,
    );
  }

  /** A witness is a member of this clinic's staff whose account is active (any role). */
  private async assertActiveStaff(db: Db, clinicId: ClinicId, userId: string): Promise<void> {
    const user = await this.users.findById(db, clinicId, userId);
    if (!user?.active) {
      throw ValidationFailed.field('witnessId', 'Must be an active user of this clinic');
    }
  }
}
