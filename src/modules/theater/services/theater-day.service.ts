import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { pdfFile, type PdfFile } from '../../../common/pdf/pdf-file';
import { finePrint, printDocument, table } from '../../../common/pdf/printed-document';
import { zonedDate } from '../../../common/time-zone';
import { ClinicService } from '../../clinic';
import { UserQueries } from '../../user';
import type {
  PickLineResponse,
  PickListResponse,
  TheaterDayPdfQuery,
} from '../dto/surgical-case.dto';
import { OperatingRoomRepository } from '../repositories/operating-room.repository';
import {
  SurgicalCaseRepository,
  type CaseRow,
  type PickLineRow,
} from '../repositories/surgical-case.repository';
import { ClinicZone } from './clinic-zone';
import { localDayBounds } from './local-time';

/** The nurse's pick list of a case, and the printed theater day (docs/theater.md). */
@Injectable()
export class TheaterDayService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: SurgicalCaseRepository,
    private readonly rooms: OperatingRoomRepository,
    private readonly users: UserQueries,
    private readonly clinics: ClinicService,
    private readonly zone: ClinicZone,
    private readonly audit: AuditWriter,
  ) {}

  /** What is reserved for the case's plan, to pick before surgery. Audited as a case read. */
  pickList(caller: Caller, id: string): Promise<PickListResponse> {
    return this.tx.run(async (db) => {
      const theCase = await this.cases.findById(db, caller.clinicId, id);
      if (!theCase) throw new NotFound('SurgicalCase', id);
      const lines = await this.cases.pickLines(db, caller.clinicId, [theCase.procedurePlanId]);
      await this.audit.recordReads(db, caller, 'surgical-case.pick-list', 'SurgicalCase', [
        theCase.id,
      ]);
      return {
        surgicalCaseId: theCase.id,
        caseNumber: theCase.caseNumber,
        lines: lines.map(toPickLine),
      };
    });
  }

  /**
   * The live cases of one local day (optionally one room), in the clinic's time zone, with each
   * patient's name and what to pick: a PHI read, audited per case.
   */
  async dayPdf(caller: Caller, query: TheaterDayPdfQuery): Promise<PdfFile> {
    const content = await this.tx.run(async (db) => {
      const clinic = await this.clinics.getOwnClinic(caller);
      const timeZone = await this.zone.zoneOf(db, caller.clinicId);
      const date = query.date ?? zonedDate(new Date(), timeZone);
      const { start, end } = localDayBounds(date, timeZone);
      const roomName = query.operatingRoomId
        ? (await this.rooms.findById(db, caller.clinicId, query.operatingRoomId))?.name
        : undefined;
      // A room that is not the clinic's lists nothing (the list is clinic-scoped), like a filter.
      const cases: CaseRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.cases.list(db, caller.clinicId, {
          from: start.toISOString(),
          to: end.toISOString(),
          operatingRoomId: query.operatingRoomId,
          limit: 100,
          cursor,
        });
        cases.push(...page.data.filter((c) => c.status !== 'CANCELLED'));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const rooms = await this.cases.roomNames(db, caller.clinicId, [
        ...new Set(cases.map((c) => c.operatingRoomId)),
      ]);
      const patients = await this.cases.patientNames(db, caller.clinicId, [
        ...new Set(cases.map((c) => c.patientId)),
      ]);
      const surgeons = new Map<string, string>();
      for (const id of new Set(cases.map((c) => c.surgeonId))) {
        const user = await this.users.findById(db, caller.clinicId, id);
        if (user) surgeons.set(id, user.name);
      }
      const picks = await this.cases.pickLines(
        db,
        caller.clinicId,
        cases.map((c) => c.procedurePlanId),
      );
      await this.audit.recordReads(
        db,
        caller,
        'theater.day-pdf',
        'SurgicalCase',
        cases.map((c) => c.id),
      );
      return { clinic, date, timeZone, roomName, cases, rooms, patients, surgeons, picks };
    });
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: content.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const pdf = await printDocument(
      {
        clinic: { name: content.clinic.name },
        subtitle: `Theater day ${content.date}${content.roomName ? `, ${content.roomName}` : ''}`,
        title: `Theater day ${content.date}`,
      },
      (doc) => {
        finePrint(
          doc,
          `Times in ${content.timeZone}. ${content.cases.length} case(s). Confidential: contains patient information.`,
        );
        doc.moveDown(1);
        table(
          doc,
          [70, 52, 78, '*', 90, 90],
          ['Time', 'Room', 'Case', 'Patient / procedure', 'Surgeon', 'Implants'],
          [],
          content.cases.map((c) => {
            const implants = content.picks
              .filter((p) => p.planId === c.procedurePlanId && p.serialNumber !== null)
              .map((p) => `${p.serialNumber} (${p.batchNumber})`)
              .join(', ');
            return [
              `${clock.format(c.scheduledStart)}–${clock.format(c.scheduledEnd)}`,
              content.rooms.get(c.operatingRoomId) ?? '',
              c.caseNumber,
              `${content.patients.get(c.patientId) ?? ''}\n${c.procedureName} (${c.procedureCode})`,
              content.surgeons.get(c.surgeonId) ?? '',
              implants || '—',
            ];
          }),
        );
      },
    );
    return pdfFile(`theater-${content.date}${content.roomName ? `-${content.roomName}` : ''}`, pdf);
  }
}

function toPickLine(l: PickLineRow): PickLineResponse {
  return {
    inventoryItemId: l.itemId,
    inventoryItemCode: l.itemCode,
    inventoryItemName: l.itemName,
    size: l.size,
    shape: l.shape,
    batchNumber: l.batchNumber,
    expiresAt: l.expiresAt,
    serialNumber: l.serialNumber,
    quantity: l.quantity,
  };
}
