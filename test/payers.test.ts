import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
/** Holds only the payers of the list test, so its pages are exact. */
let listClinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other, listClinic] = await Promise.all([
    given.clinicWithStaff('Payers Clinic'),
    given.clinicWithStaff('Other Payers Clinic'),
    given.clinicWithStaff('Payers List Clinic'),
  ]);
});
afterAll(() => t.close());

function errorPaths(res: ApiResponse): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path).sort();
}

async function newPayer(of: ClinicWithStaff, body: Record<string, unknown>): Promise<any> {
  const res = await of.as('BILLING').post('/payers', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function auditActions(of: ClinicWithStaff, entityType: string, entityId: string) {
  const res = await of
    .as('ADMIN')
    .get(`/audit-events?entityType=${entityType}&entityId=${entityId}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.data as { action: string; changedFields: string[] | null }[];
}

describe('POST/GET/PATCH /payers', () => {
  it('adds a payer (payer id upper-cased), which every role reads; audited', async () => {
    const res = await clinic.as('BILLING').post('/payers', {
      name: 'Aetna',
      payerId: 'aet-60054',
      address: { line1: 'PO Box 981106', city: 'El Paso', state: 'TX', postalCode: '79998' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Aetna',
      payerId: 'AET-60054',
      address: {
        line1: 'PO Box 981106',
        line2: null,
        city: 'El Paso',
        state: 'TX',
        postalCode: '79998',
      },
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const read = await clinic.as('NURSE').get(`/payers/${res.body.id}`);
    expect(read.body).toEqual(res.body);
    expect((await auditActions(clinic, 'Payer', res.body.id)).map((e) => e.action)).toEqual([
      'payer.create',
    ]);
  });

  it('refuses a payer id the clinic already has with 409 DUPLICATE naming payerId; another clinic may have it', async () => {
    await newPayer(clinic, { name: 'Cigna', payerId: '62308' });
    const again = await clinic.as('BILLING').post('/payers', { name: 'Cigna 2', payerId: '62308' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE');
    expect(errorPaths(again)).toEqual(['payerId']);
    await newPayer(other, { name: 'Cigna', payerId: '62308' });

    const united = await newPayer(clinic, { name: 'United', payerId: '87726' });
    const renamed = await clinic.as('BILLING').patch(`/payers/${united.id}`, { payerId: '62308' });
    expect(renamed.status).toBe(409);
    expect(errorPaths(renamed)).toEqual(['payerId']);
  });

  it('updates under If-Match, clears the address with null, and refuses a stale version', async () => {
    const payer = await newPayer(clinic, {
      name: 'Humana',
      payerId: '61101',
      address: { line1: 'PO Box 14601', city: 'Lexington', state: 'KY', postalCode: '40512' },
    });
    const res = await clinic
      .as('ADMIN')
      .patch(`/payers/${payer.id}`, { name: 'Humana Inc', address: null }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Humana Inc', address: null, version: 2 });
    const stale = await clinic
      .as('BILLING')
      .patch(`/payers/${payer.id}`, { name: 'Lost' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const audit = await auditActions(clinic, 'Payer', payer.id);
    expect(audit.map((e) => e.action).sort()).toEqual(['payer.create', 'payer.update']);
    expect(audit.find((e) => e.action === 'payer.update')?.changedFields).toEqual([
      'name',
      'address',
    ]);
  });

  it('validates the body: a name, a payer id of letters and digits, nothing unknown, some change', async () => {
    const bad = await clinic
      .as('BILLING')
      .post('/payers', { name: '', payerId: 'A*B', planType: 'PPO' });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['name', 'payerId', 'planType']);
    const payer = await newPayer(clinic, { name: 'Kaiser', payerId: '94134' });
    const empty = await clinic.as('BILLING').patch(`/payers/${payer.id}`, {});
    expect(empty.status).toBe(400);
  });

  it('lists the clinic’s payers by name, a page at a time, and no other clinic’s', async () => {
    for (const name of ['Delta', 'Alpha', 'Charlie', 'Bravo'])
      await newPayer(listClinic, { name, payerId: `P${name.toUpperCase()}` });
    const first = await listClinic.as('COORDINATOR').get('/payers?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.data.map((p: { name: string }) => p.name)).toEqual([
      'Alpha',
      'Bravo',
      'Charlie',
    ]);
    const second = await listClinic
      .as('COORDINATOR')
      .get(`/payers?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((p: { name: string }) => p.name)).toEqual(['Delta']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('lets BILLING and ADMIN write, not clinical staff', async () => {
    const payer = await newPayer(clinic, { name: 'Oscar', payerId: 'OSCAR1' });
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR'] as const) {
      expect((await clinic.as(role).post('/payers', { name: 'X', payerId: 'XX' })).status).toBe(
        403,
      );
      expect((await clinic.as(role).patch(`/payers/${payer.id}`, { name: 'X' })).status).toBe(403);
    }
  });

  it("answers another clinic's payer as not found, and changes nothing", async () => {
    const payer = await newPayer(clinic, { name: 'Molina', payerId: 'MOLINA' });
    expect((await other.as('BILLING').get(`/payers/${payer.id}`)).status).toBe(404);
    const patched = await other.as('BILLING').patch(`/payers/${payer.id}`, { name: 'Hijacked' });
    expect(patched.status).toBe(404);
    expect((await clinic.as('BILLING').get(`/payers/${payer.id}`)).body.name).toBe('Molina');
  });
});

describe('GET/PUT /patients/:id/insurance', () => {
  it('answers 404 while the patient has none, then keeps the primary insurance; reads audited as patient data', async () => {
    const patient = await given.patient(clinic);
    const payer = await newPayer(clinic, { name: 'Blue Cross', payerId: 'BCBS01' });
    const url = `/patients/${patient.id}/insurance`;
    expect((await clinic.as('BILLING').get(url)).status).toBe(404);

    const res = await clinic.as('COORDINATOR').put(url, {
      payerId: payer.id,
      memberId: 'XYZ123456789',
      groupNumber: 'GRP-100',
      subscriber: { relationship: '18' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      patientId: patient.id,
      payer: { id: payer.id, name: 'Blue Cross', payerId: 'BCBS01' },
      memberId: 'XYZ123456789',
      groupNumber: 'GRP-100',
      subscriber: {
        relationship: '18',
        firstName: null,
        lastName: null,
        dateOfBirth: null,
        sex: null,
      },
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const read = await clinic.as('NURSE').get(url);
    expect(read.body).toEqual(res.body);
    const events = await clinic.as('ADMIN').get(`/audit-events?actorId=${clinic.staff.NURSE.id}`);
    expect(events.body.data.map((e: { action: string }) => e.action)).toContain(
      'patient-insurance.read',
    );
    const writes = await clinic
      .as('ADMIN')
      .get(`/audit-events?actorId=${clinic.staff.COORDINATOR.id}&action=patient-insurance.create`);
    expect(writes.body.data).toHaveLength(1);
    expect(writes.text).not.toContain('XYZ123456789');
  });

  it('names another subscriber with relationship, name, birth date and sex, replacing the card under If-Match', async () => {
    const patient = await given.patient(clinic);
    const payer = await newPayer(clinic, { name: 'Anthem', payerId: 'ANTHEM' });
    const url = `/patients/${patient.id}/insurance`;
    await clinic.as('BILLING').put(url, {
      payerId: payer.id,
      memberId: 'A1',
      subscriber: { relationship: '18' },
    });
    const spouse = await clinic.as('BILLING').put(
      url,
      {
        payerId: payer.id,
        memberId: 'A2',
        subscriber: {
          relationship: '01',
          firstName: 'John',
          lastName: 'Doe',
          dateOfBirth: '1980-01-31',
          sex: 'MALE',
        },
      },
      { 'if-match': '"1"' },
    );
    expect(spouse.status).toBe(200);
    expect(spouse.body).toMatchObject({
      memberId: 'A2',
      groupNumber: null,
      subscriber: {
        relationship: '01',
        firstName: 'John',
        lastName: 'Doe',
        dateOfBirth: '1980-01-31',
        sex: 'MALE',
      },
      version: 2,
    });
    const stale = await clinic
      .as('BILLING')
      .put(
        url,
        { payerId: payer.id, memberId: 'A3', subscriber: { relationship: '18' } },
        { 'if-match': '"1"' },
      );
    expect(stale.status).toBe(412);
    const notNew = await clinic
      .as('BILLING')
      .put(
        url,
        { payerId: payer.id, memberId: 'A3', subscriber: { relationship: '18' } },
        { 'if-match': '"0"' },
      );
    expect(notNew.status).toBe(412);
    expect((await clinic.as('BILLING').get(url)).body.memberId).toBe('A2');
  });

  it('validates the subscriber, the relationship code and the payer', async () => {
    const patient = await given.patient(clinic);
    const payer = await newPayer(clinic, { name: 'Tricare', payerId: 'TRICARE' });
    const theirs = await newPayer(other, { name: 'Theirs', payerId: 'THEIRS' });
    const url = `/patients/${patient.id}/insurance`;
    const put = (body: Record<string, unknown>) => clinic.as('BILLING').put(url, body);

    const noHolder = await put({
      payerId: payer.id,
      memberId: 'M1',
      subscriber: { relationship: '19', firstName: 'Kid' },
    });
    expect(noHolder.status).toBe(400);
    expect(errorPaths(noHolder)).toEqual([
      'subscriber.dateOfBirth',
      'subscriber.lastName',
      'subscriber.sex',
    ]);
    const selfWithName = await put({
      payerId: payer.id,
      memberId: 'M1',
      subscriber: { relationship: '18', firstName: 'Jane' },
    });
    expect(selfWithName.status).toBe(400);
    const badCode = await put({
      payerId: payer.id,
      memberId: 'M1',
      subscriber: { relationship: '02' },
    });
    expect(badCode.status).toBe(400);
    expect(errorPaths(badCode)).toEqual(['subscriber.relationship']);
    const otherClinicsPayer = await put({
      payerId: theirs.id,
      memberId: 'M1',
      subscriber: { relationship: '18' },
    });
    expect(otherClinicsPayer.status).toBe(400);
    expect(errorPaths(otherClinicsPayer)).toEqual(['payerId']);
    expect((await clinic.as('BILLING').get(url)).status).toBe(404);
  });

  it('lets COORDINATOR, BILLING and ADMIN write it, every role read it', async () => {
    const patient = await given.patient(clinic);
    const payer = await newPayer(clinic, { name: 'Ambetter', payerId: 'AMBETTER' });
    const url = `/patients/${patient.id}/insurance`;
    const body = { payerId: payer.id, memberId: 'R1', subscriber: { relationship: '18' } };
    for (const role of ['SURGEON', 'NURSE'] as const)
      expect((await clinic.as(role).put(url, body)).status, role).toBe(403);
    expect((await clinic.as('ADMIN').put(url, body)).status).toBe(200);
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const)
      expect((await clinic.as(role).get(url)).status, role).toBe(200);
  });

  it("answers another clinic's patient as not found, and writes nothing", async () => {
    const patient = await given.patient(clinic);
    const theirs = await newPayer(other, { name: 'Other Plan', payerId: 'OTHERPLAN' });
    const url = `/patients/${patient.id}/insurance`;
    const res = await other
      .as('BILLING')
      .put(url, { payerId: theirs.id, memberId: 'H1', subscriber: { relationship: '18' } });
    expect(res.status).toBe(404);
    expect((await other.as('BILLING').get(url)).status).toBe(404);
    expect((await clinic.as('BILLING').get(url)).status).toBe(404);
  });
});
