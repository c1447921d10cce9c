import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { Given, type ClinicWithStaff } from './support/given';
import { at, bookedCase, expectStatus } from './support/given-theater';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

// The booking ledger of docs/calendar.md "One booking table": the triggers keep it, the
// exclusion constraint holds it, whatever the code does.

let t: TestApp;
let clinic: ClinicWithStaff;
const where = onPostgresServer ? 'PostgreSQL server' : 'PGlite';

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Ledger Clinic');
});
afterAll(() => t.close());

const Rows = z.object({
  rows: z.array(
    z.object({ resource_kind: z.string(), resource_id: z.string(), starts_at: z.coerce.date() }),
  ),
});

async function ledgerOf(caseId: string) {
  const result = await t.app.get(TransactionRunner).db.execute(sql`
    SELECT resource_kind, resource_id, starts_at FROM calendar_bookings
    WHERE clinic_id = ${clinic.clinicId} AND source_kind = 'SURGICAL_CASE' AND source_id = ${caseId}
    ORDER BY resource_kind`);
  return Rows.parse(result).rows;
}

describe(`the booking ledger (${where})`, () => {
  it("holds a scheduled case's surgeon and room, follows its move, and lets go when it is cancelled", async () => {
    const { caseId } = await bookedCase(clinic, 40);
    const theCase = expectStatus(
      'read',
      await clinic.as('COORDINATOR').get(`/surgical-cases/${caseId}`),
      200,
    );
    expect(await ledgerOf(caseId)).toEqual([
      {
        resource_kind: 'PROVIDER',
        resource_id: theCase.surgeonId,
        starts_at: new Date(theCase.scheduledStart),
      },
      {
        resource_kind: 'ROOM',
        resource_id: theCase.operatingRoomId,
        starts_at: new Date(theCase.scheduledStart),
      },
    ]);

    expectStatus(
      'move',
      await clinic.as('COORDINATOR').patch(`/surgical-cases/${caseId}`, {
        scheduledStart: at(40, 13),
        scheduledEnd: at(40, 15),
      }),
      200,
    );
    expect((await ledgerOf(caseId)).map((r) => r.starts_at)).toEqual([
      new Date(at(40, 13)),
      new Date(at(40, 13)),
    ]);

    expectStatus(
      'cancel',
      await clinic
        .as('COORDINATOR')
        .post(`/surgical-cases/${caseId}/cancel`, { reason: 'Patient asked to wait' }),
      200,
    );
    expect(await ledgerOf(caseId)).toEqual([]);
  });

  it("refuses, in the database, an appointment row overlapping the surgeon's case", async () => {
    const { caseId } = await bookedCase(clinic, 41);
    const insert = t.app.get(TransactionRunner).db.execute(sql`
      INSERT INTO appointments (clinic_id, id, patient_id, type, status, provider_id, starts_at,
        ends_at, created_by_id)
      SELECT clinic_id, gen_random_uuid(), patient_id, 'CONSULTATION', 'BOOKED', surgeon_id,
        scheduled_start + interval '30 minutes', scheduled_start + interval '90 minutes', created_by_id
      FROM surgical_cases WHERE id = ${caseId}`);
    await expect(insert).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23P01' }),
    });
    // Right after the case ends is free (half-open times), and is then held in the ledger.
    const after = await t.app.get(TransactionRunner).db.execute(sql`
      INSERT INTO appointments (clinic_id, id, patient_id, type, status, provider_id, starts_at,
        ends_at, created_by_id)
      SELECT clinic_id, gen_random_uuid(), patient_id, 'POST_OP', 'BOOKED', surgeon_id,
        scheduled_end, scheduled_end + interval '20 minutes', created_by_id
      FROM surgical_cases WHERE id = ${caseId} RETURNING id`);
    const [appointment] = z
      .object({ rows: z.array(z.object({ id: z.string() })) })
      .parse(after).rows;
    const held = await t.app.get(TransactionRunner).db.execute(sql`
      SELECT count(*)::int AS n FROM calendar_bookings
      WHERE clinic_id = ${clinic.clinicId} AND source_kind = 'APPOINTMENT' AND source_id = ${appointment?.id}`);
    expect(z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(held).rows[0].n).toBe(
      1,
    );
  });
});
