// The three-statement baseline (issue 21, docs/performance.md "Issue 21: round trips"): a bare
// Fastify + node-postgres handler doing the job of `GET /procedure-plans/:id` in the fewest
// statements a hand-written service would use — no Nest, no validation, no logging:
//   1. the caller's user row (the auth check: active, its session generation);
//   2. the plan with its requirements (item, held serials), current consent, live quote id and
//      live case id, in one query;
//   3. the audit row of the read.
// Named prepared statements, as Contour's hot queries are. Which plan and caller come from the
// environment (BENCH_CLINIC_ID, BENCH_USER_ID, BENCH_PLAN_ID): the bench passes its own.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

const clinicId = process.env.BENCH_CLINIC_ID ?? '';
const userId = process.env.BENCH_USER_ID ?? '';
const planId = process.env.BENCH_PLAN_ID ?? '';
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

const USER = {
  name: 'three_user',
  text: `SELECT id, role, active, session_generation FROM users WHERE clinic_id = $1 AND id = $2`,
};

const PLAN = {
  name: 'three_plan',
  text: `SELECT p.*,
    (SELECT coalesce(json_agg(json_build_object(
        'id', r.id, 'inventoryItemId', r.inventory_item_id, 'inventoryItemCode', i.code,
        'inventoryItemName', i.name, 'quantity', r.quantity,
        'requiresSerialNumber', r.requires_serial_number, 'isPreAllocated', r.is_pre_allocated,
        'preAllocatedBatchId', r.pre_allocated_batch_id,
        'serialNumbers', (SELECT coalesce(json_agg(u.serial_number ORDER BY u.serial_number), '[]'::json)
          FROM inventory_allocations a
          JOIN inventory_units u ON u.clinic_id = a.clinic_id AND u.id = a.unit_id
          WHERE a.clinic_id = r.clinic_id AND a.requirement_id = r.id AND a.status = 'ACTIVE')
      ) ORDER BY r.id), '[]'::json)
      FROM procedure_inventory_requirements r
      JOIN inventory_items i ON i.clinic_id = r.clinic_id AND i.id = r.inventory_item_id
      WHERE r.clinic_id = p.clinic_id AND r.plan_id = p.id) AS requirements,
    (SELECT json_build_object('id', c.id, 'status', c.status, 'templateCode', c.template_code)
      FROM patient_consent_instances c
      WHERE c.clinic_id = p.clinic_id AND c.procedure_plan_id = p.id AND c.status <> 'VOIDED') AS consent,
    (SELECT q.id FROM quotes q
      WHERE q.clinic_id = p.clinic_id AND q.procedure_plan_id = p.id
        AND q.status IN ('ISSUED', 'ACCEPTED')) AS quote_id,
    (SELECT s.id FROM surgical_cases s
      WHERE s.clinic_id = p.clinic_id AND s.procedure_plan_id = p.id AND s.status <> 'CANCELLED') AS case_id
  FROM procedure_plans p WHERE p.clinic_id = $1 AND p.id = $2`,
};

const AUDIT = {
  name: 'three_audit',
  text: `INSERT INTO audit_events (clinic_id, id, actor_id, action, entity_type, entity_id, request_id, changed_fields)
    VALUES ($1, $2, $3, 'procedure-plan.read', 'ProcedurePlan', $4, $5, '{}')`,
};

const app = Fastify({ logger: false });
app.get('/plan', async (_request, reply) => {
  const user = (await pool.query({ ...USER, values: [clinicId, userId] })).rows[0] as
    { active: boolean } | undefined;
  if (!user?.active) return reply.code(401).send({ code: 'UNAUTHENTICATED' });
  const plan = (await pool.query({ ...PLAN, values: [clinicId, planId] })).rows[0] as
    Record<string, unknown> | undefined;
  if (!plan) return reply.code(404).send({ code: 'NOT_FOUND' });
  await pool.query({ ...AUDIT, values: [clinicId, randomUUID(), userId, planId, randomUUID()] });
  return plan;
});
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
