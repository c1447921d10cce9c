import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, Given, patientBody, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinicA: ClinicWithStaff;
let clinicB: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinicA, clinicB] = await Promise.all([
    given.clinicWithStaff('Clinic A'),
    given.clinicWithStaff('Clinic B'),
  ]);
});
afterAll(() => t.close());

function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

async function allPatientIds(clinic: ClinicWithStaff, search?: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: '100' });
    if (search) params.set('search', search);
    if (cursor) params.set('cursor', cursor);
    const res = await clinic.as('ADMIN').get(`/patients?${params.toString()}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.data.map((p: { id: string }) => p.id));
    cursor = res.body.nextCursor;
  } while (cursor !== null);
  return ids;
}

describe('tenancy', () => {
  it('answers 404 when another clinic reads a patient, whatever the role', async () => {
    const patient = await given.patient(clinicA);

    for (const role of ['ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const) {
      const res = await clinicB.as(role).get(`/patients/${patient.id}`);
      expect(res.status, role).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await clinicA.as('BILLING').get(`/patients/${patient.id}`)).status).toBe(200);
  });

  it('answers 404 when another clinic patches a patient, and the patient is unchanged', async () => {
    const patient = await given.patient(clinicA);

    const res = await clinicB
      .as('COORDINATOR')
      .patch(`/patients/${patient.id}`, { firstName: 'Hijacked' }, { 'if-match': '"1"' });

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const read = await clinicA.as('COORDINATOR').get(`/patients/${patient.id}`);
    expect(read.body).toEqual(patient);
  });

  it("answers another clinic's patient exactly like one that does not exist", async () => {
    const patient = await given.patient(clinicA);

    const theirs = await clinicB.as('ADMIN').get(`/patients/${patient.id}`);
    const missing = await clinicB
      .as('ADMIN')
      .get(`/patients/${patient.id.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'))}`);

    expect(theirs.status).toBe(missing.status);
    expect(theirs.body.code).toBe(missing.body.code);
    expect(theirs.body.title).toBe(missing.body.title);
  });

  it("never shows another clinic's patients in lists or searches", async () => {
    const lastName = uniqueName('Tenant');
    const patient = await given.patient(clinicA, { lastName });
    await given.patient(clinicB, { lastName: uniqueName('Own') });

    expect(await allPatientIds(clinicA, lastName)).toEqual([patient.id]);
    expect(await allPatientIds(clinicB, lastName)).toEqual([]);
    expect(await allPatientIds(clinicB, patient.mrn)).not.toContain(patient.id);
    const everythingB = await allPatientIds(clinicB);
    expect(everythingB.length).toBeGreaterThan(0);
    expect(everythingB).not.toContain(patient.id);
  });

  it('numbers MRNs per clinic, so two clinics may both have MRN-000001', async () => {
    const [a, b] = await Promise.all([
      given.patient(clinicA, { lastName: uniqueName('Numbered') }),
      given.patient(clinicB, { lastName: uniqueName('Numbered') }),
    ]);
    const first = (clinicId: string) =>
      countRows(t, 'patients', clinicId, sql`mrn = ${'MRN-000001'}`);

    expect(a.mrn).toMatch(/^MRN-\d{6}$/);
    expect(b.mrn).toMatch(/^MRN-\d{6}$/);
    expect(await first(clinicA.clinicId)).toBe(1);
    expect(await first(clinicB.clinicId)).toBe(1);
  });
});

describe('roles on patients', () => {
  it.each(['ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR'] as const)(
    'lets %s register a patient',
    async (role) => {
      const res = await clinicA.as(role).post('/patients', patientBody());

      expect(res.status).toBe(201);
    },
  );

  it('forbids billing staff to register a patient, and nothing is written', async () => {
    const lastName = uniqueName('Billed');

    const res = await clinicA.as('BILLING').post('/patients', patientBody({ lastName }));

    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await countRows(t, 'patients', clinicA.clinicId, sql`last_name = ${lastName}`)).toBe(0);
  });

  it('forbids billing staff to edit a patient, and the patient is unchanged', async () => {
    const patient = await given.patient(clinicA);

    const res = await clinicA.as('BILLING').patch(`/patients/${patient.id}`, { firstName: 'Paid' });

    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await clinicA.as('BILLING').get(`/patients/${patient.id}`)).body).toEqual(patient);
  });

  it('lets billing staff read and search patients', async () => {
    const lastName = uniqueName('Readable');
    const patient = await given.patient(clinicA, { lastName });
    const billing = clinicA.as('BILLING');

    const read = await billing.get(`/patients/${patient.id}`);
    const list = await billing.get(`/patients?search=${lastName}`);

    expect(read.status).toBe(200);
    expect(read.body).toEqual(patient);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([patient]);
  });

  it('checks the role before the body: billing staff posting an invalid patient get 403, not 400', async () => {
    const res = await clinicA
      .as('BILLING')
      .post('/patients', { firstName: '', dateOfBirth: 'tomorrow', clinicId: clinicB.clinicId });

    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(res.body.errors).toBeUndefined();
  });

  it('checks the role before the body on edits too', async () => {
    const patient = await given.patient(clinicA);

    const res = await clinicA.as('BILLING').patch(`/patients/${patient.id}`, { version: 'x' });

    expect(res.status).toBe(403);
  });

  it('checks the token before anything else: no token is 401 UNAUTHENTICATED', async () => {
    const res = await t.api.post('/patients', { firstName: '' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses a token that is not a valid one with 401', async () => {
    const [header, payload, signature = ''] = clinicA.staff.ADMIN.token.split('.');
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const forged = `${header}.${payload}.${flipped}`;

    const res = await t.api.withToken(forged).get('/patients');

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
