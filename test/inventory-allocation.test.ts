import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../src/modules/inventory/services/gs1-udi';
import { Given, type ClinicWithStaff } from './support/given';
import { completeFdaChecklist, signConsent } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let patientId: string;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Allocation Clinic');
  patientId = (await given.patient(clinic)).id;
});
afterAll(() => t.close());

const nurse = () => clinic.as('NURSE');

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

async function newItem(serialTracked: boolean, size = '300cc'): Promise<any> {
  seq += 1;
  const res = await nurse().post('/inventory/items', {
    code: `alloc-item-${seq}`,
    name: serialTracked ? 'Silicone breast implant' : 'Absorbable sutures',
    category: serialTracked ? 'IMPLANT' : 'SUTURE',
    size: serialTracked ? size : null,
    shape: serialTracked ? 'Round' : null,
    unitPrice: '400.00',
    isBillable: true,
    requiresSerialNumber: serialTracked,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function receive(itemId: string, body: Record<string, unknown>): Promise<any> {
  const res = await nurse().post(`/inventory/items/${itemId}/batches`, body);
  expect(res.status).toBe(201);
  return res.body;
}

async function planNeeding(
  item: any,
  quantity: number,
  extra: Record<string, unknown> = {},
): Promise<any> {
  const res = await clinic.as('COORDINATOR').post('/procedure-plans', {
    patientId,
    procedureName: 'Breast Augmentation',
    procedureType: 'COSMETIC',
    primaryCPTCode: '19325',
    cptCodes: ['19325'],
    inventoryRequirements: [{ inventoryItemId: item.id, quantity, ...extra }],
  });
  expect(res.status).toBe(201);
  return res.body;
}

const allocateUrl = (plan: any) =>
  `/procedure-plans/${plan.id}/inventory/${plan.inventoryRequirements[0].id}/allocate`;
const releaseUrl = (plan: any) =>
  `/procedure-plans/${plan.id}/inventory/${plan.inventoryRequirements[0].id}/release`;

async function stockOf(itemId: string): Promise<any> {
  return (await nurse().get(`/inventory/items/${itemId}/stock`)).body;
}

describe("pre-allocation (the seed's step 8)", () => {
  it('reserves two 300cc round implants from one batch and returns their serial numbers', async () => {
    const item = await newItem(true);
    const batch = await receive(item.id, {
      batchNumber: 'BATCH-2026-001',
      expiresAt: daysFromNow(365),
      serialNumbers: ['SN12345', 'SN12346', 'SN12347'],
    });
    const plan = await planNeeding(item, 2, {
      sizeRequirement: '300cc',
      shapeRequirement: 'round',
    });
    const res = await nurse().post(allocateUrl(plan), {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      isPreAllocated: true,
      preAllocatedBatchId: batch.id,
      serialNumbers: ['SN12345', 'SN12346'],
    });
    expect(await stockOf(item.id)).toMatchObject({ onHand: 3, reserved: 2, available: 1 });
    expect((await nurse().get('/inventory/units/SN12345')).body).toMatchObject({
      status: 'RESERVED',
    });
    const read = await nurse().get(`/procedure-plans/${plan.id}`);
    expect(read.body.inventoryRequirements[0].serialNumbers).toEqual(['SN12345', 'SN12346']);
    const readiness = await nurse().get(`/procedure-plans/${plan.id}/readiness`);
    expect(readiness.body.checks.find((c: any) => c.code === 'INVENTORY_READY')).toMatchObject({
      ok: true,
    });
    const availability = await nurse().get(`/procedure-plans/${plan.id}/inventory/availability`);
    expect(availability.body.data).toEqual([
      expect.objectContaining({ required: 2, allocated: 2, available: 1, shortfall: 0 }),
    ]);
    const again = await nurse().post(allocateUrl(plan), {});
    expect(again.status).toBe(409);
  });

  it('picks the batch that expires first, skipping an expired one', async () => {
    const item = await newItem(true);
    await receive(item.id, {
      batchNumber: 'LATE',
      expiresAt: daysFromNow(300),
      serialNumbers: ['L1', 'L2'],
    });
    const early = await receive(item.id, {
      batchNumber: 'EARLY',
      expiresAt: daysFromNow(60),
      serialNumbers: ['E1', 'E2'],
    });
    // Two UTC days back: expired in the clinic's zone too, whatever the hour (one day back is still
    // the clinic's today between midnight UTC and midnight in New York).
    await receive(item.id, {
      batchNumber: 'EXPIRED',
      expiresAt: daysFromNow(-2),
      serialNumbers: ['X1', 'X2'],
    });
    const res = await nurse().post(allocateUrl(await planNeeding(item, 2)), {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      preAllocatedBatchId: early.id,
      serialNumbers: ['E1', 'E2'],
    });
  });

  it('answers 409 INSUFFICIENT_INVENTORY for a size that does not match or too little stock, reserving nothing', async () => {
    const item = await newItem(true);
    await receive(item.id, {
      batchNumber: 'B1',
      expiresAt: daysFromNow(100),
      serialNumbers: ['S1'],
    });
    const wrongSize = await nurse().post(
      allocateUrl(await planNeeding(item, 1, { sizeRequirement: '400cc' })),
      {},
    );
    expect(wrongSize.status).toBe(409);
    expect(wrongSize.body.code).toBe('INSUFFICIENT_INVENTORY');
    const tooFew = await nurse().post(allocateUrl(await planNeeding(item, 2)), {});
    expect(tooFew.status).toBe(409);
    expect(tooFew.body.shortage).toMatchObject({ needed: 2, available: 1 });
    expect((await stockOf(item.id)).reserved).toBe(0);
  });

  it('gives the units back on release and when the plan is cancelled', async () => {
    const item = await newItem(true);
    await receive(item.id, { batchNumber: 'B1', serialNumbers: ['R1', 'R2'] });
    const plan = await planNeeding(item, 2);
    expect((await nurse().post(allocateUrl(plan), {})).status).toBe(200);
    const released = await nurse().post(releaseUrl(plan));
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      isPreAllocated: false,
      preAllocatedBatchId: null,
      serialNumbers: [],
    });
    expect(await stockOf(item.id)).toMatchObject({ reserved: 0, available: 2 });
    expect((await nurse().post(releaseUrl(plan))).status).toBe(409);

    expect((await nurse().post(allocateUrl(plan), {})).status).toBe(200);
    const cancelled = await clinic
      .as('COORDINATOR')
      .post(`/procedure-plans/${plan.id}/cancel`, { reason: 'Postponed' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.inventoryRequirements[0]).toMatchObject({
      isPreAllocated: false,
      serialNumbers: [],
    });
    expect(await stockOf(item.id)).toMatchObject({ reserved: 0, available: 2 });
    expect((await nurse().get('/inventory/units/R1')).body.status).toBe('AVAILABLE');
    expect((await nurse().post(allocateUrl(plan), {})).status).toBe(409);
  });

  it('lists the stock held by plans not yet approved, by age, until it is released', async () => {
    const item = await newItem(true);
    await receive(item.id, { batchNumber: 'HOLD-1', serialNumbers: ['H1', 'H2'] });
    const plan = await planNeeding(item, 2);
    expect((await nurse().post(allocateUrl(plan), {})).status).toBe(200);
    const holdsOf = async (query: string) => {
      const res = await clinic.as('COORDINATOR').get(`/inventory/holds?${query}&limit=100`);
      expect(res.status).toBe(200);
      return res.body.data.filter((h: any) => h.procedurePlanId === plan.id);
    };
    const held = await holdsOf('olderThanDays=0');
    expect(held.map((h: any) => h.serialNumber).sort()).toEqual(['H1', 'H2']);
    const allocated = (await clinic.as('COORDINATOR').get(`/procedure-plans/${plan.id}`)).body;
    const patient = (await clinic.as('COORDINATOR').get(`/patients/${patientId}`)).body;
    expect(held[0]).toMatchObject({
      planNumber: plan.planNumber,
      planStatus: 'DRAFT',
      planVersion: allocated.version,
      patientId,
      mrn: patient.mrn,
      firstName: patient.firstName,
      lastName: patient.lastName,
      itemId: item.id,
      itemCode: item.code,
      itemName: item.name,
      batchNumber: 'HOLD-1',
      quantity: 1,
    });
    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=Patient&entityId=${patientId}&action=inventory.holds`);
    expect(audit.body.data.length).toBeGreaterThanOrEqual(1);
    expect(await holdsOf('olderThanDays=1')).toEqual([]);
    // The release names the version the list showed: a stale one changes nothing.
    const stale = await clinic
      .as('COORDINATOR')
      .post(releaseUrl(plan), undefined, { 'if-match': `"${allocated.version - 1}"` });
    expect(stale.status).toBe(412);
    expect(await holdsOf('olderThanDays=0')).toHaveLength(2);
    const released = await clinic
      .as('COORDINATOR')
      .post(releaseUrl(plan), undefined, { 'if-match': `"${held[0].planVersion}"` });
    expect(released.status).toBe(200);
    expect(await holdsOf('olderThanDays=0')).toEqual([]);
    expect((await clinic.as('BILLING').get('/inventory/holds')).status).toBe(403);
  });

  it('lets only clinical staff allocate', async () => {
    const item = await newItem(false);
    await receive(item.id, { batchNumber: 'B1', quantity: 5 });
    const plan = await planNeeding(item, 1);
    expect((await clinic.as('BILLING').post(allocateUrl(plan), {})).status).toBe(403);
  });
});

describe('never over-committing (docs/design.md §7)', () => {
  it('gives 4 implants to exactly 2 of 10 plans racing for 2 each, 20 times over', async () => {
    const plans: any[] = [];
    for (let i = 0; i < 10; i++) plans.push(await planNeeding(await newItem(false), 1));
    for (let round = 0; round < 20; round++) {
      const item = await newItem(true);
      const serials = [1, 2, 3, 4].map((n) => `RACE-${round}-${n}`);
      await receive(item.id, {
        batchNumber: `RACE-${round}`,
        expiresAt: daysFromNow(100),
        serialNumbers: serials,
      });
      const requirements = await Promise.all(
        plans.map(async (plan) => {
          const res = await clinic.as('COORDINATOR').post(`/procedure-plans/${plan.id}/inventory`, {
            inventoryItemId: item.id,
            quantity: 2,
          });
          expect(res.status).toBe(201);
          return { plan, requirement: res.body };
        }),
      );
      const results = await Promise.all(
        requirements.map(({ plan, requirement }) =>
          nurse().post(`/procedure-plans/${plan.id}/inventory/${requirement.id}/allocate`, {}),
        ),
      );
      const won = results.filter((r) => r.status === 200);
      expect(won).toHaveLength(2);
      expect(results.filter((r) => r.status === 409)).toHaveLength(8);
      const reservedSerials = won.flatMap((r) => r.body.serialNumbers);
      expect(new Set(reservedSerials).size).toBe(4);
      expect(await stockOf(item.id)).toMatchObject({ onHand: 4, reserved: 4, available: 0 });
    }
  }, 300_000);

  it('never reserves more than a bulk batch holds when 50 plans ask at once', async () => {
    const item = await newItem(false);
    await receive(item.id, { batchNumber: 'BULK-30', expiresAt: daysFromNow(100), quantity: 30 });
    const plans: any[] = [];
    for (let i = 0; i < 50; i++) plans.push(await planNeeding(item, 1));
    const results = await Promise.all(plans.map((plan) => nurse().post(allocateUrl(plan), {})));
    expect(results.filter((r) => r.status === 200)).toHaveLength(30);
    expect(results.filter((r) => r.status === 409)).toHaveLength(20);
    expect(await stockOf(item.id)).toMatchObject({ onHand: 30, reserved: 30, available: 0 });
  }, 120_000);
});

describe('consumption and traceability', () => {
  it('links consumed implants to their patient for good and lists them for a recall', async () => {
    seq += 1;
    const gtin = `0088452111${String(1000 + seq).slice(-3)}`;
    const fullGtin = `${gtin}${gs1CheckDigit(gtin)}`;
    const item = (
      await nurse().post('/inventory/items', {
        code: `traced-implant-${seq}`,
        name: 'Silicone breast implant',
        category: 'IMPLANT',
        unitPrice: '400.00',
        isBillable: true,
        requiresSerialNumber: true,
        gtin: fullGtin,
      })
    ).body;
    const batch = await receive(item.id, {
      batchNumber: `RECALL-${seq}`,
      serialNumbers: [`T${seq}-1`, `T${seq}-2`, `T${seq}-3`],
    });
    const patient = await given.patient(clinic, { firstName: 'Ana', lastName: 'Recall' });
    const plan = (
      await clinic.as('COORDINATOR').post('/procedure-plans', {
        patientId: patient.id,
        procedureName: 'Breast Augmentation',
        procedureType: 'COSMETIC',
        primaryCPTCode: '19325',
        cptCodes: ['19325'],
        inventoryRequirements: [{ inventoryItemId: item.id, quantity: 2 }],
      })
    ).body;
    expect((await nurse().post(allocateUrl(plan), {})).status).toBe(200);
    // No template of this clinic covers 19325: the plan has the general surgical consent, and
    // no surgery is booked before it is signed (docs/consents.md).
    await signConsent(clinic, plan.consent.id);
    await completeFdaChecklist(clinic, plan.id);

    // The theater consumes the reservation when the case completes (seed steps 7, 9).
    const coordinator = clinic.as('COORDINATOR');
    await clinic.as('BILLING').request('PUT', '/fee-schedule/19325', {
      description: 'Breast augmentation with implant',
      surgeonFee: '7000.00',
    });
    expect((await coordinator.post(`/procedure-plans/${plan.id}/quote`, {})).status).toBe(201);
    expect((await coordinator.post(`/procedure-plans/${plan.id}/approve`, {})).status).toBe(200);
    const room = (await clinic.as('ADMIN').post('/operating-rooms', { name: `OR recall ${seq}` }))
      .body;
    const start = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    const theCase = await coordinator.post('/surgical-cases', {
      procedurePlanId: plan.id,
      operatingRoomId: room.id,
      surgeonId: clinic.staff.SURGEON.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
    });
    expect(theCase.status).toBe(201);
    expect(
      (
        await nurse().post(`/surgical-cases/${theCase.body.id}/start`, {
          reason: 'Started ahead of its booked day in a test',
        })
      ).status,
    ).toBe(200);
    expect((await nurse().post(`/surgical-cases/${theCase.body.id}/complete`, {})).status).toBe(
      200,
    );
    expect(await stockOf(item.id)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    const unit = await nurse().get(`/inventory/units/T${seq}-1`);
    expect(unit.body).toMatchObject({
      status: 'CONSUMED',
      patientId: patient.id,
      procedurePlanId: plan.id,
      surgicalCaseId: theCase.body.id,
    });
    expect(unit.body.consumedAt).toEqual(expect.any(String));

    const recipients = await clinic.as('SURGEON').get(`/inventory/batches/${batch.id}/recipients`);
    expect(recipients.status).toBe(200);
    expect(recipients.body.recipients.map((r: any) => r.serialNumber).sort()).toEqual([
      `T${seq}-1`,
      `T${seq}-2`,
    ]);
    expect(recipients.body.recipients[0]).toMatchObject({
      patientId: patient.id,
      mrn: patient.mrn,
      lastName: 'Recall',
    });
    const recall = await nurse().get(`/inventory/recalls?gtin=${fullGtin}&lot=RECALL-${seq}`);
    expect(recall.status).toBe(200);
    expect(recall.body.recipients).toHaveLength(2);
    expect((await nurse().get(`/inventory/recalls?gtin=${fullGtin}&lot=NO-SUCH-LOT`)).status).toBe(
      404,
    );
    expect(
      (await clinic.as('BILLING').get(`/inventory/batches/${batch.id}/recipients`)).status,
    ).toBe(403);
    const audit = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=Patient&entityId=${patient.id}&action=inventory.recall-list`);
    expect(audit.body.data.length).toBeGreaterThanOrEqual(2);
  });
});
