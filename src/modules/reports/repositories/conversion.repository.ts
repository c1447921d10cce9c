import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { users } from '../../user/repositories/user.schema';
import type { ReportScope } from '../services/report-definition';
import { consultationMilestones } from './consultation-milestones.schema';

const Median = z.number().nullable();

const Row = z.object({
  /** null on the summary row (the grouping set of everything). */
  month: z.string().nullable(),
  surgeon_id: z.string().nullable(),
  surgeon_name: z.string().nullable(),
  consultations: z.number(),
  plans: z.number(),
  quoted: z.number(),
  approved: z.number(),
  completed: z.number(),
  consult_to_plan: Median,
  plan_to_quote: Median,
  quote_to_approval: Median,
  approval_to_surgery: Median,
  consult_to_surgery: Median,
  is_total: z.boolean(),
});
export type ConversionRow = z.infer<typeof Row>;

/** Days between two instants (real elapsed time: 24-hour days, a DST change does not shift it). */
function days(from: string, to: string) {
  return sql.raw(`(extract(epoch FROM ${to}) - extract(epoch FROM ${from})) / 86400`);
}

/** The median of the days between two steps, over the consultations that reached both; one decimal. */
function median(from: string, to: string) {
  return sql`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days(from, to)}))::numeric, 1)::float8`;
}

/**
 * The conversion report's one query (docs/reports.md "Conversion"): the consultations held in the
 * range, each with the first moment each later step happened for any of its plans, read from
 * `consultation_milestones` (kept by triggers, migration 0029) by consultation_milestones_date_idx,
 * or consultation_milestones_surgeon_idx with a surgeon; counted by clinic-local month × surgeon
 * and in total.
 */
@Injectable()
export class ConversionRepository {
  async rows(db: Db, scope: ReportScope): Promise<ConversionRow[]> {
    const tz = scope.timeZone;
    const result = await db.execute(sql`
      WITH cohort AS (
        SELECT m.surgeon_id, m.consulted_at,
          to_char(m.consulted_at AT TIME ZONE ${tz}, 'YYYY-MM') AS month,
          m.planned_at, m.quoted_at, m.approved_at, m.completed_at
        FROM ${consultationMilestones} m
        WHERE m.clinic_id = ${scope.clinicId}
          AND m.consulted_at >= ${scope.start.toISOString()}::timestamptz
          AND m.consulted_at < ${scope.end.toISOString()}::timestamptz
          ${scope.surgeonId === null ? sql`` : sql`AND m.surgeon_id = ${scope.surgeonId}`}
      )
      SELECT k.month, k.surgeon_id::text, min(u.name) AS surgeon_name,
        count(*)::int AS consultations,
        count(k.planned_at)::int AS plans,
        count(k.quoted_at)::int AS quoted,
        count(k.approved_at)::int AS approved,
        count(k.completed_at)::int AS completed,
        ${median('k.consulted_at', 'k.planned_at')} AS consult_to_plan,
        ${median('k.planned_at', 'k.quoted_at')} AS plan_to_quote,
        ${median('k.quoted_at', 'k.approved_at')} AS quote_to_approval,
        ${median('k.approved_at', 'k.completed_at')} AS approval_to_surgery,
        ${median('k.consulted_at', 'k.completed_at')} AS consult_to_surgery,
        grouping(k.month, k.surgeon_id) <> 0 AS is_total
      FROM cohort k
      LEFT JOIN ${users} u ON u.clinic_id = ${scope.clinicId} AND u.id = k.surgeon_id
      GROUP BY GROUPING SETS ((k.month, k.surgeon_id), ())
      ORDER BY is_total, k.month, surgeon_name, k.surgeon_id`);
    return z.object({ rows: z.array(Row) }).parse(result).rows;
  }
}
