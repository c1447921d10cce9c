// Scale data for `npm run bench` (docs/performance.md "Scale data"): after the small data set was
// loaded through the API (clinic, users, fee schedule, consent template, items, rooms, a few
// hundred patients and plans), tops the clinic up to the requested sizes with set-based SQL
// (`INSERT … SELECT generate_series(…)`) on the bench database. PostgreSQL only.
//
// What it writes, per table, is what the service itself would have written:
// - patients: MRN-<n> numbered after the clinic's `patient.mrn` counter, names drawn (skewed,
//   like real names) from word lists, so a trigram search has realistic selectivity;
//   `search_text` is the table's generated column, the one the app's search reads;
// - implant items with batches of 100 serial-tracked units each (AVAILABLE, `on_hand` = the
//   batch's unit count, `reserved` 0);
// - a consultation per plan, and plans in DRAFT, QUOTED, APPROVED and CANCELLED, each with the
//   children that status has when reached through the API: requirements (two implants, one
//   sutures) and a priced quote (ISSUED, ACCEPTED or SUPERSEDED) with its lines from QUOTED on,
//   the consent of the clinic's template (PENDING, SIGNED or VOIDED);
// - the clinic's counters (patient.mrn, procedure-plan.<year>, quote.<year>) advanced past every
//   inserted number, then VACUUM ANALYZE.
// No SCHEDULED or later plans (they need allocations, cases and bills), no audit events.
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { ACTIVITY_DAYS, insertActivity, planActivity, type ActivityReport } from './scale-activity';

export interface ScaleTargets {
  patients: number;
  plans: number;
  units: number;
}

export interface ScaleReport {
  inserted: { patients: number; plans: number; units: number; items: number; batches: number };
  totals: ScaleTargets;
  seconds: number;
  steps: { step: string; seconds: number; rows: number }[];
  /** Serial numbers of the inserted units: `SQ` + 9 digits, 1…inserted.units. */
  serialPrefix: string;
  /** The theater, billing and claims activity (bench/scale-activity.ts), when there was room for it. */
  activity?: ActivityReport;
}

const FIRST_NAMES = (
  'Maria Ana Sofia Laura Emma Olivia Grace Chloe Nora Ruth Isabella Mia Charlotte Amelia ' +
  'Harper Evelyn Abigail Emily Elizabeth Camila Luna Ella Avery Scarlett Victoria Madison ' +
  'Aria Layla Penelope Riley Zoey Lily Eleanor Hannah Lillian Addison Aubrey Ellie Stella ' +
  'Natalie Zoe Leah Hazel Violet Aurora Savannah Audrey Brooklyn Bella Claire Skylar Lucy ' +
  'Paisley Everly Caroline Nova Genesis Emilia Kennedy Samantha Maya Willow Kinsley Naomi ' +
  'Aaliyah Elena Sarah Ariana Allison Gabriella Alice Madelyn Cora Ruby Eva Serenity Autumn ' +
  'Adeline Hailey Gianna Valentina Isla Eliana Quinn Nevaeh Ivy Sadie Piper Lydia Alexa ' +
  'Josephine Emery Julia Delilah Arianna Vivian Kaylee Sophie Brielle Madeline James Robert ' +
  'John Michael David William Richard Joseph Thomas Daniel Matthew Anthony Mark Paul Steven ' +
  'Andrew Kenneth Joshua Kevin Brian Carlos Luis Jorge Hiroshi Yuki Aiko Chen Wei Priya ' +
  'Ananya Fatima Aisha Omar Amir'
).split(' ');
const LAST_NAMES = (
  'Lopez Garcia Smith Okafor Nguyen Kowalski Rossi Haddad Silva Tanaka Moreau Jensen ' +
  'Johnson Williams Brown Jones Miller Davis Rodriguez Martinez Hernandez Gonzalez Wilson ' +
  'Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez ' +
  'Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Hill Flores ' +
  'Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips ' +
  'Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook ' +
  'Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox ' +
  'Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price ' +
  'Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry ' +
  'Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons ' +
  'Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West ' +
  'Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro ' +
  'Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry ' +
  'Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez ' +
  'Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd ' +
  'Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols ' +
  'Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kowalczyk Novak Yamamoto Suzuki ' +
  'Watanabe Kumar Singh Sharma Ali Khan Ahmed Hassan Ibrahim Mensah Adeyemi Eze Dubois ' +
  'Lefebvre Bernard Muller Schneider Fischer Weber Becker Hoffmann Ricci Romano Colombo ' +
  'Bruno Greco Larsen Nielsen Hansen Andersen Pedersen Kristensen Olsen Johansson'
).split(' ');
const MANUFACTURERS = ['Mentor', 'Allergan', 'Sientra', 'Motiva', 'Polytech', 'GC Aesthetics'];
const SIZES = ['200cc', '250cc', '300cc', '350cc', '400cc', '450cc', '500cc', '550cc'];
const SHAPES = ['Round', 'Anatomical'];
const UNITS_PER_BATCH = 100;
const UNITS_PER_ITEM = 1000;

/**
 * Tops the bench clinic up to `targets` with SQL. `url` is the bench database (never the
 * DATABASE_URL's own); the server may be running: every statement is an ordinary insert.
 */
export async function loadScaleData(
  url: string,
  targets: ScaleTargets,
  log: (line: string) => void,
): Promise<ScaleReport> {
  const started = Date.now();
  const steps: ScaleReport['steps'] = [];
  const c = new Client({ connectionString: url });
  await c.connect();
  const run = async (step: string, text: string, params: unknown[] = []): Promise<number> => {
    const t0 = Date.now();
    const res = await c.query(text, params);
    const seconds = (Date.now() - t0) / 1000;
    steps.push({ step, seconds, rows: res.rowCount ?? 0 });
    if (step) log(`  ${step}: ${res.rowCount ?? 0} rows in ${seconds.toFixed(1)} s`);
    return res.rowCount ?? 0;
  };
  const one = async <T>(text: string, params: unknown[] = []): Promise<T> =>
    (await c.query(text, params)).rows[0] as T;
  try {
    // This session only: the bench database is thrown away, a crash mid-load loses nothing.
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET work_mem = '64MB'`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(`
      -- A UUID v7 (what the app's newId() gives): the instant's milliseconds, then 74 bits of
      -- md5(seed), so ids are time-ordered like the service's and reproducible.
      CREATE FUNCTION pg_temp.uuid7(ts timestamptz, seed text) RETURNS uuid
      LANGUAGE sql IMMUTABLE AS $$
        SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
          || substr(md5(seed), 1, 3) || '8' || substr(md5(seed), 4, 15))::uuid
      $$;
      -- A uniform number in [0, 1) from a seed.
      CREATE FUNCTION pg_temp.u01(seed text) RETURNS double precision
      LANGUAGE sql IMMUTABLE AS $$
        SELECT ('x' || substr(md5(seed), 1, 8))::bit(32)::bigint / 4294967296.0
      $$;
      -- padStart: lpad() would cut a longer number.
      CREATE FUNCTION pg_temp.pad(n bigint, width int) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT lpad(n::text, greatest(width, length(n::text)), '0')
      $$;`);

    const clinic = await one<{ id: string } | undefined>(
      `SELECT id FROM clinics WHERE name = 'Bench Clinic'`,
    );
    if (!clinic) throw new Error('scale data: the bench clinic is not there');
    const clinicId = clinic.id;
    const users = (
      await c.query<{ id: string; role: string; email: string }>(
        `SELECT id, role::text AS role, email FROM users WHERE clinic_id = $1 ORDER BY email`,
        [clinicId],
      )
    ).rows;
    const byRole = (role: string) => users.filter((u) => u.role === role).map((u) => u.id);
    const surgeonIds = byRole('SURGEON');
    const adminId = byRole('ADMIN')[0];
    if (!adminId || surgeonIds.length === 0)
      throw new Error('scale data: the bench users are not there');
    const nurseId = byRole('NURSE')[0] ?? adminId;
    const coordinatorId = byRole('COORDINATOR')[0] ?? adminId;
    const fee = await one<
      | {
          description: string;
          surgeon_fee: string;
          facility_fee: string;
          anesthesia_fee: string;
        }
      | undefined
    >(
      `SELECT description, surgeon_fee, facility_fee, anesthesia_fee FROM fee_schedule_entries
       WHERE clinic_id = $1 AND cpt_code = '19325'`,
      [clinicId],
    );
    if (!fee) throw new Error('scale data: fee schedule 19325 is not there');
    const template = await one<
      { id: string; code: string; version: number; title: string; body: string } | undefined
    >(
      `SELECT id, code, version, title, body FROM consent_templates
       WHERE clinic_id = $1 AND active AND '19325' = ANY(cpt_codes) ORDER BY version DESC LIMIT 1`,
      [clinicId],
    );
    const sutures = await one<{ id: string } | undefined>(
      `SELECT id FROM inventory_items WHERE clinic_id = $1 AND category = 'SUTURE' ORDER BY code LIMIT 1`,
      [clinicId],
    );
    if (!sutures) throw new Error('scale data: no sutures item');

    const count = async (table: string) =>
      Number(
        (
          await one<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE clinic_id = $1`, [
            clinicId,
          ])
        ).n,
      );
    const extraPatients = Math.max(0, targets.patients - (await count('patients')));
    const extraPlans = Math.max(0, targets.plans - (await count('procedure_plans')));
    const extraUnits = Math.max(0, targets.units - (await count('inventory_units')));
    const itemCount = Math.ceil(extraUnits / UNITS_PER_ITEM);
    const batchCount = Math.ceil(extraUnits / UNITS_PER_BATCH);
    log(
      `scale data (SQL): +${extraPatients} patients, +${extraPlans} plans, +${extraUnits} units ` +
        `(${itemCount} implant items, ${batchCount} batches)`,
    );

    // ------------------------------------------------------------ inventory
    // Items received over the last three years; batch b of item i holds units 100·b+1…
    await run(
      'inventory items',
      `INSERT INTO inventory_items (clinic_id, id, code, name, category, manufacturer, size, shape,
         unit_price, is_billable, requires_serial_number, hcpcs_code, created_at, updated_at)
       SELECT $1, pg_temp.uuid7(ts, 'bench-item-' || n),
         'implant-' || lower(replace(m, ' ', '-')) || '-' || s || '-' || lower(sh) || '-' || pg_temp.pad(n, 4),
         'Silicone breast implant ' || s || ' ' || lower(sh) || ' (' || m || ' #' || n || ')',
         'IMPLANT', m, s, sh, (350 + 25 * (n % 11))::numeric(12, 2), true, true, 'L8600', ts, ts
       FROM generate_series(1, $2::int) AS n,
         LATERAL (SELECT now() - interval '3 years' + (n * interval '3 years') / greatest($2::int, 1) AS ts,
                         ($3::text[])[1 + n % array_length($3::text[], 1)] AS m,
                         ($4::text[])[1 + (n / 7) % array_length($4::text[], 1)] AS s,
                         ($5::text[])[1 + (n / 3) % array_length($5::text[], 1)] AS sh) x`,
      [clinicId, itemCount, MANUFACTURERS, SIZES, SHAPES],
    );
    await c.query(
      `CREATE TEMP TABLE bench_item AS
       SELECT row_number() OVER (ORDER BY code) AS n, id, code, name, unit_price, hcpcs_code
       FROM inventory_items
       WHERE clinic_id = $1 AND category = 'IMPLANT' AND requires_serial_number
         AND code <> 'breast-implant-450cc-anatomical'`,
      [clinicId],
    );
    await c.query(`CREATE TEMP TABLE bench_new_item AS
       SELECT (regexp_replace(code, '^.*-', ''))::int AS n, id, created_at FROM inventory_items
       WHERE clinic_id = '${clinicId}' AND code ~ '^implant-.*-[0-9]{4,}$'`);
    await c.query(`CREATE UNIQUE INDEX ON bench_new_item (n)`);
    await run(
      'inventory batches',
      `INSERT INTO inventory_batches (clinic_id, id, item_id, batch_number, expires_at, on_hand,
         reserved, received_by_id, created_at, updated_at)
       SELECT $1, pg_temp.uuid7(i.created_at + (b % 10) * interval '1 day', 'bench-batch-' || b),
         i.id, 'SQ-LOT-' || pg_temp.pad(b, 6),
         (current_date - 90 + ((b::bigint * 7919) % 1300)::int)::date,
         least($3::int, $2::int - (b - 1) * $3::int), 0, $4,
         i.created_at + (b % 10) * interval '1 day', i.created_at + (b % 10) * interval '1 day'
       FROM generate_series(1, $5::int) AS b
       JOIN bench_new_item i ON i.n = (b - 1) / ($6::int / $3::int) + 1`,
      [clinicId, extraUnits, UNITS_PER_BATCH, nurseId, batchCount, UNITS_PER_ITEM],
    );
    await c.query(`CREATE TEMP TABLE bench_batch AS
       SELECT (substr(batch_number, 8))::int AS n, id, item_id, created_at FROM inventory_batches
       WHERE clinic_id = '${clinicId}' AND batch_number LIKE 'SQ-LOT-%'`);
    await c.query(`CREATE UNIQUE INDEX ON bench_batch (n)`);
    await run(
      'inventory units',
      `INSERT INTO inventory_units (clinic_id, id, item_id, batch_id, serial_number, status,
         created_at, updated_at)
       SELECT $1, pg_temp.uuid7(b.created_at, 'bench-unit-' || u), b.item_id, b.id,
         'SQ' || pg_temp.pad(u, 9), 'AVAILABLE', b.created_at, b.created_at
       FROM generate_series(1, $2::int) AS u
       JOIN bench_batch b ON b.n = (u - 1) / $3::int + 1`,
      [clinicId, extraUnits, UNITS_PER_BATCH],
    );

    // ------------------------------------------------------------ patients
    // Registered over the last five years, oldest first; names skewed towards the lists' heads.
    const mrnBase = Number(
      (
        await one<{ v: string } | undefined>(
          `SELECT last_value AS v FROM clinic_sequences WHERE clinic_id = $1 AND name = 'patient.mrn'`,
          [clinicId],
        )
      )?.v ?? 0,
    );
    await run(
      'patients',
      `INSERT INTO patients (clinic_id, id, mrn, first_name, last_name, date_of_birth, sex_at_birth,
         email, phone, insurance_payer_name, insurance_member_id, insurance_group_number,
         created_at, updated_at)
       SELECT $1, pg_temp.uuid7(ts, 'bench-patient-' || n), 'MRN-' || pg_temp.pad($2::int + n, 6),
         f, l, (date '1940-01-01' + ((n::bigint * 7919) % 27000)::int)::date,
         (CASE WHEN n % 9 = 0 THEN 'MALE' ELSE 'FEMALE' END)::sex_at_birth,
         CASE WHEN n % 2 = 0 THEN lower(f || '.' || l || n || '@mail.example') END,
         CASE WHEN n % 3 <> 0 THEN '+1 555 ' || pg_temp.pad(n % 10000, 4) END,
         CASE WHEN n % 3 = 0 THEN ($5::text[])[1 + n % 4] END,
         CASE WHEN n % 3 = 0 THEN 'W' || pg_temp.pad(n, 9) END,
         CASE WHEN n % 6 = 0 THEN 'G' || (n % 977) END,
         ts, ts
       FROM generate_series(1, $6::int) AS n,
         LATERAL (SELECT now() - interval '5 years' + (n * interval '5 years') / greatest($6::int, 1) AS ts,
           ($3::text[])[1 + floor(power(pg_temp.u01('f' || n), 1.6) * array_length($3::text[], 1))::int] AS f,
           ($4::text[])[1 + floor(power(pg_temp.u01('l' || n), 1.6) * array_length($4::text[], 1))::int] AS l) x`,
      [
        clinicId,
        mrnBase,
        FIRST_NAMES,
        LAST_NAMES,
        ['Aetna', 'Cigna', 'UnitedHealthcare', 'Blue Cross'],
        extraPatients,
      ],
    );
    if (extraPatients > 0) {
      await c.query(
        `INSERT INTO clinic_sequences (clinic_id, name, last_value) VALUES ($1, 'patient.mrn', $2)
         ON CONFLICT (clinic_id, name) DO UPDATE
         SET last_value = greatest(clinic_sequences.last_value, excluded.last_value)`,
        [clinicId, mrnBase + extraPatients],
      );
    }

    // ------------------------------------------------------------ plans
    const patientCount = await count('patients');
    await c.query(
      `CREATE TEMP TABLE bench_patient AS
       SELECT row_number() OVER (ORDER BY id) AS n, id FROM patients WHERE clinic_id = $1`,
      [clinicId],
    );
    await c.query(`CREATE UNIQUE INDEX ON bench_patient (n)`);
    const itemsForPlans = Number(
      (await one<{ n: string }>(`SELECT count(*) AS n FROM bench_item`)).n,
    );
    if (extraPlans > 0 && itemsForPlans === 0) throw new Error('scale data: no implant item');
    // One row per plan with everything its rows need; created over the last three years.
    // PLAN-<year>-<seq> and QUO-<year>-<seq> are numbered per year after the clinic's counters.
    await c.query(
      `CREATE TEMP TABLE bench_plan AS
       WITH g AS (
         SELECT k AS n, x.ts, x.status, p.id AS patient_id,
           ($3::uuid[])[1 + k % array_length($3::uuid[], 1)] AS surgeon_id,
           i.id AS item_id, i.name AS item_name, coalesce(i.hcpcs_code, i.code) AS item_code,
           i.unit_price AS item_price,
           extract(year FROM x.ts AT TIME ZONE 'UTC')::int AS year,
           extract(year FROM (x.ts + interval '1 day') AT TIME ZONE 'UTC')::int AS quote_year
         FROM generate_series(1, $1::int) AS k
         CROSS JOIN LATERAL (
           SELECT now() - interval '3 years' + (k * interval '3 years') / greatest($1::int, 1) AS ts,
                  (ARRAY['DRAFT', 'QUOTED', 'APPROVED', 'CANCELLED'])[1 + k % 4] AS status) x
         JOIN bench_patient p ON p.n = 1 + (k::bigint * 7919) % $2::int
         JOIN bench_item i ON i.n = 1 + k % $4::int
       ), numbered AS (
       SELECT g.*,
         pg_temp.uuid7(g.ts - interval '7 days', 'bench-consultation-' || g.n) AS consultation_id,
         pg_temp.uuid7(g.ts, 'bench-plan-' || g.n) AS id,
         pg_temp.uuid7(g.ts + interval '1 day', 'bench-quote-' || g.n) AS quote_id,
         row_number() OVER (PARTITION BY g.year ORDER BY g.n) + coalesce(ps.last_value, 0) AS plan_seq,
         CASE WHEN g.status <> 'DRAFT' THEN
           row_number() OVER (PARTITION BY g.quote_year, g.status = 'DRAFT' ORDER BY g.n)
             + coalesce(qs.last_value, 0) END AS quote_seq
       FROM g
       LEFT JOIN clinic_sequences ps ON ps.clinic_id = $5 AND ps.name = 'procedure-plan.' || g.year
       LEFT JOIN clinic_sequences qs ON qs.clinic_id = $5 AND qs.name = 'quote.' || g.quote_year
       )
       SELECT *, 'PLAN-' || year || '-' || pg_temp.pad(plan_seq, 3) AS plan_number,
         'QUO-' || quote_year || '-' || pg_temp.pad(quote_seq, 3) AS quote_number,
         status = 'APPROVED' AS approved, false AS insured, '19325'::text AS cpt,
         'Breast Augmentation'::text AS procedure_name, 'COSMETIC'::text AS procedure_type,
         $6::text AS fee_description, $7::numeric AS fee_surgeon, $8::numeric AS fee_facility,
         $9::numeric AS fee_anesthesia, NULL::timestamptz AS updated_at
       FROM numbered`,
      [
        extraPlans,
        Math.max(patientCount, 1),
        surgeonIds,
        Math.max(itemsForPlans, 1),
        clinicId,
        fee.description,
        fee.surgeon_fee,
        fee.facility_fee,
        fee.anesthesia_fee,
      ],
    );
    await c.query(`CREATE UNIQUE INDEX ON bench_plan (n)`);
    // A year and a bit of theater, billing and claims (bench/scale-activity.ts): picks the
    // APPROVED plans that get a case, and makes those COMPLETED, insured or not, before the
    // plans are written.
    const activity = await planActivity(c, {
      clinicId,
      surgeonIds,
      days: ACTIVITY_DAYS,
      run,
      log,
    });
    await run(
      'consultations',
      `INSERT INTO consultations (clinic_id, id, patient_id, surgeon_id, consultation_date, reason,
         created_by_id, created_at, updated_at)
       SELECT $1, consultation_id, patient_id, surgeon_id, ts - interval '7 days',
         'Breast augmentation consultation', $2, ts - interval '7 days', ts - interval '7 days'
       FROM bench_plan`,
      [clinicId, coordinatorId],
    );
    // The quote's money: the procedure (surgeon fee), facility and anesthesia from 19325's entry
    // when not zero, and the two implants (billable); the sutures are not billable. COSMETIC:
    // everything is the patient's.
    const fees = `(b.fee_surgeon + b.fee_facility + b.fee_anesthesia)`;
    const money = `(${fees} + 2 * b.item_price)`;
    const insured = `CASE WHEN b.insured THEN ${fees} ELSE 0 END`;
    await run(
      'procedure plans',
      `INSERT INTO procedure_plans (clinic_id, id, plan_number, patient_id, consultation_id,
         procedure_name, procedure_type, primary_cpt_code, cpt_codes, diagnosis_codes,
         insurance_cpt_codes, estimated_cost, insurance_coverage, insurance_portion,
         patient_portion, status, created_by_id, approved_by_id, approved_at, cancelled_at,
         cancel_reason, version, created_at, updated_at)
       SELECT $1, b.id, b.plan_number, b.patient_id, b.consultation_id, b.procedure_name,
         b.procedure_type::procedure_type, b.cpt, ARRAY[b.cpt],
         CASE WHEN b.insured THEN ARRAY['Z42.1'] ELSE '{}' END,
         CASE WHEN b.insured THEN ARRAY[b.cpt] ELSE '{}' END,
         CASE WHEN b.status <> 'DRAFT' THEN ${money} END, b.insured,
         CASE WHEN b.status <> 'DRAFT' THEN ${insured} END,
         CASE WHEN b.status <> 'DRAFT' THEN ${money} - ${insured} END,
         b.status::procedure_plan_status, $2,
         CASE WHEN b.approved THEN $2::uuid END,
         CASE WHEN b.approved THEN b.ts + interval '2 days' END,
         CASE WHEN b.status = 'CANCELLED' THEN b.ts + interval '2 days' END,
         CASE WHEN b.status = 'CANCELLED' THEN 'Patient changed her mind' END,
         CASE b.status WHEN 'DRAFT' THEN 1 WHEN 'QUOTED' THEN 4 WHEN 'COMPLETED' THEN 8 ELSE 5 END,
         b.ts, coalesce(b.updated_at,
           b.ts + CASE WHEN b.status = 'DRAFT' THEN interval '0' ELSE interval '2 days' END)
       FROM bench_plan b`,
      [clinicId, coordinatorId],
    );
    await run(
      'inventory requirements',
      `INSERT INTO procedure_inventory_requirements (clinic_id, id, plan_id, inventory_item_id,
         quantity, requires_serial_number, size_requirement, shape_requirement, created_at, updated_at)
       SELECT $1, pg_temp.uuid7(b.ts + r.k * interval '1 minute', 'bench-requirement-' || b.n || '-' || r.k),
         b.id, CASE r.k WHEN 1 THEN b.item_id ELSE $2::uuid END,
         CASE r.k WHEN 1 THEN 2 ELSE 1 END, r.k = 1, NULL, NULL,
         b.ts + r.k * interval '1 minute', b.ts + r.k * interval '1 minute'
       FROM bench_plan b CROSS JOIN (VALUES (1), (2)) AS r(k)
       WHERE b.status <> 'DRAFT'`,
      [clinicId, sutures.id],
    );
    await run(
      'quotes',
      `INSERT INTO quotes (clinic_id, id, quote_number, procedure_plan_id, patient_id, plan_number,
         procedure_name, procedure_code, status, issued_at, valid_until, total, insurance_portion,
         patient_portion, issued_by_id, accepted_at, superseded_at, created_at, updated_at)
       SELECT $1, b.quote_id, b.quote_number, b.id, b.patient_id, b.plan_number,
         b.procedure_name, b.cpt,
         (CASE WHEN b.status = 'QUOTED' THEN 'ISSUED' WHEN b.approved THEN 'ACCEPTED'
               ELSE 'SUPERSEDED' END)::quote_status,
         b.ts + interval '1 day', b.ts + interval '31 days', ${money}, ${insured},
         ${money} - ${insured}, $2,
         CASE WHEN b.approved THEN b.ts + interval '2 days' END,
         CASE WHEN b.status = 'CANCELLED' THEN b.ts + interval '2 days' END,
         b.ts + interval '1 day', b.ts + interval '1 day'
       FROM bench_plan b WHERE b.status <> 'DRAFT'`,
      [clinicId, coordinatorId],
    );
    await run(
      'quote lines',
      `INSERT INTO quote_lines (clinic_id, id, quote_id, line_number, kind, code, description,
         quantity, unit_price, amount, payer, inventory_item_id)
       SELECT $1, pg_temp.uuid7(b.ts + interval '1 day', 'bench-quote-line-' || b.n || '-' || l.k),
         b.quote_id, row_number() OVER (PARTITION BY b.n ORDER BY l.k), l.kind::quote_line_kind,
         l.code, l.description, l.quantity, l.price, l.price * l.quantity,
         (CASE WHEN b.insured AND l.kind <> 'SUPPLY' THEN 'INSURANCE' ELSE 'PATIENT' END)::payer,
         l.item_id
       FROM bench_plan b
       CROSS JOIN LATERAL (VALUES
         (1, 'PROCEDURE', b.cpt, b.fee_description, 1, b.fee_surgeon, NULL::uuid),
         (2, 'FACILITY', b.cpt, 'Facility fee: ' || b.fee_description, 1, b.fee_facility, NULL::uuid),
         (3, 'ANESTHESIA', b.cpt, 'Anesthesia: ' || b.fee_description, 1, b.fee_anesthesia, NULL::uuid),
         (4, 'SUPPLY', b.item_code, b.item_name, 2, b.item_price, b.item_id)
       ) AS l(k, kind, code, description, quantity, price, item_id)
       WHERE b.status <> 'DRAFT' AND (l.kind IN ('PROCEDURE', 'SUPPLY') OR l.price <> 0)`,
      [clinicId],
    );
    if (template) {
      await run(
        'consents',
        `INSERT INTO patient_consent_instances (clinic_id, id, patient_id, procedure_plan_id,
           template_id, template_code, template_version, title, body, content_hash, status,
           signed_at, signer_name, relationship, signature_method, signature_data,
           signature_channel, recorded_by_id,
           voided_at, void_reason, version, created_at, updated_at)
         SELECT $1, pg_temp.uuid7(b.ts, 'bench-consent-' || b.n), b.patient_id, b.id, $2, $3, $4,
           $5, $6, $7,
           (CASE WHEN b.approved THEN 'SIGNED' WHEN b.status = 'CANCELLED' THEN 'VOIDED'
                 ELSE 'PENDING' END)::consent_status,
           CASE WHEN b.approved THEN b.ts + interval '1 day' END,
           CASE WHEN b.approved THEN 'Bench Patient' END,
           CASE WHEN b.approved THEN 'SELF'::consent_relationship END,
           CASE WHEN b.approved THEN 'TYPED'::signature_method END,
           CASE WHEN b.approved THEN 'Bench Patient' END,
           CASE WHEN b.approved THEN 'STAFF'::signature_channel END,
           CASE WHEN b.approved THEN $8::uuid END,
           CASE WHEN b.status = 'CANCELLED' THEN b.ts + interval '2 days' END,
           CASE WHEN b.status = 'CANCELLED' THEN 'plan cancelled' END,
           CASE WHEN b.approved OR b.status = 'CANCELLED' THEN 2 ELSE 1 END,
           b.ts, b.ts + CASE WHEN b.approved OR b.status = 'CANCELLED' THEN interval '2 days'
                             ELSE interval '0' END
         FROM bench_plan b WHERE b.cpt = '19325'`,
        [
          clinicId,
          template.id,
          template.code,
          template.version,
          template.title,
          template.body,
          consentContentHash(template),
          nurseId,
        ],
      );
    }
    // Cases, allocations, usages, bills, payments, payers, insurances, claims (and recalls).
    const activityReport = await insertActivity(c, activity, {
      clinicId,
      adminId,
      nurseId,
      coordinatorId,
      billingId: byRole('BILLING')[0] ?? adminId,
      suturesItemId: sutures.id,
      run,
    });

    // The counters: the next plan or quote of each year gets a number after the inserted ones.
    await run(
      '',
      `INSERT INTO clinic_sequences (clinic_id, name, last_value)
       SELECT $1::uuid, 'procedure-plan.' || year, max(plan_seq) FROM bench_plan GROUP BY year
       UNION ALL
       SELECT $1::uuid, 'quote.' || quote_year, max(quote_seq) FROM bench_plan
       WHERE quote_seq IS NOT NULL GROUP BY quote_year
       ON CONFLICT (clinic_id, name) DO UPDATE
       SET last_value = greatest(clinic_sequences.last_value, excluded.last_value)`,
      [clinicId],
    );
    // VACUUM too: after millions of inserts autovacuum would otherwise start on these tables in
    // the middle of the measurements (insert threshold); a live database is vacuumed.
    await run('VACUUM ANALYZE', 'VACUUM ANALYZE');
    const totals = {
      patients: await count('patients'),
      plans: await count('procedure_plans'),
      units: await count('inventory_units'),
    };
    return {
      inserted: {
        patients: extraPatients,
        plans: extraPlans,
        units: extraUnits,
        items: itemCount,
        batches: batchCount,
      },
      totals,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      steps,
      serialPrefix: 'SQ',
      ...(activityReport ? { activity: activityReport } : {}),
    };
  } finally {
    await c.end();
  }
}

/** The app's consentContentHash (src/modules/consent/services/consent-content-hash.ts). */
function consentContentHash(text: { title: string; body: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([text.title, text.body]), 'utf8')
    .digest('hex');
}

/** A bulk serial number (`SQ` + 9 digits) of the `n`-th inserted unit, 1-based. */
export function scaleSerial(n: number): string {
  return `SQ${String(n).padStart(9, '0')}`;
}
