import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import type { Page } from '../../../common/http/pagination';
import type { AuditEventResponse, ListAuditEventsQuery } from '../dto/audit-event.dto';
import { AuditEventRepository } from '../repositories/audit-event.repository';
import { AuditSubjectRepository } from '../repositories/audit-subject.repository';

@Injectable()
export class AuditEventService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: AuditEventRepository,
    private readonly subjects: AuditSubjectRepository,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * A page of events, each with the patient its record is about. Naming the patients shows PHI
   * to the admin, so it is itself a read of those patients (`patient.read-audit`).
   */
  listEvents(caller: Caller, query: ListAuditEventsQuery): Promise<Page<AuditEventResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.events.list(db, caller.clinicId, query);
      const subjects = await this.subjects.patientsOf(
        db,
        caller.clinicId,
        page.data.flatMap((e) =>
          e.entityId === null ? [] : [{ entityType: e.entityType, entityId: e.entityId }],
        ),
      );
      const subjectOf = new Map(subjects.map((s) => [`${s.entityType}/${s.entityId}`, s]));
      await this.audit.recordReads(db, caller, 'patient.read-audit', 'Patient', [
        ...new Set(subjects.map((s) => s.patientId)),
      ]);
      return {
        data: page.data.map((e) => {
          const subject = subjectOf.get(`${e.entityType}/${e.entityId ?? ''}`);
          return {
            id: e.id,
            occurredAt: e.occurredAt.toISOString(),
            actorId: e.actorId,
            action: e.action,
            entityType: e.entityType,
            entityId: e.entityId,
            requestId: e.requestId,
            changedFields: e.changedFields,
            metadata: e.metadata,
            subject: subject
              ? {
                  patientId: subject.patientId,
                  name: `${subject.firstName} ${subject.lastName}`,
                  mrn: subject.mrn,
                }
              : null,
          };
        }),
        nextCursor: page.nextCursor,
      };
    });
  }
}
