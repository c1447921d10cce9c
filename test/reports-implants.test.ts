import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import { Given, addStaffMember, type ClinicWithStaff } from './support/given';
import { completedCase } from './support/given-recalls';
import { expectStatus, readyPlan, type ReadyPlan } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The implants report (docs/reports.md "Implants") against a clinic built through the API, with
 * the Clock moved to when each thing happened. The clinic's zone is America/New_York.
 *
 * Usage (each completed case consumes its plan's two reserved implants):
 * - case A, surgeon 1, 2026-08-10 15:00Z: 2 units of lot LA (item A).
 * - case D, surgeon 2, 2026-09-15 14:00Z: 2 units of lot LD (item D, all of its stock).
 * - case B, surgeon 2, 2026-11-01 03:30Z = Oct 31 23:30 EDT (the night before DST ends): one free
 *   unit of LA recorded, then its own two of LB.
 * - case C, surgeon 1, 2026-08-01 03:30Z = Jul 31 23:30 EDT: 2 units of LC, the day before the range.
 * The report asks 2026-08-01..2026-10-31, "now" 2026-11-16 04:30Z = Nov 15 23:30 EST: today is
 * 2026-11-15 in the clinic (in UTC it is already the 16th).
 */
let t: TestApp;
let clinic: ClinicWithStaff;
let surgeon2: string;
let a: ReadyPlan;
let b: ReadyPlan;
let c: ReadyPlan;
let d: ReadyPlan;
let lotA: string;
let lotB: string;
let lotD: string;
let freeOfA: string;
let recallId: string;
let gauze: any;
const gauzeLots: Record<string, string> = {};

const NOW = '2026-11-16T04:30:00.000Z';
const RANGE = 'from=2026-08-01&to=2026-10-31';

function setClock(iso: string | null): void {
  const clock = t.app.get(Clock);
  clock.now = iso === null ? () => new Date() : () => new Date(iso);
}

async function batchOf(itemId: string): Promise<{ batchId: string; batchNumber: string }> {
  const stock = expectStatus(
    'stock',
    await clinic.as('NURSE').get(`/inventory/items/${itemId}/stock`),
    200,
  );
  return stock.batches[0];
}

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Implants Report Clinic');
  surgeon2 = (await addStaffMember(t, clinic, 'SURGEON', { name: 'Second Surgeon' })).id;
  a = await readyPlan(clinic, { stock: 4 });
  b = await readyPlan(clinic);
  c = await readyPlan(clinic);
  d = await readyPlan(clinic, { stock: 2 });
  freeOfA = a.received.filter((s) => !a.serials.includes(s)).sort()[0] as string;
  const when = (iso: string) => ({ at: () => setClock(iso), after: () => setClock(null) });
  await completedCase(clinic, a, { ...when('2026-08-10T15:00:00Z') });
  await completedCase(clinic, d, { surgeonId: surgeon2, ...when('2026-09-15T14:00:00Z') });
  await completedCase(clinic, b, {
    surgeonId: surgeon2,
    extra: { itemId: a.implantItem.id, serials: [freeOfA] },
    ...when('2026-11-01T03:30:00Z'),
  });
  await completedCase(clinic, c, { ...when('2026-08-01T03:30:00Z') });
  lotA = (await batchOf(a.implantItem.id)).batchNumber;
  lotB = (await batchOf(b.implantItem.id)).batchNumber;
  lotD = (await batchOf(d.implantItem.id)).batchNumber;

  // Gauze at 3.15 a unit, in lots around the windows of today (2026-11-15).
  const nurse = clinic.as('NURSE');
  gauze = expectStatus(
    'gauze',
    await nurse.post('/inventory/items', {
      code: 'zz-gauze',
      name: 'Gauze swabs',
      category: 'CONSUMABLE',
      unitPrice: '3.15',
      isBillable: false,
      requiresSerialNumber: false,
    }),
    201,
  );
  const lots: [string, string, number][] = [
    ['G-EXP', '2026-11-14', 5], // expired yesterday
    ['G-D0', '2026-11-15', 2], // today: 0 days, DAYS_30
    ['G-D30', '2026-12-15', 10], // +30: DAYS_30
    ['G-D31', '2026-12-16', 7], // +31: DAYS_60
    ['G-D60', '2027-01-14', 6], // +60: DAYS_60
    ['G-D61', '2027-01-15', 4], // +61: DAYS_90
    ['G-D90', '2027-02-13', 3], // +90: DAYS_90
    ['G-D91', '2027-02-14', 8], // +91: not expiring
    ['G-EMPTY', '2026-11-20', 1], // then written off: nothing on hand
  ];
  for (const [batchNumber, expiresAt, quantity] of lots)
    gauzeLots[batchNumber] = expectStatus(
      `receive ${batchNumber}`,
      await nurse.post(`/inventory/items/${gauze.id}/batches`, {
        batchNumber,
        expiresAt,
        quantity,
      }),
      201,
    ).id;
  expectStatus(
    'write off',
    await nurse.post(`/inventory/batches/${gauzeLots['G-EMPTY']}/adjustments`, {
      quantityDelta: -1,
      reason: 'DAMAGE',
    }),
    201,
  );

  // Lot LA recalled on Oct 19 22:00 EDT (Oct 20 in UTC); patient A contacted, B not.
  setClock('2026-10-20T02:00:00Z');
  const batchA = await batchOf(a.implantItem.id);
  recallId = expectStatus(
    'recall',
    await nurse.post(`/inventory/batches/${batchA.batchId}/recalls`, {
      reason: 'Shell rupture notice',
    }),
    201,
  ).id;
  expectStatus(
    'contact',
    await nurse.post(`/inventory/recall-records/${recallId}/contacts`, {
      patientId: a.patient.id,
      method: 'PHONE',
    }),
    201,
  );
  // A closed recall of LB is not listed.
  const closed = expectStatus(
    'recall B',
    await nurse.post(`/inventory/batches/${(await batchOf(b.implantItem.id)).batchId}/recalls`, {
      reason: 'Labelling error',
    }),
    201,
  );
  expectStatus('close', await nurse.post(`/inventory/recall-records/${closed.id}/close`, {}), 200);
  setClock(NOW);
}, 120_000);
afterAll(async () => {
  setClock(null);
  await t.close();
});

const report = (query: string) => clinic.as('COORDINATOR').get(`/reports/implants?${query}`);

/** Item codes carry random tags: the report orders rows by item code (then lot). */
const byCode = <R extends { itemCode: string }>(rows: R[]) =>
  [...rows].sort((x, y) => (x.itemCode < y.itemCode ? -1 : x.itemCode > y.itemCode ? 1 : 0));

describe('GET /reports/implants', () => {
  it('counts units used by item and lot, stock and its value, expiring lots and open recalls', async () => {
    const res = await report(RANGE);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2026-08-01',
      to: '2026-10-31',
      timeZone: 'America/New_York',
      surgeonId: null,
      generatedAt: NOW,
    });
    expect(res.body.summary).toEqual({
      // LA 2 (Aug 10) + 1 (Oct 31 EDT), LB 2 (Oct 31 EDT), LD 2 (Sep 15); LC was Jul 31 EDT.
      unitsUsed: 7,
      // Implants A 4−3, B 3−2, C 3−2 (D: 2−2 = 0); sutures 4 × 20; gauze 5+2+10+7+6+4+3+8 = 45.
      onHand: 1 + 1 + 1 + 80 + 45,
      // 3 × 400.00 + 4 × 20 × 12.50 + 45 × 3.15 = 1200.00 + 1000.00 + 141.75
      stockValue: '2341.75',
      expiring30: 12, // G-D0 2 + G-D30 10
      expiring60: 13, // G-D31 7 + G-D60 6
      expiring90: 7, // G-D61 4 + G-D90 3
      expired: 5, // G-EXP
      openRecalls: 1,
      patientsToContact: 1,
    });
    expect(res.body.rows).toEqual(
      byCode(
        [
          { item: a.implantItem, lot: lotA, units: 3 },
          { item: b.implantItem, lot: lotB, units: 2 },
          { item: d.implantItem, lot: lotD, units: 2 },
        ].map(({ item, lot, units }) => ({
          inventoryItemId: item.id,
          itemCode: item.code,
          itemName: 'Silicone breast implant 300cc round',
          batchId: expect.any(String),
          lotNumber: lot,
          unitsUsed: units,
        })),
      ),
    );
    const implant = (p: ReadyPlan) => ({
      inventoryItemId: p.implantItem.id,
      itemCode: p.implantItem.code,
      itemName: 'Silicone breast implant 300cc round',
      onHand: 1,
      reserved: 0,
      unitPrice: '400.00',
      value: '400.00',
    });
    const sutures = (p: ReadyPlan) => ({
      inventoryItemId: p.suturesItem.id,
      itemCode: p.suturesItem.code,
      itemName: 'Absorbable sutures',
      onHand: 20,
      reserved: 0,
      unitPrice: '12.50',
      value: '250.00',
    });
    expect(res.body.stock).toEqual(
      byCode([
        implant(a),
        implant(b),
        implant(c),
        ...[a, b, c, d].map(sutures),
        {
          inventoryItemId: gauze.id,
          itemCode: 'zz-gauze',
          itemName: 'Gauze swabs',
          onHand: 45,
          reserved: 0,
          unitPrice: '3.15',
          value: '141.75',
        },
      ]),
    );
    const lot = (batchNumber: string, expiresOn: string, onHand: number, window: string) => ({
      inventoryItemId: gauze.id,
      itemCode: 'zz-gauze',
      itemName: 'Gauze swabs',
      batchId: gauzeLots[batchNumber],
      lotNumber: batchNumber,
      expiresOn,
      onHand,
      window,
    });
    expect(res.body.expiring).toEqual([
      lot('G-EXP', '2026-11-14', 5, 'EXPIRED'),
      lot('G-D0', '2026-11-15', 2, 'DAYS_30'),
      lot('G-D30', '2026-12-15', 10, 'DAYS_30'),
      lot('G-D31', '2026-12-16', 7, 'DAYS_60'),
      lot('G-D60', '2027-01-14', 6, 'DAYS_60'),
      lot('G-D61', '2027-01-15', 4, 'DAYS_90'),
      lot('G-D90', '2027-02-13', 3, 'DAYS_90'),
    ]);
    expect(res.body.recalls).toEqual([
      {
        recallId,
        batchId: expect.any(String),
        lotNumber: lotA,
        itemName: 'Silicone breast implant 300cc round',
        openedOn: '2026-10-19',
        reason: 'Shell rupture notice',
        patients: 2,
        contacted: 1,
        toContact: [
          {
            patientId: b.patient.id,
            name: `Maria ${b.patient.lastName}`,
            mrn: b.patient.mrn,
            serialNumbers: [freeOfA],
          },
        ],
      },
    ]);
  });

  it('audits each patient a recall list names, and only them', async () => {
    const audit = (patientId: string) =>
      clinic
        .as('ADMIN')
        .get(
          `/audit-events?entityType=Patient&entityId=${patientId}&action=report.implants-recall-list`,
        );
    const before = (await audit(b.patient.id)).body.data.length;
    expect((await report(RANGE)).status).toBe(200);
    const after = (await audit(b.patient.id)).body.data;
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ actorId: clinic.staff.COORDINATOR.id });
    expect((await audit(a.patient.id)).body.data).toEqual([]);
  });

  it("filters usage by the case's surgeon; stock, expiry and recalls stay the clinic's", async () => {
    const one = (await report(`${RANGE}&surgeonId=${clinic.staff.SURGEON.id}`)).body;
    // Surgeon 1: case A only (case C is before the range).
    expect(one.rows).toEqual([
      expect.objectContaining({ inventoryItemId: a.implantItem.id, lotNumber: lotA, unitsUsed: 2 }),
    ]);
    expect(one.summary).toMatchObject({ unitsUsed: 2, onHand: 128, openRecalls: 1 });
    expect(one.surgeonId).toBe(clinic.staff.SURGEON.id);
    const two = (await report(`${RANGE}&surgeonId=${surgeon2}`)).body;
    // Surgeon 2: case D (LD 2) and case B (LA 1, LB 2).
    expect(two.summary.unitsUsed).toBe(5);
    expect(Object.fromEntries(two.rows.map((r: any) => [r.lotNumber, r.unitsUsed]))).toEqual({
      [lotA]: 1,
      [lotB]: 2,
      [lotD]: 2,
    });
    // A range of Jul 31 alone holds case C; Nov 1 (after 04:00Z) nothing.
    const jul31 = (await report('from=2026-07-31&to=2026-07-31')).body;
    expect(jul31.rows.map((r: any) => [r.inventoryItemId, r.unitsUsed])).toEqual([
      [c.implantItem.id, 2],
    ]);
    expect((await report('from=2026-11-01&to=2026-11-01')).body.summary.unitsUsed).toBe(0);
  });

  it('gives each table as CSV', async () => {
    const rows = await report(`${RANGE}&format=csv`);
    expect(rows.status).toBe(200);
    expect(rows.headers['content-type']).toMatch(/^text\/csv/);
    const usage = byCode(
      [
        { code: a.implantItem.code, lot: lotA, units: 3 },
        { code: b.implantItem.code, lot: lotB, units: 2 },
        { code: d.implantItem.code, lot: lotD, units: 2 },
      ].map((r) => ({ ...r, itemCode: r.code })),
    );
    expect(rows.text).toBe(
      '\uFEFFitemCode,itemName,lotNumber,unitsUsed\r\n' +
        usage
          .map((r) => `${r.code},Silicone breast implant 300cc round,${r.lot},${r.units}\r\n`)
          .join(''),
    );
    const expiring = await report(`${RANGE}&format=csv&section=expiring`);
    expect(expiring.text.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFitemCode,itemName,lotNumber,expiresOn,onHand,window',
      'zz-gauze,Gauze swabs,G-EXP,2026-11-14,5,EXPIRED',
      'zz-gauze,Gauze swabs,G-D0,2026-11-15,2,DAYS_30',
    ]);
    const stock = await report(`${RANGE}&format=csv&section=stock`);
    expect(stock.text.split('\r\n').at(-2)).toBe('zz-gauze,Gauze swabs,45,0,3.15,141.75');
    const recall = await report(`${RANGE}&format=csv&section=recall-patients`);
    expect(recall.text).toBe(
      '\uFEFFrecallId,lotNumber,itemName,patientId,name,mrn,serialNumbers\r\n' +
        `${recallId},${lotA},Silicone breast implant 300cc round,${b.patient.id},Maria ${b.patient.lastName},${b.patient.mrn},${freeOfA}\r\n`,
    );
  });

  it('refuses bad parameters and roles not allowed', async () => {
    const field = async (query: string) => {
      const res = await report(query);
      expect(res.status).toBe(400);
      return res.body.errors.map((e: any) => e.path);
    };
    expect(await field('from=2026-10-31&to=2026-08-01')).toEqual(['to']);
    expect(await field('from=2024-01-01&to=2027-01-01')).toEqual(['to']);
    expect(await field(`${RANGE}&surgeonId=0190aaaa-0000-7000-8000-000000000000`)).toEqual([
      'surgeonId',
    ]);
    expect(await field(`${RANGE}&surgeonId=${clinic.staff.NURSE.id}`)).toEqual(['surgeonId']);
    expect(await field(`${RANGE}&section=stock`)).toEqual(['section']);
    expect(await field(`${RANGE}&format=csv&section=nothing`)).toEqual(['section']);
    for (const role of ['NURSE', 'SURGEON'] as const)
      expect((await clinic.as(role).get(`/reports/implants?${RANGE}`)).status).toBe(403);
    for (const role of ['ADMIN', 'BILLING'] as const)
      expect((await clinic.as(role).get(`/reports/implants?${RANGE}`)).status).toBe(200);
  });
});
