import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { billPayments, bills } from '../../billing/repositories/billing.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { users } from '../../user/repositories/user.schema';
import type { ReportScope } from '../services/report-definition';

const ProductivityRows = z.object({
  rows: z.array(
    z.object({
      month: z.string(),
      surgeon_id: z.string(),
      surgeon_name: z.string(),
      cases: z.number().int(),
      charges: z.string(),
      collections: z.string(),
    }),
  ),
});
export type ProductivityRow = z.infer<typeof ProductivityRows>['rows'][number];

/**
 * The surgeon-productivity report's SQL (docs/reports.md "Surgeon productivity"): three sums by
 * the case's surgeon and the clinic-local month of their own instant — cases by completed_at
 * (surgical_cases_completed_idx), bills by issued_at (bills_issued_idx), payments by received_at
 * (bill_payments_received_idx) — joined on surgeon and month.
 */
@Injectable()
export class SurgeonProductivityRepository {
  /** Rows by clinic-local month and surgeon, month then surgeon name; money as numeric text. */
  async rows(db: Db, scope: ReportScope): Promise<ProductivityRow[]> {
    const tz = scope.timeZone;
    const start = sql`${scope.start.toISOString()}::timestamptz`;
    const end = sql`${scope.end.toISOString()}::timestamptz`;
    const c = surgicalCases;
    const result = await db.execute(sql`
      WITH completed AS (
        SELECT ${c.surgeonId} AS surgeon_id,
          to_char(${c.completedAt} AT TIME ZONE ${tz}, 'YYYY-MM') AS month, count(*) AS cases
        FROM ${c}
        WHERE ${c.clinicId} = ${scope.clinicId}
          AND ${c.completedAt} >= ${start} AND ${c.completedAt} < ${end}
          AND ${c.status} = 'COMPLETED'
          ${this.surgeonCondition(scope)}
        GROUP BY 1, 2
      ),
      charged AS (
        SELECT sc.surgeon_id, to_char(b.issued_at AT TIME ZONE ${tz}, 'YYYY-MM') AS month,
          sum(b.total) AS charges
        FROM (
          SELECT ${bills.surgicalCaseId} AS surgical_case_id, ${bills.issuedAt} AS issued_at,
            ${bills.total} AS total
          FROM ${bills}
          WHERE ${bills.clinicId} = ${scope.clinicId}
            AND ${bills.issuedAt} >= ${start} AND ${bills.issuedAt} < ${end}
            AND ${bills.status} <> 'VOID'
        ) b
        JOIN ${this.casesOf(scope)} sc ON sc.id = b.surgical_case_id
        GROUP BY 1, 2
      ),
      collected AS (
        SELECT sc.surgeon_id, to_char(p.received_at AT TIME ZONE ${tz}, 'YYYY-MM') AS month,
          sum(p.amount) AS collections
        FROM (
          SELECT ${billPayments.billId} AS bill_id, ${billPayments.receivedAt} AS received_at,
            ${billPayments.amount} AS amount
          FROM ${billPayments}
          WHERE ${billPayments.clinicId} = ${scope.clinicId}
            AND ${billPayments.receivedAt} >= ${start} AND ${billPayments.receivedAt} < ${end}
        ) p
        JOIN ${bills} pb ON pb.clinic_id = ${scope.clinicId} AND pb.id = p.bill_id
        JOIN ${this.casesOf(scope)} sc ON sc.id = pb.surgical_case_id
        GROUP BY 1, 2
      ),
      keys AS (
        SELECT surgeon_id, month FROM completed
        UNION SELECT surgeon_id, month FROM charged
        UNION SELECT surgeon_id, month FROM collected
      )
      SELECT k.month, k.surgeon_id::text AS surgeon_id, u.name AS surgeon_name,
        coalesce(cp.cases, 0)::int AS cases,
        coalesce(ch.charges, 0)::numeric(14, 2)::text AS charges,
        coalesce(co.collections, 0)::numeric(14, 2)::text AS collections
      FROM keys k
      JOIN ${users} u ON u.clinic_id = ${scope.clinicId} AND u.id = k.surgeon_id
      LEFT JOIN completed cp ON cp.surgeon_id = k.surgeon_id AND cp.month = k.month
      LEFT JOIN charged ch ON ch.surgeon_id = k.surgeon_id AND ch.month = k.month
      LEFT JOIN collected co ON co.surgeon_id = k.surgeon_id AND co.month = k.month
      WHERE coalesce(cp.cases, 0) <> 0 OR coalesce(ch.charges, 0) <> 0
        OR coalesce(co.collections, 0) <> 0
      ORDER BY k.month, u.name, k.surgeon_id`);
    return ProductivityRows.parse(result).rows;
  }

  /** The clinic's cases (by primary key from the bill), of the surgeon when one is asked for. */
  private casesOf(scope: ReportScope): SQL {
    const c = surgicalCases;
    return sql`(
      SELECT ${c.id} AS id, ${c.surgeonId} AS surgeon_id FROM ${c}
      WHERE ${c.clinicId} = ${scope.clinicId} ${this.surgeonCondition(scope)}
    )`;
  }

  private surgeonCondition(scope: ReportScope): SQL {
    return scope.surgeonId === null
      ? sql``
      : sql`AND ${surgicalCases.surgeonId} = ${scope.surgeonId}`;
  }
}
