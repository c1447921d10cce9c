import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId, PatientLinkActor } from '../../../common/auth/caller';
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
import { invariant } from '../../../common/invariant';
import { PatientService } from '../../patient';
import { UserQueries } from '../../user';
import type {
  ConsentResponse,
  ListConsentsQuery,
  PatientConsentResponse,
  PatientSignConsentBody,
  RevokeConsentBody,
  SignConsentBody,
} from '../dto/consent.dto';
import {
  ConsentInstanceRepository,
  type ConsentInstanceRow,
} from '../repositories/consent-instance.repository';
import { ConsentContentChanged } from './consent-content-changed.error';
import { ConsentLifecycle } from './consent-lifecycle';
import { toConsentResponse, toPatientConsentResponse } from './consent.mapper';
import { comparableName, pngDataUrlProblem, signatureEvidenceOf } from './signature-image';

export const CONSENT_ENTITY = 'PatientConsentInstance';

/** A patient's reads and writes through their link are audited with this metadata. */
const VIA_PATIENT_LINK = { via: 'patient-link' } as const;

export interface SignedConsentForPrint {
  consent: ConsentResponse;
  recordedByName: string | null;
  witnessName: string | null;
  /** The stored signature: the typed name, or the drawn image's data URL. */
  signatureData: string | null;
}

/** The request a member of staff records a signature with: its evidence. */
export interface SigningRequest {
  ipAddress: string | undefined;
  userAgent: string | undefined;
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
    private readonly patients: PatientService,
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
    await this.audit.recordReads(db, caller, 'consent.read-pdf', CONSENT_ENTITY, [consent.id]);
    return this.forPrint(db, caller.clinicId, consent);
  }

  /**
   * The patient's signed consent (their plan's current one) as its PDF prints it, audited as
   * `consent.read-pdf` by the link. 404 when the plan has none, 409 before it is signed.
   */
  async patientSignedConsentForPrint(
    db: Db,
    actor: PatientLinkActor,
  ): Promise<SignedConsentForPrint> {
    const consent = await this.currentForPatient(db, actor);
    if (consent.signedAt === null) throw new InvalidStateTransition(consent.status, 'print');
    await this.audit.record(db, actor.audit, {
      action: 'consent.read-pdf',
      entityType: CONSENT_ENTITY,
      entityId: consent.id,
      metadata: VIA_PATIENT_LINK,
    });
    return this.forPrint(db, actor.clinicId, consent);
  }

  private async forPrint(
    db: Db,
    clinicId: ClinicId,
    consent: ConsentInstanceRow,
  ): Promise<SignedConsentForPrint> {
    const nameOf = async (userId: string | null) =>
      userId === null ? null : ((await this.users.findById(db, clinicId, userId))?.name ?? null);
    return {
      consent: toConsentResponse(consent),
      recordedByName: await nameOf(consent.recordedById),
      witnessName: await nameOf(consent.witnessId),
      signatureData: await this.instances.signatureDataOf(db, clinicId, consent.id),
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
   * member of staff recording it; `contentHash` proves the signer saw exactly this text. The
   * request's address and browser are kept as the signature's evidence.
   */
  signConsent(
    caller: Caller,
    id: string,
    body: SignConsentBody,
    ifMatch: number | undefined,
    request: SigningRequest = { ipAddress: undefined, userAgent: undefined },
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
          signatureChannel: 'STAFF',
          ...signatureEvidenceOf(request.ipAddress, request.userAgent),
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
          'signatureChannel',
          'signedIpAddress',
          'signedUserAgent',
        ],
        metadata: { procedurePlanId: consent.procedurePlanId },
      });
      return toConsentResponse(signed);
    });
  }

  /**
   * The patient's view of their plan's current consent, through their link: the text, its hash and
   * their signature's evidence. Audited as `consent.read` by the link. 404 when the plan has none.
   */
  forPatient(actor: PatientLinkActor): Promise<PatientConsentResponse> {
    return this.tx.run(async (db) => {
      const consent = await this.currentForPatient(db, actor);
      await this.audit.record(db, actor.audit, {
        action: 'consent.read',
        entityType: CONSENT_ENTITY,
        entityId: consent.id,
        metadata: VIA_PATIENT_LINK,
      });
      return toPatientConsentResponse(consent);
    });
  }

  /**
   * The patient signs their plan's current consent themselves, through their link
   * (docs/consents.md "The patient's own signature"): a PENDING consent, the text they were shown
   * (`contentHash`), their own full name typed, and a drawn signature (a PNG). Recorded as the
   * patient's (SELF, DRAWN, channel PATIENT_LINK, the link's id, no member of staff) with the
   * request's address and browser as evidence; `consent.sign` audited by the link.
   */
  signAsPatient(
    actor: PatientLinkActor,
    body: PatientSignConsentBody,
  ): Promise<PatientConsentResponse> {
    return this.tx.run(async (db) => {
      const consent = await this.currentForPatient(db, actor, { lock: true });
      this.lifecycle.assertAllows(consent, 'sign');
      if (body.contentHash.toLowerCase() !== consent.contentHash) throw new ConsentContentChanged();
      const imageProblem = pngDataUrlProblem(body.signatureImage);
      if (imageProblem !== null) throw ValidationFailed.field('signatureImage', imageProblem);
      const patient = await this.patients.findPatient(db, actor.clinicId, actor.patientId);
      invariant(patient, "a link's patient is its clinic's");
      const signerName = body.signerName.trim().replace(/\s+/g, ' ');
      if (
        signerName.length === 0 ||
        signerName.length > 200 ||
        comparableName(signerName) !== comparableName(`${patient.firstName} ${patient.lastName}`)
      ) {
        throw ValidationFailed.field(
          'signerName',
          'Type your own full name, first and last, as the clinic has it: only you can sign through your link',
        );
      }
      const signed = await this.lifecycle.fire(db, actor.audit, consent, 'sign', {
        changes: {
          signedAt: this.clock.now(),
          signerName,
          relationship: 'SELF',
          signatureMethod: 'DRAWN',
          signatureData: body.signatureImage,
          witnessId: null,
          recordedById: null,
          patientLinkId: actor.linkId,
          signatureChannel: 'PATIENT_LINK',
          ...signatureEvidenceOf(actor.ipAddress, actor.userAgent),
        },
        changedFields: [
          'status',
          'signedAt',
          'signerName',
          'relationship',
          'signatureMethod',
          'signatureData',
          'patientLinkId',
          'signatureChannel',
          'signedIpAddress',
          'signedUserAgent',
        ],
        metadata: { procedurePlanId: consent.procedurePlanId, ...VIA_PATIENT_LINK },
      });
      return toPatientConsentResponse(signed);
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

  /** The link's plan's current consent, only if it is the link's patient's; else 404. */
  private async currentForPatient(
    db: Db,
    actor: PatientLinkActor,
    options: { lock?: boolean } = {},
  ): Promise<ConsentInstanceRow> {
    const consent = options.lock
      ? await this.instances.lockCurrentForPlan(db, actor.clinicId, actor.procedurePlanId)
      : await this.instances.findCurrentForPlan(db, actor.clinicId, actor.procedurePlanId);
    if (!consent || consent.patientId !== actor.patientId) {
      throw new NotFound('Consent');
    }
    return consent;
  }

  /** A witness is a member of this clinic's staff whose account is active (any role). */
  private async assertActiveStaff(db: Db, clinicId: ClinicId, userId: string): Promise<void> {
    const user = await this.users.findById(db, clinicId, userId);
    if (!user?.active) {
      throw ValidationFailed.field('witnessId', 'Must be an active user of this clinic');
    }
  }
}
