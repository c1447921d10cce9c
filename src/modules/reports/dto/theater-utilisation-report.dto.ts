import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Ratio, ReportHeader } from './report-query.dto';

export const TheaterUtilisationReportSchema = z.object({
  ...ReportHeader,
  summary: z.object({
    availableMinutes: z.number().int(),
    bookedMinutes: z.number().int(),
    usedMinutes: z.number().int(),
    /** usedMinutes ÷ availableMinutes. */
    utilisation: Ratio,
    /** bookedMinutes ÷ availableMinutes. */
    bookedRatio: Ratio,
    /** Room-days whose first case started; of those, how many on time (docs/reports.md). */
    firstCases: z.number().int(),
    firstCasesOnTime: z.number().int(),
    onTimeRate: Ratio,
    turnovers: z.number().int(),
    medianTurnoverMinutes: z.number().nullable(),
    cancellations: z.number().int(),
  }),
  /** Per operating room and clinic-local day, day then room name. */
  rows: z.array(
    z.object({
      day: z.iso.date(),
      operatingRoomId: z.uuid(),
      operatingRoomName: z.string(),
      availableMinutes: z.number().int(),
      bookedMinutes: z.number().int(),
      usedMinutes: z.number().int(),
      utilisation: Ratio,
      cases: z.number().int(),
      /** null when no case started that day in that room. */
      firstCaseOnTime: z.boolean().nullable(),
      firstCaseLateMinutes: z.number().int().nullable(),
      turnovers: z.number().int(),
      averageTurnoverMinutes: z.number().nullable(),
      cancellations: z.number().int(),
    }),
  ),
  /** Cases scheduled in the range and cancelled, by scheduled start. No patient named. */
  cancellations: z.array(
    z.object({
      caseId: z.uuid(),
      caseNumber: z.string(),
      day: z.iso.date(),
      operatingRoomId: z.uuid(),
      operatingRoomName: z.string(),
      surgeonId: z.uuid(),
      surgeonName: z.string(),
      procedureName: z.string(),
      cancelledAt: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});
export type TheaterUtilisationReportResponse = z.infer<typeof TheaterUtilisationReportSchema>;
export class TheaterUtilisationReportDto extends createZodDto(TheaterUtilisationReportSchema) {}
