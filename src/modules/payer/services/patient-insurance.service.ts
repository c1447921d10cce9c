import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import { assertVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { invariant } from '../../../common/invariant';
import { PatientService } from '../../patient';
import type {
  PatientInsuranceResponse,
  PutPatientInsuranceBody,
} from '../dto/patient-insurance.dto';
import {
  PatientInsuranceRepository,
  type PatientInsuranceColumns,
  type PatientInsuranceWithPayer,
} from '../repositories/patient-insurance.repository';
import { PayerService } from './payer.service';

const ENTITY = 'PatientInsurance';

/**
 * A patient's primary insurance (docs/claims.md "Set-up"). It is patient data: every read is
 * audited per patient, as reading the patient is, and writes record field names only.
 */
@Injectable()
export class PatientInsuranceService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly insurances: PatientInsuranceRepository,
    private readonly patients: PatientService,
    private readonly payers: PayerService,
    private readonly audit: AuditWriter,
  ) {}

  getInsurance(caller: Caller, patientId: string): Promise<PatientInsuranceResponse> {
    return this.tx.run(async (db) => {
      await this.patients.assertPatientExists(db, caller.clinicId, patientId);
      const found = await this.insurances.findByPatient(db, caller.clinicId, patientId);
      if (!found) throw new NotFound(ENTITY, patientId);
      await this.audit.recordReads(db, caller, 'patient-insurance.read', ENTITY, [
        found.insurance.id,
      ]);
      return toPatientInsuranceResponse(found);
    });
  }

  /** For the claim builder: the patient's insurance with its payer, or undefined (self-pay). */
  async findInsurance(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
  ): Promise<PatientInsuranceResponse | undefined> {
    const found = await this.insurances.findByPatient(db, clinicId, patientId);
    return found && toPatientInsuranceResponse(found);
  }

  /**
   * Creates or replaces the patient's insurance. `If-Match` names the insurance's own version;
   * none on file counts as version 0.
   */
  putInsurance(
    caller: Caller,
    patientId: string,
    body: PutPatientInsuranceBody,
    ifMatch: number | undefined,
  ): Promise<PatientInsuranceResponse> {
    return this.tx.run(async (db) => {
      await this.patients.assertPatientExists(db, caller.clinicId, patientId);
      const payer = await this.payers.findPayer(db, caller.clinicId, body.payerId);
      if (!payer) throw ValidationFailed.field('payerId', "Not one of this clinic's payers");
      const columns = toInsuranceColumns(body);
      let current = await this.insurances.lockByPatient(db, caller.clinicId, patientId);
      if (!current) {
        assertVersion(0, ifMatch);
        current = await this.insurances.insertIfAbsent(db, {
          ...columns,
          clinicId: caller.clinicId,
          id: newId(),
          patientId,
        });
        if (current) {
          await this.record(db, caller, 'create', current.id, Object.keys(body));
          return this.answer(db, caller.clinicId, patientId);
        }
        // A concurrent PUT created it after our read: this one replaces it like any later one.
        current = await this.insurances.lockByPatient(db, caller.clinicId, patientId);
        invariant(current, 'the conflicting insert committed before ours gave up');
      }
      assertVersion(current.version, ifMatch);
      await this.insurances.update(db, caller.clinicId, patientId, columns);
      await this.record(db, caller, 'update', current.id, Object.keys(body));
      return this.answer(db, caller.clinicId, patientId);
    });
  }

  private async answer(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
  ): Promise<PatientInsuranceResponse> {
    const found = await this.insurances.findByPatient(db, clinicId, patientId);
    invariant(found, 'the insurance was written in this transaction');
    return toPatientInsuranceResponse(found);
  }

  private record(
    db: Db,
    caller: Caller,
    event: 'create' | 'update',
    id: string,
    changedFields: string[],
  ): Promise<void> {
    return this.audit.record(db, caller, {
      action: `patient-insurance.${event}`,
      entityType: ENTITY,
      entityId: id,
      changedFields,
    });
  }
}

function toInsuranceColumns(body: PutPatientInsuranceBody): PatientInsuranceColumns {
  const s = body.subscriber;
  const other = s.relationship === '18' ? undefined : s;
  return {
    payerRef: body.payerId,
    memberId: body.memberId,
    groupNumber: body.groupNumber ?? null,
    relationship: s.relationship,
    subscriberFirstName: other?.firstName ?? null,
    subscriberLastName: other?.lastName ?? null,
    subscriberDateOfBirth: other?.dateOfBirth ?? null,
    subscriberSex: other?.sex ?? null,
  };
}

function toPatientInsuranceResponse({
  insurance,
  payer,
}: PatientInsuranceWithPayer): PatientInsuranceResponse {
  return {
    patientId: insurance.patientId,
    payer,
    memberId: insurance.memberId,
    groupNumber: insurance.groupNumber,
    subscriber: {
      relationship: insurance.relationship,
      firstName: insurance.subscriberFirstName,
      lastName: insurance.subscriberLastName,
      dateOfBirth: insurance.subscriberDateOfBirth,
      sex: insurance.subscriberSex,
    },
    version: insurance.version,
    createdAt: insurance.createdAt.toISOString(),
    updatedAt: insurance.updatedAt.toISOString(),
  };
}
