import type { AckLedger } from './clinic-workload';

/** A SQL runner: a pg Client and a PGlite instance both fit. */
export type Query = (text: string, params?: unknown[]) => Promise<{ rows: any[] }>;

/**
 * The invariants docs/design.md promises whatever happens to the process, as SQL: each query lists the
 * rows that break one, so a failure names them.
 */
const INVARIANTS: Record<string, string> = {
  'no unit in two ACTIVE allocations': `
    SELECT unit_id, count(*) FROM inventory_allocations
    WHERE status = 'ACTIVE' AND unit_id IS NOT NULL GROUP BY unit_id HAVING count(*) > 1`,
  'reserved <= on_hand, both non-negative, for every batch': `
    SELECT id, on_hand, reserved FROM inventory_batches
    WHERE reserved > on_hand OR reserved < 0 OR on_hand < 0`,
  "a batch's reserved equals the sum of its ACTIVE allocations": `
    SELECT b.id, b.reserved, coalesce(sum(a.quantity), 0) AS allocated
    FROM inventory_batches b
    LEFT JOIN inventory_allocations a ON a.batch_id = b.id AND a.status = 'ACTIVE'
    GROUP BY b.id, b.reserved HAVING b.reserved <> coalesce(sum(a.quantity), 0)`,
  'a unit is RESERVED exactly when one ACTIVE allocation holds it': `
    SELECT u.id, u.status, count(a.id) AS active
    FROM inventory_units u
    LEFT JOIN inventory_allocations a ON a.unit_id = u.id AND a.status = 'ACTIVE'
    GROUP BY u.id, u.status HAVING (u.status = 'RESERVED') <> (count(a.id) = 1)`,
  "a serial-tracked batch's on_hand counts its AVAILABLE and RESERVED units": `
    SELECT b.id, b.on_hand, count(u.id) AS units
    FROM inventory_batches b
    JOIN inventory_items i ON i.id = b.item_id AND i.requires_serial_number
    LEFT JOIN inventory_units u ON u.batch_id = b.id AND u.status IN ('AVAILABLE', 'RESERVED')
    GROUP BY b.id, b.on_hand HAVING b.on_hand <> count(u.id)`,
  'a CONSUMED unit names its patient, plan and case': `
    SELECT id FROM inventory_units WHERE status = 'CONSUMED'
    AND (patient_id IS NULL OR procedure_plan_id IS NULL OR surgical_case_id IS NULL)`,
  'every COMPLETED case has exactly one bill': `
    SELECT c.id, count(b.id) AS bills FROM surgical_cases c
    LEFT JOIN bills b ON b.surgical_case_id = c.id
    WHERE c.status = 'COMPLETED' GROUP BY c.id HAVING count(b.id) <> 1`,
  'only COMPLETED cases have bills': `
    SELECT b.id, c.status FROM bills b JOIN surgical_cases c ON c.id = b.surgical_case_id
    WHERE c.status <> 'COMPLETED'`,
  "a bill's total is the sum of its lines, and its portions add up": `
    SELECT b.id, b.total, coalesce(sum(l.amount), 0) AS lines FROM bills b
    LEFT JOIN bill_line_items l ON l.bill_id = b.id
    GROUP BY b.id, b.total, b.insurance_total, b.patient_total
    HAVING b.total <> coalesce(sum(l.amount), 0) OR b.total <> b.insurance_total + b.patient_total`,
  "a bill's paid amounts are the sums of its payments": `
    SELECT b.id FROM bills b LEFT JOIN bill_payments p ON p.bill_id = b.id
    GROUP BY b.id, b.patient_paid, b.insurance_paid
    HAVING b.patient_paid <> coalesce(sum(p.amount) FILTER (WHERE p.payer = 'PATIENT'), 0)
        OR b.insurance_paid <> coalesce(sum(p.amount) FILTER (WHERE p.payer = 'INSURANCE'), 0)`,
  'a plan has at most one live (not cancelled) case': `
    SELECT procedure_plan_id FROM surgical_cases WHERE status <> 'CANCELLED'
    GROUP BY procedure_plan_id HAVING count(*) > 1`,
  "a plan's status agrees with its live case": `
    SELECT p.id, p.status AS plan_status, c.status AS case_status FROM procedure_plans p
    LEFT JOIN surgical_cases c ON c.procedure_plan_id = p.id AND c.status <> 'CANCELLED'
    WHERE NOT (
      (p.status = 'SCHEDULED' AND c.status IN ('SCHEDULED', 'IN_PROGRESS'))
      OR (p.status = 'COMPLETED' AND c.status = 'COMPLETED')
      OR (p.status NOT IN ('SCHEDULED', 'COMPLETED') AND c.id IS NULL))`,
  'no orphan requirement': `
    SELECT r.id FROM procedure_inventory_requirements r
    LEFT JOIN procedure_plans p ON p.id = r.plan_id WHERE p.id IS NULL`,
  'no orphan consent': `
    SELECT i.id FROM patient_consent_instances i
    LEFT JOIN procedure_plans p ON p.id = i.procedure_plan_id
    LEFT JOIN patients pt ON pt.id = i.patient_id
    WHERE p.id IS NULL OR pt.id IS NULL`,
  'no orphan allocation, case, bill line or payment': `
    SELECT 'allocation' AS kind, a.id FROM inventory_allocations a
      LEFT JOIN procedure_inventory_requirements r ON r.id = a.requirement_id WHERE r.id IS NULL
    UNION ALL SELECT 'case', c.id FROM surgical_cases c
      LEFT JOIN procedure_plans p ON p.id = c.procedure_plan_id WHERE p.id IS NULL
    UNION ALL SELECT 'bill line', l.id FROM bill_line_items l
      LEFT JOIN bills b ON b.id = l.bill_id WHERE b.id IS NULL
    UNION ALL SELECT 'payment', x.id FROM bill_payments x
      LEFT JOIN bills b ON b.id = x.bill_id WHERE b.id IS NULL`,
};

/** Every invariant broken, with up to 5 offending rows each: an empty list means all hold. */
export async function brokenInvariants(query: Query): Promise<string[]> {
  const broken: string[] = [];
  for (const [name, text] of Object.entries(INVARIANTS)) {
    const { rows } = await query(text);
    if (rows.length > 0) broken.push(`${name}: ${JSON.stringify(rows.slice(0, 5))}`);
  }
  return broken;
}

const PLAN_RANK: Record<string, number> = {
  DRAFT: 0,
  QUOTED: 0,
  APPROVED: 1,
  SCHEDULED: 1,
  COMPLETED: 1,
};
const CASE_RANK: Record<string, number> = { SCHEDULED: 0, IN_PROGRESS: 1, COMPLETED: 2 };

/** Every acknowledged write that is missing or was rolled back: an empty list means none. */
export async function missingAcknowledged(query: Query, ledger: AckLedger): Promise<string[]> {
  const missing: string[] = [];
  const patientIds = [...ledger.patients];
  const { rows: patients } = await query('SELECT id FROM patients WHERE id = ANY($1::uuid[])', [
    patientIds,
  ]);
  const foundPatients = new Set(patients.map((r) => r.id as string));
  for (const id of patientIds) if (!foundPatients.has(id)) missing.push(`patient ${id}`);

  const { rows: plans } = await query(
    'SELECT id, status FROM procedure_plans WHERE id = ANY($1::uuid[])',
    [[...ledger.plans.keys()]],
  );
  const planStatus = new Map(plans.map((r) => [r.id as string, r.status as string]));
  for (const [id, ack] of ledger.plans) {
    const status = planStatus.get(id);
    if (status === undefined) missing.push(`plan ${id}`);
    else if (ack === 'APPROVED' && PLAN_RANK[status] !== 1)
      missing.push(`approval of plan ${id} (${status})`);
  }

  const { rows: held } = await query(
    `SELECT u.serial_number, a.procedure_plan_id FROM inventory_allocations a
     JOIN inventory_units u ON u.id = a.unit_id WHERE a.status IN ('ACTIVE', 'CONSUMED')`,
  );
  const holder = new Map(
    held.map((r) => [r.serial_number as string, r.procedure_plan_id as string]),
  );
  for (const { planId, serials } of ledger.allocations) {
    for (const serial of serials) {
      if (holder.get(serial) !== planId) missing.push(`allocation of ${serial} to plan ${planId}`);
    }
  }
  const { rows: bulk } = await query(
    `SELECT DISTINCT requirement_id FROM inventory_allocations
     WHERE status IN ('ACTIVE', 'CONSUMED') AND unit_id IS NULL`,
  );
  const bulkHeld = new Set(bulk.map((r) => r.requirement_id as string));
  for (const { requirementId } of ledger.bulkAllocations) {
    if (!bulkHeld.has(requirementId)) missing.push(`bulk allocation for ${requirementId}`);
  }

  const { rows: units } = await query('SELECT serial_number FROM inventory_units');
  const serialsPresent = new Set(units.map((r) => r.serial_number as string));
  for (const serial of ledger.receivedSerials) {
    if (!serialsPresent.has(serial)) missing.push(`received unit ${serial}`);
  }

  const { rows: cases } = await query(
    `SELECT c.id, c.status, c.procedure_plan_id, b.id AS bill_id FROM surgical_cases c
     LEFT JOIN bills b ON b.surgical_case_id = c.id WHERE c.id = ANY($1::uuid[])`,
    [[...ledger.cases.keys()]],
  );
  const caseRows = new Map(cases.map((r) => [r.id as string, r]));
  for (const [id, ack] of ledger.cases) {
    const row = caseRows.get(id);
    if (row === undefined) missing.push(`case ${id}`);
    else if (row.procedure_plan_id !== ack.planId) missing.push(`case ${id} of plan ${ack.planId}`);
    else if ((CASE_RANK[row.status] ?? -1) < CASE_RANK[ack.status]!)
      missing.push(`case ${id} ${ack.status} (found ${row.status})`);
    else if (ack.status === 'COMPLETED' && row.bill_id === null) missing.push(`bill of case ${id}`);
  }

  const { rows: payments } = await query(
    'SELECT bill_id, reference, amount::text AS amount FROM bill_payments WHERE reference = ANY($1::text[])',
    [ledger.payments.map((p) => p.reference)],
  );
  const paid = new Map(payments.map((r) => [r.reference as string, r]));
  for (const p of ledger.payments) {
    const row = paid.get(p.reference);
    if (row === undefined || row.bill_id !== p.billId || row.amount !== p.amount) {
      missing.push(`payment ${p.reference} on bill ${p.billId}`);
    }
  }
  return missing;
}
