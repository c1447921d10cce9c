import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, Given, PASSWORD, uniqueEmail, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let patient: any;
let deactivatedSurgeonId: string;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Consultations Clinic'),
    given.clinicWithStaff('Other Consultations Clinic'),
  ]);
  patient = await given.patient(clinic);
  const admin = clinic.as('ADMIN');
  const surgeon = await admin.post('/users', {
    email: uniqueEmail('retired-surgeon'),
    name: 'Retired Surgeon',
    role: 'SURGEON',
    password: PASSWORD,
  });
  if (surgeon.status !== 201) throw new Error(`creating a surgeon: ${surgeon.text}`);
  const deactivated = await admin.patch(`/users/${surgeon.body.id}`, { active: false });
  if (deactivated.status !== 200) throw new Error(`deactivating: ${deactivated.text}`);
  deactivatedSurgeonId = surgeon.body.id;
});
afterAll(() => t.close());

function consultationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientId: patient.id,
    surgeonId: clinic.staff.SURGEON.id,
    consultationDate: '2026-11-24T09:30:00Z',
    reason: 'Breast augmentation consultation',
    ...overrides,
  };
}

function consultationsOf(clinicId: string, patientId: string): Promise<number> {
  return countRows(t, 'consultations', clinicId, sql`patient_id = ${patientId}`);
}

describe('POST /consultations', () => {
  it('records a consultation with an active surgeon of the clinic and answers 201', async () => {
    const res = await clinic.as('COORDINATOR').post(
      '/consultations',
      consultationBody({
        consultationDate: '2026-11-24T09:30:00+02:00',
        notes: 'Discussed implant sizes',
      }),
    );

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: '2026-11-24T07:30:00.000Z',
      reason: 'Breast augmentation consultation',
      notes: 'Discussed implant sizes',
      createdById: clinic.staff.COORDINATOR.id,
    });
    const read = await clinic.as('SURGEON').get(`/consultations/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('lets surgeons and nurses record consultations too', async () => {
    for (const role of ['SURGEON', 'NURSE', 'ADMIN'] as const) {
      const res = await clinic.as(role).post('/consultations', consultationBody());
      expect(res.status, role).toBe(201);
      expect(res.body.createdById).toBe(clinic.staff[role].id);
    }
  });

  describe('refuses a surgeonId that is not an active surgeon of this clinic, and writes nothing', () => {
    const cases: [string, () => string][] = [
      ['a nurse', () => clinic.staff.NURSE.id],
      ['a deactivated surgeon', () => deactivatedSurgeonId],
      ["another clinic's surgeon", () => other.staff.SURGEON.id],
      ['a user who does not exist', () => randomUUID()],
    ];

    it.each(cases)('%s', async (_, surgeonId) => {
      const before = await consultationsOf(clinic.clinicId, patient.id);

      const res = await clinic
        .as('COORDINATOR')
        .post('/consultations', consultationBody({ surgeonId: surgeonId() }));

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['surgeonId']);
      expect(await consultationsOf(clinic.clinicId, patient.id)).toBe(before);
    });
  });

  it("answers 404 for another clinic's patient and writes nothing", async () => {
    const theirs = await given.patient(other);

    const res = await clinic
      .as('COORDINATOR')
      .post('/consultations', consultationBody({ patientId: theirs.id }));

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(await consultationsOf(clinic.clinicId, theirs.id)).toBe(0);
    expect(await consultationsOf(other.clinicId, theirs.id)).toBe(0);
  });

  it.each([
    ['without an offset', '2026-11-24T09:30:00'],
    ['as a bare date', '2026-11-24'],
    ['that is not a date', 'next Tuesday'],
  ])('refuses a consultationDate %s with 400', async (_, consultationDate) => {
    const before = await consultationsOf(clinic.clinicId, patient.id);

    const res = await clinic
      .as('COORDINATOR')
      .post('/consultations', consultationBody({ consultationDate }));

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['consultationDate']);
    expect(await consultationsOf(clinic.clinicId, patient.id)).toBe(before);
  });

  it('refuses a body without a reason or with unknown fields', async () => {
    const res = await clinic
      .as('COORDINATOR')
      .post('/consultations', consultationBody({ reason: undefined, createdById: randomUUID() }));

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'createdById',
      'reason',
    ]);
  });
});

describe('GET /consultations', () => {
  it("lists a patient's consultations newest first, page by page", async () => {
    const mine = await given.patient(clinic, { firstName: 'Listed' });
    const api = clinic.as('NURSE');
    const dates = [
      '2026-03-01T10:00:00.000Z',
      '2026-05-01T10:00:00.000Z',
      '2026-01-15T08:00:00.000Z',
      '2026-04-20T16:45:00.000Z',
      '2026-02-10T12:00:00.000Z',
    ];
    for (const consultationDate of dates) {
      const res = await api.post(
        '/consultations',
        consultationBody({ patientId: mine.id, consultationDate }),
      );
      expect(res.status).toBe(201);
    }
    await api.post(
      '/consultations',
      consultationBody({ consultationDate: '2026-12-31T00:00:00Z' }),
    );

    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await api.get(`/consultations?patientId=${mine.id}&limit=2${query}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      pages++;
      expect(pages).toBeLessThan(10);
    } while (cursor !== null);

    expect(pages).toBe(3);
    expect(seen.map((c) => c.consultationDate)).toEqual([...dates].sort().reverse());
    expect(seen.every((c) => c.patientId === mine.id)).toBe(true);
    expect(new Set(seen.map((c) => c.id)).size).toBe(dates.length);
  });

  it("shows nothing of another clinic's patient", async () => {
    const theirs = await given.patient(other);
    const recorded = await other
      .as('COORDINATOR')
      .post(
        '/consultations',
        consultationBody({ patientId: theirs.id, surgeonId: other.staff.SURGEON.id }),
      );
    expect(recorded.status).toBe(201);

    const res = await clinic.as('COORDINATOR').get(`/consultations?patientId=${theirs.id}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], nextCursor: null });
  });

  it.each(['limit=0', 'limit=101', 'patientId=not-a-uuid', 'cursor=garbage', 'status=OPEN'])(
    'refuses %s with 400',
    async (query) => {
      const res = await clinic.as('COORDINATOR').get(`/consultations?${query}`);

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    },
  );
});

describe('GET /consultations/:id', () => {
  it("answers 404 for another clinic's consultation", async () => {
    const theirs = await given.patient(other);
    const recorded = await other
      .as('SURGEON')
      .post(
        '/consultations',
        consultationBody({ patientId: theirs.id, surgeonId: other.staff.SURGEON.id }),
      );
    expect(recorded.status).toBe(201);

    const res = await clinic.as('ADMIN').get(`/consultations/${recorded.body.id}`);

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect((await other.as('SURGEON').get(`/consultations/${recorded.body.id}`)).status).toBe(200);
  });

  it('answers 404 for an id no consultation has', async () => {
    const res = await clinic.as('COORDINATOR').get(`/consultations/${randomUUID()}`);

    expect(res.status).toBe(404);
  });
});

describe('billing staff and consultations', () => {
  it('may not record a consultation, and nothing is written', async () => {
    const before = await consultationsOf(clinic.clinicId, patient.id);

    const res = await clinic.as('BILLING').post('/consultations', consultationBody());

    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await consultationsOf(clinic.clinicId, patient.id)).toBe(before);
  });

  it('may neither list nor read consultations', async () => {
    const recorded = await clinic.as('COORDINATOR').post('/consultations', consultationBody());
    expect(recorded.status).toBe(201);
    const billing = clinic.as('BILLING');

    const list = await billing.get(`/consultations?patientId=${patient.id}`);
    const read = await billing.get(`/consultations/${recorded.body.id}`);

    expect(list.status).toBe(403);
    expect(list.body.code).toBe('FORBIDDEN');
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('FORBIDDEN');
  });
});
