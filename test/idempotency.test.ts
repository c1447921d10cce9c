import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import {
  addStaffMember,
  countRows,
  Given,
  patientBody,
  type ClinicWithStaff,
} from './support/given';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Idempotency Clinic');
});
afterAll(() => t.close());

function uniqueLastName(): string {
  return `Retry${randomBytes(4).toString('hex')}`;
}

function patientsNamed(lastName: string): Promise<number> {
  return countRows(t, 'patients', clinic.clinicId, sql`last_name = ${lastName}`);
}

function storedKeys(key: string): Promise<number> {
  return countRows(t, 'idempotency_keys', clinic.clinicId, sql`key = ${key}`);
}

describe('POST /patients with an Idempotency-Key', () => {
  it('answers the same key and body with the first response, replayed, and creates one patient', async () => {
    const key = randomUUID();
    const body = patientBody({ lastName: uniqueLastName() });
    const api = clinic.as('COORDINATOR');

    const first = await api.post('/patients', body, { 'idempotency-key': key });
    const second = await api.post('/patients', body, { 'idempotency-key': key });

    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await patientsNamed(body.lastName as string)).toBe(1);
    const search = await api.get(`/patients?search=${body.lastName as string}`);
    expect(search.body.data.map((p: { id: string }) => p.id)).toEqual([first.body.id]);
    const created = await countRows(
      t,
      'audit_events',
      clinic.clinicId,
      sql`action = 'patient.create' AND entity_id = ${first.body.id}`,
    );
    expect(created).toBe(1);
  });

  it('treats a body with the same fields in another order as the same request', async () => {
    const key = randomUUID();
    const lastName = uniqueLastName();
    const api = clinic.as('COORDINATOR');

    const first = await api.post('/patients', patientBody({ lastName }), {
      'idempotency-key': key,
    });
    const reordered = JSON.stringify({
      sexAtBirth: 'FEMALE',
      lastName,
      dateOfBirth: '1985-04-12',
      firstName: 'Jane',
    });
    const second = await api.post('/patients', reordered, { 'idempotency-key': key });

    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(await patientsNamed(lastName)).toBe(1);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    const key = randomUUID();
    const api = clinic.as('COORDINATOR');
    const first = await api.post('/patients', patientBody({ lastName: uniqueLastName() }), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    const otherName = uniqueLastName();
    const patientsBefore = await countRows(t, 'patients', clinic.clinicId);

    const res = await api.post('/patients', patientBody({ lastName: otherName }), {
      'idempotency-key': key,
    });

    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await patientsNamed(otherName)).toBe(0);
    expect(await countRows(t, 'patients', clinic.clinicId)).toBe(patientsBefore);
  });

  it('keeps keys apart per user: the same key from another user does its own work', async () => {
    const key = randomUUID();
    const body = patientBody({ lastName: uniqueLastName() });

    const byCoordinator = await clinic
      .as('COORDINATOR')
      .post('/patients', body, { 'idempotency-key': key });
    const byNurse = await clinic.as('NURSE').post('/patients', body, { 'idempotency-key': key });

    expect(byCoordinator.status).toBe(201);
    expect(byNurse.status).toBe(201);
    expect(byNurse.headers['idempotent-replayed']).toBeUndefined();
    expect(byNurse.body.id).not.toBe(byCoordinator.body.id);
    expect(await patientsNamed(body.lastName as string)).toBe(2);
    expect(await storedKeys(key)).toBe(2);
  });

  it('does not keep the key of a request refused as invalid, so a corrected retry succeeds', async () => {
    const key = randomUUID();
    const lastName = uniqueLastName();
    const api = clinic.as('COORDINATOR');

    const invalid = await api.post('/patients', patientBody({ lastName, sexAtBirth: 'F' }), {
      'idempotency-key': key,
    });
    expect(invalid.status).toBe(400);
    expect(await storedKeys(key)).toBe(0);

    const corrected = await api.post('/patients', patientBody({ lastName }), {
      'idempotency-key': key,
    });

    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(await patientsNamed(lastName)).toBe(1);
    expect(await storedKeys(key)).toBe(1);
  });

  it('does not keep the key of a request refused as a duplicate', async () => {
    const key = randomUUID();
    const mrn = `IDEM-${randomBytes(4).toString('hex')}`;
    const api = clinic.as('COORDINATOR');
    await new Given(t).patient(clinic, { mrn });

    const refused = await api.post('/patients', patientBody({ mrn }), { 'idempotency-key': key });

    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DUPLICATE');
    expect(await storedKeys(key)).toBe(0);
  });

  it.each([
    ['longer than 255 characters', 'k'.repeat(300)],
    ['containing a space', 'two words'],
  ])('refuses a key %s with 400 and creates nothing', async (_, key) => {
    const lastName = uniqueLastName();

    const res = await clinic
      .as('COORDINATOR')
      .post('/patients', patientBody({ lastName }), { 'idempotency-key': key });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['Idempotency-Key']);
    expect(await patientsNamed(lastName)).toBe(0);
  });
});

describe('POST /auth/change-password with an Idempotency-Key', () => {
  // The route's transaction answers the user row; the client gets a token issued after it. The
  // record must hold what the client got, not what the transaction returned.
  it('replays exactly the first response (the token answer), and changes the password once', async () => {
    const user = await addStaffMember(t, clinic, 'COORDINATOR');
    const key = randomUUID();
    const body = { currentPassword: user.password, newPassword: 'a-replayed-new-password-1' };

    const first = await user.api.post('/auth/change-password', body, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(first.body.accessToken).toEqual(expect.any(String));
    // The old token stopped working with the change: the retry comes with the new one.
    const replay = await t.api
      .withToken(first.body.accessToken as string)
      .post('/auth/change-password', body, { 'idempotency-key': key });

    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const stored = await t.app
      .get(TransactionRunner)
      .db.execute(
        sql`SELECT response_body AS body FROM idempotency_keys WHERE user_id = ${user.id} AND key = ${key}`,
      );
    expect(z.object({ rows: z.array(z.unknown()) }).parse(stored).rows).toEqual([
      { body: first.body },
    ]);
    const changes = await countRows(
      t,
      'audit_events',
      clinic.clinicId,
      sql`action = 'user.change-password' AND entity_id = ${user.id}`,
    );
    expect(changes).toBe(1);
  });
});

describe(`one Idempotency-Key sent by 8 requests at once (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('creates exactly one patient and answers every request with it or with 409 IN_PROGRESS', async () => {
    const key = randomUUID();
    const body = patientBody({ lastName: uniqueLastName() });
    const api = clinic.as('COORDINATOR');

    const responses = await Promise.all(
      Array.from({ length: 8 }, () => api.post('/patients', body, { 'idempotency-key': key })),
    );

    for (const res of responses) {
      if (res.status === 409) expect(res.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      else expect(res.status).toBe(201);
    }
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(created.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await patientsNamed(body.lastName as string)).toBe(1);
    expect(await storedKeys(key)).toBe(1);

    const afterwards = await api.post('/patients', body, { 'idempotency-key': key });
    expect(afterwards.status).toBe(201);
    expect(afterwards.body.id).toBe(created[0]?.body.id);
  });
});
