import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { gs1CheckDigit } from '../src/modules/inventory/services/gs1-udi';
import { Given, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let otherClinic: ClinicWithStaff;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('Stock Clinic');
  otherClinic = await given.clinicWithStaff('Other Stock Clinic');
});
afterAll(() => t.close());

const nurse = () => clinic.as('NURSE');

async function newItem(serialTracked: boolean): Promise<any> {
  seq += 1;
  const res = await nurse().post('/inventory/items', {
    code: `item-${seq}-${serialTracked ? 'implant' : 'bulk'}`,
    name: serialTracked ? 'Breast implant 300cc round' : 'Sutures',
    category: serialTracked ? 'IMPLANT' : 'SUTURE',
    unitPrice: '400.00',
    isBillable: true,
    requiresSerialNumber: serialTracked,
  });
  expect(res.status).toBe(201);
  return res.body;
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

async function stockOf(itemId: string): Promise<any> {
  const res = await nurse().get(`/inventory/items/${itemId}/stock`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('receiving stock', () => {
  it('receives serial-tracked implants one unit per serial number', async () => {
    const item = await newItem(true);
    const res = await nurse().post(`/inventory/items/${item.id}/batches`, {
      batchNumber: 'BATCH-2026-001',
      expiresAt: daysFromNow(400),
      serialNumbers: ['SN12345', 'SN12346', 'SN12347'],
    });
    expect(res.status).toBe(201);
    // A batch names itself `id`, like every record (docs/api.md); `batchId` is for references to it.
    expect(res.body).toMatchObject({
      id: expect.any(String),
      itemId: item.id,
      batchNumber: 'BATCH-2026-001',
      onHand: 3,
      reserved: 0,
      available: 3,
    });
    expect(res.body).not.toHaveProperty('batchId');
    expect(res.body.serialNumbers).toEqual(['SN12345', 'SN12346', 'SN12347']);
    const stock = await stockOf(item.id);
    expect(stock).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    expect(stock.batches).toEqual([expect.objectContaining({ batchId: res.body.id, onHand: 3 })]);
  });

  it('refuses a serial number the item already has, writing nothing of the batch', async () => {
    const item = await newItem(true);
    await nurse().post(`/inventory/items/${item.id}/batches`, {
      batchNumber: 'LOT-A',
      serialNumbers: ['SN-1'],
    });
    const res = await nurse().post(`/inventory/items/${item.id}/batches`, {
      batchNumber: 'LOT-B',
      serialNumbers: ['SN-2', 'SN-1', 'SN-3'],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE');
    const stock = await stockOf(item.id);
    expect(stock.onHand).toBe(1);
    expect(stock.batches.map((b: any) => b.batchNumber)).toEqual(['LOT-A']);
    expect((await nurse().get(`/inventory/units/SN-2`)).status).toBe(404);
  });

  it('refuses a serial number given twice in one receipt', async () => {
    const item = await newItem(true);
    const res = await nurse().post(`/inventory/items/${item.id}/batches`, {
      batchNumber: 'LOT-A',
      serialNumbers: ['SN-9', 'SN-9'],
    });
    expect(res.status).toBe(409);
    expect((await stockOf(item.id)).onHand).toBe(0);
  });

  it('takes bulk items by quantity only, and serial-tracked ones by serial numbers only', async () => {
    const bulk = await newItem(false);
    const implant = await newItem(true);
    for (const [itemId, body] of [
      [bulk.id, { batchNumber: 'L1', serialNumbers: ['X1'] }],
      [implant.id, { batchNumber: 'L1', quantity: 2 }],
      [bulk.id, { batchNumber: 'L1', quantity: 2, serialNumbers: ['X1', 'X2'] }],
      [bulk.id, { batchNumber: 'L1', quantity: 0 }],
      [bulk.id, { batchNumber: 'L 1', quantity: 1 }],
    ] as const) {
      const res = await nurse().post(`/inventory/items/${itemId}/batches`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await stockOf(bulk.id)).onHand).toBe(0);
    expect((await stockOf(implant.id)).onHand).toBe(0);
  });

  it('adds a second receipt of the same lot to its batch, unless the expiry disagrees', async () => {
    const bulk = await newItem(false);
    const expiry = daysFromNow(200);
    const first = await nurse().post(`/inventory/items/${bulk.id}/batches`, {
      batchNumber: 'LOT-7',
      expiresAt: expiry,
      quantity: 10,
    });
    const second = await nurse().post(`/inventory/items/${bulk.id}/batches`, {
      batchNumber: 'LOT-7',
      expiresAt: expiry,
      quantity: 5,
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ id: first.body.id, onHand: 15 });
    const wrong = await nurse().post(`/inventory/items/${bulk.id}/batches`, {
      batchNumber: 'LOT-7',
      expiresAt: daysFromNow(300),
      quantity: 5,
    });
    expect(wrong.status).toBe(400);
    expect((await stockOf(bulk.id)).onHand).toBe(15);
  });

  it('lets only NURSE and ADMIN receive, and hides other clinics’ items', async () => {
    const item = await newItem(false);
    const body = { batchNumber: 'L1', quantity: 1 };
    expect(
      (await clinic.as('COORDINATOR').post(`/inventory/items/${item.id}/batches`, body)).status,
    ).toBe(403);
    expect(
      (await clinic.as('ADMIN').post(`/inventory/items/${item.id}/batches`, body)).status,
    ).toBe(201);
    expect(
      (await otherClinic.as('NURSE').post(`/inventory/items/${item.id}/batches`, body)).status,
    ).toBe(404);
    expect((await otherClinic.as('NURSE').get(`/inventory/items/${item.id}/stock`)).status).toBe(
      404,
    );
  });
});

describe('adjustments', () => {
  it('corrects a bulk count with its reason audited, and never below what is reserved', async () => {
    const bulk = await newItem(false);
    const batch = (
      await nurse().post(`/inventory/items/${bulk.id}/batches`, { batchNumber: 'L1', quantity: 10 })
    ).body;
    const down = await nurse().post(`/inventory/batches/${batch.id}/adjustments`, {
      quantityDelta: -3,
      reason: 'DAMAGE',
      note: 'Packaging torn',
    });
    expect(down.status).toBe(201);
    expect(down.body.onHand).toBe(7);
    const tooFar = await nurse().post(`/inventory/batches/${batch.id}/adjustments`, {
      quantityDelta: -8,
      reason: 'COUNT_CORRECTION',
    });
    expect(tooFar.status).toBe(409);
    expect(tooFar.body.code).toBe('INSUFFICIENT_INVENTORY');
    expect((await stockOf(bulk.id)).onHand).toBe(7);
    const audit = await clinic
      .as('ADMIN')
      .get(
        `/audit-events?entityType=InventoryBatch&entityId=${batch.id}&action=inventory-batch.adjust`,
      );
    expect(audit.body.data).toEqual([
      expect.objectContaining({ metadata: { quantityDelta: -3, reason: 'DAMAGE' } }),
    ]);
  });

  it('reads back each adjustment with its reason and note, newest first', async () => {
    const bulk = await newItem(false);
    const batch = (
      await nurse().post(`/inventory/items/${bulk.id}/batches`, { batchNumber: 'L2', quantity: 10 })
    ).body;
    for (const body of [
      { quantityDelta: -2, reason: 'DAMAGE', note: 'Packaging torn in transit' },
      { quantityDelta: 1, reason: 'COUNT_CORRECTION' },
    ])
      expect((await nurse().post(`/inventory/batches/${batch.id}/adjustments`, body)).status).toBe(
        201,
      );
    const read = await clinic.as('BILLING').get(`/inventory/batches/${batch.id}/adjustments`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      data: [
        expect.objectContaining({ quantityDelta: 1, reason: 'COUNT_CORRECTION', note: null }),
        expect.objectContaining({
          batchId: batch.id,
          quantityDelta: -2,
          reason: 'DAMAGE',
          note: 'Packaging torn in transit',
          serialNumbers: [],
          adjustedById: clinic.staff.NURSE.id,
        }),
      ],
      nextCursor: null,
    });
    const unknown = await nurse().get(`/inventory/batches/${bulk.id}/adjustments`);
    expect(unknown.status).toBe(404);
    expect(
      (await otherClinic.as('NURSE').get(`/inventory/batches/${batch.id}/adjustments`)).status,
    ).toBe(404);
  });

  it('removes serial-tracked units by serial number, and adds none by adjustment', async () => {
    const implant = await newItem(true);
    const batch = (
      await nurse().post(`/inventory/items/${implant.id}/batches`, {
        batchNumber: 'L1',
        serialNumbers: ['A1', 'A2'],
      })
    ).body;
    const removed = await nurse().post(`/inventory/batches/${batch.id}/adjustments`, {
      quantityDelta: -1,
      reason: 'DAMAGE',
      serialNumbers: ['A1'],
    });
    expect(removed.status).toBe(201);
    expect(removed.body).toMatchObject({ onHand: 1, serialNumbers: ['A2'] });
    expect((await nurse().get('/inventory/units/A1')).body.status).toBe('REMOVED');
    for (const body of [
      { quantityDelta: 1, reason: 'COUNT_CORRECTION' },
      { quantityDelta: -1, reason: 'DAMAGE' },
      { quantityDelta: -1, reason: 'DAMAGE', serialNumbers: ['A1'] },
      { quantityDelta: -2, reason: 'DAMAGE', serialNumbers: ['A2'] },
    ]) {
      expect((await nurse().post(`/inventory/batches/${batch.id}/adjustments`, body)).status).toBe(
        400,
      );
    }
    expect((await stockOf(implant.id)).onHand).toBe(1);
  });

  it('is backed by the database: reserved can never exceed on hand', async () => {
    const bulk = await newItem(false);
    const batch = (
      await nurse().post(`/inventory/items/${bulk.id}/batches`, { batchNumber: 'L1', quantity: 2 })
    ).body;
    const db = t.app.get(TransactionRunner).db;
    await expect(
      db.execute(sql`UPDATE inventory_batches SET reserved = 3 WHERE id = ${batch.id}`),
    ).rejects.toThrow();
    expect((await stockOf(bulk.id)).reserved).toBe(0);
  });
});

describe('expiring stock and units', () => {
  it('lists batches expiring within the window that still have stock', async () => {
    const bulk = await newItem(false);
    const soon = (
      await nurse().post(`/inventory/items/${bulk.id}/batches`, {
        batchNumber: 'SOON',
        expiresAt: daysFromNow(10),
        quantity: 4,
      })
    ).body;
    await nurse().post(`/inventory/items/${bulk.id}/batches`, {
      batchNumber: 'LATER',
      expiresAt: daysFromNow(90),
      quantity: 4,
    });
    const empty = (
      await nurse().post(`/inventory/items/${bulk.id}/batches`, {
        batchNumber: 'EMPTY',
        expiresAt: daysFromNow(5),
        quantity: 1,
      })
    ).body;
    await nurse().post(`/inventory/batches/${empty.id}/adjustments`, {
      quantityDelta: -1,
      reason: 'EXPIRY_WRITE_OFF',
    });

    const mine = async (withinDays: number) => {
      const res = await nurse().get(`/inventory/expiring?withinDays=${withinDays}&limit=100`);
      expect(res.status).toBe(200);
      return res.body.data.filter((b: any) => b.itemId === bulk.id).map((b: any) => b.batchNumber);
    };
    expect(await mine(30)).toEqual(['SOON']);
    expect(await mine(120)).toEqual(['SOON', 'LATER']);
    expect(await mine(1)).toEqual([]);
    expect(soon.batchNumber).toBe('SOON');
    expect((await nurse().get('/inventory/expiring?withinDays=-1')).status).toBe(400);
  });

  it('answers who has a unit by serial number, to clinical staff only', async () => {
    const implant = await newItem(true);
    const batch = (
      await nurse().post(`/inventory/items/${implant.id}/batches`, {
        batchNumber: 'L9',
        serialNumbers: ['Z-100'],
      })
    ).body;
    const unit = await clinic.as('SURGEON').get('/inventory/units/Z-100');
    expect(unit.status).toBe(200);
    expect(unit.body).toMatchObject({
      serialNumber: 'Z-100',
      itemId: implant.id,
      batchId: batch.id,
      batchNumber: 'L9',
      status: 'AVAILABLE',
      patientId: null,
    });
    expect((await clinic.as('BILLING').get('/inventory/units/Z-100')).status).toBe(403);
    expect((await otherClinic.as('NURSE').get('/inventory/units/Z-100')).status).toBe(404);
  });

  it('finds a unit by its serial number in any case', async () => {
    const implant = await newItem(true);
    await nurse().post(`/inventory/items/${implant.id}/batches`, {
      batchNumber: 'L10',
      serialNumbers: ['Cs-Mixed-7'],
    });
    for (const typed of ['cs-mixed-7', 'CS-MIXED-7', 'Cs-Mixed-7']) {
      const unit = await nurse().get(`/inventory/units/${typed}`);
      expect(unit.status, typed).toBe(200);
      // The serial as it was received, not as it was typed.
      expect(unit.body).toMatchObject({ serialNumber: 'Cs-Mixed-7', itemId: implant.id });
    }
  });

  it('asks which item when serials of two items differ only by case', async () => {
    const [first, second] = [await newItem(true), await newItem(true)];
    await nurse().post(`/inventory/items/${first.id}/batches`, {
      batchNumber: 'L11',
      serialNumbers: ['DUP-CASE-1'],
    });
    await nurse().post(`/inventory/items/${second.id}/batches`, {
      batchNumber: 'L12',
      serialNumbers: ['dup-case-1'],
    });
    const ambiguous = await nurse().get('/inventory/units/Dup-Case-1');
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors).toEqual([expect.objectContaining({ path: 'itemId' })]);
    const named = await nurse().get(`/inventory/units/DUP-CASE-1?itemId=${second.id}`);
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ serialNumber: 'dup-case-1', itemId: second.id });
  });
});

describe('receiving by UDI', () => {
  let gtinSeq = 0;
  /** A valid GTIN-14 of our own making, unique within this file. */
  function freshGtin(): string {
    gtinSeq += 1;
    const body = `0088452${String(1000000 + gtinSeq).slice(1)}`;
    return `${body}${gs1CheckDigit(body)}`;
  }

  async function implantWithGtin(gtin: string, serialTracked = true): Promise<any> {
    seq += 1;
    const res = await nurse().post('/inventory/items', {
      code: `udi-item-${seq}`,
      name: 'Breast implant 300cc round',
      category: 'IMPLANT',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: serialTracked,
      gtin,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('receives the printed and the scanner form of labels into the lot’s batch', async () => {
    const gtin = freshGtin();
    const item = await implantWithGtin(gtin);
    const printed = await nurse().post('/inventory/receive-udi', {
      udi: `(01)${gtin}(17)270630(10)LOT123(21)SN0001`,
    });
    expect(printed.status).toBe(201);
    expect(printed.body.received).toEqual([
      {
        itemId: item.id,
        itemCode: item.code,
        batchId: expect.any(String),
        batchNumber: 'LOT123',
        expiresAt: '2027-06-30',
        serialNumber: 'SN0001',
      },
    ]);
    const scanned = await nurse().post('/inventory/receive-udi', {
      udis: [`]d201${gtin}1727063010LOT123\u001d21SN0002`],
    });
    expect(scanned.status).toBe(201);
    expect(scanned.body.received[0]).toMatchObject({
      batchId: printed.body.received[0].batchId,
      serialNumber: 'SN0002',
    });
    const stock = await stockOf(item.id);
    expect(stock.onHand).toBe(2);
    expect(stock.batches).toHaveLength(1);
  });

  it('answers 400 naming the label for a bad check digit, an unknown GTIN or a missing serial', async () => {
    const gtin = freshGtin();
    await implantWithGtin(gtin);
    const unknown = freshGtin();
    for (const [udis, pattern] of [
      [['(01)00884521112345(10)L1(21)S1'], /check digit/],
      [[`(01)${unknown}(10)L1(21)S1`], /GTIN/],
      [[`(01)${gtin}(10)L1`], /serial/],
      [[`(01)${gtin}(21)S1`], /lot/],
    ] as const) {
      const res = await nurse().post('/inventory/receive-udi', { udis });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('udis[0]');
      expect(res.body.errors[0].message).toMatch(pattern);
    }
  });

  it('receives a scanning session whole or not at all', async () => {
    const gtin = freshGtin();
    const item = await implantWithGtin(gtin);
    await nurse().post('/inventory/receive-udi', { udi: `(01)${gtin}(10)L5(21)DUP-1` });
    const res = await nurse().post('/inventory/receive-udi', {
      udis: [`(01)${gtin}(10)L5(21)NEW-1`, `(01)${gtin}(10)L5(21)DUP-1`],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATE');
    expect((await stockOf(item.id)).onHand).toBe(1);
    expect((await nurse().get('/inventory/units/NEW-1')).status).toBe(404);
  });
});

describe('the catalog', () => {
  it('retires an item in use instead of deleting it, and refuses new stock for it', async () => {
    const item = await newItem(false);
    await nurse().post(`/inventory/items/${item.id}/batches`, { batchNumber: 'L1', quantity: 3 });
    const stale = await nurse().patch(
      `/inventory/items/${item.id}`,
      { active: false },
      { 'if-match': '"7"' },
    );
    expect(stale.status).toBe(412);
    expect(
      (await clinic.as('COORDINATOR').patch(`/inventory/items/${item.id}`, { active: false }))
        .status,
    ).toBe(403);
    expect((await nurse().patch(`/inventory/items/${item.id}`, { code: 'renamed' })).status).toBe(
      400,
    );
    const retired = await nurse().patch(
      `/inventory/items/${item.id}`,
      { active: false, unitPrice: 12.5 },
      { 'if-match': '"1"' },
    );
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ active: false, unitPrice: '12.50', version: 2 });
    // There is no delete: the item's URL takes no DELETE (405), and the Allow header says so.
    const deleted = await nurse().request('DELETE', `/inventory/items/${item.id}`);
    expect(deleted.status).toBe(405);
    expect(deleted.headers.allow).toBe('GET, HEAD, PATCH');
    const receipt = await nurse().post(`/inventory/items/${item.id}/batches`, {
      batchNumber: 'L2',
      quantity: 1,
    });
    expect(receipt.status).toBe(400);
    expect((await stockOf(item.id)).onHand).toBe(3);
    const listed = await nurse().get(`/inventory/items?active=false&limit=100`);
    expect(listed.body.data.map((i: any) => i.id)).toContain(item.id);
  });

  it('refuses a GTIN whose check digit is wrong, naming the right one, and changes nothing', async () => {
    const item = await newItem(true);
    const body = `0088452${String(900000 + seq).padStart(6, '0')}`;
    const good = `${body}${gs1CheckDigit(body)}`;
    const bad = `${body}${(gs1CheckDigit(body) + 1) % 10}`;
    const refused = await nurse().patch(
      `/inventory/items/${item.id}`,
      { gtin: bad },
      { 'if-match': `"${item.version}"` },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.errors).toEqual([
      {
        path: 'gtin',
        message: `Wrong check digit: a GTIN starting ${body} ends in ${gs1CheckDigit(body)}, not ${bad[13]}`,
      },
    ]);
    const unchanged = await nurse().get(`/inventory/items/${item.id}`);
    expect(unchanged.body).toMatchObject({ gtin: null, version: item.version });
    const created = await nurse().post('/inventory/items', {
      code: `gtin-typo-${seq}`,
      name: 'Implant with a typo',
      category: 'IMPLANT',
      unitPrice: '1.00',
      isBillable: true,
      requiresSerialNumber: true,
      gtin: bad,
    });
    expect(created.status).toBe(400);
    expect(created.body.errors[0].path).toBe('gtin');
    const saved = await nurse().patch(
      `/inventory/items/${item.id}`,
      { gtin: good },
      { 'if-match': `"${item.version}"` },
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ gtin: good, version: item.version + 1 });
  });
});
