import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import type { TheaterUtilisationReportResponse } from '../dto/theater-utilisation-report.dto';
import { TheaterUtilisationRepository } from '../repositories/theater-utilisation.repository';
import {
  type CsvSection,
  ratio,
  type ReportDefinition,
  reportHeader,
  type ReportScope,
} from './report-definition';

type Report = TheaterUtilisationReportResponse;

/** A first case started at most this long after its scheduled start is on time. */
const ON_TIME_GRACE_SECONDS = 5 * 60;

/**
 * Theater utilisation (docs/reports.md "Theater utilisation"): per operating room and clinic-local
 * day, the minutes the room was open, booked and used, its first case's punctuality and its
 * turnovers; and the cases cancelled, with their reasons.
 */
@Injectable()
export class TheaterUtilisationReport implements ReportDefinition<Report> {
  readonly name = 'theater-utilisation';
  readonly sections: Readonly<Record<string, CsvSection<Report>>> = {
    rows: {
      columns: [
        { key: 'day', header: 'day' },
        { key: 'operatingRoomId', header: 'operatingRoomId' },
        { key: 'operatingRoomName', header: 'operatingRoomName', text: true },
        { key: 'availableMinutes', header: 'availableMinutes' },
        { key: 'bookedMinutes', header: 'bookedMinutes' },
        { key: 'usedMinutes', header: 'usedMinutes' },
        { key: 'utilisation', header: 'utilisation' },
        { key: 'cases', header: 'cases' },
        { key: 'firstCaseOnTime', header: 'firstCaseOnTime' },
        { key: 'firstCaseLateMinutes', header: 'firstCaseLateMinutes' },
        { key: 'turnovers', header: 'turnovers' },
        { key: 'averageTurnoverMinutes', header: 'averageTurnoverMinutes' },
        { key: 'cancellations', header: 'cancellations' },
      ],
      rows: (report) => report.rows,
    },
    cancellations: {
      columns: [
        { key: 'caseId', header: 'caseId' },
        { key: 'caseNumber', header: 'caseNumber' },
        { key: 'day', header: 'day' },
        { key: 'operatingRoomId', header: 'operatingRoomId' },
        { key: 'operatingRoomName', header: 'operatingRoomName', text: true },
        { key: 'surgeonId', header: 'surgeonId' },
        { key: 'surgeonName', header: 'surgeonName', text: true },
        { key: 'procedureName', header: 'procedureName', text: true },
        { key: 'cancelledAt', header: 'cancelledAt' },
        { key: 'reason', header: 'reason', text: true },
      ],
      rows: (report) => report.cancellations,
    },
  };

  constructor(private readonly repository: TheaterUtilisationRepository) {}

  async run(db: Db, scope: ReportScope): Promise<Report> {
    const roomDays = await this.repository.roomDays(db, scope);
    const turnovers = await this.repository.turnoverMedian(db, scope);
    const cancelled = await this.repository.cancellations(db, scope);

    const rows = roomDays.map((r) => {
      const late = r.first_late_seconds;
      const onTime = late === null ? null : late <= ON_TIME_GRACE_SECONDS;
      return {
        day: r.day,
        operatingRoomId: r.room_id,
        operatingRoomName: r.room_name,
        availableMinutes: r.available_minutes,
        bookedMinutes: r.booked_minutes,
        usedMinutes: r.used_minutes,
        utilisation: ratio(r.used_minutes, r.available_minutes),
        cases: r.cases,
        firstCaseOnTime: onTime,
        // Whole minutes after the scheduled start; 0 for a first case on time.
        firstCaseLateMinutes: late === null ? null : onTime ? 0 : Math.floor(late / 60),
        turnovers: r.turnovers,
        averageTurnoverMinutes: r.average_turnover_minutes,
        cancellations: r.cancellations,
      };
    });
    const total = (pick: (row: (typeof rows)[number]) => number) =>
      rows.reduce((sum, row) => sum + pick(row), 0);
    const availableMinutes = total((r) => r.availableMinutes);
    const bookedMinutes = total((r) => r.bookedMinutes);
    const usedMinutes = total((r) => r.usedMinutes);
    const firstCases = rows.filter((r) => r.firstCaseOnTime !== null).length;
    const firstCasesOnTime = rows.filter((r) => r.firstCaseOnTime === true).length;

    return {
      ...reportHeader(scope),
      summary: {
        availableMinutes,
        bookedMinutes,
        usedMinutes,
        utilisation: ratio(usedMinutes, availableMinutes),
        bookedRatio: ratio(bookedMinutes, availableMinutes),
        firstCases,
        firstCasesOnTime,
        onTimeRate: ratio(firstCasesOnTime, firstCases),
        turnovers: turnovers.turnovers,
        medianTurnoverMinutes: turnovers.median,
        cancellations: cancelled.length,
      },
      rows,
      cancellations: cancelled.map((c) => ({
        caseId: c.case_id,
        caseNumber: c.case_number,
        day: c.day,
        operatingRoomId: c.room_id,
        operatingRoomName: c.room_name,
        surgeonId: c.surgeon_id,
        surgeonName: c.surgeon_name,
        procedureName: c.procedure_name,
        // A CANCELLED case always has its cancelledAt (the theater writes both at once).
        cancelledAt: new Date(c.cancelled_at_ms ?? 0).toISOString(),
        reason: c.reason,
      })),
    };
  }
}
