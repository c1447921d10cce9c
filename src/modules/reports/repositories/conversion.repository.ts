import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { users } from '../../user/repositories/user.schema';
import type { ReportScope } from '../services/report-definition';
import { consultationMilestones } from './consultation-milestones.schema';

const Median = z.number().nullable();

const Row = z.object({
  /** null on the summary row. */
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

/** The median of a column of days (over the rows where it is not null); one decimal. */
function median(column: string) {
  return sql.raw(
    `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY k.${column}))::numeric, 1)::float8`,
  );
}

/**
 * The conversion report's one query (docs/reports.md "Conversion"): the consultations held in the
 * range, each with the first moment each later step happened for any of its plans and the days
 * between them, read from `consultation_milestones` (kept by triggers, migration 0030) by
 * consultation_milestones_date_idx, or consultation_milestones_surgeon_idx with a surgeon. The
 * cohort is read twice: counted by clinic-local month × surgeon (the rows, without medians; one
 * index range per month, the month's bounds computed once in the clinic's zone), and in total
 * with the medians (the summary row).
 */
@Injectable()
export class ConversionRepository {
  async rows(db: Db, scope: ReportScope): Promise<ConversionRow[]> {
    const tz = scope.timeZone;
    const surgeon = scope.surgeonId === null ? sql`` : sql`AND m.surgeon_id = ${scope.surgeonId}`;
    const result = await db.execute(sql`
      WITH months AS (
        -- The clinic-local months of the range as instants: each consultation is put on its month
        -- by an index range scan per month, not by converting every row's instant to local time.
        SELECT to_char(d, 'YYYY-MM') AS month,
          greatest((d AT TIME ZONE ${tz}), ${scope.start.toISOString()}::timestamptz) AS starts,
          least(((d + interval '1 month') AT TIME ZONE ${tz}), ${scope.end.toISOString()}::timestamptz) AS ends
        FROM generate_series(date_trunc('month', ${scope.from}::timestamp), ${scope.to}::timestamp,
          interval '1 month') AS d
      ),
      cohort AS NOT MATERIALIZED (
        SELECT m.surgeon_id, m.planned_at, m.quoted_at, m.approved_at, m.completed_at,
          m.consult_to_plan_days, m.plan_to_quote_days, m.quote_to_approval_days,
          m.approval_to_surgery_days, m.consult_to_surgery_days
        FROM ${consultationMilestones} m
        WHERE m.clinic_id = ${scope.clinicId}
          AND m.consulted_at >= ${scope.start.toISOString()}::timestamptz
          AND m.consulted_at < ${scope.end.toISOString()}::timestamptz
          ${surgeon}
      )
      SELECT g.month, g.surgeon_id::text AS surgeon_id,
        u.name AS surgeon_name, g.consultations, g.plans, g.quoted, g.approved, g.completed,
        NULL::float8 AS consult_to_plan, NULL::float8 AS plan_to_quote,
        NULL::float8 AS quote_to_approval, NULL::float8 AS approval_to_surgery,
        NULL::float8 AS consult_to_surgery, false AS is_total
      FROM (
        SELECT mo.month, m.surgeon_id, count(*)::int AS consultations,
          count(m.planned_at)::int AS plans, count(m.quoted_at)::int AS quoted,
          count(m.approved_at)::int AS approved, count(m.completed_at)::int AS completed
        FROM months mo
        JOIN ${consultationMilestones} m ON m.clinic_id = ${scope.clinicId}
          AND m.consulted_at >= mo.starts AND m.consulted_at < mo.ends
          ${surgeon}
        GROUP BY mo.month, m.surgeon_id
      ) g
      LEFT JOIN ${users} u ON u.clinic_id = ${scope.clinicId} AND u.id = g.surgeon_id
      UNION ALL
      SELECT NULL, NULL, NULL, count(*)::int, count(k.planned_at)::int,
        count(k.quoted_at)::int, count(k.approved_at)::int, count(k.completed_at)::int,
        ${median('consult_to_plan_days')}, ${median('plan_to_quote_days')},
        ${median('quote_to_approval_days')}, ${median('approval_to_surgery_days')},
        ${median('consult_to_surgery_days')}, true
      FROM cohort k
      ORDER BY is_total, month, surgeon_name, surgeon_id`);
    return z.object({ rows: z.array(Row) }).parse(result).rows;
  }
}
