import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { scheduleExceptions } from '../../calendar/repositories/working-hours.schema';
import { operatingRooms, surgicalCases } from '../../theater/repositories/theater.schema';
import { users } from '../../user/repositories/user.schema';
import type { ReportScope } from '../services/report-definition';

const RoomDayRows = z.object({
  rows: z.array(
    z.object({
      day: z.string(),
      room_id: z.string(),
      room_name: z.string(),
      available_minutes: z.number().int(),
      booked_minutes: z.number().int(),
      used_minutes: z.number().int(),
      cases: z.number().int(),
      first_late_seconds: z.number().nullable(),
      turnovers: z.number().int(),
      average_turnover_minutes: z.number().nullable(),
      cancellations: z.number().int(),
    }),
  ),
});
export type RoomDayRow = z.infer<typeof RoomDayRows>['rows'][number];

const MedianRows = z.object({
  rows: z.tuple([z.object({ turnovers: z.number().int(), median: z.number().nullable() })]),
});

const CancellationRows = z.object({
  rows: z.array(
    z.object({
      case_id: z.string(),
      case_number: z.string(),
      day: z.string(),
      room_id: z.string(),
      room_name: z.string(),
      surgeon_id: z.string(),
      surgeon_name: z.string(),
      procedure_name: z.string(),
      cancelled_at_ms: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type CancellationRow = z.infer<typeof CancellationRows>['rows'][number];

/**
 * The theater-utilisation report's SQL (docs/reports.md "Theater utilisation"): the cases whose
 * scheduled start falls in the range (surgical_cases_start_idx, or surgical_cases_surgeon_idx
 * with a surgeon), put on their room and clinic-local day; the rooms' opening hours on each day,
 * less the clinic's HOLIDAY exceptions, as instants in the clinic's zone (23- and 25-hour days).
 */
@Injectable()
export class TheaterUtilisationRepository {
  /** Rows per room and clinic-local day, day then room name. */
  async roomDays(db: Db, scope: ReportScope): Promise<RoomDayRow[]> {
    const tz = scope.timeZone;
    const result = await db.execute(sql`
      WITH ${this.casesCte(scope)},
      days AS (
        SELECT (${scope.from}::date + n)::date AS day
        FROM generate_series(0, ${scope.to}::date - ${scope.from}::date) AS n
      ),
      holidays AS (
        SELECT ${scheduleExceptions.startsOn} AS starts_on, ${scheduleExceptions.endsOn} AS ends_on,
          ${scheduleExceptions.startTime} AS start_time, ${scheduleExceptions.endTime} AS end_time
        FROM ${scheduleExceptions}
        WHERE ${scheduleExceptions.clinicId} = ${scope.clinicId}
          AND ${scheduleExceptions.startsOn} <= ${scope.to}::date
          AND ${scheduleExceptions.endsOn} >= ${scope.from}::date
          AND ${scheduleExceptions.kind} = 'HOLIDAY'
          AND ${scheduleExceptions.resourceId} IS NULL
      ),
      room_days AS (
        SELECT r.id AS room_id, r.name AS room_name, r.active, d.day,
          ((d.day + r.opens_at::time) AT TIME ZONE ${tz}) AS opens,
          ((d.day + r.closes_at::time) AT TIME ZONE ${tz}) AS closes
        FROM (
          SELECT ${operatingRooms.id} AS id, ${operatingRooms.name} AS name,
            ${operatingRooms.active} AS active, ${operatingRooms.opensAt} AS opens_at,
            ${operatingRooms.closesAt} AS closes_at
          FROM ${operatingRooms}
          WHERE ${operatingRooms.clinicId} = ${scope.clinicId}
        ) r CROSS JOIN days d
      ),
      available AS (
        SELECT rd.room_id, rd.room_name, rd.active, rd.day,
          CASE
            WHEN extract(isodow FROM rd.day) > 5 THEN 0
            WHEN EXISTS (SELECT 1 FROM holidays h
                         WHERE rd.day BETWEEN h.starts_on AND h.ends_on AND h.start_time IS NULL) THEN 0
            ELSE greatest(0, extract(epoch FROM rd.closes - rd.opens) - coalesce((
              SELECT sum(greatest(0, extract(epoch FROM
                least(rd.closes, (rd.day + h.end_time::time) AT TIME ZONE ${tz})
                - greatest(rd.opens, (rd.day + h.start_time::time) AT TIME ZONE ${tz}))))
              FROM holidays h
              WHERE rd.day BETWEEN h.starts_on AND h.ends_on AND h.start_time IS NOT NULL), 0))
          END AS available_seconds
        FROM room_days rd
      ),
      per_day AS (
        SELECT room_id, day,
          coalesce(sum(extract(epoch FROM scheduled_end - scheduled_start))
            FILTER (WHERE status <> 'CANCELLED'), 0) AS booked_seconds,
          coalesce(sum(extract(epoch FROM completed_at - started_at))
            FILTER (WHERE status = 'COMPLETED'), 0) AS used_seconds,
          count(*) FILTER (WHERE status <> 'CANCELLED') AS cases,
          count(*) FILTER (WHERE status = 'CANCELLED') AS cancellations
        FROM cases GROUP BY room_id, day
      ),
      first_cases AS (
        SELECT DISTINCT ON (room_id, day) room_id, day,
          extract(epoch FROM started_at - scheduled_start) AS late_seconds
        FROM cases
        WHERE status <> 'CANCELLED' AND started_at IS NOT NULL
        ORDER BY room_id, day, scheduled_start, id
      ),
      gaps AS (
        SELECT room_id, day,
          extract(epoch FROM started_at - lag(completed_at)
            OVER (PARTITION BY room_id, day ORDER BY started_at, id)) / 60 AS minutes
        FROM cases WHERE status = 'COMPLETED'
      ),
      turnovers AS (
        SELECT room_id, day, count(*) AS turnovers, round(avg(minutes), 1) AS average
        FROM gaps WHERE minutes IS NOT NULL GROUP BY room_id, day
      )
      SELECT a.day::text AS day, a.room_id::text AS room_id, a.room_name,
        round(a.available_seconds / 60)::int AS available_minutes,
        round(coalesce(p.booked_seconds, 0) / 60)::int AS booked_minutes,
        round(coalesce(p.used_seconds, 0) / 60)::int AS used_minutes,
        coalesce(p.cases, 0)::int AS cases,
        f.late_seconds::float8 AS first_late_seconds,
        coalesce(t.turnovers, 0)::int AS turnovers,
        t.average::float8 AS average_turnover_minutes,
        coalesce(p.cancellations, 0)::int AS cancellations
      FROM available a
      LEFT JOIN per_day p ON p.room_id = a.room_id AND p.day = a.day
      LEFT JOIN first_cases f ON f.room_id = a.room_id AND f.day = a.day
      LEFT JOIN turnovers t ON t.room_id = a.room_id AND t.day = a.day
      WHERE (a.active AND a.available_seconds > 0) OR p.room_id IS NOT NULL
      ORDER BY a.day, a.room_name, a.room_id`);
    return RoomDayRows.parse(result).rows;
  }

  /** How many turnovers, and their median in minutes (one decimal), over the whole range. */
  async turnoverMedian(
    db: Db,
    scope: ReportScope,
  ): Promise<{ turnovers: number; median: number | null }> {
    const result = await db.execute(sql`
      WITH ${this.casesCte(scope)},
      gaps AS (
        SELECT extract(epoch FROM started_at - lag(completed_at)
            OVER (PARTITION BY room_id, day ORDER BY started_at, id)) / 60 AS minutes
        FROM cases WHERE status = 'COMPLETED'
      )
      SELECT count(minutes)::int AS turnovers,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes))::numeric, 1)::float8 AS median
      FROM gaps`);
    return MedianRows.parse(result).rows[0];
  }

  /** Cases scheduled in the range and cancelled, by scheduled start (surgical_cases_status_idx). */
  async cancellations(db: Db, scope: ReportScope): Promise<CancellationRow[]> {
    const c = surgicalCases;
    const result = await db.execute(sql`
      SELECT c.id::text AS case_id, c.case_number,
        (c.scheduled_start AT TIME ZONE ${scope.timeZone})::date::text AS day,
        c.operating_room_id::text AS room_id, r.name AS room_name,
        c.surgeon_id::text AS surgeon_id, u.name AS surgeon_name,
        c.procedure_name, (extract(epoch FROM c.cancelled_at) * 1000)::float8 AS cancelled_at_ms,
        c.cancel_reason AS reason
      FROM (
        SELECT ${c.id} AS id, ${c.caseNumber} AS case_number, ${c.scheduledStart} AS scheduled_start,
          ${c.operatingRoomId} AS operating_room_id, ${c.surgeonId} AS surgeon_id,
          ${c.procedureName} AS procedure_name, ${c.cancelledAt} AS cancelled_at,
          ${c.cancelReason} AS cancel_reason
        FROM ${c}
        WHERE ${c.clinicId} = ${scope.clinicId} AND ${c.status} = 'CANCELLED'
          AND ${c.scheduledStart} >= ${scope.start.toISOString()}::timestamptz
          AND ${c.scheduledStart} < ${scope.end.toISOString()}::timestamptz
          ${this.surgeonCondition(scope)}
      ) c
      JOIN ${operatingRooms} r ON r.clinic_id = ${scope.clinicId} AND r.id = c.operating_room_id
      JOIN ${users} u ON u.clinic_id = ${scope.clinicId} AND u.id = c.surgeon_id
      ORDER BY c.scheduled_start, c.case_number`);
    return CancellationRows.parse(result).rows;
  }

  /**
   * `cases`: every case (cancelled too) whose scheduled start is in the range, of the surgeon
   * when one is asked for, on its room and clinic-local day.
   */
  private casesCte(scope: ReportScope): SQL {
    const c = surgicalCases;
    return sql`cases AS (
      SELECT ${c.id} AS id, ${c.operatingRoomId} AS room_id, ${c.status}::text AS status,
        ${c.scheduledStart} AS scheduled_start, ${c.scheduledEnd} AS scheduled_end,
        ${c.startedAt} AS started_at, ${c.completedAt} AS completed_at,
        (${c.scheduledStart} AT TIME ZONE ${scope.timeZone})::date AS day
      FROM ${c}
      WHERE ${c.clinicId} = ${scope.clinicId}
        AND ${c.scheduledStart} >= ${scope.start.toISOString()}::timestamptz
        AND ${c.scheduledStart} < ${scope.end.toISOString()}::timestamptz
        ${this.surgeonCondition(scope)}
    )`;
  }

  private surgeonCondition(scope: ReportScope): SQL {
    return scope.surgeonId === null
      ? sql``
      : sql`AND ${surgicalCases.surgeonId} = ${scope.surgeonId}`;
  }
}
