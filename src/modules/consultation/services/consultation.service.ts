import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { newId } from '../../../common/ids';
import { PatientService } from '../../patient';
import { UserService } from '../../user';
import type {
  ConsultationResponse,
  CreateConsultationBody,
  ListConsultationsQuery,
} from '../dto/consultation.dto';
import {
  ConsultationRepository,
  type ConsultationRow,
} from '../repositories/consultation.repository';

const ENTITY = 'Consultation';

@Injectable()
export class ConsultationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly consultations: ConsultationRepository,
    private readonly patients: PatientService,
    private readonly users: UserService,
    private readonly audit: AuditWriter,
  ) {}

  createConsultation(caller: Caller, body: CreateConsultationBody): Promise<ConsultationResponse> {
    return this.tx.run(async (db) => {
      await this.patients.assertPatientExists(db, caller.clinicId, body.patientId);
      await this.users.assertActiveSurgeon(db, caller.clinicId, body.surgeonId);
      const consultation = await this.consultations.insert(db, {
        clinicId: caller.clinicId,
        id: newId(),
        patientId: body.patientId,
        surgeonId: body.surgeonId,
        consultationDate: new Date(body.consultationDate),
        reason: body.reason,
        notes: body.notes ?? null,
        createdById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'consultation.create',
        entityType: ENTITY,
        entityId: consultation.id,
        changedFields: Object.keys(body),
        metadata: { patientId: body.patientId },
      });
      return toConsultationResponse(consultation);
    });
  }

  getConsultation(caller: Caller, id: string): Promise<ConsultationResponse> {
    return this.tx.run(async (db) => {
      const consultation = await this.consultations.findById(db, caller.clinicId, id);
      if (!consultation) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'consultation.read', ENTITY, [consultation.id]);
      return toConsultationResponse(consultation);
    });
  }

  /** A plan's consultation must be this clinic's (404) and the same patient's (400). */
  async assertConsultationOfPatient(
    db: Db,
    clinicId: ClinicId,
    consultationId: string,
    patientId: string,
    field = 'consultationId',
  ): Promise<void> {
    const consultation = await this.consultations.findById(db, clinicId, consultationId);
    if (!consultation) throw new NotFound(ENTITY, consultationId);
    if (consultation.patientId !== patientId) {
      throw ValidationFailed.field(field, 'The consultation is of another patient');
    }
  }

  listConsultations(
    caller: Caller,
    query: ListConsultationsQuery,
  ): Promise<Page<ConsultationResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.consultations.list(db, caller.clinicId, query, query);
      await this.audit.recordReads(
        db,
        caller,
        'consultation.list',
        ENTITY,
        page.data.map((c) => c.id),
      );
      return { data: page.data.map(toConsultationResponse), nextCursor: page.nextCursor };
    });
  }
}

function toConsultationResponse(c: ConsultationRow): ConsultationResponse {
  return {
    id: c.id,
    patientId: c.patientId,
    surgeonId: c.surgeonId,
    consultationDate: c.consultationDate.toISOString(),
    reason: c.reason,
    notes: c.notes,
    createdById: c.createdById,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
