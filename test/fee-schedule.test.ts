import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustedClinicId } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { FeeScheduleService } from '../src/modules/fee-schedule/services/fee-schedule.service';
import type { Api, ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
/** Holds only the entries of the list tests, so their results are exact. */
let listClinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  [clinic, other, listClinic] = await Promise.all([
    given.clinicWithStaff('Fee Schedule Clinic'),
    given.clinicWithStaff('Other Fee Schedule Clinic'),
    given.clinicWithStaff('Fee Schedule List Clinic'),
  ]);
});
afterAll(() => t.close());

function put(
  api: Api,
  cptCode: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return api.request('PUT', `/fee-schedule/${cptCode}`, body, headers);
}

function errorPaths(res: ApiResponse): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path);
}

async function auditActions(clinicId: string, entityId: string): Promise<string[]> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`SELECT action FROM audit_events WHERE clinic_id = ${clinicId} AND entity_type = 'FeeScheduleEntry' AND entity_id = ${entityId} ORDER BY id`,
    );
  return z
    .object({ rows: z.array(z.object({ action: z.string() })) })
    .parse(result)
    .rows.map((r) => r.action);
}

async function storedEntries(clinicId: string, cptCode: string): Promise<string[]> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`SELECT surgeon_fee::text AS fee FROM fee_schedule_entries WHERE clinic_id = ${clinicId} AND cpt_code = ${cptCode}`,
    );
  return z
    .object({ rows: z.array(z.object({ fee: z.string() })) })
    .parse(result)
    .rows.map((r) => r.fee);
}

describe('PUT /fee-schedule/:cptCode', () => {
  it('creates an entry at version 1, with an ETag, decimal strings and an audit event', async () => {
    const res = await put(clinic.as('BILLING'), '19325', {
      description: 'Breast augmentation with implant',
      surgeonFee: '7000',
      facilityFee: 200,
    });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      cptCode: '19325',
      description: 'Breast augmentation with implant',
      surgeonFee: '7000.00',
      facilityFee: '200.00',
      anesthesiaFee: '0.00',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await auditActions(clinic.clinicId, res.body.id)).toEqual(['fee-schedule-entry.create']);
    expect(await storedEntries(clinic.clinicId, '19325')).toEqual(['7000.00']);

    const read = await clinic.as('NURSE').get('/fee-schedule/19325');
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(res.body);
  });

  it('replaces an existing entry, a fee left out becoming 0, and moves it to the next version', async () => {
    const api = clinic.as('ADMIN');
    const created = await put(api, '15830', {
      description: 'Panniculectomy',
      surgeonFee: '3000.00',
      facilityFee: '500.00',
      anesthesiaFee: '450.50',
    });
    const replaced = await put(
      api,
      '15830',
      { description: 'Excision, excessive skin, abdomen', surgeonFee: 3200 },
      { 'if-match': '"1"' },
    );

    expect(replaced.status).toBe(200);
    expect(replaced.headers.etag).toBe('"2"');
    expect(replaced.body).toMatchObject({
      id: created.body.id,
      description: 'Excision, excessive skin, abdomen',
      surgeonFee: '3200.00',
      facilityFee: '0.00',
      anesthesiaFee: '0.00',
      version: 2,
    });
    expect(await auditActions(clinic.clinicId, created.body.id)).toEqual([
      'fee-schedule-entry.create',
      'fee-schedule-entry.update',
    ]);
  });

  it(`creates one entry when 8 PUTs of a new code arrive at once (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, async () => {
    const api = clinic.as('BILLING');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        put(api, '19380', { description: 'Revision of reconstructed breast', surgeonFee: 100 + i }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(await storedEntries(clinic.clinicId, '19380')).toHaveLength(1);
    const actions = await auditActions(clinic.clinicId, results[0]?.body.id);
    expect(actions.filter((a) => a === 'fee-schedule-entry.create')).toHaveLength(1);
    expect(actions.filter((a) => a === 'fee-schedule-entry.update')).toHaveLength(7);
  });

  it('refuses a stale If-Match with 412 and leaves the entry as it was', async () => {
    const api = clinic.as('BILLING');
    await put(api, '15877', { description: 'Liposuction, trunk', surgeonFee: '2500.00' });
    await put(api, '15877', { description: 'Liposuction, trunk', surgeonFee: '2600.00' });

    const stale = await put(
      api,
      '15877',
      { description: 'Liposuction, trunk', surgeonFee: '1.00' },
      { 'if-match': '"1"' },
    );

    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
    const read = await api.get('/fee-schedule/15877');
    expect(read.body).toMatchObject({ surgeonFee: '2600.00', version: 2 });
  });

  it('treats an entry that does not exist yet as version 0 for If-Match', async () => {
    const api = clinic.as('BILLING');
    const notYet = await put(
      api,
      '15878',
      { description: 'Liposuction, upper extremity', surgeonFee: '1800.00' },
      { 'if-match': '"3"' },
    );
    expect(notYet.status).toBe(412);
    expect(await storedEntries(clinic.clinicId, '15878')).toEqual([]);

    const createOnly = await put(
      api,
      '15878',
      { description: 'Liposuction, upper extremity', surgeonFee: '1800.00' },
      { 'if-match': '"0"' },
    );
    expect(createOnly.status).toBe(200);
    expect(createOnly.body.version).toBe(1);
  });

  it('accepts amounts as numbers and answers them as decimal strings', async () => {
    const res = await put(clinic.as('BILLING'), '15847', {
      description: 'Excision, excessive skin, abdomen, add-on',
      surgeonFee: 7000,
      facilityFee: 0.5,
      anesthesiaFee: '9999999999.99',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      surgeonFee: '7000.00',
      facilityFee: '0.50',
      anesthesiaFee: '9999999999.99',
    });
  });

  it.each([
    ['a negative fee', { surgeonFee: '-1.00' }, 'surgeonFee'],
    ['three decimals', { surgeonFee: '12.345' }, 'surgeonFee'],
    ['letters', { surgeonFee: 'abc' }, 'surgeonFee'],
    ['float noise', { surgeonFee: 0.1 + 0.2 }, 'surgeonFee'],
    ['more than numeric(12,2) holds', { surgeonFee: '10000000000.00' }, 'surgeonFee'],
    ['a negative facility fee', { surgeonFee: '1.00', facilityFee: -5 }, 'facilityFee'],
    ['an anesthesia fee of null', { surgeonFee: '1.00', anesthesiaFee: null }, 'anesthesiaFee'],
    ['no surgeon fee', { surgeonFee: undefined }, 'surgeonFee'],
    ['an empty description', { surgeonFee: '1.00', description: '  ' }, 'description'],
    ['an unknown field', { surgeonFee: '1.00', version: 7 }, 'version'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_, overrides, path) => {
    const res = await put(clinic.as('BILLING'), '19350', {
      description: 'Nipple/areola reconstruction',
      ...overrides,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(res)).toEqual([path]);
    expect(await storedEntries(clinic.clinicId, '19350')).toEqual([]);
  });

  it.each([
    ['a code with a modifier', '19325-50', /use 19325, not 19325-50/],
    ['four digits', '1932', /A CPT code/],
    ['a letter that is not F, T or U', '1932A', /A CPT code/],
  ])('refuses %s in the path with 400 naming cptCode', async (_, code, message) => {
    const res = await put(clinic.as('BILLING'), code, {
      description: 'Anything',
      surgeonFee: '1.00',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'cptCode', message: expect.stringMatching(message) }]);
  });

  it('stores Category II, III and PLA codes and reads a lower-case code in the path', async () => {
    const res = await put(clinic.as('BILLING'), '0042t', {
      description: 'Category III example',
      surgeonFee: '10.00',
    });
    expect(res.status).toBe(200);
    expect(res.body.cptCode).toBe('0042T');
    expect((await clinic.as('NURSE').get('/fee-schedule/0042t')).body.cptCode).toBe('0042T');
  });

  it.each(['NURSE', 'SURGEON', 'COORDINATOR'] as const)(
    'answers 403 to a %s and writes nothing',
    async (role) => {
      const res = await put(clinic.as(role), '19357', {
        description: 'Tissue expander',
        surgeonFee: '1.00',
      });
      expect(res.status).toBe(403);
      expect(await storedEntries(clinic.clinicId, '19357')).toEqual([]);
    },
  );

  it('answers 401 without a token', async () => {
    const res = await put(t.api, '19357', { description: 'Tissue expander', surgeonFee: '1.00' });
    expect(res.status).toBe(401);
  });
});

describe('GET /fee-schedule', () => {
  beforeAll(async () => {
    const api = listClinic.as('BILLING');
    for (const [code, description, fee] of [
      ['19325', 'Breast augmentation with implant', '7000.00'],
      ['19316', 'Mastopexy', '5000.00'],
      ['15830', 'Panniculectomy', '3000.00'],
      ['15847', 'Abdominoplasty add-on', '1500.00'],
      ['0001U', 'Red cell antigen typing', '100.00'],
    ] as const) {
      const res = await put(api, code, { description, surgeonFee: fee });
      if (res.status !== 200) throw new Error(`${code}: ${res.status} ${res.text}`);
    }
  });

  function codes(res: ApiResponse): string[] {
    return res.body.data.map((e: { cptCode: string }) => e.cptCode);
  }

  it('lists the clinic’s entries by CPT code, for any role', async () => {
    const res = await listClinic.as('NURSE').get('/fee-schedule');
    expect(res.status).toBe(200);
    expect(codes(res)).toEqual(['0001U', '15830', '15847', '19316', '19325']);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.data[4]).toMatchObject({ surgeonFee: '7000.00', facilityFee: '0.00' });
  });

  it('pages by CPT code with the cursor', async () => {
    const api = listClinic.as('SURGEON');
    const first = await api.get('/fee-schedule?limit=2');
    expect(codes(first)).toEqual(['0001U', '15830']);
    const second = await api.get(`/fee-schedule?limit=2&cursor=${first.body.nextCursor}`);
    expect(codes(second)).toEqual(['15847', '19316']);
    const third = await api.get(`/fee-schedule?limit=2&cursor=${second.body.nextCursor}`);
    expect(codes(third)).toEqual(['19325']);
    expect(third.body.nextCursor).toBeNull();
  });

  it('searches by the start of the code or by words of the description', async () => {
    const api = listClinic.as('COORDINATOR');
    expect(codes(await api.get('/fee-schedule?search=158'))).toEqual(['15830', '15847']);
    expect(codes(await api.get('/fee-schedule?search=MASTO'))).toEqual(['19316']);
    expect(codes(await api.get('/fee-schedule?search=breast%20implant'))).toEqual(['19325']);
    expect(codes(await api.get('/fee-schedule?search=0001u'))).toEqual(['0001U']);
    expect(codes(await api.get('/fee-schedule?search=100%25'))).toEqual([]);
  });

  it('refuses a bad limit or cursor with 400', async () => {
    const api = listClinic.as('NURSE');
    expect(errorPaths(await api.get('/fee-schedule?limit=0'))).toEqual(['limit']);
    expect(errorPaths(await api.get('/fee-schedule?cursor=garbage'))).toEqual(['cursor']);
  });

  it('shows no entry of another clinic, in the list or one by one', async () => {
    const res = await other.as('ADMIN').get('/fee-schedule');
    expect(res.status).toBe(200);
    expect(codes(res)).toEqual([]);
    const one = await other.as('ADMIN').get('/fee-schedule/19325');
    expect(one.status).toBe(404);
    expect(one.body.code).toBe('NOT_FOUND');
  });

  it('keeps each clinic’s price for the same code apart', async () => {
    const mine = await put(other.as('BILLING'), '19325', {
      description: 'Augmentation',
      surgeonFee: '6500.00',
    });
    expect(mine.status).toBe(200);
    expect(mine.body.version).toBe(1);
    expect((await listClinic.as('NURSE').get('/fee-schedule/19325')).body.surgeonFee).toBe(
      '7000.00',
    );
    expect((await other.as('NURSE').get('/fee-schedule/19325')).body.surgeonFee).toBe('6500.00');
  });

  it('answers 404 for a code the clinic does not offer and 400 for a malformed one', async () => {
    expect((await listClinic.as('NURSE').get('/fee-schedule/19999')).status).toBe(404);
    const malformed = await listClinic.as('NURSE').get('/fee-schedule/19325-50');
    expect(malformed.status).toBe(400);
    expect(errorPaths(malformed)).toEqual(['cptCode']);
  });
});

describe('FeeScheduleService.entriesFor', () => {
  it('gives the quote builder the clinic’s entries as Money, keyed by base code', async () => {
    await put(listClinic.as('BILLING'), '19340', {
      description: 'Breast reconstruction with implant',
      surgeonFee: '6000.00',
      facilityFee: '200.00',
      anesthesiaFee: '350.25',
    });
    const service = t.app.get(FeeScheduleService);
    const clinicId = trustedClinicId(listClinic.clinicId);

    const entries = await t.app
      .get(TransactionRunner)
      .run((db) => service.entriesFor(db, clinicId, ['19340', '19325', '99999', '19340']));

    expect([...entries.keys()].sort()).toEqual(['19325', '19340']);
    const entry = entries.get('19340');
    expect(entry?.description).toBe('Breast reconstruction with implant');
    expect(entry?.surgeonFee.cents).toBe(600_000);
    expect(entry?.facilityFee.toDecimal()).toBe('200.00');
    expect(entry?.anesthesiaFee.cents).toBe(35_025);

    const none = await t.app
      .get(TransactionRunner)
      .run((db) => service.entriesFor(db, clinicId, []));
    expect(none.size).toBe(0);
    const elsewhere = await t.app
      .get(TransactionRunner)
      .run((db) => service.entriesFor(db, trustedClinicId(other.clinicId), ['19340']));
    expect(elsewhere.size).toBe(0);
  });
});
