import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { newId } from '../../../common/ids';
import { zonedDate } from '../../../common/time-zone';
import { ClinicService } from '../../clinic';
import { baseCptCode } from '../../codes';
import { CaseCompletionHooks, type CompletedCase } from '../../theater';
import type {
  PostOpTemplateResponse,
  PostOpTemplatesResponse,
  PutPostOpTemplateBody,
} from '../dto/post-op-template.dto';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { PostOpTemplateRepository } from '../repositories/post-op-template.repository';
import { AppointmentChangeHooks } from './appointment-change-hooks';

/** Day 1, week 1, week 6, month 3, year 1 after surgery (issue 19). */
export const DEFAULT_POST_OP_DAYS: readonly number[] = [1, 7, 42, 91, 365];

const ENTITY = 'PostOpTemplate';

/**
 * The post-op schedule (docs/calendar.md "Post-op schedule"): completing a case proposes its
 * follow-up visits, from its primary CPT code's template or the default, as PROPOSED
 * appointments of the surgeon; staff confirm each at a time (`POST /appointments/:id/confirm`).
 */
@Injectable()
export class PostOpScheduleService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: PostOpTemplateRepository,
    private readonly appointments: AppointmentRepository,
    private readonly hooks: AppointmentChangeHooks,
    private readonly completionHooks: CaseCompletionHooks,
    private readonly clinics: ClinicService,
    private readonly audit: AuditWriter,
  ) {}

  onModuleInit(): void {
    this.completionHooks.register((db, caller, theCase) => this.propose(db, caller, theCase));
  }

  listTemplates(caller: Caller): Promise<PostOpTemplatesResponse> {
    return this.tx.run(async (db) => ({
      defaultOffsetsDays: [...DEFAULT_POST_OP_DAYS],
      data: (await this.templates.listOf(db, caller.clinicId)).map(toTemplateResponse),
    }));
  }

  putTemplate(
    caller: Caller,
    cptCode: string,
    body: PutPostOpTemplateBody,
  ): Promise<PostOpTemplateResponse> {
    return this.tx.run(async (db) => {
      const row = await this.templates.upsert(db, caller.clinicId, cptCode, body.offsetsDays);
      await this.audit.record(db, caller, {
        action: 'post-op-template.update',
        entityType: ENTITY,
        entityId: null,
        changedFields: ['offsetsDays'],
        metadata: { cptCode },
      });
      return toTemplateResponse(row);
    });
  }

  deleteTemplate(caller: Caller, cptCode: string): Promise<void> {
    return this.tx.run(async (db) => {
      if (!(await this.templates.delete(db, caller.clinicId, cptCode)))
        throw new NotFound(ENTITY, cptCode);
      await this.audit.record(db, caller, {
        action: 'post-op-template.delete',
        entityType: ENTITY,
        entityId: null,
        metadata: { cptCode },
      });
    });
  }

  /** In the case completion's transaction: one PROPOSED POST_OP visit per day of the schedule. */
  private async propose(db: Db, caller: Caller, theCase: CompletedCase): Promise<void> {
    const template = await this.templates.find(
      db,
      caller.clinicId,
      baseCptCode(theCase.procedureCode),
    );
    const days = template?.offsetsDays ?? DEFAULT_POST_OP_DAYS;
    const timeZone = await this.clinics.timeZoneOf(caller.clinicId, db);
    const surgeryDay = zonedDate(theCase.completedAt, timeZone);
    const proposed = await this.appointments.insertMany(
      db,
      days.map((d) => ({
        clinicId: caller.clinicId,
        id: newId(),
        patientId: theCase.patientId,
        type: 'POST_OP' as const,
        status: 'PROPOSED' as const,
        providerId: theCase.surgeonId,
        examRoomId: null,
        startsAt: null,
        endsAt: null,
        proposedOn: addDays(surgeryDay, d),
        postOpDay: d,
        procedurePlanId: theCase.procedurePlanId,
        surgicalCaseId: theCase.id,
        createdById: caller.userId,
      })),
    );
    // Every visit's event and audit row in one statement each, whatever the schedule's length.
    await this.appointments.addEvents(
      db,
      proposed.map((row) => ({
        clinicId: caller.clinicId,
        id: newId(),
        appointmentId: row.id,
        action: 'PROPOSED' as const,
        actorId: caller.userId,
        startsAt: null,
        endsAt: null,
        providerId: row.providerId,
        examRoomId: null,
        reason: null,
      })),
    );
    await this.audit.recordMany(
      db,
      caller,
      proposed.map((row) => ({
        action: 'appointment.propose',
        entityType: 'Appointment',
        entityId: row.id,
        changedFields: ['status', 'proposedOn', 'postOpDay'],
        metadata: { surgicalCaseId: theCase.id, postOpDay: row.postOpDay ?? 0 },
      })),
    );
    for (const row of proposed) await this.hooks.run(db, caller, row);
  }
}

/** 'YYYY-MM-DD' plus whole days, on the calendar (no time zone: a date is a date). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function toTemplateResponse(row: {
  cptCode: string;
  offsetsDays: number[];
}): PostOpTemplateResponse {
  return { cptCode: row.cptCode, offsetsDays: row.offsetsDays };
}
