import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/common/auth/caller';
import { trustedClinicId } from '../src/common/auth/caller';
import {
  defaultClinicTimeZone,
  FALLBACK_TIME_ZONE,
  isTimeZone,
  zonedDate,
  zonedInstant,
} from '../src/common/time-zone';
import { ClinicService } from '../src/modules/clinic/services/clinic.service';
import { Given, PASSWORD, uniqueEmail, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let otherClinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Clinic Settings Clinic');
  otherClinic = await given.clinicWithStaff('Clinic Settings Other');
});
afterAll(() => t.close());

const ADDRESS = {
  line1: '1200 Wilshire Blvd',
  line2: 'Suite 400',
  city: 'Los Angeles',
  state: 'CA',
  postalCode: '90017',
};

async function current(of: ClinicWithStaff = clinic) {
  const res = await of.as('ADMIN').get('/clinic');
  expect(res.status).toBe(200);
  return res;
}

function paths(body: { errors?: { path: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.path);
}

describe('GET /clinic', () => {
  it('answers name, address, phone, time zone and version with its ETag, to every role', async () => {
    for (const role of ['ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as Role[]) {
      const res = await clinic.as(role).get('/clinic');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual([
        'address',
        'createdAt',
        'id',
        'name',
        'phone',
        'timeZone',
        'updatedAt',
        'version',
      ]);
      expect(res.body).toMatchObject({ id: clinic.clinicId, name: 'Clinic Settings Clinic' });
      expect(isTimeZone(res.body.timeZone)).toBe(true);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
    }
  });

  it('gives a new clinic the default time zone, no address and no phone', async () => {
    const fresh = await given.clinicWithStaff('Fresh Zone Clinic');
    const res = await current(fresh);
    expect(res.body).toMatchObject({
      address: null,
      phone: null,
      timeZone: defaultClinicTimeZone(),
      version: 1,
    });
  });
});

describe('PATCH /clinic', () => {
  it('lets ADMIN set address, phone and time zone; bumps the version; audits the field names', async () => {
    const before = await current();
    const res = await clinic
      .as('ADMIN')
      .patch(
        '/clinic',
        { address: ADDRESS, phone: '+1 (213) 555-0100', timeZone: 'America/Los_Angeles' },
        { 'if-match': before.headers.etag as string },
      );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: clinic.clinicId,
      name: 'Clinic Settings Clinic',
      address: ADDRESS,
      phone: '+1 (213) 555-0100',
      timeZone: 'America/Los_Angeles',
      version: before.body.version + 1,
    });
    expect(res.headers.etag).toBe(`"${before.body.version + 1}"`);
    expect((await current()).body).toEqual(res.body);

    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=Clinic&entityId=${clinic.clinicId}`);
    const update = audit.body.data.find((e: { action: string }) => e.action === 'clinic.update');
    expect(update).toMatchObject({
      actorId: clinic.staff.ADMIN.id,
      changedFields: ['address', 'phone', 'timeZone'],
    });
    expect(JSON.stringify(update)).not.toContain('Wilshire');
  });

  it('keeps what is not sent, clears address and phone with null, and answers line2 as null', async () => {
    await clinic.as('ADMIN').patch('/clinic', { address: ADDRESS, phone: '213 555 0100' });
    const renamed = await clinic.as('ADMIN').patch('/clinic', { name: '  Renamed Clinic  ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed Clinic', address: ADDRESS });

    const noLine2 = await clinic
      .as('ADMIN')
      .patch('/clinic', { address: { ...ADDRESS, line2: undefined } });
    expect(noLine2.body.address).toEqual({ ...ADDRESS, line2: null });

    const cleared = await clinic.as('ADMIN').patch('/clinic', { address: null, phone: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ address: null, phone: null, name: 'Renamed Clinic' });
    await clinic.as('ADMIN').patch('/clinic', { name: 'Clinic Settings Clinic' });
  });

  it('spells a known zone as IANA does and accepts aliases Intl knows', async () => {
    const lower = await clinic.as('ADMIN').patch('/clinic', { timeZone: 'america/chicago' });
    expect(lower.status).toBe(200);
    expect(lower.body.timeZone).toBe('America/Chicago');
    const utc = await clinic.as('ADMIN').patch('/clinic', { timeZone: 'UTC' });
    expect(utc.body.timeZone).toBe('UTC');
    const alias = await clinic.as('ADMIN').patch('/clinic', { timeZone: 'Asia/Kolkata' });
    expect(alias.status).toBe(200);
    expect(alias.body.timeZone).toBe('Asia/Kolkata');
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ timeZone: 'Eastern' }, 'timeZone'],
    [{ timeZone: '' }, 'timeZone'],
    [{ timeZone: 5 }, 'timeZone'],
    [{ address: { ...ADDRESS, city: '' } }, 'address.city'],
    [{ address: { line1: 'x', city: 'y', state: 'z' } }, 'address.postalCode'],
    [{ address: { ...ADDRESS, country: 'US' } }, 'address.country'],
    [{ address: { ...ADDRESS, postalCode: '<90017>' } }, 'address.postalCode'],
    [{ phone: 'call me' }, 'phone'],
    [{ name: '' }, 'name'],
    [{}, 'name'],
    [{ name: 'X', id: '00000000-0000-4000-8000-000000000000' }, 'id'],
  ])('refuses %j with 400 VALIDATION_FAILED at %s and changes nothing', async (body, path) => {
    const before = await current();
    const res = await clinic.as('ADMIN').patch('/clinic', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(paths(res.body)).toContain(path);
    expect((await current()).body).toEqual(before.body);
  });

  it.each(['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as Role[])(
    'refuses %s with 403 and changes nothing',
    async (role) => {
      const before = await current();
      const res = await clinic.as(role).patch('/clinic', { timeZone: 'Europe/Paris' });
      expect(res.status).toBe(403);
      expect((await current()).body).toEqual(before.body);
    },
  );

  it('refuses a stale If-Match with 412 VERSION_MISMATCH and changes nothing', async () => {
    const before = await current();
    const stale = `"${before.body.version - 1}"`;
    const res = await clinic
      .as('ADMIN')
      .patch('/clinic', { timeZone: 'Europe/Paris' }, { 'if-match': stale });
    expect(res.status).toBe(412);
    expect(res.body.code).toBe('VERSION_MISMATCH');
    expect((await current()).body).toEqual(before.body);
  });

  it("changes only the caller's own clinic", async () => {
    const otherBefore = await current(otherClinic);
    const res = await clinic.as('ADMIN').patch('/clinic', { timeZone: 'Pacific/Honolulu' });
    expect(res.status).toBe(200);
    expect((await current(otherClinic)).body).toEqual(otherBefore.body);
    const other = await otherClinic.as('ADMIN').patch('/clinic', { timeZone: 'Europe/Berlin' });
    expect(other.body).toMatchObject({ id: otherClinic.clinicId, timeZone: 'Europe/Berlin' });
    expect((await current()).body.timeZone).toBe('Pacific/Honolulu');
  });
});

describe('ClinicService.timeZoneOf', () => {
  it('gives each clinic its own zone, for other modules', async () => {
    await clinic.as('ADMIN').patch('/clinic', { timeZone: 'America/Denver' });
    await otherClinic.as('ADMIN').patch('/clinic', { timeZone: 'Asia/Tokyo' });
    const service = t.app.get(ClinicService);
    expect(await service.timeZoneOf(trustedClinicId(clinic.clinicId))).toBe('America/Denver');
    expect(await service.timeZoneOf(trustedClinicId(otherClinic.clinicId))).toBe('Asia/Tokyo');
  });

  it('takes the zone given when a clinic is created', async () => {
    const created = await t.app.get(ClinicService).createClinicWithAdmin({
      name: 'Zoned Clinic',
      adminEmail: uniqueEmail('zoned'),
      adminPassword: PASSWORD,
      timeZone: 'Australia/Sydney',
    });
    expect(created.timeZone).toBe('Australia/Sydney');
    expect(await t.app.get(ClinicService).timeZoneOf(trustedClinicId(created.clinicId))).toBe(
      'Australia/Sydney',
    );
  });
});

describe('time zone arithmetic (src/common/time-zone.ts)', () => {
  it('reads a wall-clock time in the clinic zone, not the machine zone', () => {
    expect(zonedInstant('2026-01-15', '09:00', 'America/Los_Angeles').toISOString()).toBe(
      '2026-01-15T17:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', '09:00', 'America/Los_Angeles').toISOString()).toBe(
      '2026-07-15T16:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', '09:00', 'Asia/Kolkata').toISOString()).toBe(
      '2026-07-15T03:30:00.000Z',
    );
    expect(zonedInstant('2026-01-15', '00:30', 'Pacific/Auckland').toISOString()).toBe(
      '2026-01-14T11:30:00.000Z',
    );
  });

  it('moves a time skipped by spring-forward past the gap, and takes the first of a repeated hour', () => {
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('gives the calendar date of an instant in the zone', () => {
    const instant = new Date('2026-01-15T03:00:00Z');
    expect(zonedDate(instant, 'America/Los_Angeles')).toBe('2026-01-14');
    expect(zonedDate(instant, 'Asia/Tokyo')).toBe('2026-01-15');
  });

  it("defaults a new clinic to the server's zone unless the server runs in UTC", () => {
    expect(defaultClinicTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(defaultClinicTimeZone('UTC')).toBe(FALLBACK_TIME_ZONE);
    expect(defaultClinicTimeZone('Etc/UTC')).toBe(FALLBACK_TIME_ZONE);
    expect(defaultClinicTimeZone('Etc/GMT+5')).toBe(FALLBACK_TIME_ZONE);
    expect(defaultClinicTimeZone('')).toBe(FALLBACK_TIME_ZONE);
    expect(FALLBACK_TIME_ZONE).toBe('America/New_York');
  });
});
