import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/common/database/database';
import { DATABASE } from '../src/common/database/database.tokens';
import { toProblem, type ProblemResponse } from '../src/common/errors/to-problem';
import type { ApiResponse } from './support/api';
import { countRows, Given, patientBody, type ClinicWithStaff } from './support/given';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Errors Clinic');
});
afterAll(() => t.close());

/** The RFC 9457 shape docs/api.md promises for every error. */
function expectProblem(res: ApiResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
    requestId: expect.any(String),
  });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

function uniqueLastName(): string {
  return `Err${randomBytes(4).toString('hex')}`;
}

function patientsNamed(lastName: string): Promise<number> {
  return countRows(t, 'patients', clinic.clinicId, sql`last_name = ${lastName}`);
}

describe('problem+json errors', () => {
  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    const res = await clinic.as('COORDINATOR').post('/patients', '{"firstName": "Jane",');

    expectProblem(res, 400, 'VALIDATION_FAILED');
  });

  it('answers an empty JSON body with 400 VALIDATION_FAILED', async () => {
    const res = await clinic
      .as('COORDINATOR')
      .post('/patients', '', { 'content-type': 'application/json' });

    expectProblem(res, 400, 'VALIDATION_FAILED');
  });

  it('answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE and creates nothing', async () => {
    const lastName = uniqueLastName();
    const body = patientBody({ lastName, notes: 'x'.repeat(1024 * 1024) });

    const res = await clinic.as('COORDINATOR').post('/patients', body);

    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await patientsNamed(lastName)).toBe(0);
  });

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'answers a %s body with 415 UNSUPPORTED_MEDIA_TYPE and creates nothing',
    async (contentType) => {
      const lastName = uniqueLastName();

      const res = await clinic
        .as('COORDINATOR')
        .post('/patients', JSON.stringify(patientBody({ lastName })), {
          'content-type': contentType,
        });

      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await patientsNamed(lastName)).toBe(0);
    },
  );

  it('answers an unknown route with 404 NOT_FOUND, with a token', async () => {
    const res = await clinic.as('ADMIN').get('/no-such-thing');

    expectProblem(res, 404, 'NOT_FOUND');
  });

  it('answers an unknown route with 404 NOT_FOUND, without a token', async () => {
    const res = await t.api.get('/no-such-thing');

    expectProblem(res, 404, 'NOT_FOUND');
  });

  it('answers an :id that is not a UUID with 400 naming id', async () => {
    for (const url of ['/patients/42', '/consultations/not-a-uuid']) {
      const res = await clinic.as('COORDINATOR').get(url);

      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ path: 'id', message: expect.any(String) }]);
    }
  });

  it('answers an unknown query parameter with 400 naming it', async () => {
    const res = await clinic.as('COORDINATOR').get('/patients?clinicId=someone-else');

    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'clinicId', message: expect.any(String) }]);
  });

  it('answers a missing token with 401 UNAUTHENTICATED', async () => {
    const res = await t.api.get('/patients');

    expectProblem(res, 401, 'UNAUTHENTICATED');
  });

  it('answers a forbidden role with 403 FORBIDDEN', async () => {
    const res = await clinic.as('NURSE').get('/audit-events');

    expectProblem(res, 403, 'FORBIDDEN');
  });

  it('answers text PostgreSQL cannot store (a NUL character) with 400, showing no SQL', async () => {
    const lastName = uniqueLastName();

    const res = await clinic
      .as('COORDINATOR')
      .post('/patients', patientBody({ lastName, firstName: 'Ja\u0000ne' }));

    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.text).not.toMatch(/insert|select|patients|UTF8|0x00|\bat\s/i);
    expect(res.text).not.toContain(lastName);
    expect(await patientsNamed(lastName)).toBe(0);
  });

  it('shows no value of the refused request in a duplicate answer', async () => {
    const mrn = `SECRET-${randomBytes(4).toString('hex')}`;
    await new Given(t).patient(clinic, { mrn });

    const res = await clinic.as('COORDINATOR').post('/patients', patientBody({ mrn }));

    expectProblem(res, 409, 'DUPLICATE');
    expect(res.text).not.toContain(mrn);
    expect(res.text).not.toMatch(/patients_mrn_unique|constraint|\bat\s/i);
  });
});

describe('request ids', () => {
  it('echoes a client x-request-id in the header and in the problem body', async () => {
    const res = await clinic
      .as('COORDINATOR')
      .get('/patients/not-a-uuid', { 'x-request-id': 'trace-errors-42' });

    expect(res.headers['x-request-id']).toBe('trace-errors-42');
    expect(res.body.requestId).toBe('trace-errors-42');
  });

  it('makes up a request id when the client sends none, or one that is not a plain token', async () => {
    const none = await t.api.get('/patients');
    const odd = await t.api.get('/patients', { 'x-request-id': 'has spaces and <html>' });

    expect(none.headers['x-request-id']).toEqual(expect.any(String));
    expect(none.body.requestId).toBe(none.headers['x-request-id']);
    expect(odd.headers['x-request-id']).not.toBe('has spaces and <html>');
    expect(odd.body.requestId).toBe(odd.headers['x-request-id']);
  });

  it('echoes the request id on successful answers too', async () => {
    const res = await clinic
      .as('COORDINATOR')
      .get('/patients?limit=1', { 'x-request-id': 'trace-ok-7' });

    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-ok-7');
  });
});

describe('database failures a failover brings: 503 UNAVAILABLE with Retry-After (docs/deployment.md)', () => {
  /** What the real database throws for `statements` in one transaction, as the API would answer it. */
  async function answerTo(...statements: SQL[]): Promise<ProblemResponse> {
    const { db } = t.app.get<symbol, Database>(DATABASE);
    const error = await db
      .transaction(async (tx) => {
        for (const statement of statements) await tx.execute(statement);
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    return toProblem(error);
  }

  it('a write on a node just demoted to a replica (25006 read_only_sql_transaction)', async () => {
    // A read-only transaction refuses a write with the state a demoted leader's connection does.
    const answer = await answerTo(
      sql`SET TRANSACTION READ ONLY`,
      sql`UPDATE clinics SET name = name WHERE id = ${clinic.clinicId}`,
    );
    expect(answer.problem).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(answer.headers['retry-after']).toMatch(/^\d+$/);
  });

  if (onPostgresServer) {
    it('a statement cut by statement_timeout (57014), bounding a wait on a failing leader', async () => {
      const answer = await answerTo(
        sql`SET LOCAL statement_timeout = '20ms'`,
        sql`SELECT pg_sleep(2)`,
      );
      expect(answer.problem).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      expect(answer.headers['retry-after']).toMatch(/^\d+$/);
    });
  }

  it('a bug stays a 500, not a 503 a client would retry', async () => {
    // 22012 division_by_zero: nothing a retry fixes.
    const answer = await answerTo(sql`SELECT 1 / 0`);
    expect(answer.problem).toMatchObject({ status: 500, code: 'INTERNAL' });
  });
});
