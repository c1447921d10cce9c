import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicService } from '../src/modules/clinic/services/clinic.service';
import { GENERAL_CONSENT_CODE } from '../src/modules/consent/services/general-consent';
import type { Api } from './support/api';
import { Given, PASSWORD, uniqueEmail, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
});
afterAll(() => t.close());

/** A clinic as `npm start` makes it: its admin and nothing else (but the general consent). */
async function freshClinic(): Promise<Api> {
  const adminEmail = uniqueEmail('setup-admin');
  await t.app
    .get(ClinicService)
    .createClinicWithAdmin({ name: 'Fresh Clinic', adminEmail, adminPassword: PASSWORD });
  return t.api.withToken(await given.login(adminEmail));
}

async function doneItems(admin: Api): Promise<Record<string, boolean>> {
  const res = await admin.get('/clinic/setup');
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.body.items as { code: string; done: boolean }[]).map((i) => [i.code, i.done]),
  );
}

describe('GET /clinic/setup', () => {
  it('lists every item as not done for a fresh clinic, though its general consent is seeded', async () => {
    const admin = await freshClinic();

    const res = await admin.get('/clinic/setup');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      complete: false,
      items: [
        { code: 'ACTIVE_SURGEON', done: false },
        { code: 'FEE_SCHEDULE_ENTRY', done: false },
        { code: 'CONSENT_TEMPLATE', done: false },
        { code: 'OPERATING_ROOM', done: false },
        { code: 'IMPLANT_IN_STOCK', done: false },
      ],
    });
  });

  it('ticks each item off as the admin sets the clinic up, and is complete at the end', async () => {
    const admin = await freshClinic();

    const surgeon = await admin.post('/users', {
      email: uniqueEmail('surgeon'),
      name: 'Dr Setup',
      role: 'SURGEON',
      password: PASSWORD,
    });
    expect(surgeon.status).toBe(201);
    expect((await doneItems(admin)).ACTIVE_SURGEON).toBe(true);

    expect(
      (
        await admin.request('PUT', '/fee-schedule/19325', {
          description: 'Breast augmentation with implant',
          surgeonFee: '7000.00',
        })
      ).status,
    ).toBe(200);
    expect((await doneItems(admin)).FEE_SCHEDULE_ENTRY).toBe(true);

    // The clinic's own version of the general consent counts, like a procedure's consent.
    expect(
      (
        await admin.post('/consent-templates', {
          code: GENERAL_CONSENT_CODE,
          version: 2,
          title: 'General surgical consent',
          body: 'Our clinic’s general consent.',
          cptCodes: [],
        })
      ).status,
    ).toBe(201);
    expect((await doneItems(admin)).CONSENT_TEMPLATE).toBe(true);

    expect((await admin.post('/operating-rooms', { name: 'OR 1' })).status).toBe(201);
    expect((await doneItems(admin)).OPERATING_ROOM).toBe(true);

    const item = await admin.post('/inventory/items', {
      code: 'implant-300cc',
      name: 'Breast implant 300cc',
      category: 'IMPLANT',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
    });
    expect(item.status).toBe(201);
    expect((await doneItems(admin)).IMPLANT_IN_STOCK).toBe(false);
    const batch = await admin.post(`/inventory/items/${item.body.id}/batches`, {
      batchNumber: 'LOT-1',
      expiresAt: '2099-12-31',
      serialNumbers: ['SN-SETUP-1'],
    });
    expect(batch.status).toBe(201);

    const res = await admin.get('/clinic/setup');
    expect(res.body.complete).toBe(true);
    expect(res.body.items.every((i: { done: boolean }) => i.done)).toBe(true);
  });

  it('does not count what cannot be used: a deactivated surgeon or room, a consumable, expired stock', async () => {
    const admin = await freshClinic();
    const surgeon = await admin.post('/users', {
      email: uniqueEmail('surgeon'),
      name: 'Dr Gone',
      role: 'SURGEON',
      password: PASSWORD,
    });
    await admin.patch(`/users/${surgeon.body.id}`, { active: false });
    const room = await admin.post('/operating-rooms', { name: 'Old OR' });
    await admin.patch(`/operating-rooms/${room.body.id}`, { active: false });
    const gauze = await admin.post('/inventory/items', {
      code: 'gauze',
      name: 'Gauze',
      category: 'CONSUMABLE',
      unitPrice: '1.00',
      isBillable: false,
      requiresSerialNumber: false,
    });
    await admin.post(`/inventory/items/${gauze.body.id}/batches`, {
      batchNumber: 'G-1',
      quantity: 10,
    });
    const expired = await admin.post('/inventory/items', {
      code: 'implant-expired',
      name: 'Implant',
      category: 'IMPLANT',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
    });
    await admin.post(`/inventory/items/${expired.body.id}/batches`, {
      batchNumber: 'OLD',
      expiresAt: '2001-01-01',
      serialNumbers: ['SN-OLD-1'],
    });

    const done = await doneItems(admin);

    expect(done.ACTIVE_SURGEON).toBe(false);
    expect(done.OPERATING_ROOM).toBe(false);
    expect(done.IMPLANT_IN_STOCK).toBe(false);
  });

  it('answers only the caller’s clinic, and only to an ADMIN', async () => {
    const staffed: ClinicWithStaff = await given.clinicWithStaff('Staffed Setup Clinic');
    const admin = await freshClinic();

    expect((await doneItems(admin)).ACTIVE_SURGEON).toBe(false);
    expect((await doneItems(staffed.as('ADMIN'))).ACTIVE_SURGEON).toBe(true);
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const) {
      const res = await staffed.as(role).get('/clinic/setup');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await t.api.get('/clinic/setup')).status).toBe(401);
  });
});
