// The scale data's year (and a bit) of activity (docs/performance.md "Scale data", issue 20): what
// the reports read besides consultations, plans and quotes. PostgreSQL only, set-based SQL on the
// bench database, inside `loadScaleData` (bench/scale-data.ts) in two steps:
//
// 1. `planActivity`, after the bulk plans are chosen (`bench_plan`) and before they are written:
//    theater slots on every weekday of the last ACTIVITY_DAYS clinic days (not today), in each of
//    the clinic's active rooms (at most one per surgeon), two to four a room-day at 07:30, 10:00,
//    12:30 and 15:00 clinic time (90 or 120 minutes booked, DST-aware), each room-day's surgeon
//    another one (so a surgeon is never in two rooms at once, and a room never holds two cases).
//    Each slot takes one bulk APPROVED plan created about 45 days before it (the plans are spread
//    evenly in time, so the mapping is proportional); 7 % of the cases are CANCELLED with a reason
//    (the plan stays APPROVED, as the theater leaves it), the rest COMPLETED (the plan COMPLETED).
//    A third of the plans given a case are insured: HYBRID 19357 (breast reconstruction), whose
//    procedure and facility lines the insurer pays and the implants the patient. The plan's
//    consultation surgeon becomes the case's surgeon, and a completed plan's implant item the one
//    of the lot its two units come from.
// 2. `insertActivity`, after plans, quotes and consents are written: the cases (COMPLETED and
//    CANCELLED only: their triggers write no calendar booking, so the exclusion constraints have
//    nothing to hold), the allocations (CONSUMED: two serial units and one sutures each), the
//    units CONSUMED and their lots' on_hand, the usages, one bill per completed case priced like
//    its quote (1 % VOID), its lines, the payments (the patient 30 % the next day and the rest
//    3–103 days later, a tenth of them only half of the rest; the insurer 14–104 days later, 5 %
//    denied), the paid amounts and statuses that follow, four payers, the insured patients'
//    insurance, a claim per insured bill (SUBMITTED, ACCEPTED, PAID or DENIED by its dates) with
//    its procedure line, recalls of seven of the lots used (five OPEN, two CLOSED) with some
//    recipients contacted, and the counters (`case.`, `bill.`, `claim.<year>`).
//    No SCHEDULED or IN_PROGRESS case: they would hold time against the lanes' bookings from
//    tomorrow on and need ACTIVE reservations.
import type { Client } from 'pg';

/** How many clinic days back the theater activity goes: a year and a bit. */
export const ACTIVITY_DAYS = 400;
/** Two implants a case; a lot of 100 serves at most 50 cases, usually 20 (it keeps stock). */
const CASES_PER_LOT = 20;
const CANCEL_REASONS = [
  'Patient unwell on the day',
  'Patient request',
  'Surgeon unavailable',
  'Insurance authorization pending',
  'Equipment not available',
];
const PAYERS = [
  ['Aetna', '60054'],
  ['Cigna', '62308'],
  ['UnitedHealthcare', '87726'],
  ['Blue Cross Blue Shield', '00590'],
] as const;

type Run = (step: string, text: string, params?: unknown[]) => Promise<number>;

export interface ActivityPlan {
  perLot: number;
}

export interface ActivityReport {
  cases: number;
  completed: number;
  cancelled: number;
  bills: number;
  payments: number;
  claims: number;
  recalls: number;
}

/**
 * Chooses the slots and their plans (temp tables `bench_slot`, `bench_case`) and rewrites those
 * plans in `bench_plan`. Undefined (and nothing changed) when the bulk has no serial lots to
 * consume from (no `--units` above the defaults) or no approved plan in the window.
 */
export async function planActivity(
  c: Client,
  o: { clinicId: string; surgeonIds: string[]; days: number; run: Run; log: (s: string) => void },
): Promise<ActivityPlan | undefined> {
  const reconstruction = (
    await c.query<{
      description: string;
      surgeon_fee: string;
      facility_fee: string;
      anesthesia_fee: string;
    }>(
      `SELECT description, surgeon_fee, facility_fee, anesthesia_fee FROM fee_schedule_entries
       WHERE clinic_id = $1 AND cpt_code = '19357'`,
      [o.clinicId],
    )
  ).rows[0];
  await c.query(
    `CREATE TEMP TABLE bench_slot AS
     WITH z AS (
       SELECT time_zone AS tz, (now() AT TIME ZONE time_zone)::date AS today
       FROM clinics WHERE id = $1
     ), room AS (
       SELECT row_number() OVER (ORDER BY name, id) AS r, id FROM operating_rooms
       WHERE clinic_id = $1 AND active
     ), day AS (
       SELECT d::date AS day, row_number() OVER (ORDER BY d) AS di
       FROM z, generate_series(z.today - $2::int, z.today - 1, interval '1 day') AS d
       WHERE extract(isodow FROM d) < 6
     ), s AS (
       SELECT day.day, day.di, room.r, room.id AS room_id, k,
         ($3::uuid[])[1 + (room.r + day.di) % array_length($3::uuid[], 1)] AS surgeon_id,
         pg_temp.u01('bench-room-day-' || room.r || '-' || day.day) AS u_day
       FROM day CROSS JOIN room CROSS JOIN generate_series(1, 4) AS k
       WHERE room.r <= array_length($3::uuid[], 1)
     )
     SELECT row_number() OVER (ORDER BY s.day, s.k, s.r) AS j, s.day, s.r, s.room_id,
       s.surgeon_id, s.k,
       (s.day + time '07:30' + (s.k - 1) * interval '150 minutes') AT TIME ZONE z.tz
         AS scheduled_start,
       CASE WHEN pg_temp.u01('bench-slot-' || s.r || '-' || s.day || '-' || s.k) < 0.4
            THEN 90 ELSE 120 END AS minutes
     FROM s, z WHERE s.k <= 2 + floor(s.u_day * 3)`,
    [o.clinicId, o.days, o.surgeonIds],
  );
  // Slot j (in time order) takes the i-th approved plan of the window 45 days earlier; with
  // fewer plans than slots, an even sample of the slots.
  await c.query(
    `CREATE TEMP TABLE bench_case AS
     WITH a AS (
       SELECT row_number() OVER (ORDER BY ts, n) AS rn, n, ts FROM bench_plan
       WHERE status = 'APPROVED' AND ts >= now() - ($1::int + 45) * interval '1 day'
         AND ts < now() - interval '45 days'
     ), m AS (
       SELECT (SELECT count(*) FROM a) AS ca, (SELECT count(*) FROM bench_slot) AS cs
     ), k AS (
       SELECT s.*, (s.j * least(m.ca, m.cs)) / m.cs AS i, least(m.ca, m.cs) AS mm, m.ca
       FROM bench_slot s, m
       WHERE least(m.ca, m.cs) > 0
         AND (s.j * least(m.ca, m.cs)) / m.cs > ((s.j - 1) * least(m.ca, m.cs)) / m.cs
     ), x AS (
       SELECT k.*, a.n AS plan_n, a.ts AS plan_ts,
         pg_temp.u01('bench-case-cancel-' || k.j) AS u_cancel,
         pg_temp.u01('bench-case-late-' || k.j) AS u_late,
         pg_temp.u01('bench-case-late2-' || k.j) AS u_late2,
         pg_temp.u01('bench-case-len-' || k.j) AS u_len
       FROM k JOIN a ON a.rn = 1 + ((k.i - 1) * k.ca) / k.mm
     ), y AS (
       SELECT x.j, x.day, x.room_id, x.surgeon_id, x.plan_n, x.scheduled_start,
         x.scheduled_start + x.minutes * interval '1 minute' AS scheduled_end,
         CASE WHEN x.u_cancel < 0.07 THEN 'CANCELLED' ELSE 'COMPLETED' END AS status,
         x.j % 3 = 0 AND $2::boolean AS insured,
         x.plan_ts + interval '3 days' AS created_at,
         -- Most first cases start within 5 minutes (a minute early at most), 30 % 6–25 late; a
         -- case runs its booked time or up to 15 minutes less: the next slot starts 150
         -- minutes after this one's, so turnovers are never negative.
         x.scheduled_start + (CASE WHEN x.u_late < 0.7 THEN floor(x.u_late2 * 6) - 1
                                   ELSE 6 + floor(x.u_late2 * 20) END) * interval '1 minute'
           AS started_at,
         x.minutes - floor(x.u_len * 16) AS actual_minutes,
         x.scheduled_start - (1 + floor(x.u_len * 10)) * interval '1 day' AS cancelled_at,
         ($3::text[])[1 + floor(x.u_late * array_length($3::text[], 1))::int] AS cancel_reason
       FROM x
     )
     SELECT y.*, y.started_at + y.actual_minutes * interval '1 minute' AS completed_at,
       extract(year FROM y.created_at AT TIME ZONE 'UTC')::int AS year,
       CASE WHEN y.status = 'COMPLETED'
            THEN row_number() OVER (PARTITION BY y.status = 'COMPLETED' ORDER BY y.j) END AS ci
     FROM y`,
    [o.days, Boolean(reconstruction), CANCEL_REASONS],
  );
  const counts = (
    await c.query<{ cases: string; completed: string; lots: string }>(
      `SELECT (SELECT count(*) FROM bench_case) AS cases,
         (SELECT count(*) FROM bench_case WHERE status = 'COMPLETED') AS completed,
         (SELECT count(*) FROM bench_batch b
          JOIN inventory_batches ib ON ib.clinic_id = $1 AND ib.id = b.id
          WHERE ib.on_hand = 100 AND ib.created_at < now() - ($2::int + 60) * interval '1 day'
            AND ib.expires_at > current_date + 30) AS lots`,
      [o.clinicId, o.days],
    )
  ).rows[0]!;
  const completed = Number(counts.completed);
  const lots = Number(counts.lots);
  const perLot = Math.max(CASES_PER_LOT, Math.ceil(completed / Math.max(lots, 1)));
  if (Number(counts.cases) === 0 || lots === 0 || perLot > 50) {
    o.log(
      `  theater activity: none (${counts.cases} slots with a plan, ${lots} serial lots old ` +
        `enough to consume from: raise --plans and --units)`,
    );
    await c.query(`DROP TABLE bench_case; DROP TABLE bench_slot`);
    return undefined;
  }
  // Lots received before the window and good until after today, 20 cases (40 units) each.
  await c.query(
    `CREATE TEMP TABLE bench_use_batch AS
     SELECT row_number() OVER (ORDER BY b.n) AS rn, b.n, b.id, b.item_id FROM bench_batch b
     JOIN inventory_batches ib ON ib.clinic_id = $1 AND ib.id = b.id
     WHERE ib.on_hand = 100 AND ib.created_at < now() - ($2::int + 60) * interval '1 day'
       AND ib.expires_at > current_date + 30`,
    [o.clinicId, o.days],
  );
  await c.query(
    `ALTER TABLE bench_case ADD COLUMN id uuid, ADD COLUMN case_number text,
       ADD COLUMN batch_id uuid, ADD COLUMN item_id uuid, ADD COLUMN serial1 text,
       ADD COLUMN serial2 text;
     CREATE UNIQUE INDEX ON bench_case (j);`,
  );
  await c.query(
    `UPDATE bench_case c SET id = pg_temp.uuid7(c.created_at, 'bench-case-' || c.j),
       case_number = 'CASE-' || c.year || '-' || pg_temp.pad(q.seq, 3)
     FROM (
       SELECT bc.j, row_number() OVER (PARTITION BY bc.year ORDER BY bc.created_at, bc.j)
         + coalesce(s.last_value, 0) AS seq
       FROM bench_case bc
       LEFT JOIN clinic_sequences s ON s.clinic_id = $1 AND s.name = 'case.' || bc.year
     ) q WHERE q.j = c.j`,
    [o.clinicId],
  );
  await c.query(
    `UPDATE bench_case c SET batch_id = ub.id, item_id = ub.item_id,
       serial1 = 'SQ' || pg_temp.pad((ub.n - 1) * 100 + 2 * ((c.ci - 1) % $1::int) + 1, 9),
       serial2 = 'SQ' || pg_temp.pad((ub.n - 1) * 100 + 2 * ((c.ci - 1) % $1::int) + 2, 9)
     FROM bench_use_batch ub
     WHERE c.status = 'COMPLETED' AND ub.rn = 1 + (c.ci - 1) / $1::int`,
    [perLot],
  );
  await o.run(
    'plans given a case',
    `UPDATE bench_plan b SET surgeon_id = c.surgeon_id,
       status = CASE WHEN c.status = 'COMPLETED' THEN 'COMPLETED' ELSE b.status END,
       updated_at = CASE WHEN c.status = 'COMPLETED' THEN c.completed_at END,
       insured = c.insured,
       cpt = CASE WHEN c.insured THEN '19357' ELSE b.cpt END,
       procedure_name = CASE WHEN c.insured THEN 'Breast reconstruction with tissue expander'
                             ELSE b.procedure_name END,
       procedure_type = CASE WHEN c.insured THEN 'HYBRID' ELSE b.procedure_type END,
       fee_description = CASE WHEN c.insured THEN $1::text ELSE b.fee_description END,
       fee_surgeon = CASE WHEN c.insured THEN $2::numeric ELSE b.fee_surgeon END,
       fee_facility = CASE WHEN c.insured THEN $3::numeric ELSE b.fee_facility END,
       fee_anesthesia = CASE WHEN c.insured THEN $4::numeric ELSE b.fee_anesthesia END,
       item_id = coalesce(i.id, b.item_id), item_name = coalesce(i.name, b.item_name),
       item_code = coalesce(i.hcpcs_code, i.code, b.item_code),
       item_price = coalesce(i.unit_price, b.item_price)
     FROM bench_case c LEFT JOIN inventory_items i ON i.id = c.item_id
     WHERE b.n = c.plan_n`,
    [
      reconstruction?.description ?? '',
      reconstruction?.surgeon_fee ?? '0',
      reconstruction?.facility_fee ?? '0',
      reconstruction?.anesthesia_fee ?? '0',
    ],
  );
  return { perLot };
}

/** Writes the activity `planActivity` chose, once the plans, quotes and consents are in. */
export async function insertActivity(
  c: Client,
  plan: ActivityPlan | undefined,
  o: {
    clinicId: string;
    adminId: string;
    nurseId: string;
    coordinatorId: string;
    billingId: string;
    suturesItemId: string;
    run: Run;
  },
): Promise<ActivityReport | undefined> {
  if (!plan) return undefined;
  const { clinicId, run } = o;
  const cases = await run(
    'surgical cases',
    `INSERT INTO surgical_cases (clinic_id, id, case_number, procedure_plan_id, patient_id,
       surgeon_id, operating_room_id, scheduled_start, scheduled_end, status, procedure_name,
       procedure_code, cpt_codes, diagnosis_codes, procedure_type, insurance_cpt_codes,
       created_by_id, started_at, started_by_id, completed_at, completed_by_id, cancelled_at,
       cancel_reason, version, created_at, updated_at)
     SELECT $1, c.id, c.case_number, b.id, b.patient_id, c.surgeon_id, c.room_id,
       c.scheduled_start, c.scheduled_end, c.status::surgical_case_status, b.procedure_name,
       b.cpt, ARRAY[b.cpt], CASE WHEN b.insured THEN ARRAY['Z42.1'] ELSE '{}' END,
       b.procedure_type::procedure_type, CASE WHEN b.insured THEN ARRAY[b.cpt] ELSE '{}' END, $2,
       CASE WHEN c.status = 'COMPLETED' THEN c.started_at END,
       CASE WHEN c.status = 'COMPLETED' THEN $3::uuid END,
       CASE WHEN c.status = 'COMPLETED' THEN c.completed_at END,
       CASE WHEN c.status = 'COMPLETED' THEN $3::uuid END,
       CASE WHEN c.status = 'CANCELLED' THEN c.cancelled_at END,
       CASE WHEN c.status = 'CANCELLED' THEN c.cancel_reason END,
       CASE WHEN c.status = 'COMPLETED' THEN 3 ELSE 2 END,
       c.created_at, CASE WHEN c.status = 'COMPLETED' THEN c.completed_at ELSE c.cancelled_at END
     FROM bench_case c JOIN bench_plan b ON b.n = c.plan_n`,
    [clinicId, o.coordinatorId, o.nurseId],
  );
  const completed = Number(
    (await c.query(`SELECT count(*) AS n FROM bench_case WHERE status = 'COMPLETED'`)).rows[0].n,
  );
  // A sutures lot received before the window, one pack a case.
  await c.query(
    `INSERT INTO inventory_batches (clinic_id, id, item_id, batch_number, expires_at, on_hand,
       reserved, received_by_id, created_at, updated_at)
     VALUES ($1, pg_temp.uuid7(now() - ($4::int + 90) * interval '1 day', 'bench-sutures-lot'), $2,
       'SUT-BULK-1', current_date + 400, 100000 - $3::int, 0, $5,
       now() - ($4::int + 90) * interval '1 day', now())`,
    [clinicId, o.suturesItemId, completed, ACTIVITY_DAYS, o.nurseId],
  );
  // One row per thing consumed: x = 1, 2 the implants, 3 the sutures.
  await c.query(
    `CREATE TEMP TABLE bench_use AS
     SELECT c.j, x.x, c.id AS case_id, b.id AS plan_id, b.patient_id, c.created_at,
       c.completed_at,
       pg_temp.uuid7(b.ts + (CASE WHEN x.x = 3 THEN 2 ELSE 1 END) * interval '1 minute',
         'bench-requirement-' || b.n || '-' || CASE WHEN x.x = 3 THEN 2 ELSE 1 END)
         AS requirement_id,
       CASE WHEN x.x = 3 THEN $2::uuid ELSE c.item_id END AS item_id,
       CASE WHEN x.x = 3 THEN sb.id ELSE c.batch_id END AS batch_id,
       u.id AS unit_id, u.serial_number,
       pg_temp.uuid7(c.created_at, 'bench-allocation-' || c.j || '-' || x.x) AS allocation_id,
       pg_temp.uuid7(c.completed_at, 'bench-usage-' || c.j || '-' || x.x) AS usage_id
     FROM bench_case c JOIN bench_plan b ON b.n = c.plan_n
     CROSS JOIN (VALUES (1), (2), (3)) AS x(x)
     JOIN inventory_batches sb ON sb.clinic_id = $1 AND sb.item_id = $2
       AND sb.batch_number = 'SUT-BULK-1'
     LEFT JOIN inventory_units u ON x.x < 3 AND u.clinic_id = $1 AND u.item_id = c.item_id
       AND u.serial_number = CASE x.x WHEN 1 THEN c.serial1 ELSE c.serial2 END
     WHERE c.status = 'COMPLETED'`,
    [clinicId, o.suturesItemId],
  );
  await run(
    'allocations (consumed)',
    `INSERT INTO inventory_allocations (clinic_id, id, requirement_id, procedure_plan_id, item_id,
       batch_id, unit_id, quantity, status, allocated_by_id, created_at, updated_at)
     SELECT $1, allocation_id, requirement_id, plan_id, item_id, batch_id, unit_id, 1,
       'CONSUMED', $2, created_at, completed_at
     FROM bench_use`,
    [clinicId, o.coordinatorId],
  );
  await run(
    'units consumed',
    `UPDATE inventory_units u SET status = 'CONSUMED', procedure_plan_id = x.plan_id,
       surgical_case_id = x.case_id, patient_id = x.patient_id, consumed_at = x.completed_at,
       updated_at = x.completed_at
     FROM bench_use x WHERE u.clinic_id = $1 AND u.id = x.unit_id`,
    [clinicId],
  );
  await c.query(
    `UPDATE inventory_batches b SET on_hand = b.on_hand - x.n, version = b.version + 1
     FROM (SELECT batch_id, count(*) AS n FROM bench_use WHERE unit_id IS NOT NULL
           GROUP BY batch_id) x
     WHERE b.clinic_id = $1 AND b.id = x.batch_id`,
    [clinicId],
  );
  await run(
    'usages',
    `INSERT INTO inventory_usages (clinic_id, id, procedure_plan_id, surgical_case_id, patient_id,
       item_id, batch_id, unit_id, serial_number, quantity, allocation_id, recorded_by_id, used_at,
       created_at, updated_at)
     SELECT $1, usage_id, plan_id, case_id, patient_id, item_id, batch_id, unit_id, serial_number,
       1, allocation_id, $2, completed_at, completed_at, completed_at
     FROM bench_use`,
    [clinicId, o.nurseId],
  );

  // ------------------------------------------------------------ bills and payments
  await c.query(
    `CREATE TEMP TABLE bench_bill AS
     WITH x AS (
       SELECT c.j, c.id AS case_id, c.day, c.completed_at AS issued_at, c.surgeon_id,
         b.n AS plan_n, b.id AS plan_id, b.patient_id, b.quote_id, b.insured,
         b.fee_surgeon + b.fee_facility + b.fee_anesthesia + 2 * b.item_price AS total,
         CASE WHEN b.insured THEN b.fee_surgeon + b.fee_facility + b.fee_anesthesia ELSE 0 END
           AS insurance_total,
         pg_temp.u01('bench-bill-void-' || c.j) < 0.01 AS void,
         pg_temp.u01('bench-bill-deny-' || c.j) < 0.05 AS denied,
         pg_temp.u01('bench-bill-partial-' || c.j) < 0.1 AS partial,
         pg_temp.u01('bench-bill-patient-' || c.j) AS u_patient,
         pg_temp.u01('bench-bill-insurer-' || c.j) AS u_insurer,
         extract(year FROM c.completed_at AT TIME ZONE 'UTC')::int AS year
       FROM bench_case c JOIN bench_plan b ON b.n = c.plan_n
       WHERE c.status = 'COMPLETED'
     ), y AS (
       SELECT x.*, x.total - x.insurance_total AS patient_total,
         round((x.total - x.insurance_total) * 0.3, 2) AS p1_amount,
         x.issued_at + interval '1 day' AS p1_at,
         x.issued_at + (3 + floor(x.u_patient * 100)) * interval '1 day' AS p2_at,
         x.issued_at + (14 + floor(x.u_insurer * 90)) * interval '1 day' AS i_at,
         pg_temp.uuid7(x.issued_at, 'bench-bill-' || x.j) AS id,
         'BILL-' || x.year || '-' || pg_temp.pad(row_number() OVER (
           PARTITION BY x.year ORDER BY x.issued_at, x.j) + coalesce(s.last_value, 0), 3)
           AS bill_number
       FROM x LEFT JOIN clinic_sequences s ON s.clinic_id = $1 AND s.name = 'bill.' || x.year
     ), z AS (
       SELECT y.*,
         CASE WHEN y.partial THEN round((y.patient_total - y.p1_amount) / 2, 2)
              ELSE y.patient_total - y.p1_amount END AS p2_amount,
         NOT y.void AND y.p1_at <= now() AS p1_paid,
         NOT y.void AND y.p2_at <= now() AS p2_paid,
         NOT y.void AND y.insured AND NOT y.denied AND y.i_at <= now() AS i_paid
       FROM y
     )
     SELECT z.*,
       CASE WHEN z.p1_paid THEN z.p1_amount ELSE 0 END
         + CASE WHEN z.p2_paid THEN z.p2_amount ELSE 0 END AS patient_paid,
       CASE WHEN z.i_paid THEN z.insurance_total ELSE 0 END AS insurance_paid
     FROM z`,
    [clinicId],
  );
  const bills = await run(
    'bills',
    `INSERT INTO bills (clinic_id, id, bill_number, surgical_case_id, procedure_plan_id,
       patient_id, quote_id, status, total, insurance_total, patient_total, insurance_paid,
       patient_paid, issued_at, paid_at, voided_at, voided_by_id, void_reason, created_by_id,
       version, created_at, updated_at)
     SELECT $1, b.id, b.bill_number, b.case_id, b.plan_id, b.patient_id, b.quote_id, s.status,
       b.total, b.insurance_total, b.patient_total, b.insurance_paid, b.patient_paid,
       b.issued_at, CASE WHEN s.status = 'PAID' THEN s.last_at END,
       CASE WHEN b.void THEN b.issued_at + interval '3 days' END,
       CASE WHEN b.void THEN $2::uuid END,
       CASE WHEN b.void THEN 'Billed in error' END, $3,
       1 + b.p1_paid::int + b.p2_paid::int + b.i_paid::int + b.void::int,
       b.issued_at, greatest(b.issued_at, s.last_at,
         CASE WHEN b.void THEN b.issued_at + interval '3 days' END)
     FROM bench_bill b
     CROSS JOIN LATERAL (SELECT
       (CASE WHEN b.void THEN 'VOID'
             WHEN b.patient_paid = b.patient_total AND b.insurance_paid = b.insurance_total
             THEN 'PAID' ELSE 'OPEN' END)::bill_status AS status,
       greatest(CASE WHEN b.p1_paid THEN b.p1_at END, CASE WHEN b.p2_paid THEN b.p2_at END,
                CASE WHEN b.i_paid THEN b.i_at END) AS last_at) s`,
    [clinicId, o.adminId, o.billingId],
  );
  // The quote's lines, priced the same: the implants' line names its two usages and serials.
  await run(
    'bill lines',
    `INSERT INTO bill_line_items (clinic_id, id, bill_id, line_number, kind, procedure_code,
       description, quantity, unit_price, amount, payer, inventory_item_id, inventory_usage_ids,
       serial_numbers)
     SELECT $1, pg_temp.uuid7(bb.issued_at, 'bench-bill-line-' || bb.j || '-' || l.k), bb.id,
       row_number() OVER (PARTITION BY bb.j ORDER BY l.k), l.kind::quote_line_kind, l.code,
       l.description, l.quantity, l.price, l.price * l.quantity,
       (CASE WHEN p.insured AND l.kind <> 'SUPPLY' THEN 'INSURANCE' ELSE 'PATIENT' END)::payer,
       l.item_id, l.usages, l.serials
     FROM bench_bill bb JOIN bench_plan p ON p.n = bb.plan_n
     JOIN bench_case c ON c.j = bb.j
     CROSS JOIN LATERAL (VALUES
       (1, 'PROCEDURE', p.cpt, p.fee_description, 1, p.fee_surgeon, NULL::uuid, '{}'::uuid[],
        '{}'::text[]),
       (2, 'FACILITY', p.cpt, 'Facility fee: ' || p.fee_description, 1, p.fee_facility, NULL,
        '{}', '{}'),
       (3, 'ANESTHESIA', p.cpt, 'Anesthesia: ' || p.fee_description, 1, p.fee_anesthesia, NULL,
        '{}', '{}'),
       (4, 'SUPPLY', p.item_code, p.item_name, 2, p.item_price, p.item_id,
        ARRAY[pg_temp.uuid7(c.completed_at, 'bench-usage-' || c.j || '-1'),
              pg_temp.uuid7(c.completed_at, 'bench-usage-' || c.j || '-2')],
        ARRAY[c.serial1, c.serial2])
     ) AS l(k, kind, code, description, quantity, price, item_id, usages, serials)
     WHERE l.kind IN ('PROCEDURE', 'SUPPLY') OR l.price <> 0`,
    [clinicId],
  );
  const payments = await run(
    'bill payments',
    `INSERT INTO bill_payments (clinic_id, id, bill_id, payer, amount, method, reference,
       received_at, recorded_by_id, created_at, updated_at)
     SELECT $1, pg_temp.uuid7(p.at, 'bench-payment-' || b.j || '-' || p.k), b.id,
       p.payer::payer, p.amount, p.method::payment_method, p.reference, p.at, $2, p.at, p.at
     FROM bench_bill b
     CROSS JOIN LATERAL (VALUES
       (1, 'PATIENT', b.p1_amount, 'CARD', NULL, b.p1_at, b.p1_paid),
       (2, 'PATIENT', b.p2_amount, 'CARD', NULL, b.p2_at, b.p2_paid),
       (3, 'INSURANCE', b.insurance_total, 'BANK_TRANSFER', 'EFT-' || b.j, b.i_at, b.i_paid)
     ) AS p(k, payer, amount, method, reference, at, paid)
     WHERE p.paid AND p.amount > 0`,
    [clinicId, o.billingId],
  );

  // ------------------------------------------------------------ payers, insurance, claims
  await c.query(
    `INSERT INTO payers (clinic_id, id, name, payer_id, created_at, updated_at)
     SELECT $1, pg_temp.uuid7(now() - interval '3 years', 'bench-payer-' || p.payer_id), p.name,
       p.payer_id, now() - interval '3 years', now() - interval '3 years'
     FROM unnest($2::text[], $3::text[]) AS p(name, payer_id)
     ON CONFLICT DO NOTHING`,
    [clinicId, PAYERS.map((p) => p[0]), PAYERS.map((p) => p[1])],
  );
  await run(
    'patient insurances',
    `INSERT INTO patient_insurances (clinic_id, id, patient_id, payer_ref, member_id,
       group_number, relationship, created_at, updated_at)
     SELECT $1, pg_temp.uuid7(min(b.ts), 'bench-insurance-' || b.patient_id),
       b.patient_id, (SELECT id FROM payers WHERE clinic_id = $1 AND payer_id =
         ($2::text[])[1 + floor(pg_temp.u01('bench-insurer-' || b.patient_id) * 4)::int]),
       'W' || substr(md5(b.patient_id::text), 1, 9), NULL, '18', min(b.ts), min(b.ts)
     FROM bench_plan b WHERE b.insured GROUP BY b.patient_id
     ON CONFLICT DO NOTHING`,
    [clinicId, PAYERS.map((p) => p[1])],
  );
  await c.query(
    `CREATE TEMP TABLE bench_claim AS
     SELECT b.*, pi.payer_ref, py.name AS payer_name, py.payer_id AS payer_code, pi.member_id,
       pt.first_name, pt.last_name, pt.date_of_birth, pt.sex_at_birth, p.fee_surgeon AS charge,
       p.cpt, p.fee_description,
       pg_temp.uuid7(b.issued_at + interval '1 day', 'bench-claim-' || b.j) AS claim_id,
       'CLM-' || b.year || '-' || pg_temp.pad(row_number() OVER (
         PARTITION BY b.year ORDER BY b.issued_at, b.j) + coalesce(s.last_value, 0), 6)
         AS claim_number,
       CASE WHEN b.i_paid THEN 'PAID'
            WHEN b.denied AND b.issued_at + interval '30 days' <= now() THEN 'DENIED'
            WHEN b.issued_at + interval '7 days' <= now() THEN 'ACCEPTED'
            ELSE 'SUBMITTED' END AS status
     FROM bench_bill b JOIN bench_plan p ON p.n = b.plan_n
     JOIN patient_insurances pi ON pi.clinic_id = $1 AND pi.patient_id = b.patient_id
     JOIN payers py ON py.clinic_id = $1 AND py.id = pi.payer_ref
     JOIN patients pt ON pt.clinic_id = $1 AND pt.id = b.patient_id
     LEFT JOIN clinic_sequences s ON s.clinic_id = $1 AND s.name = 'claim.' || b.year
     WHERE b.insured AND NOT b.void`,
    [clinicId],
  );
  // The claim bills the procedure line (the facility line stays off an 837P; the bench's fee
  // schedule has no anesthesia fee); the snapshot is the least a claim carries.
  const claims = await run(
    'claims',
    `INSERT INTO claims (clinic_id, id, claim_number, bill_id, patient_id, payer_ref, status,
       frequency, total_charge, place_of_service, diagnosis_codes, rendering_provider_id,
       service_date, snapshot, payer_claim_control_number, paid_amount, status_reason,
       submitted_at, adjudicated_at, created_by_id, version, created_at, updated_at)
     SELECT $1, x.claim_id, x.claim_number, x.id, x.patient_id, x.payer_ref,
       x.status::claim_status, '1', x.charge, '24', ARRAY['Z421'], x.surgeon_id, x.day,
       jsonb_build_object(
         'payer', jsonb_build_object('name', x.payer_name, 'payerId', x.payer_code),
         'subscriber', jsonb_build_object(
           'name', jsonb_build_object('last', x.last_name, 'first', x.first_name),
           'dateOfBirth', coalesce(x.date_of_birth::text, '1980-01-01'),
           'sex', CASE x.sex_at_birth WHEN 'MALE' THEN 'M' ELSE 'F' END,
           'address', jsonb_build_object('line1', '1 Main St', 'city', 'New York',
             'state', 'NY', 'zip', '10001'),
           'memberId', x.member_id),
         'relationship', '18'),
       CASE WHEN x.status IN ('PAID', 'DENIED') THEN 'PCN' || x.j END,
       CASE WHEN x.status = 'PAID' THEN x.charge ELSE 0 END,
       CASE WHEN x.status = 'DENIED' THEN 'CARC 50: not deemed a medical necessity' END,
       x.issued_at + interval '2 days',
       CASE x.status WHEN 'PAID' THEN x.i_at WHEN 'DENIED' THEN x.issued_at + interval '30 days'
       END, $2, CASE x.status WHEN 'SUBMITTED' THEN 2 WHEN 'ACCEPTED' THEN 3 ELSE 4 END,
       x.issued_at + interval '1 day', x.issued_at + interval '2 days'
     FROM bench_claim x`,
    [clinicId, o.billingId],
  );
  await c.query(
    `INSERT INTO claim_lines (clinic_id, id, claim_id, line_number, bill_line_number,
       procedure_code, description, units, charge, diagnosis_pointers, service_date, paid_amount)
     SELECT $1, pg_temp.uuid7(x.issued_at + interval '1 day', 'bench-claim-line-' || x.j),
       x.claim_id, 1, 1, x.cpt, x.fee_description, 1, x.charge, ARRAY[1], x.day,
       CASE WHEN x.status = 'PAID' THEN x.charge ELSE 0 END
     FROM bench_claim x`,
    [clinicId],
  );
  // Recalls of seven lots the cases used, spread over them: five OPEN (a third of each one's
  // recipients already contacted by phone), two CLOSED.
  const recalls = await run(
    'recalls',
    `INSERT INTO inventory_recalls (clinic_id, id, batch_id, reason, status, opened_at,
       opened_by_id, closed_at, closed_by_id, close_note, version, created_at, updated_at)
     SELECT $1, pg_temp.uuid7(r.opened_at, 'bench-recall-' || r.k), ub.id,
       'Manufacturer field safety notice FSN-' || (2026000 + r.k), r.status::inventory_recall_status,
       r.opened_at, $2, r.closed_at, CASE WHEN r.closed_at IS NOT NULL THEN $2::uuid END,
       CASE WHEN r.closed_at IS NOT NULL THEN 'Every recipient contacted' END,
       CASE WHEN r.closed_at IS NOT NULL THEN 2 ELSE 1 END, r.opened_at,
       coalesce(r.closed_at, r.opened_at)
     FROM (SELECT k, CASE WHEN k <= 5 THEN 'OPEN' ELSE 'CLOSED' END AS status,
             now() - (10 + 9 * k) * interval '1 day' AS opened_at,
             CASE WHEN k > 5 THEN now() - 5 * interval '1 day' END AS closed_at
           FROM generate_series(1, 7) AS k) r
     JOIN bench_use_batch ub
       ON ub.rn = 1 + ((r.k - 1) * (SELECT count(*) FROM bench_use_batch b
                                     WHERE EXISTS (SELECT 1 FROM bench_use u WHERE u.batch_id = b.id))) / 7`,
    [clinicId, o.adminId],
  );
  await run(
    'recall contacts',
    `INSERT INTO inventory_recall_contacts (clinic_id, id, recall_id, patient_id, method,
       contacted_at, contacted_by_id, created_at, updated_at)
     SELECT $1, pg_temp.uuid7(r.opened_at + interval '2 days', 'bench-recall-contact-' || r.id || p.patient_id),
       r.id, p.patient_id, 'PHONE', r.opened_at + interval '2 days', $2,
       r.opened_at + interval '2 days', r.opened_at + interval '2 days'
     FROM inventory_recalls r
     JOIN (SELECT DISTINCT batch_id, patient_id FROM bench_use WHERE unit_id IS NOT NULL) p
       ON p.batch_id = r.batch_id
     WHERE r.clinic_id = $1
       AND (r.status = 'CLOSED' OR pg_temp.u01('bench-contact-' || p.patient_id) < 0.34)`,
    [clinicId, o.coordinatorId],
  );
  await c.query(
    `INSERT INTO clinic_sequences (clinic_id, name, last_value)
     SELECT $1::uuid, 'case.' || year, count(*) + coalesce(max(s.last_value), 0)
     FROM bench_case c LEFT JOIN clinic_sequences s ON s.clinic_id = $1 AND s.name = 'case.' || c.year
     GROUP BY year
     UNION ALL
     SELECT $1::uuid, 'bill.' || year, count(*) + coalesce(max(s.last_value), 0)
     FROM bench_bill b LEFT JOIN clinic_sequences s ON s.clinic_id = $1 AND s.name = 'bill.' || b.year
     GROUP BY year
     UNION ALL
     SELECT $1::uuid, 'claim.' || year, count(*) + coalesce(max(s.last_value), 0)
     FROM bench_claim b LEFT JOIN clinic_sequences s ON s.clinic_id = $1 AND s.name = 'claim.' || b.year
     GROUP BY year
     ON CONFLICT (clinic_id, name) DO UPDATE
     SET last_value = greatest(clinic_sequences.last_value, excluded.last_value)`,
    [clinicId],
  );
  return {
    cases,
    completed,
    cancelled: cases - completed,
    bills,
    payments,
    claims,
    recalls,
  };
}
