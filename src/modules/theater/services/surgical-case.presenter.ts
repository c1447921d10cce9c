import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { SurgicalCaseResponse } from '../dto/surgical-case.dto';
import { SurgicalCaseRepository, type CaseRow } from '../repositories/surgical-case.repository';

/** Cases as every route answers them, a whole page in one query (issue 21). */
@Injectable()
export class SurgicalCasePresenter {
  constructor(private readonly cases: SurgicalCaseRepository) {}

  async present(db: Db, clinicId: ClinicId, row: CaseRow): Promise<SurgicalCaseResponse> {
    const [presented] = await this.presentAll(db, clinicId, [row]);
    if (!presented) throw new Error('a presented case');
    return presented;
  }

  async presentAll(
    db: Db,
    clinicId: ClinicId,
    rows: readonly CaseRow[],
  ): Promise<SurgicalCaseResponse[]> {
    const extras = await this.cases.presentationOf(
      db,
      clinicId,
      rows.map((c) => c.id),
    );
    return rows.map((c) => ({
      id: c.id,
      caseNumber: c.caseNumber,
      procedurePlanId: c.procedurePlanId,
      patientId: c.patientId,
      patientName: extras.get(c.id)?.patientName ?? '',
      surgeonId: c.surgeonId,
      operatingRoomId: c.operatingRoomId,
      operatingRoomName: extras.get(c.id)?.roomName ?? '',
      scheduledStart: c.scheduledStart.toISOString(),
      scheduledEnd: c.scheduledEnd.toISOString(),
      status: c.status,
      procedureName: c.procedureName,
      procedureCode: c.procedureCode,
      cptCodes: c.cptCodes,
      diagnosisCodes: c.diagnosisCodes,
      procedureType: c.procedureType,
      insuranceCptCodes: c.insuranceCptCodes,
      startedAt: c.startedAt?.toISOString() ?? null,
      startReason: c.startReason,
      completedAt: c.completedAt?.toISOString() ?? null,
      completionNotes: c.completionNotes,
      cancelledAt: c.cancelledAt?.toISOString() ?? null,
      cancelReason: c.cancelReason,
      inventoryUsages: extras.get(c.id)?.usages ?? [],
      billId: extras.get(c.id)?.billId ?? null,
      createdById: c.createdById,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
  }
}
