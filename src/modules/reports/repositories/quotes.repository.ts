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
 * The quotes report's one query (docs/reports.md "Quotes"): the quotes issued in the range, read
 * from quotes_issued_idx alone (it holds every column counted: an index-only scan), with their
 * procedure code as the quote copied it when issued. With a surgeon, each quote's plan (its
 * primary key) and the plan's consultation (its primary key) say whether it is that surgeon's.
 * Where each quote stands at `scope.now` is counted first by code and name (a few dozen groups),
 * then by code and in total; the code's name is the one most of its quotes carry, on a tie the
 * first in order (what `mode() WITHIN GROUP (ORDER BY name)` answers, without sorting the quotes).
 * An empty range has no groups: the total row's sums are null, hence the coalesce to 0.
 */
@Injectable()
export class QuotesRepository {
  async rows(db: Db, scope: ReportScope): Promise<QuotesRow[]> {
    const now = sql`${scope.now.toISOString()}::timestamptz`;
    const result = await db.execute(sql`
      WITH named AS (
        SELECT q.procedure_code, q.procedure_name,
          count(*) AS issued,
          count(*) FILTER (WHERE q.status = 'ACCEPTED') AS accepted,
          count(*) FILTER (
            WHERE q.status = 'EXPIRED' OR (q.status = 'ISSUED' AND q.valid_until < ${now})
          ) AS expired,
          count(*) FILTER (WHERE q.status = 'SUPERSEDED') AS superseded,
          count(*) FILTER (WHERE q.status = 'ISSUED' AND q.valid_until >= ${now}) AS open,
          sum(q.total) FILTER (WHERE q.status = 'ACCEPTED') AS accepted_value
        FROM ${quotes} q
        ${
          scope.surgeonId === null
            ? sql``
            : sql`JOIN ${procedurePlans} p ON p.clinic_id = q.clinic_id AND p.id = q.procedure_plan_id
              JOIN ${consultations} c ON c.clinic_id = p.clinic_id AND c.id = p.consultation_id
                AND c.surgeon_id = ${scope.surgeonId}`
        }
        WHERE q.clinic_id = ${scope.clinicId}
          AND q.issued_at >= ${scope.start.toISOString()}::timestamptz
          AND q.issued_at < ${scope.end.toISOString()}::timestamptz
        GROUP BY q.procedure_code, q.procedure_name
      )
      SELECT procedure_code,
        (array_agg(procedure_name ORDER BY issued DESC, procedure_name))[1] AS procedure_name,
        coalesce(sum(issued), 0)::int AS issued,
        coalesce(sum(accepted), 0)::int AS accepted,
        coalesce(sum(expired), 0)::int AS expired,
        coalesce(sum(superseded), 0)::int AS superseded,
        coalesce(sum(open), 0)::int AS open,
        coalesce(sum(accepted_value), 0)::text AS accepted_value,
        grouping(procedure_code) <> 0 AS is_total
      FROM named
      GROUP BY GROUPING SETS ((procedure_code), ())
      ORDER BY is_total, issued DESC, procedure_code`);
    return z.object({ rows: z.array(Row) }).parse(result).rows;
  }
}
