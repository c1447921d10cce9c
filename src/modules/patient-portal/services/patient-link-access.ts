import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditWriter } from '../../../common/audit/audit-writer';
import { trustedClinicId, type PatientLinkActor } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { ValidationFailed } from '../../../common/errors/domain-error';
import { PatientService } from '../../patient';
import { PlanQueries } from '../../procedure-plan';
import {
  PatientLinkRepository,
  type PatientLinkRow,
} from '../repositories/patient-link.repository';
import { MAX_DOB_ATTEMPTS } from '../repositories/patient-link.schema';
import { PatientLinkDobMismatch, PatientLinkInvalid } from './patient-link-errors';

/** 256 random bits, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_USER_AGENT = 512;

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashLinkToken(token) };
}

/** The stored form of a token. A token carries 256 random bits, so a fast hash is enough. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface LinkPresentation {
  /** The bearer token of the request, unchecked. */
  token: string | undefined;
  /** The date of birth the patient typed, unchecked. */
  dateOfBirth: unknown;
  ipAddress: string;
  userAgent: string | undefined;
  requestId: string;
}

/**
 * Who a patient-portal request is (docs/patient-portal.md): a live link's token and the patient's
 * date of birth, both on every request. Anything wrong with the link itself is the one
 * PATIENT_LINK_INVALID answer; a wrong date of birth is counted in its own transaction (it stays
 * counted whatever the request does next) and locks the link at MAX_DOB_ATTEMPTS.
 */
@Injectable()
export class PatientLinkAccess {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly links: PatientLinkRepository,
    private readonly plans: PlanQueries,
    private readonly patients: PatientService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async authenticate(presented: LinkPresentation): Promise<PatientLinkActor> {
    if (presented.token === undefined || !TOKEN.test(presented.token)) {
      throw new PatientLinkInvalid();
    }
    const tokenHash = hashLinkToken(presented.token);
    const dateOfBirth = presented.dateOfBirth;
    if (typeof dateOfBirth !== 'string' || !ISO_DATE.test(dateOfBirth)) {
      throw ValidationFailed.field(
        'dateOfBirth',
        'The date of birth is required, as YYYY-MM-DD (header X-Patient-Date-Of-Birth)',
      );
    }
    const outcome = await this.tx.run(async (db) => {
      const link = await this.links.findByTokenHash(db, tokenHash);
      if (!link || !this.live(link)) throw new PatientLinkInvalid();
      const clinicId = trustedClinicId(link.clinicId);
      const plan = await this.plans.findById(db, clinicId, link.procedurePlanId);
      if (!plan || plan.status === 'CANCELLED') throw new PatientLinkInvalid();
      const patient = await this.patients.findPatient(db, clinicId, link.patientId);
      if (!patient) throw new PatientLinkInvalid();
      const actor = toActor(link, presented);
      if (patient.dateOfBirth !== dateOfBirth) {
        const counted = await this.links.countFailedAttempt(db, clinicId, link.id);
        if (!counted) throw new PatientLinkInvalid();
        const attemptsLeft = MAX_DOB_ATTEMPTS - counted.failedAttempts;
        await this.audit.record(db, actor.audit, {
          action: attemptsLeft > 0 ? 'patient-link.dob-mismatch' : 'patient-link.lock',
          entityType: 'PatientLink',
          entityId: link.id,
          changedFields: attemptsLeft > 0 ? ['failedAttempts'] : ['failedAttempts', 'lockedAt'],
          metadata: { via: 'patient-link', attemptsLeft },
        });
        // Thrown after the transaction commits: the attempt stays counted.
        return new PatientLinkDobMismatch(attemptsLeft);
      }
      await this.links.touch(db, clinicId, link.id);
      return actor;
    });
    if (outcome instanceof PatientLinkDobMismatch) throw outcome;
    return outcome;
  }

  live(link: PatientLinkRow): boolean {
    return (
      link.revokedAt === null &&
      link.lockedAt === null &&
      link.expiresAt.getTime() > this.clock.now().getTime()
    );
  }
}

function toActor(link: PatientLinkRow, presented: LinkPresentation): PatientLinkActor {
  const clinicId = trustedClinicId(link.clinicId);
  return {
    linkId: link.id,
    clinicId,
    patientId: link.patientId,
    procedurePlanId: link.procedurePlanId,
    requestId: presented.requestId,
    ipAddress: presented.ipAddress,
    userAgent: (presented.userAgent ?? '').slice(0, MAX_USER_AGENT),
    expiresAt: link.expiresAt,
    audit: { clinicId, userId: link.id, requestId: presented.requestId },
  };
}
