import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import { Given, type ClinicWithStaff } from './support/given';
import { lotWithTwoRecipients, type RecalledLot } from './support/given-recalls';
import { expectStatus } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let lot: RecalledLot;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Recall Records Clinic');
  other = await new Given(t).clinicWithStaff('Recall Records Other Clinic');
  lot = await lotWithTwoRecipients(clinic);
});
afterAll(() => t.close());

const nurse = () => clinic.as('NURSE');
const OPENED_AT = '2026-11-02T14:30:00.000Z';
const CONTACTED_AT = '2026-11-03T09:15:00.000Z';
const CLOSED_AT = '2026-11-20T17:00:00.000Z';

/** Runs `fn` with the Clock at `iso`. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const clock = t.app.get(Clock);
  const realNow = clock.now.bind(clock);
  clock.now = () => new Date(iso);
  try {
    return await fn();
  } finally {
    clock.now = realNow;
  }
}

async function auditOf(entityType: string, entityId: string, action: string): Promise<any[]> {
  const res = await clinic
    .as('ADMIN')
    .get(`/audit-events?entityType=${entityType}&entityId=${entityId}&action=${action}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('recall records', () => {
  let recall: any;

  it('opens a recall of a batch (NURSE), one OPEN at a time', async () => {
    const opened = await at(OPENED_AT, () =>
      nurse().post(`/inventory/batches/${lot.batchId}/recalls`, {
        reason: '  Manufacturer notice FSN-2026-114: shell rupture risk  ',
      }),
    );
    expect(opened.status).toBe(201);
    recall = opened.body;
    expect(recall).toEqual({
      id: expect.any(String),
      batchId: lot.batchId,
      batchNumber: expect.stringMatching(/^LOT-/),
      expiresAt: expect.any(String),
      itemId: lot.a.implantItem.id,
      itemCode: lot.a.implantItem.code,
      itemName: 'Silicone breast implant 300cc round',
      reason: 'Manufacturer notice FSN-2026-114: shell rupture risk',
      status: 'OPEN',
      openedAt: OPENED_AT,
      openedById: clinic.staff.NURSE.id,
      closedAt: null,
      closedById: null,
      closeNote: null,
      // Patients A (two units) and B (one): two patients, none contacted.
      patients: 2,
      contacted: 0,
      version: 1,
    });
    const again = await nurse().post(`/inventory/batches/${lot.batchId}/recalls`, {
      reason: 'Twice',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE');
    expect(await auditOf('InventoryRecall', recall.id, 'inventory-recall.open')).toEqual([
      expect.objectContaining({
        actorId: clinic.staff.NURSE.id,
        metadata: { batchId: lot.batchId },
      }),
    ]);
  });

  it('refuses opening to other roles, an unknown batch, another clinic and a bad body', async () => {
    for (const role of ['SURGEON', 'COORDINATOR', 'BILLING'] as const)
      expect(
        (await clinic.as(role).post(`/inventory/batches/${lot.b.plan.id}/recalls`, { reason: 'x' }))
          .status,
      ).toBe(403);
    expect(
      (await nurse().post(`/inventory/batches/${lot.b.plan.id}/recalls`, { reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await other.as('NURSE').post(`/inventory/batches/${lot.batchId}/recalls`, { reason: 'x' }))
        .status,
    ).toBe(404);
    const blank = await nurse().post(`/inventory/batches/${lot.batchId}/recalls`, { reason: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
  });

  it('reads the recall with every recipient, audited per patient', async () => {
    const res = await clinic.as('COORDINATOR').get(`/inventory/recall-records/${recall.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: recall.id, status: 'OPEN', patients: 2, contacted: 0 });
    expect(res.body.recipients).toHaveLength(2);
    const a = res.body.recipients.find((r: any) => r.patientId === lot.a.patient.id);
    const b = res.body.recipients.find((r: any) => r.patientId === lot.b.patient.id);
    expect(a).toMatchObject({
      mrn: lot.a.patient.mrn,
      firstName: 'Maria',
      lastName: lot.a.patient.lastName,
      serialNumbers: lot.serialsOfA,
      quantity: 2,
      contact: null,
    });
    expect(b).toMatchObject({ serialNumbers: [lot.serialOfB], quantity: 1, contact: null });
    for (const patient of [lot.a.patient, lot.b.patient])
      expect(await auditOf('Patient', patient.id, 'inventory.recall-record-list')).toHaveLength(1);
    expect((await clinic.as('BILLING').get(`/inventory/recall-records/${recall.id}`)).status).toBe(
      403,
    );
    expect((await other.as('NURSE').get(`/inventory/recall-records/${recall.id}`)).status).toBe(
      404,
    );
  });

  it('marks a recipient contacted once; refuses a patient who is not a recipient', async () => {
    const contacted = await at(CONTACTED_AT, () =>
      clinic.as('SURGEON').post(`/inventory/recall-records/${recall.id}/contacts`, {
        patientId: lot.a.patient.id,
        method: 'PHONE',
        note: 'Explained the notice; follow-up visit booked',
      }),
    );
    expect(contacted.status).toBe(201);
    expect(contacted.body).toEqual({
      recallId: recall.id,
      patientId: lot.a.patient.id,
      contactedAt: CONTACTED_AT,
      contactedById: clinic.staff.SURGEON.id,
      method: 'PHONE',
      note: 'Explained the notice; follow-up visit booked',
    });
    const twice = await nurse().post(`/inventory/recall-records/${recall.id}/contacts`, {
      patientId: lot.a.patient.id,
      method: 'EMAIL',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('DUPLICATE');

    const stranger = await new Given(t).patient(clinic);
    const notRecipient = await nurse().post(`/inventory/recall-records/${recall.id}/contacts`, {
      patientId: stranger.id,
      method: 'LETTER',
    });
    expect(notRecipient.status).toBe(400);
    expect(notRecipient.body.errors).toEqual([expect.objectContaining({ path: 'patientId' })]);
    const badMethod = await nurse().post(`/inventory/recall-records/${recall.id}/contacts`, {
      patientId: lot.b.patient.id,
      method: 'FAX',
    });
    expect(badMethod.status).toBe(400);
    expect(badMethod.body.errors).toEqual([expect.objectContaining({ path: 'method' })]);
    expect(
      (
        await clinic.as('BILLING').post(`/inventory/recall-records/${recall.id}/contacts`, {
          patientId: lot.b.patient.id,
          method: 'PHONE',
        })
      ).status,
    ).toBe(403);

    const read = (await nurse().get(`/inventory/recall-records/${recall.id}`)).body;
    expect(read.contacted).toBe(1);
    expect(read.recipients.find((r: any) => r.patientId === lot.a.patient.id).contact).toEqual({
      contactedAt: CONTACTED_AT,
      contactedById: clinic.staff.SURGEON.id,
      method: 'PHONE',
      note: 'Explained the notice; follow-up visit booked',
    });
    expect(read.recipients.find((r: any) => r.patientId === lot.b.patient.id).contact).toBeNull();
    expect(await auditOf('InventoryRecall', recall.id, 'inventory-recall.contact')).toEqual([
      expect.objectContaining({ metadata: { patientId: lot.a.patient.id, method: 'PHONE' } }),
    ]);
  });

  it('lists recall records by status, with their counts', async () => {
    const open = await clinic.as('SURGEON').get('/inventory/recall-records?status=OPEN');
    expect(open.status).toBe(200);
    expect(open.body).toEqual({
      data: [expect.objectContaining({ id: recall.id, patients: 2, contacted: 1 })],
      nextCursor: null,
    });
    expect((await nurse().get('/inventory/recall-records?status=CLOSED')).body.data).toEqual([]);
    expect((await nurse().get('/inventory/recall-records?status=SHUT')).status).toBe(400);
    expect((await other.as('NURSE').get('/inventory/recall-records')).body.data).toEqual([]);
  });

  it('closes with If-Match (NURSE); a closed recall takes no contact and the lot may be recalled again', async () => {
    expect(
      (await clinic.as('COORDINATOR').post(`/inventory/recall-records/${recall.id}/close`, {}))
        .status,
    ).toBe(403);
    const stale = await nurse().post(
      `/inventory/recall-records/${recall.id}/close`,
      {},
      { 'if-match': '"2"' },
    );
    expect(stale.status).toBe(412);
    const closed = await at(CLOSED_AT, () =>
      nurse().post(
        `/inventory/recall-records/${recall.id}/close`,
        { note: 'All recipients reached or written to' },
        { 'if-match': '"1"' },
      ),
    );
    expect(closed.status).toBe(200);
    expect(closed.headers.etag).toBe('"2"');
    expect(closed.body).toMatchObject({
      status: 'CLOSED',
      closedAt: CLOSED_AT,
      closedById: clinic.staff.NURSE.id,
      closeNote: 'All recipients reached or written to',
      version: 2,
      contacted: 1,
    });
    const again = await nurse().post(`/inventory/recall-records/${recall.id}/close`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE_TRANSITION');
    const late = await nurse().post(`/inventory/recall-records/${recall.id}/contacts`, {
      patientId: lot.b.patient.id,
      method: 'PHONE',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_STATE_TRANSITION');
    expect(await auditOf('InventoryRecall', recall.id, 'inventory-recall.close')).toHaveLength(1);

    const reopened = await clinic
      .as('ADMIN')
      .post(`/inventory/batches/${lot.batchId}/recalls`, { reason: 'Second notice' });
    expect(reopened.status).toBe(201);
    // A new recall: nobody is contacted for it yet.
    expect(reopened.body).toMatchObject({ status: 'OPEN', patients: 2, contacted: 0 });
    const closedList = (await nurse().get('/inventory/recall-records?status=CLOSED')).body.data;
    expect(closedList.map((r: any) => r.id)).toEqual([recall.id]);
    const all = (await nurse().get('/inventory/recall-records')).body.data;
    expect(all.map((r: any) => r.id)).toEqual([reopened.body.id, recall.id]);
  });

  it('opens a recall of a lot nobody received: no patients', async () => {
    const stock = expectStatus(
      'stock',
      await nurse().get(`/inventory/items/${lot.b.suturesItem.id}/stock`),
      200,
    );
    const opened = await nurse().post(`/inventory/batches/${stock.batches[0].batchId}/recalls`, {
      reason: 'Sterility',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ patients: 0, contacted: 0 });
    const read = await nurse().get(`/inventory/recall-records/${opened.body.id}`);
    expect(read.body.recipients).toEqual([]);
  });
});
