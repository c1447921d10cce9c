import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import type { ApiResponse } from './support/api';
import { countRows, Given, patientBody, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
/** Where most tests create their patients. */
let clinic: ClinicWithStaff;
/** A second clinic: its first generated MRN is checked, so only hand-given MRNs are used there otherwise. */
let other: ClinicWithStaff;
/** Holds only the patients of the search and pagination tests, so their results are exact. */
let searchClinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other, searchClinic] = await Promise.all([
    given.clinicWithStaff('Patients Clinic'),
    given.clinicWithStaff('Other Patients Clinic'),
    given.clinicWithStaff('Search Clinic'),
  ]);
});
afterAll(() => t.close());

function suffix(): string {
  return randomBytes(4).toString('hex');
}

function mrnNumber(mrn: string): number {
  const match = /^MRN-(\d{6})$/.exec(mrn);
  if (!match?.[1]) throw new Error(`not a generated MRN: ${mrn}`);
  return Number(match[1]);
}

function generatedMrn(n: number): string {
  return `MRN-${String(n).padStart(6, '0')}`;
}

function isoDateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function fieldPaths(res: ApiResponse): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path);
}

describe('POST /patients', () => {
  it('creates a patient and answers 201 with the whole record at version 1', async () => {
    const res = await clinic.as('COORDINATOR').post(
      '/patients',
      patientBody({
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.org',
        phone: '+44 20 7946 0000',
        insurance: { payerName: 'Acme Health', memberId: 'M-123' },
      }),
    );

    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1985-04-12',
      sexAtBirth: 'FEMALE',
      email: 'ada@example.org',
      phone: '+44 20 7946 0000',
      insurance: { payerName: 'Acme Health', memberId: 'M-123', groupNumber: null },
      version: 1,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.mrn).toMatch(/^MRN-\d{6}$/);

    const read = await clinic.as('NURSE').get(`/patients/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('numbers generated MRNs per clinic, from MRN-000001 upwards', async () => {
    const first = await given.patient(other);
    const second = await given.patient(other);

    expect(first.mrn).toBe('MRN-000001');
    expect(second.mrn).toBe('MRN-000002');
  });

  it('keeps an MRN given by hand', async () => {
    const mrn = `EXT-${suffix()}`;

    const patient = await given.patient(clinic, { mrn });

    expect(patient.mrn).toBe(mrn);
    const read = await clinic.as('COORDINATOR').get(`/patients/${patient.id}`);
    expect(read.body.mrn).toBe(mrn);
  });

  it('skips a generated MRN that was already given by hand', async () => {
    const before = mrnNumber((await given.patient(clinic)).mrn);
    const handGiven = generatedMrn(before + 1);
    await given.patient(clinic, { mrn: handGiven });

    const next = await given.patient(clinic);

    expect(next.mrn).toBe(generatedMrn(before + 2));
  });

  it('refuses an MRN already used in the same clinic with 409 DUPLICATE and writes nothing', async () => {
    const mrn = `DUP-${suffix()}`;
    await given.patient(clinic, { mrn });
    const patientsBefore = await countRows(t, 'patients', clinic.clinicId);

    const res = await clinic
      .as('COORDINATOR')
      .post('/patients', patientBody({ mrn, firstName: 'Second', lastName: `Holder${suffix()}` }));

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE');
    expect(fieldPaths(res)).toEqual(['mrn']);
    expect(await countRows(t, 'patients', clinic.clinicId)).toBe(patientsBefore);
    expect(await countRows(t, 'patients', clinic.clinicId, sql`mrn = ${mrn}`)).toBe(1);
  });

  it('accepts an MRN that another clinic already uses', async () => {
    const mrn = `SHARED-${suffix()}`;
    const mine = await given.patient(clinic, { mrn });

    const theirs = await given.patient(other, { mrn });

    expect(theirs.mrn).toBe(mrn);
    expect(theirs.id).not.toBe(mine.id);
  });

  describe('refuses an invalid body with 400 VALIDATION_FAILED naming the field, and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['a dateOfBirth in the future', { dateOfBirth: isoDateInDays(2) }, ['dateOfBirth']],
      ['a dateOfBirth that is not YYYY-MM-DD', { dateOfBirth: '12/04/1985' }, ['dateOfBirth']],
      ['a dateOfBirth that does not exist', { dateOfBirth: '1985-02-30' }, ['dateOfBirth']],
      ['a sexAtBirth outside the list', { sexAtBirth: 'F' }, ['sexAtBirth']],
      ['a version in the body (mass assignment)', { version: 7 }, ['version']],
      ['an id in the body (mass assignment)', { id: randomUUID() }, ['id']],
      ['a clinicId in the body (mass assignment)', { clinicId: randomUUID() }, ['clinicId']],
      ['a missing lastName', { lastName: undefined }, ['lastName']],
      ['an email that is not one', { email: 'not-an-email' }, ['email']],
      ['an MRN with spaces', { mrn: 'MRN 1' }, ['mrn']],
      [
        'insurance without a memberId',
        { insurance: { payerName: 'Acme' } },
        ['insurance.memberId'],
      ],
    ];

    it.each(cases)('%s', async (_, overrides, paths) => {
      const lastName = `Invalid${suffix()}`;
      const patientsBefore = await countRows(t, 'patients', clinic.clinicId);

      const res = await clinic
        .as('COORDINATOR')
        .post('/patients', patientBody({ lastName, ...overrides }));

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldPaths(res)).toEqual(paths);
      expect(await countRows(t, 'patients', clinic.clinicId)).toBe(patientsBefore);
    });
  });
});

describe('GET /patients/:id', () => {
  it('returns the patient to any role of the clinic', async () => {
    const patient = await given.patient(clinic, { firstName: 'Grace', lastName: 'Hopper' });

    for (const role of ['ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const) {
      const res = await clinic.as(role).get(`/patients/${patient.id}`);
      expect(res.status, role).toBe(200);
      expect(res.body).toEqual(patient);
      expect(res.headers.etag).toBe('"1"');
    }
  });

  it('answers 404 NOT_FOUND for an id no patient has', async () => {
    const res = await clinic.as('COORDINATOR').get(`/patients/${randomUUID()}`);

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

describe('PATCH /patients/:id', () => {
  it('changes only the named fields, bumps the version and answers ETag "2"', async () => {
    const patient = await given.patient(clinic, { email: 'old@example.org' });

    const res = await clinic
      .as('NURSE')
      .patch(`/patients/${patient.id}`, { firstName: 'Janet', phone: '+1 555 0100' });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      id: patient.id,
      mrn: patient.mrn,
      firstName: 'Janet',
      lastName: patient.lastName,
      dateOfBirth: patient.dateOfBirth,
      email: 'old@example.org',
      phone: '+1 555 0100',
      version: 2,
    });
    const read = await clinic.as('NURSE').get(`/patients/${patient.id}`);
    expect(read.body).toEqual(res.body);
  });

  it('applies a change whose If-Match names the current version', async () => {
    const patient = await given.patient(clinic);

    const res = await clinic
      .as('COORDINATOR')
      .patch(`/patients/${patient.id}`, { lastName: 'Current' }, { 'if-match': '"1"' });

    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it('refuses a stale If-Match with 412 VERSION_MISMATCH and leaves the record unchanged', async () => {
    const patient = await given.patient(clinic);
    const api = clinic.as('COORDINATOR');
    const moved = await api.patch(
      `/patients/${patient.id}`,
      { firstName: 'First' },
      { 'if-match': '"1"' },
    );
    expect(moved.status).toBe(200);

    const stale = await api.patch(
      `/patients/${patient.id}`,
      { firstName: 'Second', email: 'second@example.org' },
      { 'if-match': '"1"' },
    );

    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    expect(stale.body.currentVersion).toBe(2);
    const read = await api.get(`/patients/${patient.id}`);
    expect(read.body).toEqual(moved.body);
  });

  it('refuses an If-Match that is not an ETag with 400', async () => {
    const patient = await given.patient(clinic);

    const res = await clinic
      .as('COORDINATOR')
      .patch(`/patients/${patient.id}`, { firstName: 'X' }, { 'if-match': 'yesterday' });

    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(['If-Match']);
    expect((await clinic.as('COORDINATOR').get(`/patients/${patient.id}`)).body.version).toBe(1);
  });

  it('clears the insurance when it is set to null', async () => {
    const patient = await given.patient(clinic, {
      insurance: { payerName: 'Acme Health', memberId: 'M-1', groupNumber: 'G-9' },
    });
    expect(patient.insurance).toEqual({
      payerName: 'Acme Health',
      memberId: 'M-1',
      groupNumber: 'G-9',
    });

    const res = await clinic
      .as('COORDINATOR')
      .patch(`/patients/${patient.id}`, { insurance: null });

    expect(res.status).toBe(200);
    expect(res.body.insurance).toBeNull();
    expect(
      (await clinic.as('COORDINATOR').get(`/patients/${patient.id}`)).body.insurance,
    ).toBeNull();
    expect(
      await countRows(
        t,
        'patients',
        clinic.clinicId,
        sql`id = ${patient.id} AND insurance_payer_name IS NULL AND insurance_member_id IS NULL
            AND insurance_group_number IS NULL`,
      ),
    ).toBe(1);
  });

  it('refuses to change the MRN, the version or the clinic, and changes nothing', async () => {
    const patient = await given.patient(clinic);

    const res = await clinic.as('COORDINATOR').patch(`/patients/${patient.id}`, {
      firstName: 'Sneaky',
      mrn: 'NEW-1',
      version: 9,
      clinicId: other.clinicId,
    });

    expect(res.status).toBe(400);
    expect(fieldPaths(res)).toEqual(expect.arrayContaining(['mrn', 'version', 'clinicId']));
    const read = await clinic.as('COORDINATOR').get(`/patients/${patient.id}`);
    expect(read.body).toEqual(patient);
  });

  it('refuses a body that names no field', async () => {
    const patient = await given.patient(clinic);

    const res = await clinic.as('COORDINATOR').patch(`/patients/${patient.id}`, {});

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 NOT_FOUND for an id no patient has', async () => {
    const res = await clinic
      .as('COORDINATOR')
      .patch(`/patients/${randomUUID()}`, { firstName: 'Nobody' });

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

describe("a patient's address", () => {
  const home = {
    line1: '12 Harbor View Road',
    line2: 'Apt 4B',
    city: 'Portland',
    state: 'ME',
    postalCode: '04101',
  };

  it('is optional on create and read back as null when not given', async () => {
    const patient = await given.patient(clinic);

    expect(patient.address).toBeNull();
  });

  it('is kept on create, returned on reads and listed in the audit event as a field name only', async () => {
    const created = await clinic
      .as('COORDINATOR')
      .post('/patients', patientBody({ address: { ...home, state: 'me', line2: '' } }));

    expect(created.status, created.text).toBe(201);
    expect(created.body.address).toEqual({ ...home, line2: null });
    expect((await clinic.as('NURSE').get(`/patients/${created.body.id}`)).body.address).toEqual({
      ...home,
      line2: null,
    });
    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityId=${created.body.id}&action=patient.create`);
    expect(audit.body.data[0].changedFields).toContain('address');
    expect(JSON.stringify(audit.body.data[0].changedFields)).not.toContain('Harbor');
  });

  it('is changed and cleared with PATCH, a ZIP+4 written with its dash', async () => {
    const patient = await given.patient(clinic, { address: home });

    const moved = await clinic.as('COORDINATOR').patch(`/patients/${patient.id}`, {
      address: { ...home, line1: '1 Congress Street', postalCode: '041011234' },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.address).toEqual({
      ...home,
      line1: '1 Congress Street',
      postalCode: '04101-1234',
    });

    const cleared = await clinic
      .as('COORDINATOR')
      .patch(`/patients/${patient.id}`, { address: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.address).toBeNull();
    expect(
      await countRows(t, 'patients', clinic.clinicId, sql`id = ${patient.id} AND address IS NULL`),
    ).toBe(1);
  });

  it('refuses a state that is not a 2-letter code, a bad ZIP and a missing city, and changes nothing', async () => {
    const patient = await given.patient(clinic, { address: home });

    const res = await clinic.as('COORDINATOR').patch(`/patients/${patient.id}`, {
      address: { line1: '1 Main St', state: 'Maine', postalCode: '4101' },
    });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(
      expect.arrayContaining(['address.state', 'address.postalCode', 'address.city']),
    );
    expect((await clinic.as('COORDINATOR').get(`/patients/${patient.id}`)).body).toEqual(patient);
  });
});

describe('GET /patients', () => {
  const people: Record<string, any> = {};

  beforeAll(async () => {
    const create = async (key: string, body: Record<string, unknown>) => {
      people[key] = await given.patient(searchClinic, body);
    };
    await create('janeDoe', {
      firstName: 'Jane',
      lastName: 'Doe',
      dateOfBirth: '1985-03-14',
      phone: '+1 (555) 010-2233',
    });
    await create('johnDoe', {
      firstName: 'John',
      lastName: 'Doe',
      sexAtBirth: 'MALE',
      dateOfBirth: '1985-03-14',
    });
    await create('johnDoeToo', { firstName: 'John', lastName: 'Doe', sexAtBirth: 'MALE' });
    await create('janeSmith', { firstName: 'Jane', lastName: 'Smith' });
    await create('maria', { firstName: 'María', lastName: 'García', mrn: 'EXT-7788' });
    await create('percy', { firstName: 'Percy', lastName: 'Under_score' });
    await create('alan', {
      firstName: 'Alan',
      lastName: 'Turing',
      sexAtBirth: 'MALE',
      phone: '555.010.9876',
    });
  });

  async function searchIds(search: string): Promise<string[]> {
    const res = await searchClinic
      .as('BILLING')
      .get(`/patients?search=${encodeURIComponent(search)}&limit=100`);
    expect(res.status).toBe(200);
    return res.body.data.map((p: { id: string }) => p.id);
  }

  function idsOf(...keys: string[]): string[] {
    return keys.map((k) => people[k].id as string);
  }

  it('finds patients by first name', async () => {
    expect(await searchIds('jane')).toEqual(expect.arrayContaining(idsOf('janeDoe', 'janeSmith')));
    expect(await searchIds('jane')).toHaveLength(2);
  });

  it('finds patients by last name, whatever the case', async () => {
    const ids = await searchIds('DOE');
    expect(ids.sort()).toEqual(idsOf('janeDoe', 'johnDoe', 'johnDoeToo').sort());
  });

  it('finds the one patient whose names hold every word, in any order', async () => {
    expect(await searchIds('jane doe')).toEqual(idsOf('janeDoe'));
    expect(await searchIds('  Doe   JANE ')).toEqual(idsOf('janeDoe'));
  });

  it('finds a patient by MRN, whatever the case', async () => {
    expect(await searchIds('ext-7788')).toEqual(idsOf('maria'));
    expect(await searchIds(people.alan.mrn)).toEqual(idsOf('alan'));
  });

  it('finds patients by date of birth, ISO or US, in name order', async () => {
    expect(await searchIds('1985-03-14')).toEqual(idsOf('janeDoe', 'johnDoe'));
    expect(await searchIds('03/14/1985')).toEqual(idsOf('janeDoe', 'johnDoe'));
    expect(await searchIds('3/14/1985')).toEqual(idsOf('janeDoe', 'johnDoe'));
    // A day that does not exist is no error, and no patient's.
    expect(await searchIds('1985-02-30')).toEqual([]);
    expect(await searchIds('02/30/1985')).toEqual([]);
  });

  it('pages through the patients of one date of birth', async () => {
    const api = searchClinic.as('COORDINATOR');
    const first = await api.get('/patients?search=1985-03-14&limit=1');
    expect(first.body.data.map((p: { id: string }) => p.id)).toEqual(idsOf('janeDoe'));
    const second = await api.get(
      `/patients?search=1985-03-14&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.data.map((p: { id: string }) => p.id)).toEqual(idsOf('johnDoe'));
    expect(second.body.nextCursor).toBeNull();
  });

  it('finds a patient by phone number, however it is written', async () => {
    for (const typed of ['+1 (555) 010-2233', '1-555-010-2233', '15550102233', '1.555.010.2233'])
      expect(await searchIds(typed), typed).toEqual(idsOf('janeDoe'));
    expect(await searchIds('(555) 010 9876')).toEqual(idsOf('alan'));
    // All of the digits: a part of a number is not a match.
    expect(await searchIds('010-2233')).toEqual([]);
  });

  it('finds a patient by a part of a name with accents', async () => {
    expect(await searchIds('garcía')).toEqual(idsOf('maria'));
  });

  it('treats % and _ in a search as plain characters, not wildcards', async () => {
    expect(await searchIds('%')).toEqual([]);
    expect(await searchIds('%%')).toEqual([]);
    expect(await searchIds('j_ne')).toEqual([]);
    expect(await searchIds('_')).toEqual(idsOf('percy'));
    expect(await searchIds('r_s')).toEqual(idsOf('percy'));
  });

  it('answers an empty page when nothing matches', async () => {
    const res = await searchClinic.as('COORDINATOR').get('/patients?search=nobody-by-this-name');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], nextCursor: null });
  });

  it('pages through every patient two at a time, by name, without repeating one', async () => {
    const api = searchClinic.as('COORDINATOR');
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await api.get(`/patients?limit=2${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      pages++;
      expect(pages).toBeLessThan(10);
    } while (cursor !== null);

    const ids = seen.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      Object.values(people)
        .map((p) => p.id)
        .sort(),
    );
    expect(pages).toBe(Math.ceil(Object.keys(people).length / 2));
    const names = seen.map((p) => `${p.lastName} ${p.firstName}`);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('pages through a search with cursors too', async () => {
    const api = searchClinic.as('COORDINATOR');
    const first = await api.get('/patients?search=doe&limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await api.get(
      `/patients?search=doe&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );

    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((p: { id: string }) => p.id);
    expect(ids.sort()).toEqual(idsOf('janeDoe', 'johnDoe', 'johnDoeToo').sort());
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=two', 'limit'],
    ['limit=1.5', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('["Doe"]').toString('base64url')}`, 'cursor'],
    [`search=${'a'.repeat(101)}`, 'search'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (query, path) => {
    const res = await searchClinic.as('COORDINATOR').get(`/patients?${query}`);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual([path]);
  });

  it('accepts the largest page, limit=100', async () => {
    const res = await searchClinic.as('COORDINATOR').get('/patients?limit=100');

    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(Object.keys(people).length);
    expect(res.body.nextCursor).toBeNull();
  });
});

describe('GET /patients?search= with more matches than the search reads through the trigram index', () => {
  // patient.repository.ts sorts at most 10,000 trigram matches; a word matching more pages through
  // the name index. 10,050 patients match "crowd" (over that cap), 3,350 match "crowder" (under
  // it): both ways must give the same pages as ORDER BY last_name, first_name, id. First names
  // sort in the reverse of insertion order: the matches read first in table order sort last.
  let crowd: ClinicWithStaff;

  beforeAll(async () => {
    crowd = await given.clinicWithStaff('Crowd Clinic');
    await t.app.get(TransactionRunner).db.execute(sql`
      INSERT INTO patients (clinic_id, id, mrn, first_name, last_name, date_of_birth, sex_at_birth)
      SELECT ${crowd.clinicId}::uuid, gen_random_uuid(), 'CRW-' || i, 'P' || lpad((20000 - i)::text, 5, '0'),
             (ARRAY['Crowdson', 'Crowder', 'Ocrowdy'])[1 + i % 3], '1980-01-01', 'FEMALE'
      FROM generate_series(1, 10050) AS i`);
  });

  async function expectedIds(word: string, offset: number, limit: number): Promise<string[]> {
    const result = await t.app.get(TransactionRunner).db.execute(sql`
      SELECT id FROM patients WHERE clinic_id = ${crowd.clinicId} AND search_text LIKE ${`%${word}%`}
      ORDER BY last_name, first_name, id OFFSET ${offset} LIMIT ${limit}`);
    return z
      .object({ rows: z.array(z.object({ id: z.string() })) })
      .parse(result)
      .rows.map((r) => r.id);
  }

  async function page(word: string, cursor?: string) {
    const res = await crowd
      .as('COORDINATOR')
      .get(`/patients?search=${word}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    return res.body as { data: { id: string }[]; nextCursor: string | null };
  }

  it.each([
    ['crowd', 10_050],
    ['crowder', 3_350],
  ])('pages "%s" (%i matches) in name order', async (word, matches) => {
    expect(
      await countRows(t, 'patients', crowd.clinicId, sql`search_text LIKE ${`%${word}%`}`),
    ).toBe(matches);
    const first = await page(word);
    expect(first.data.map((p) => p.id)).toEqual(await expectedIds(word, 0, 100));
    expect(first.nextCursor).not.toBeNull();
    const second = await page(word, first.nextCursor ?? undefined);
    expect(second.data.map((p) => p.id)).toEqual(await expectedIds(word, 100, 100));
  });
});
