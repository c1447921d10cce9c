import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { addStaffMember, Given, type ClinicWithStaff } from './given';
import { caseBody, expectStatus, operatingRoom, readyPlan } from './given-theater';
import type { IdPools } from './fuzz-schema';
import type { TestApp } from './test-app';

export interface FuzzWorld {
  clinic: ClinicWithStaff;
  other: ClinicWithStaff;
  pools: IdPools;
}

/**
 * Realistic state for the fuzzer to aim at, over HTTP: a clinic with staff, fee schedule 19325,
 * a consent template, serialised implant stock, a consultation, plans in DRAFT, QUOTED and
 * APPROVED, a SCHEDULED case, a COMPLETED case with its bill, a payment plan and a prior
 * authorization; and a second clinic whose ids must always be NotFound.
 */
export async function fuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const given = new Given(t);
  const clinic = await given.clinicWithStaff('Fuzz Clinic');
  const other = await given.clinicWithStaff('Other Fuzz Clinic');
  const own: Record<string, string[]> = {};
  const add = (kind: string, ...ids: (string | null | undefined)[]) => {
    for (const id of ids) if (id) (own[kind] ??= []).push(id);
  };

  const room = await operatingRoom(clinic);
  add('operatingRoom', room.id);
  const scheduled = await readyPlan(clinic, { withConsent: true });
  const scheduledCase = expectStatus(
    'schedule',
    await clinic
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(clinic, scheduled.plan, room, 7)),
    201,
  );
  const done = await readyPlan(clinic, { withConsent: true });
  const doneCase = expectStatus(
    'schedule',
    await clinic.as('COORDINATOR').post('/surgical-cases', caseBody(clinic, done.plan, room, 9)),
    201,
  );
  expectStatus(
    'start',
    await clinic.as('NURSE').post(`/surgical-cases/${doneCase.id}/start`, {
      reason: 'Started ahead of its booked day in a test',
    }),
    200,
  );
  const completed = expectStatus(
    'complete',
    await clinic.as('SURGEON').post(`/surgical-cases/${doneCase.id}/complete`, {}),
    200,
  );
  const quoted = await readyPlan(clinic, { stopBefore: 'approve', withConsent: true });
  const draft = expectStatus(
    'draft plan',
    await clinic.as('COORDINATOR').post('/procedure-plans', {
      patientId: quoted.patient.id,
      procedureName: 'Breast Augmentation',
      procedureType: 'HYBRID',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      insuranceCptCodes: ['19325'],
      diagnosisCodes: ['N62'],
      inventoryRequirements: [{ inventoryItemId: quoted.implantItem.id, quantity: 1 }],
    }),
    201,
  );
  const consultation = expectStatus(
    'consultation',
    await clinic.as('SURGEON').post('/consultations', {
      patientId: scheduled.patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: '2026-11-24T09:30:00Z',
      reason: 'Augmentation consult',
    }),
    201,
  );
  // Optional extras: reached when the workflow allows them, skipped (not failed) otherwise.
  const paymentPlan = await clinic
    .as('BILLING')
    .post(`/quotes/${scheduled.plan.currentQuoteId}/payment-plan`, {
      depositAmount: '1000.00',
      installmentCount: 3,
      frequency: 'MONTHLY',
      firstDueDate: '2027-01-15',
    });
  const paymentPlanOffer = await clinic
    .as('BILLING')
    .post(`/quotes/${quoted.plan.currentQuoteId}/payment-plan-offers`, {
      depositAmount: '500.00',
      installmentCount: 2,
      frequency: 'MONTHLY',
      firstDueDate: '2027-02-15',
    });
  const priorAuth = await clinic
    .as('COORDINATOR')
    .post(`/procedure-plans/${draft.id}/prior-authorizations`, {
      payerName: 'Aetna',
      memberId: 'M-123',
    });
  const payer = expectStatus(
    'payer',
    await clinic.as('BILLING').post('/payers', { name: 'Fuzz Health', payerId: 'FUZZ01' }),
    201,
  );
  const templates = await clinic.as('ADMIN').get('/consent-templates');
  const fuzzUsers = [
    await addStaffMember(t, clinic, 'NURSE'),
    await addStaffMember(t, clinic, 'BILLING'),
  ];

  for (const ready of [scheduled, done, quoted]) {
    add('patient', ready.patient.id);
    add('plan', ready.plan.id);
    add('item', ready.implantItem.id, ready.suturesItem.id);
    add('itemCode', ready.implantItem.code, ready.suturesItem.code);
    add('quote', ready.plan.currentQuoteId);
    add('consent', ready.plan.consent?.id);
    for (const r of ready.plan.inventoryRequirements ?? []) add('requirement', r.id);
    for (const item of [ready.implantItem, ready.suturesItem]) {
      const stock = await clinic.as('NURSE').get(`/inventory/items/${item.id}/stock`);
      for (const b of stock.body?.batches ?? []) add('batch', b.batchId);
    }
  }
  for (const c of [scheduled, quoted]) {
    if (!c.plan.consent) continue;
    const consent = await clinic.as('NURSE').get(`/consents/${c.plan.consent.id}`);
    add('contentHash', consent.body?.contentHash);
  }
  add('plan', draft.id);
  for (const r of draft.inventoryRequirements ?? []) add('requirement', r.id);
  add('consent', draft.consent?.id);
  add('surgicalCase', scheduledCase.id, doneCase.id);
  add('bill', completed.billId);
  add('consultation', consultation.id);
  add('payer', payer.id);
  if (paymentPlan.status === 201) add('paymentPlan', paymentPlan.body.id);
  if (paymentPlanOffer.status === 201) add('paymentPlanOffer', paymentPlanOffer.body.id);
  if (priorAuth.status === 201) add('priorAuthorization', priorAuth.body.id);
  for (const tpl of templates.body?.data ?? []) add('consentTemplate', tpl.id);
  add('fuzzUser', ...fuzzUsers.map((u) => u.id));
  add('surgeon', clinic.staff.SURGEON.id);
  add('user', ...Object.values(clinic.staff).map((s) => s.id));

  const foreign = await readyPlan(other, { stopBefore: 'allocate' });
  const foreignRoom = await operatingRoom(other);
  const foreignPayer = expectStatus(
    'payer',
    await other.as('BILLING').post('/payers', { name: 'Foreign Health', payerId: 'FUZZ01' }),
    201,
  );
  const foreignIds = [
    foreign.patient.id,
    foreign.plan.id,
    foreign.implantItem.id,
    foreign.plan.currentQuoteId,
    foreign.plan.consent?.id,
    foreignRoom.id,
    foreignPayer.id,
    ...(foreign.plan.inventoryRequirements ?? []).map((r: { id: string }) => r.id),
    ...Object.values(other.staff).map((s) => s.id),
  ].filter((id): id is string => typeof id === 'string');
  return { clinic, other, pools: { own, foreign: foreignIds } };
}

const Rows = z.object({ rows: z.array(z.object({ t: z.string(), n: z.number(), h: z.string() })) });

/**
 * A fingerprint of both clinics' rows: per table, the row count and an md5 of every row's text
 * (so any changed column shows, not only updated_at or version). Tables: every table with a
 * clinic_id column, plus `clinics`. Not covered, by design: `login_throttle` (global, keyed by
 * email and IP; a refused login must count there) and the global code tables (read-only).
 */
export class RowFingerprint {
  private constructor(
    private readonly t: TestApp,
    private readonly query: ReturnType<typeof sql>,
  ) {}

  static async forClinics(t: TestApp, clinicIds: string[]): Promise<RowFingerprint> {
    const db = t.app.get(TransactionRunner).db;
    const tables = z
      .object({ rows: z.array(z.object({ table_name: z.string() })) })
      .parse(
        await db.execute(
          sql`SELECT DISTINCT table_name FROM information_schema.columns
              WHERE column_name = 'clinic_id' AND table_schema = current_schema()
              ORDER BY table_name`,
        ),
      )
      .rows.map((r) => r.table_name);
    const ids = sql.join(
      clinicIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const parts = [
      sql`SELECT 'clinics' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM clinics x WHERE id IN (${ids})`,
      ...tables.map(
        (name) =>
          sql`SELECT ${name} AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${sql.identifier(name)} x WHERE clinic_id IN (${ids})`,
      ),
    ];
    return new RowFingerprint(t, sql.join(parts, sql` UNION ALL `));
  }

  /** Table name → `count:md5`. */
  async take(): Promise<Map<string, string>> {
    const result = Rows.parse(await this.t.app.get(TransactionRunner).db.execute(this.query));
    return new Map(result.rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  }
}

/** The tables whose fingerprint differs between two snapshots. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}
