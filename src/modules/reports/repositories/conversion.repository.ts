import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { consultations } from '../../consultation/repositories/consultation.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { quotes } from '../../quote/repositories/quote.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { users } from '../../user/repositories/user.schema';
import type { ReportScope } from '../services/report-definition';

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
 * range (consultations_date_idx, or consultations_surgeon_idx with a surgeon), each with the
 * first moment each later step happened for any of its plans (plans by
 * procedure_plans_consultation_idx, their quotes by quotes_plan_idx, their cases by
 * surgical_cases_plan_idx), counted by clinic-local month × surgeon and in total.
 */
@Injectable()
export class ConversionRepository {
  async rows(db: Db, scope: ReportScope): Promise<ConversionRow[]> {
    const tz = scope.timeZone;
    const result = await db.execute(sql`
      WITH cohort AS (
        SELECT c.id, c.surgeon_id, c.consultation_date AS consulted_at,
          to_char(c.consultation_date AT TIME ZONE ${tz}, 'YYYY-MM') AS month,
          f.planned_at, f.quoted_at, f.approved_at, f.completed_at
        FROM ${consultations} c
        LEFT JOIN LATERAL (
          SELECT min(p.created_at) AS planned_at, min(p.approved_at) AS approved_at,
            min(q.issued_at) AS quoted_at, min(s.completed_at) AS completed_at
          FROM ${procedurePlans} p
          LEFT JOIN LATERAL (
            SELECT min(q.issued_at) AS issued_at FROM ${quotes} q
            WHERE q.clinic_id = p.clinic_id AND q.procedure_plan_id = p.id
          ) q ON true
          LEFT JOIN LATERAL (
            SELECT min(s.completed_at) AS completed_at FROM ${surgicalCases} s
            WHERE s.clinic_id = p.clinic_id AND s.procedure_plan_id = p.id
              AND s.status = 'COMPLETED'
          ) s ON true
          WHERE p.clinic_id = c.clinic_id AND p.consultation_id = c.id
        ) f ON true
        WHERE c.clinic_id = ${scope.clinicId}
          AND c.consultation_date >= ${scope.start.toISOString()}::timestamptz
          AND c.consultation_date < ${scope.end.toISOString()}::timestamptz
          ${scope.surgeonId === null ? sql`` : sql`AND c.surgeon_id = ${scope.surgeonId}`}
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
