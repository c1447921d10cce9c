import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { billAdjustments, billPayments, bills } from '../../billing/repositories/billing.schema';
import { claims } from '../../claims/repositories/claims.schema';
import { patientInsurances, payers } from '../../payer/repositories/payer.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import type { ReportScope } from '../services/report-definition';

/** One bill open at the as-of instant: what each payer still owed then (docs/reports.md "A/R aging"). */
export interface OpenBillRow {
  billId: string;
  billNumber: string;
  issuedOn: string;
  ageDays: number;
  insuranceBalance: string;
  patientBalance: string;
  /** The insurer the insurance balance belongs to; null when no claim and no insurance name one. */
  payerId: string | null;
  payerName: string | null;
}

const OpenBills = z.object({
  rows: z.array(
    z.object({
      bill_id: z.string(),
      bill_number: z.string(),
      issued_on: z.string(),
      age_days: z.coerce.number().int(),
      insurance_balance: z.string(),
      patient_balance: z.string(),
      payer_id: z.string().nullable(),
      payer_name: z.string().nullable(),
    }),
  ),
});

const Charges = z.object({ rows: z.array(z.object({ charges: z.string() })) });

/**
 * The A/R aging report's SQL: each bill's balances rebuilt from the ledger as of the end of `to`,
 * and the charges of from–to. A bill can owe something at the as-of instant only when it was
 * issued before it and neither settled (`paid_at`) nor voided before it: the expression index
 * `bills_closed_at_idx` finds those, so a year's report reads the open bills, not every bill.
 */
@Injectable()
export class ArAgingRepository {
  async openBills(db: Db, scope: ReportScope): Promise<OpenBillRow[]> {
    const end = scope.end.toISOString();
    const asOf = scope.to;
    const bySurgeon =
      scope.surgeonId === null
        ? sql``
        : sql`AND EXISTS (SELECT 1 FROM ${surgicalCases} sc
              WHERE sc.clinic_id = b.clinic_id AND sc.id = b.surgical_case_id
                AND sc.surgeon_id = ${scope.surgeonId})`;
    const result = await db.execute(sql`
      WITH open_bills AS (
        SELECT b.clinic_id, b.id, b.bill_number, b.patient_id, b.insurance_total, b.patient_total,
               (b.issued_at AT TIME ZONE ${scope.timeZone})::date AS issued_on
        FROM ${bills} b
        WHERE b.clinic_id = ${scope.clinicId}
          AND coalesce(b.paid_at, b.voided_at, 'infinity'::timestamptz) >= ${end}::timestamptz
          AND b.issued_at < ${end}::timestamptz
          ${bySurgeon}
      ),
      ledger AS (
        SELECT o.id,
          o.insurance_total
            - coalesce(pay.insurance_paid, 0) - coalesce(adj.adjusted, 0)
            - coalesce(adj.transferred, 0) AS insurance_balance,
          o.patient_total + coalesce(adj.transferred, 0)
            - coalesce(pay.patient_paid, 0) AS patient_balance
        FROM open_bills o
        LEFT JOIN LATERAL (
          SELECT sum(p.amount) FILTER (WHERE p.payer = 'INSURANCE') AS insurance_paid,
                 sum(p.amount) FILTER (WHERE p.payer = 'PATIENT') AS patient_paid
          FROM ${billPayments} p
          WHERE p.clinic_id = o.clinic_id AND p.bill_id = o.id
            AND p.received_at < ${end}::timestamptz
        ) pay ON true
        LEFT JOIN LATERAL (
          SELECT sum(a.amount) FILTER (WHERE a.kind <> 'TRANSFER_TO_PATIENT') AS adjusted,
                 sum(a.amount) FILTER (WHERE a.kind = 'TRANSFER_TO_PATIENT') AS transferred
          FROM ${billAdjustments} a
          WHERE a.clinic_id = o.clinic_id AND a.bill_id = o.id
            AND a.recorded_at < ${end}::timestamptz
        ) adj ON true
      )
      SELECT o.id::text AS bill_id, o.bill_number, o.issued_on::text AS issued_on,
             (${asOf}::date - o.issued_on) AS age_days,
             l.insurance_balance::text AS insurance_balance,
             l.patient_balance::text AS patient_balance,
             insurer.id::text AS payer_id, insurer.name AS payer_name
      FROM open_bills o
      JOIN ledger l ON l.id = o.id
      LEFT JOIN LATERAL (
        SELECT c.payer_ref FROM ${claims} c
        WHERE c.clinic_id = o.clinic_id AND c.bill_id = o.id
          AND c.status <> 'VOID' AND c.frequency <> '8'
        ORDER BY c.claim_number DESC
        LIMIT 1
      ) claim ON true
      LEFT JOIN ${patientInsurances} pi
        ON claim.payer_ref IS NULL AND pi.clinic_id = o.clinic_id AND pi.patient_id = o.patient_id
      LEFT JOIN ${payers} insurer
        ON insurer.clinic_id = o.clinic_id AND insurer.id = coalesce(claim.payer_ref, pi.payer_ref)
      WHERE l.insurance_balance > 0 OR l.patient_balance > 0
      ORDER BY o.issued_on, o.bill_number`);
    return OpenBills.parse(result).rows.map((r) => ({
      billId: r.bill_id,
      billNumber: r.bill_number,
      issuedOn: r.issued_on,
      ageDays: r.age_days,
      insuranceBalance: r.insurance_balance,
      patientBalance: r.patient_balance,
      payerId: r.payer_id,
      payerName: r.payer_name,
    }));
  }

  /** Σ totals of the bills issued from–to and not voided by the end of `to`. */
  async charges(db: Db, scope: ReportScope): Promise<string> {
    const end = scope.end.toISOString();
    const bySurgeon =
      scope.surgeonId === null
        ? sql``
        : sql`AND EXISTS (SELECT 1 FROM ${surgicalCases} sc
              WHERE sc.clinic_id = b.clinic_id AND sc.id = b.surgical_case_id
                AND sc.surgeon_id = ${scope.surgeonId})`;
    const result = await db.execute(sql`
      SELECT coalesce(sum(b.total), 0)::text AS charges
      FROM ${bills} b
      WHERE b.clinic_id = ${scope.clinicId}
        AND b.issued_at >= ${scope.start.toISOString()}::timestamptz
        AND b.issued_at < ${end}::timestamptz
        AND (b.voided_at IS NULL OR b.voided_at >= ${end}::timestamptz)
        ${bySurgeon}`);
    return Charges.parse(result).rows[0]?.charges ?? '0';
  }
}
