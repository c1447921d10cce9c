import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import type {
  CreatePatientBody,
  ListPatientsQuery,
  PatientResponse,
  UpdatePatientBody,
} from '../dto/patient.dto';
import { PatientRepository } from '../repositories/patient.repository';
import { toPatientColumns, toPatientResponse } from './patient.mapper';
import { patientSearchOf } from './patient-search';

const ENTITY = 'Patient';

@Injectable()
export class PatientService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly patients: PatientRepository,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
  ) {}

  createPatient(caller: Caller, body: CreatePatientBody): Promise<PatientResponse> {
    return this.tx.run(async (db) => {
      const mrn = body.mrn ?? (await this.nextFreeMrn(db, caller.clinicId));
      if (body.mrn !== undefined && (await this.patients.mrnTaken(db, caller.clinicId, mrn)))
        throw mrnTaken();
      const columns = toPatientColumns(body);
      let patient;
      try {
        patient = await this.patients.insert(db, {
          ...columns,
          firstName: body.firstName,
          lastName: body.lastName,
          dateOfBirth: body.dateOfBirth,
          sexAtBirth: body.sexAtBirth,
          clinicId: caller.clinicId,
          id: newId(),
          mrn,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'patients_mrn_unique')) throw mrnTaken();
        throw error;
      }
      await this.audit.record(db, caller, {
        action: 'patient.create',
        entityType: ENTITY,
        entityId: patient.id,
        changedFields: ['mrn', ...Object.keys(columns)],
      });
      return toPatientResponse(patient);
    });
  }

  getPatient(caller: Caller, id: string): Promise<PatientResponse> {
    return this.tx.run(async (db) => {
      const patient = await this.patients.findById(db, caller.clinicId, id);
      if (!patient) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'patient.read', ENTITY, [patient.id]);
      return toPatientResponse(patient);
    });
  }

  listPatients(caller: Caller, query: ListPatientsQuery): Promise<Page<PatientResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.patients.list(
        db,
        caller.clinicId,
        query.search === undefined ? undefined : patientSearchOf(query.search),
        query,
      );
      await this.audit.recordReads(
        db,
        caller,
        'patient.list',
        ENTITY,
        page.data.map((p) => p.id),
      );
      return { data: page.data.map(toPatientResponse), nextCursor: page.nextCursor };
    });
  }

  updatePatient(
    caller: Caller,
    id: string,
    body: UpdatePatientBody,
    ifMatch: number | undefined,
  ): Promise<PatientResponse> {
    return this.tx.run(async (db) => {
      lockedAtVersion(await this.patients.lockById(db, caller.clinicId, id), ifMatch, ENTITY, id);
      const updated = await this.patients.update(db, caller.clinicId, id, toPatientColumns(body));
      await this.audit.record(db, caller, {
        action: 'patient.update',
        entityType: ENTITY,
        entityId: id,
        changedFields: Object.keys(body),
      });
      return toPatientResponse(updated);
    });
  }

  /** For modules that attach records to a patient (consultations, plans): 404 unless it is this clinic's. */
  async assertPatientExists(db: Db, clinicId: ClinicId, patientId: string): Promise<void> {
    if (!(await this.patients.exists(db, clinicId, patientId)))
      throw new NotFound(ENTITY, patientId);
  }

  /** For modules that show a patient's details on their own documents (a quote's PDF). */
  async findPatient(db: Db, clinicId: ClinicId, id: string): Promise<PatientResponse | undefined> {
    const patient = await this.patients.findById(db, clinicId, id);
    return patient && toPatientResponse(patient);
  }

  /** A generated MRN skips any number a clinic already gave by hand. */
  private async nextFreeMrn(db: Db, clinicId: ClinicId): Promise<string> {
    for (;;) {
      const n = await this.sequences.next(db, clinicId, 'patient.mrn');
      const mrn = `MRN-${String(n).padStart(6, '0')}`;
      if (!(await this.patients.mrnTaken(db, clinicId, mrn))) return mrn;
    }
  }
}

function mrnTaken(): Duplicate {
  return new Duplicate('A patient with this MRN already exists in this clinic', 'mrn');
}
