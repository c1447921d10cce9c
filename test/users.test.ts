import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/common/auth/caller';
import type { Api } from './support/api';
import {
  addStaffMember,
  Given,
  PASSWORD,
  uniqueEmail,
  type ClinicWithStaff,
} from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let otherClinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Users Clinic');
  otherClinic = await given.clinicWithStaff('Other Clinic');
});
afterAll(() => t.close());

const USER_FIELDS = [
  'active',
  'clinicId',
  'createdAt',
  'email',
  'id',
  'name',
  'npi',
  'role',
  'taxonomyCode',
  'updatedAt',
  'version',
];

/** Every user of the clinic, read back through the API as its ADMIN. */
async function allUsers(of: ClinicWithStaff): Promise<any[]> {
  const users: any[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
    const res = await of.as('ADMIN').get(`/users${query}`);
    expect(res.status).toBe(200);
    users.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return users;
}

async function emailsOf(of: ClinicWithStaff): Promise<string[]> {
  return (await allUsers(of)).map((u) => u.email);
}

function paths(body: { errors?: { path: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.path);
}

function newUserBody(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('new'),
    name: 'New Person',
    role: 'NURSE',
    password: 'a-long-enough-password',
    ...overrides,
  };
}

describe('POST /users', () => {
  it.each(['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const)(
    'refuses to let a %s create a user and creates nothing',
    async (role: Role) => {
      const before = await allUsers(clinic);
      const body = newUserBody({ role: 'ADMIN' });
      const res = await clinic.as(role).post('/users', body);

      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      const after = await allUsers(clinic);
      expect(after).toHaveLength(before.length);
      expect(after.map((u) => u.email)).not.toContain(body.email);
      const signIn = await t.api.post('/auth/login', {
        email: body.email,
        password: body.password,
      });
      expect(signIn.status).toBe(401);
    },
  );

  it('lets an ADMIN create a user, keeping the email in lower case and no password', async () => {
    const email = uniqueEmail('Mixed.Case').replace('@clinic.example', '@Clinic.EXAMPLE');
    const password = 'a-long-enough-password';
    const res = await clinic.as('ADMIN').post('/users', {
      email,
      name: '  Dr. Ada Lovelace ',
      role: 'SURGEON',
      password,
    });

    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);
    expect(res.body).toMatchObject({
      clinicId: clinic.clinicId,
      email: email.toLowerCase(),
      name: 'Dr. Ada Lovelace',
      role: 'SURGEON',
      active: true,
      version: 1,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).not.toContain(password);
    expect(res.text).not.toMatch(/password|\$argon2/i);

    const stored = await clinic.as('ADMIN').get(`/users/${res.body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(res.body);
    expect(stored.text).not.toMatch(/password|\$argon2/i);

    const signIn = await t.api.post('/auth/login', { email, password });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.id).toBe(res.body.id);
  });

  it('answers 409 DUPLICATE for an email that exists, in any case, and writes nothing', async () => {
    const existing = clinic.staff.NURSE.email;
    const before = await allUsers(clinic);
    const cases = [existing, existing.toUpperCase()];
    for (const email of cases) {
      const res = await clinic.as('ADMIN').post('/users', newUserBody({ email, name: 'Copy' }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DUPLICATE');
      expect(paths(res.body)).toEqual(['email']);
    }
    const after = await allUsers(clinic);
    expect(after).toEqual(before);
    expect(after.filter((u) => u.name === 'Copy')).toEqual([]);
  });

  it('answers 409 DUPLICATE for an email used in another clinic and writes nothing in either', async () => {
    const theirs = otherClinic.staff.SURGEON.email;
    const ours = await allUsers(clinic);
    const theirsBefore = await allUsers(otherClinic);

    const res = await clinic.as('ADMIN').post('/users', newUserBody({ email: theirs }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE');

    expect(await allUsers(clinic)).toEqual(ours);
    expect(await allUsers(otherClinic)).toEqual(theirsBefore);
    // The other clinic's user still signs in to the other clinic.
    const signIn = await t.api.post('/auth/login', { email: theirs, password: PASSWORD });
    expect(signIn.body.user.clinicId).toBe(otherClinic.clinicId);
  });

  it.each([
    ['an unknown role', { role: 'JANITOR' }, 'role'],
    ['a password under 12 characters', { password: 'short-pass' }, 'password'],
    ['an unknown field', { clinicId: '01890a5d-ac96-774b-bcce-b302099a8057' }, 'clinicId'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a blank name', { name: '   ' }, 'name'],
  ])('rejects %s with 400 naming the field, and creates nothing', async (_, change, field) => {
    const body = newUserBody(change);
    const res = await clinic.as('ADMIN').post('/users', body);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(paths(res.body)).toEqual([field]);
    const emails = await emailsOf(clinic);
    expect(emails).not.toContain(String(body.email).toLowerCase());
  });

  it('rejects a body missing its required fields, naming each of them', async () => {
    const res = await clinic.as('ADMIN').post('/users', {});
    expect(res.status).toBe(400);
    expect(paths(res.body).sort()).toEqual(['email', 'name', 'password', 'role']);
  });
});

describe('GET /users', () => {
  it("lists only the caller's clinic, to every role", async () => {
    const theirIds = (await allUsers(otherClinic)).map((u) => u.id);
    for (const role of ['ADMIN', 'NURSE', 'BILLING'] as const) {
      const res = await clinic.as(role).get('/users?limit=100');
      expect(res.status).toBe(200);
      const ids = res.body.data.map((u: { id: string }) => u.id);
      for (const member of Object.values(clinic.staff)) expect(ids).toContain(member.id);
      for (const id of theirIds) expect(ids).not.toContain(id);
      for (const user of res.body.data) {
        expect(user.clinicId).toBe(clinic.clinicId);
        expect(Object.keys(user).sort()).toEqual(USER_FIELDS);
      }
    }
  });

  it('pages through every user with limit and cursor, ending with a null cursor', async () => {
    const everyone = await allUsers(clinic);
    expect(everyone.length).toBeGreaterThanOrEqual(5);

    const paged: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await clinic.as('NURSE').get(`/users${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      expect(res.body.data.length).toBeGreaterThan(0);
      paged.push(...res.body.data);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 100);

    expect(cursor).toBeNull();
    expect(pages).toBe(Math.ceil(everyone.length / 2));
    expect(paged.map((u) => u.id)).toEqual(everyone.map((u) => u.id));
    expect(new Set(paged.map((u) => u.id)).size).toBe(paged.length);
  });

  it('answers a null cursor when everything fits on the first page', async () => {
    const res = await clinic.as('ADMIN').get('/users?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
  });

  it.each([
    ['a cursor it did not hand out', 'cursor=not-a-cursor', 'cursor'],
    ['a cursor of the wrong shape', `cursor=${Buffer.from('[1]').toString('base64url')}`, 'cursor'],
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit over 100', 'limit=101', 'limit'],
    ['an unknown role filter', 'role=JANITOR', 'role'],
    ['an unknown query parameter', 'clinicId=x', 'clinicId'],
  ])('rejects %s with 400', async (_, query, field) => {
    const res = await clinic.as('ADMIN').get(`/users?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(paths(res.body)).toEqual([field]);
  });

  it('filters by role', async () => {
    const extraSurgeon = await addStaffMember(t, clinic, 'SURGEON');
    const res = await clinic.as('COORDINATOR').get('/users?role=SURGEON&limit=100');
    expect(res.status).toBe(200);
    const ids = res.body.data.map((u: { id: string }) => u.id);
    expect(ids).toContain(clinic.staff.SURGEON.id);
    expect(ids).toContain(extraSurgeon.id);
    expect(ids).not.toContain(clinic.staff.NURSE.id);
    expect(ids).not.toContain(otherClinic.staff.SURGEON.id);
    for (const user of res.body.data) expect(user.role).toBe('SURGEON');
  });

  it('filters by active', async () => {
    const leaver = await addStaffMember(t, clinic, 'BILLING');
    const off = await clinic.as('ADMIN').patch(`/users/${leaver.id}`, { active: false });
    expect(off.status).toBe(200);

    const inactive = await clinic.as('ADMIN').get('/users?active=false&limit=100');
    expect(inactive.status).toBe(200);
    const inactiveIds = inactive.body.data.map((u: { id: string }) => u.id);
    expect(inactiveIds).toContain(leaver.id);
    expect(inactiveIds).not.toContain(clinic.staff.BILLING.id);
    for (const user of inactive.body.data) expect(user.active).toBe(false);

    const active = await clinic.as('ADMIN').get('/users?active=true&limit=100');
    const activeIds = active.body.data.map((u: { id: string }) => u.id);
    expect(activeIds).not.toContain(leaver.id);
    expect(activeIds).toContain(clinic.staff.BILLING.id);
    for (const user of active.body.data) expect(user.active).toBe(true);

    const both = await clinic.as('ADMIN').get('/users?role=BILLING&active=true&limit=100');
    const bothIds = both.body.data.map((u: { id: string }) => u.id);
    expect(bothIds).toContain(clinic.staff.BILLING.id);
    expect(bothIds).not.toContain(leaver.id);
    for (const user of both.body.data)
      expect(user).toMatchObject({ role: 'BILLING', active: true });

    expect((await clinic.as('ADMIN').get('/users?active=yes')).status).toBe(400);
  });
});

describe('GET /users/:id', () => {
  it('answers a user of the clinic to any role', async () => {
    const res = await clinic.as('BILLING').get(`/users/${clinic.staff.SURGEON.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: clinic.staff.SURGEON.id, role: 'SURGEON' });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
  });

  it("answers 404 for another clinic's user, exactly as for a user that does not exist", async () => {
    const theirs = await clinic.as('ADMIN').get(`/users/${otherClinic.staff.ADMIN.id}`);
    const missing = await clinic.as('ADMIN').get('/users/01890a5d-ac96-774b-bcce-b302099a8057');
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('NOT_FOUND');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect(theirs.text).not.toContain(otherClinic.staff.ADMIN.email);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const res = await clinic.as('ADMIN').get('/users/42');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(paths(res.body)).toEqual(['id']);
  });
});

describe('PATCH /users/:id', () => {
  it('updates the named fields, bumps the version and answers its ETag', async () => {
    const user = await addStaffMember(t, clinic, 'NURSE');
    const res = await clinic
      .as('ADMIN')
      .patch(`/users/${user.id}`, { name: 'Renamed Nurse' }, { 'if-match': '"1"' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: user.id,
      name: 'Renamed Nurse',
      role: 'NURSE',
      email: user.email,
      version: 2,
    });
    expect(res.headers.etag).toBe('"2"');
    const stored = await clinic.as('ADMIN').get(`/users/${user.id}`);
    expect(stored.body).toMatchObject({ name: 'Renamed Nurse', version: 2 });
    expect(stored.headers.etag).toBe('"2"');
  });

  it('answers 412 for an If-Match of an old version and changes nothing', async () => {
    const user = await addStaffMember(t, clinic, 'COORDINATOR');
    const first = await clinic.as('ADMIN').patch(`/users/${user.id}`, { name: 'First Edit' });
    expect(first.body.version).toBe(2);

    const stale = await clinic
      .as('ADMIN')
      .patch(`/users/${user.id}`, { name: 'Stale Edit', role: 'ADMIN' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    expect(stale.body.currentVersion).toBe(2);

    const stored = await clinic.as('ADMIN').get(`/users/${user.id}`);
    expect(stored.body).toMatchObject({ name: 'First Edit', role: 'COORDINATOR', version: 2 });
    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=User&entityId=${user.id}&action=user.update`);
    expect(audit.body.data).toHaveLength(1);
  });

  it('refuses a non-ADMIN with 403 and changes nothing', async () => {
    const user = await addStaffMember(t, clinic, 'BILLING');
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const) {
      const res = await clinic.as(role).patch(`/users/${user.id}`, { role: 'ADMIN' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // Not even on their own account.
    const self = await user.api.patch(`/users/${user.id}`, { role: 'ADMIN' });
    expect(self.status).toBe(403);

    const stored = await clinic.as('ADMIN').get(`/users/${user.id}`);
    expect(stored.body).toMatchObject({ role: 'BILLING', version: 1 });
  });

  it("answers 404 for another clinic's user and leaves it alone", async () => {
    const target = otherClinic.staff.NURSE;
    const res = await clinic
      .as('ADMIN')
      .patch(`/users/${target.id}`, { name: 'Hijacked', active: false });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');

    const stored = await otherClinic.as('ADMIN').get(`/users/${target.id}`);
    expect(stored.body).toMatchObject({ name: 'Test NURSE', active: true, version: 1 });
    expect((await t.api.withToken(target.token).get('/auth/me')).status).toBe(200);
  });

  it('answers 409 DUPLICATE when the new email belongs to someone else, and changes nothing', async () => {
    const user = await addStaffMember(t, clinic, 'SURGEON');
    for (const email of [clinic.staff.NURSE.email, otherClinic.staff.NURSE.email.toUpperCase()]) {
      const res = await clinic.as('ADMIN').patch(`/users/${user.id}`, { email });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DUPLICATE');
    }
    const stored = await clinic.as('ADMIN').get(`/users/${user.id}`);
    expect(stored.body).toMatchObject({ email: user.email, version: 1 });
  });

  it("accepts the user's own email in another case as no conflict", async () => {
    const user = await addStaffMember(t, clinic, 'SURGEON');
    const res = await clinic
      .as('ADMIN')
      .patch(`/users/${user.id}`, { email: user.email.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(user.email);
  });

  it('rejects an empty body, an unknown field and a short password with 400', async () => {
    const user = clinic.staff.COORDINATOR;
    const admin: Api = clinic.as('ADMIN');
    const empty = await admin.patch(`/users/${user.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    const unknown = await admin.patch(`/users/${user.id}`, { clinicId: otherClinic.clinicId });
    expect(unknown.status).toBe(400);
    expect(paths(unknown.body)).toContain('clinicId');
    const short = await admin.patch(`/users/${user.id}`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(paths(short.body)).toEqual(['password']);
    const badIfMatch = await admin.patch(`/users/${user.id}`, { name: 'X' }, { 'if-match': 'v1' });
    expect(badIfMatch.status).toBe(400);

    const stored = await admin.get(`/users/${user.id}`);
    expect(stored.body).toMatchObject({ name: 'Test COORDINATOR', version: 1 });
  });

  it('lets an ADMIN set a new password that then signs in, without echoing it', async () => {
    const user = await addStaffMember(t, clinic, 'NURSE');
    const newPassword = 'admin-chosen-password-77';
    const res = await clinic.as('ADMIN').patch(`/users/${user.id}`, { password: newPassword });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(newPassword);
    expect(res.text).not.toMatch(/password/i);

    expect(
      (await t.api.post('/auth/login', { email: user.email, password: newPassword })).status,
    ).toBe(200);
  });
});

describe('audit of user writes', () => {
  it('records who created and updated a user and which fields, never the password', async () => {
    const password = 'first-password-for-audit';
    const newPassword = 'second-password-for-audit';
    const created = await clinic
      .as('ADMIN')
      .post('/users', newUserBody({ role: 'COORDINATOR', password }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const updated = await clinic
      .as('ADMIN')
      .patch(`/users/${id}`, { name: 'Audited Person', password: newPassword });
    expect(updated.status).toBe(200);

    const audit = await clinic.as('ADMIN').get(`/audit-events?entityType=User&entityId=${id}`);
    expect(audit.status).toBe(200);
    const events = audit.body.data;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['user.update', 'user.create']);
    const [update, create] = events;
    expect(create).toMatchObject({
      actorId: clinic.staff.ADMIN.id,
      entityType: 'User',
      entityId: id,
    });
    expect([...create.changedFields].sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(update).toMatchObject({ actorId: clinic.staff.ADMIN.id, entityId: id });
    expect([...update.changedFields].sort()).toEqual(['name', 'password']);

    expect(audit.text).not.toContain(password);
    expect(audit.text).not.toContain(newPassword);
    expect(audit.text).not.toContain('$argon2');
  });

  it('keeps the audit trail to ADMINs and to the caller clinic', async () => {
    const id = clinic.staff.NURSE.id;
    const asNurse = await clinic.as('NURSE').get(`/audit-events?entityType=User&entityId=${id}`);
    expect(asNurse.status).toBe(403);
    const asOtherAdmin = await otherClinic
      .as('ADMIN')
      .get(`/audit-events?entityType=User&entityId=${id}`);
    expect(asOtherAdmin.status).toBe(200);
    expect(asOtherAdmin.body.data).toEqual([]);
    const asAdmin = await clinic.as('ADMIN').get(`/audit-events?entityType=User&entityId=${id}`);
    expect(asAdmin.body.data.map((e: { action: string }) => e.action)).toContain('user.create');
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or deactivated, and nothing changes', async () => {
    const lone = await given.clinicWithStaff('Lone Admin Clinic');
    const admin = lone.as('ADMIN');
    for (const change of [{ role: 'SURGEON' }, { active: false }]) {
      const res = await admin.patch(`/users/${lone.staff.ADMIN.id}`, change);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('LAST_ACTIVE_ADMIN');
    }
    const me = await admin.get('/auth/me');
    expect(me.body).toMatchObject({ role: 'ADMIN', active: true, version: 1 });
  });

  it('may step down once another admin exists', async () => {
    const pair = await given.clinicWithStaff('Two Admins Clinic');
    const second = await addStaffMember(t, pair, 'ADMIN');
    const res = await pair
      .as('ADMIN')
      .patch(`/users/${pair.staff.ADMIN.id}`, { role: 'COORDINATOR' });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('COORDINATOR');
    const refused = await second.api.patch(`/users/${second.id}`, { active: false });
    expect(refused.status).toBe(409);
  });

  it('survives two admins demoting each other at the same moment', async () => {
    const pair = await given.clinicWithStaff('Mutual Demotion Clinic');
    const second = await addStaffMember(t, pair, 'ADMIN');
    const results = await Promise.all([
      pair.as('ADMIN').patch(`/users/${second.id}`, { role: 'NURSE' }),
      second.api.patch(`/users/${pair.staff.ADMIN.id}`, { role: 'NURSE' }),
    ]);
    // The loser is refused either by the last-admin rule (409) or, when the winner committed
    // before its request was even authorized, because it is no longer an ADMIN (403).
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = (await allUsers(pair)).filter((u) => u.role === 'ADMIN' && u.active);
    expect(admins).toHaveLength(1);
  });
});
