import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { addStaffMember, Given, type ClinicWithStaff } from './support/given';
import {
  at,
  bookedCase,
  caseBody,
  expectStatus,
  operatingRoom,
  readyPlan,
} from './support/given-theater';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
const where = onPostgresServer ? 'PostgreSQL server' : 'PGlite';

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Theater Race Clinic');
});
afterAll(() => t.close());

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.app.get(TransactionRunner).db.execute(query);
  return z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(result).rows[0].n;
}

describe(`races (${where})`, () => {
  it('books exactly one of 10 overlapping slots in one room requested at once', async () => {
    const room = await operatingRoom(clinic);
    const plans = [];
    for (let i = 0; i < 10; i++) {
      const ready = await readyPlan(clinic);
      const surgeon = await addStaffMember(t, clinic, 'SURGEON');
      plans.push({ ready, surgeon });
    }
    const responses = await Promise.all(
      plans.map(({ ready, surgeon }, i) =>
        clinic.as('COORDINATOR').post(
          '/surgical-cases',
          caseBody(clinic, ready.plan, room, 30, {
            surgeonId: surgeon.id,
            scheduledStart: at(30, 8, i * 5),
            scheduledEnd: at(30, 10, i * 5),
          }),
        ),
      ),
    );
    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost)
      expect(r.body).toMatchObject({
        code: 'SCHEDULE_CONFLICT',
        conflict: { resource: 'operatingRoom', caseNumber: won[0]?.body.caseNumber },
      });
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM surgical_cases WHERE operating_room_id = ${room.id} AND status <> 'CANCELLED'`,
      ),
    ).toBe(1);
    const statuses = await Promise.all(
      plans.map(
        async ({ ready }) =>
          (await clinic.as('COORDINATOR').get(`/procedure-plans/${ready.plan.id}`)).body.status,
      ),
    );
    expect(statuses.filter((s) => s === 'SCHEDULED')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'APPROVED')).toHaveLength(9);
  });

  it('completes a case once when two nurses complete it at the same moment: one bill', async () => {
    for (let round = 0; round < 3; round++) {
      const booked = await bookedCase(clinic, 40 + round, { started: true });
      const [a, b] = await Promise.all([
        clinic.as('NURSE').post(`/surgical-cases/${booked.caseId}/complete`, {}),
        clinic.as('SURGEON').post(`/surgical-cases/${booked.caseId}/complete`, {}),
      ]);
      expect([a?.status, b?.status].sort()).toEqual([200, 409]);
      expect(
        await count(
          sql`SELECT count(*)::int AS n FROM bills WHERE surgical_case_id = ${booked.caseId}`,
        ),
      ).toBe(1);
      expect(
        await count(
          sql`SELECT count(*)::int AS n FROM inventory_usages WHERE surgical_case_id = ${booked.caseId} AND serial_number IS NOT NULL`,
        ),
      ).toBe(2);
    }
  });

  it('the database itself refuses an overlapping live case (exclusion constraint), whatever the code does', async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const booked = expectStatus(
      'schedule',
      await clinic
        .as('COORDINATOR')
        .post('/surgical-cases', caseBody(clinic, ready.plan, room, 50)),
      201,
    );
    const other = await readyPlan(clinic);
    const insert = t.app.get(TransactionRunner).db.execute(sql`
      INSERT INTO surgical_cases (clinic_id, id, case_number, procedure_plan_id, patient_id, surgeon_id,
        operating_room_id, scheduled_start, scheduled_end, procedure_name, procedure_code, cpt_codes,
        diagnosis_codes, procedure_type, insurance_cpt_codes, created_by_id)
      SELECT clinic_id, gen_random_uuid(), 'CASE-RAW-1', ${other.plan.id}, ${other.patient.id}, surgeon_id,
        operating_room_id, scheduled_start + interval '30 minutes', scheduled_end, procedure_name,
        procedure_code, cpt_codes, diagnosis_codes, procedure_type, insurance_cpt_codes, created_by_id
      FROM surgical_cases WHERE id = ${booked.id}`);
    await expect(insert).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23P01' }),
    });
  });
});
