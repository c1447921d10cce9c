import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../../common/config/app-config';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { InvalidStateTransition, NotFound } from '../../../common/errors/domain-error';
import { newId } from '../../../common/ids';
import { Mailer, MailNotConfigured } from '../../../common/mail/mailer';
import { ClinicService } from '../../clinic';
import { PatientService } from '../../patient';
import { PlanCancellationHooks, PlanQueries } from '../../procedure-plan';
import type {
  CreatePatientLinkBody,
  PatientLinkCreated,
  PatientLinkList,
  PatientLinkResponse,
  PatientLinkStatus,
} from '../dto/patient-link.dto';
import {
  PatientLinkRepository,
  type PatientLinkListRow,
} from '../repositories/patient-link.repository';
import { PatientEmailMissing } from './patient-link-errors';
import { newLinkToken } from './patient-link-access';

const ENTITY = 'PatientLink';
const HOUR_MS = 3_600_000;

/**
 * The staff's side of patient links (docs/patient-portal.md): make one for a plan's patient, sent
 * by email or shown once to copy, list a plan's links, revoke one. Cancelling a plan revokes its
 * links in the cancellation's transaction.
 */
@Injectable()
export class PatientLinkService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly links: PatientLinkRepository,
    private readonly plans: PlanQueries,
    private readonly patients: PatientService,
    private readonly clinics: ClinicService,
    private readonly mailer: Mailer,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly cancellation: PlanCancellationHooks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.cancellation.register(async (db, caller, plan) => {
      const revoked = await this.links.revokeAllForPlan(db, caller.clinicId, plan.id, {
        revokedById: caller.userId,
        revokeReason: 'plan cancelled',
      });
      for (const id of revoked) {
        await this.audit.record(db, caller, {
          action: 'patient-link.revoke',
          entityType: ENTITY,
          entityId: id,
          changedFields: ['revokedAt', 'revokedById', 'revokeReason'],
          metadata: { procedurePlanId: plan.id, reason: 'plan cancelled' },
        });
      }
    });
  }

  create(caller: Caller, planId: string, body: CreatePatientLinkBody): Promise<PatientLinkCreated> {
    if (body.channel === 'EMAIL' && !this.mailer.available) throw new MailNotConfigured();
    return this.tx.run(async (db) => {
      const plan = await this.plans.findById(db, caller.clinicId, planId);
      if (!plan) throw new NotFound('ProcedurePlan', planId);
      if (plan.status === 'CANCELLED')
        throw new InvalidStateTransition(plan.status, 'patient-link');
      const patient = await this.patients.findPatient(db, caller.clinicId, plan.patientId);
      if (!patient) throw new NotFound('Patient', plan.patientId);
      if (body.channel === 'EMAIL' && !patient.email) throw new PatientEmailMissing();
      const { token, tokenHash } = newLinkToken();
      const link = await this.links.insert(db, {
        clinicId: caller.clinicId,
        id: newId(),
        procedurePlanId: plan.id,
        patientId: plan.patientId,
        tokenHash,
        channel: body.channel,
        sentTo: body.channel === 'EMAIL' ? patient.email : null,
        expiresAt: new Date(this.clock.now().getTime() + body.expiresInHours * HOUR_MS),
        createdById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'patient-link.create',
        entityType: ENTITY,
        entityId: link.id,
        changedFields: ['channel', 'expiresAt', ...(link.sentTo ? ['sentTo'] : [])],
        metadata: { procedurePlanId: plan.id, channel: body.channel },
      });
      const url = `${this.config.publicUrl}/p/${token}`;
      if (body.channel === 'EMAIL' && patient.email) {
        // Sent inside the transaction: a refused mail leaves no link behind.
        const clinic = await this.clinics.getOwnClinic(caller);
        await this.mailer.send({
          to: patient.email,
          ...linkMail(clinic.name, clinic.phone, url, link.expiresAt),
        });
      }
      return {
        id: link.id,
        expiresAt: link.expiresAt.toISOString(),
        ...(body.channel === 'COPY' ? { url } : {}),
      };
    });
  }

  list(caller: Caller, planId: string): Promise<PatientLinkList> {
    return this.tx.run(async (db) => {
      const plan = await this.plans.findById(db, caller.clinicId, planId);
      if (!plan) throw new NotFound('ProcedurePlan', planId);
      const rows = await this.links.listForPlan(db, caller.clinicId, plan.id);
      return {
        data: rows.map((row) => this.present(row)),
        emailAvailable: this.mailer.available,
      };
    });
  }

  revoke(caller: Caller, id: string): Promise<PatientLinkResponse> {
    return this.tx.run(async (db) => {
      const link = await this.links.lockById(db, caller.clinicId, id);
      if (!link) throw new NotFound(ENTITY, id);
      // Revoking a link that no longer works changes nothing: the answer is the link as it is.
      if (link.revokedAt === null) {
        await this.links.revoke(db, caller.clinicId, id, {
          revokedById: caller.userId,
          revokeReason: 'revoked by staff',
        });
        await this.audit.record(db, caller, {
          action: 'patient-link.revoke',
          entityType: ENTITY,
          entityId: id,
          changedFields: ['revokedAt', 'revokedById', 'revokeReason'],
          metadata: { procedurePlanId: link.procedurePlanId },
        });
      }
      return this.present(await this.listRow(db, caller, id));
    });
  }

  private async listRow(db: Db, caller: Caller, id: string): Promise<PatientLinkListRow> {
    const row = await this.links.findListRow(db, caller.clinicId, id);
    if (!row) throw new NotFound(ENTITY, id);
    return row;
  }

  private present(row: PatientLinkListRow): PatientLinkResponse {
    return {
      id: row.id,
      procedurePlanId: row.procedurePlanId,
      channel: row.channel,
      sentTo: row.sentTo === null ? null : maskEmail(row.sentTo),
      status: this.statusOf(row),
      failedAttempts: row.failedAttempts,
      createdAt: row.createdAt.toISOString(),
      createdByName: row.createdByName,
      expiresAt: row.expiresAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }

  private statusOf(row: PatientLinkListRow): PatientLinkStatus {
    if (row.revokedAt) return 'REVOKED';
    if (row.lockedAt) return 'LOCKED';
    return row.expiresAt.getTime() <= this.clock.now().getTime() ? 'EXPIRED' : 'ACTIVE';
  }
}

/** `jane.doe@example.com` → `j•••@example.com`: enough for the staff to recognise it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address[0]}•••${address.slice(at)}`;
}

/** The mail: the clinic, the link and its expiry; nothing about the patient or the procedure. */
function linkMail(
  clinicName: string,
  clinicPhone: string | null,
  url: string,
  expiresAt: Date,
): { subject: string; text: string } {
  const expires = expiresAt.toUTCString();
  const call = clinicPhone ? ` If you did not expect it, call us on ${clinicPhone}.` : '';
  return {
    subject: `${clinicName}: your surgery plan is ready for you to review`,
    text: [
      `Hello,`,
      ``,
      `${clinicName} has prepared your surgery plan. You can review your price, read and sign your`,
      `consent, and approve the plan from this private link:`,
      ``,
      url,
      ``,
      `You will be asked for your date of birth. The link works until ${expires} and only for you:`,
      `please do not forward it.${call}`,
      ``,
      clinicName,
    ].join('\n'),
  };
}
