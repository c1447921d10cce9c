import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { consultations } from '../../consultation/repositories/consultation.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { quotes } from '../../quote/repositories/quote.schema';
import type { ReportScope } from '../services/report-definition';

const Row = z.object({
  procedure_code: z.string().nullable(),
  procedure_name: z.string().nullable(),
  issued: z.number(),
  accepted: z.number(),
  expired: z.number(),
  superseded: z.number(),
  open: z.number(),
  /** Σ total of the accepted quotes, summed in numeric (exact), as text. */
  accepted_value: z.string(),
  is_total: z.boolean(),
});
export type QuotesRow = z.infer<typeof Row>;

/**
 * The quotes report's one query (docs/reports.md "Quotes"): the quotes issued in the range
 * (quotes_issued_idx), each with its plan (its primary key) for the procedure code and, with a
 * surgeon, the plan's consultation (its primary key) for the surgeon; where each quote stands at
 * `scope.now`, counted by the plan's primary CPT code and in total.
 */
@Injectable()
export class QuotesRepository {
  async rows(db: Db, scope: ReportScope): Promise<QuotesRow[]> {
    const now = sql`${scope.now.toISOString()}::timestamptz`;
    const result = await db.execute(sql`
      SELECT p.primary_cpt_code AS procedure_code,
        mode() WITHIN GROUP (ORDER BY q.procedure_name) AS procedure_name,
        count(*)::int AS issued,
        count(*) FILTER (WHERE q.status = 'ACCEPTED')::int AS accepted,
        count(*) FILTER (
          WHERE q.status = 'EXPIRED' OR (q.status = 'ISSUED' AND q.valid_until < ${now})
        )::int AS expired,
        count(*) FILTER (WHERE q.status = 'SUPERSEDED')::int AS superseded,
        count(*) FILTER (WHERE q.status = 'ISSUED' AND q.valid_until >= ${now})::int AS open,
        coalesce(sum(q.total) FILTER (WHERE q.status = 'ACCEPTED'), 0)::text AS accepted_value,
        grouping(p.primary_cpt_code) <> 0 AS is_total
      FROM ${quotes} q
      JOIN ${procedurePlans} p ON p.clinic_id = q.clinic_id AND p.id = q.procedure_plan_id
      ${
        scope.surgeonId === null
          ? sql``
          : sql`JOIN ${consultations} c ON c.clinic_id = p.clinic_id AND c.id = p.consultation_id
              AND c.surgeon_id = ${scope.surgeonId}`
      }
      WHERE q.clinic_id = ${scope.clinicId}
        AND q.issued_at >= ${scope.start.toISOString()}::timestamptz
        AND q.issued_at < ${scope.end.toISOString()}::timestamptz
      GROUP BY GROUPING SETS ((p.primary_cpt_code), ())
      ORDER BY is_total, issued DESC, procedure_code`);
    return z.object({ rows: z.array(Row) }).parse(result).rows;
  }
}
