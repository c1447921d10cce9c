import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustedClinicId, type Caller } from '../../src/common/auth/caller';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import { toProblem } from '../../src/common/errors/to-problem';
import {
  InventoryAllocator,
  type ReservationRequest,
} from '../../src/modules/inventory/services/inventory-allocator';
import { ProcedurePlanWorkflowService } from '../../src/modules/procedure-plan/services/procedure-plan-workflow.service';
import { Given, type ClinicWithStaff } from '../support/given';
import { daysFromNow, expectStatus } from '../support/given-theater';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The allocator's rules (docs/inventory.md "Pre-allocation"), on InventoryAllocator itself over a
 * real database, without HTTP: first-expiry-first-out, one batch per requirement, holds that no
 * second reservation can take, batches expired on the day of use never used, too little stock
 * reserving nothing, and a cancelled plan giving everything back. test/inventory-allocation.test.ts
 * shows the same rules as answers of the API.
 */
let t: TestApp;
let clinic: ClinicWithStaff;
let tx: TransactionRunner;
let allocator: InventoryAllocator;
let caller: Caller;

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  clinic = await given.clinicWithStaff('Allocator Clinic');
  tx = t.app.get(TransactionRunner);
  allocator = t.app.get(InventoryAllocator);
  caller = {
    userId: clinic.staff.NURSE.id,
    clinicId: trustedClinicId(clinic.clinicId),
    role: 'NURSE',
    requestId: 'allocator',
  };
  patientId = (await given.patient(clinic)).id;
});
afterAll(() => t.close());

let patientId: string;

interface Item {
  id: string;
  code: string;
  serialTracked: boolean;
}

/** A fresh item of the catalog: implants by serial number, or a bulk supply. */
async function item(serialTracked: boolean): Promise<Item> {
  const code = `${serialTracked ? 'implant' : 'gauze'}-${randomBytes(4).toString('hex')}`;
  const created = expectStatus(
    'item',
    await clinic.as('NURSE').post('/inventory/items', {
      code,
      name: serialTracked ? 'Breast implant 300cc round' : 'Gauze pads',
      category: serialTracked ? 'IMPLANT' : 'CONSUMABLE',
      unitPrice: '10.00',
      isBillable: false,
      requiresSerialNumber: serialTracked,
    }),
    201,
  );
  return { id: created.id, code, serialTracked };
}

/** A lot received over the API: serials for an implant, a quantity otherwise. Answers its id. */
async function batch(of: Item, expiresAt: string | null, count: number): Promise<string> {
  const lot = `LOT-${randomBytes(3).toString('hex')}`;
  return expectStatus(
    'receive',
    await clinic.as('NURSE').post(`/inventory/items/${of.id}/batches`, {
      batchNumber: lot,
      ...(expiresAt === null ? {} : { expiresAt }),
      ...(of.serialTracked
        ? { serialNumbers: Array.from({ length: count }, (_, i) => `${lot}-SN${i + 1}`) }
        : { quantity: count }),
    }),
    201,
  ).id;
}

/** A DRAFT plan with one requirement of `quantity` of the item. */
async function planNeeding(of: Item, quantity: number) {
  const plan = expectStatus(
    'plan',
    await clinic.as('COORDINATOR').post('/procedure-plans', {
      patientId,
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      inventoryRequirements: [
        { inventoryItemId: of.id, quantity, requiresSerialNumber: of.serialTracked },
      ],
    }),
    201,
  );
  return { planId: plan.id as string, requirementId: plan.inventoryRequirements[0].id as string };
}

async function reserve(
  of: Item,
  quantity: number,
  options: { batchId?: string; usableOn?: string } = {},
) {
  const { planId, requirementId } = await planNeeding(of, quantity);
  const request: ReservationRequest = {
    planId,
    requirementId,
    itemId: of.id,
    itemCode: of.code,
    quantity,
    serialTracked: of.serialTracked,
    batchId: options.batchId,
    usableOn: options.usableOn ?? daysFromNow(0),
  };
  return {
    planId,
    requirementId,
    reservation: tx.run((db) => allocator.reserve(db, caller, request)),
  };
}

async function counts(batchId: string): Promise<{ onHand: number; reserved: number }> {
  const result = await tx.db.execute(
    sql`SELECT on_hand AS "onHand", reserved FROM inventory_batches
        WHERE clinic_id = ${clinic.clinicId} AND id = ${batchId}`,
  );
  return z
    .object({ rows: z.tuple([z.object({ onHand: z.number(), reserved: z.number() })]) })
    .parse(result).rows[0];
}

async function unitStatuses(batchId: string): Promise<Record<string, string>> {
  const result = await tx.db.execute(
    sql`SELECT serial_number AS serial, status::text AS status FROM inventory_units
        WHERE clinic_id = ${clinic.clinicId} AND batch_id = ${batchId} ORDER BY serial_number`,
  );
  const rows = z
    .object({ rows: z.array(z.object({ serial: z.string(), status: z.string() })) })
    .parse(result).rows;
  return Object.fromEntries(rows.map((r) => [r.serial, r.status]));
}

async function allocationStatuses(requirementId: string): Promise<string[]> {
  const result = await tx.db.execute(
    sql`SELECT status::text AS status FROM inventory_allocations
        WHERE clinic_id = ${clinic.clinicId} AND requirement_id = ${requirementId}`,
  );
  return z
    .object({ rows: z.array(z.object({ status: z.string() })) })
    .parse(result)
    .rows.map((r) => r.status);
}

async function refusal(reservation: Promise<unknown>) {
  const error = await reservation.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the reservation must be refused').toBeDefined();
  return toProblem(error).problem;
}

describe('InventoryAllocator.reserve', () => {
  it('takes the batch that expires first, first-expiry-first-out', async () => {
    const implant = await item(true);
    const later = await batch(implant, daysFromNow(400), 3);
    const sooner = await batch(implant, daysFromNow(100), 3);
    const never = await batch(implant, null, 3);
    const { reservation } = await reserve(implant, 2);
    const held = await reservation;
    expect(held.batchId).toBe(sooner);
    // The lowest serials of that batch, now RESERVED and counted as reserved.
    expect(held.serialNumbers).toHaveLength(2);
    expect(Object.values(await unitStatuses(sooner))).toEqual([
      'RESERVED',
      'RESERVED',
      'AVAILABLE',
    ]);
    expect(await counts(sooner)).toEqual({ onHand: 3, reserved: 2 });
    expect(await counts(later)).toEqual({ onHand: 3, reserved: 0 });
    expect(await counts(never)).toEqual({ onHand: 3, reserved: 0 });
  });

  it('takes one batch per requirement: the first that covers the whole quantity', async () => {
    const gauze = await item(false);
    const small = await batch(gauze, daysFromNow(30), 4);
    const big = await batch(gauze, daysFromNow(60), 10);
    const held = await (await reserve(gauze, 6)).reservation;
    expect(held.batchId).toBe(big);
    expect(await counts(small)).toEqual({ onHand: 4, reserved: 0 });
    expect(await counts(big)).toEqual({ onHand: 10, reserved: 6 });
  });

  it('never promises held stock twice: a second plan gets what the first left, then nothing', async () => {
    const implant = await item(true);
    const lot = await batch(implant, daysFromNow(200), 3);
    const first = await (await reserve(implant, 2)).reservation;
    const second = await (await reserve(implant, 1)).reservation;
    expect(second.serialNumbers).toHaveLength(1);
    expect(first.serialNumbers).not.toContain(second.serialNumbers[0]);
    expect(await counts(lot)).toEqual({ onHand: 3, reserved: 3 });

    const third = await reserve(implant, 1);
    expect(await refusal(third.reservation)).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_INVENTORY',
      shortage: { needed: 1, available: 0, itemCode: implant.code },
    });
    expect(await allocationStatuses(third.requirementId)).toEqual([]);
  });

  it('does not use a batch that expires before the day of use', async () => {
    const implant = await item(true);
    const expiring = await batch(implant, daysFromNow(10), 2);
    // A surgery in 20 days cannot use implants that expire in 10.
    const late = await reserve(implant, 1, { usableOn: daysFromNow(20) });
    expect(await refusal(late.reservation)).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_INVENTORY',
      shortage: { needed: 1, available: 0 },
    });
    // The same batch named by the caller is refused as well.
    const named = await reserve(implant, 1, { batchId: expiring, usableOn: daysFromNow(20) });
    expect((await refusal(named.reservation)).code).toBe('INSUFFICIENT_INVENTORY');
    // Used on an earlier day, it serves.
    const early = await (await reserve(implant, 1, { usableOn: daysFromNow(5) })).reservation;
    expect(early.batchId).toBe(expiring);
  });

  it('reserves nothing when no single batch has enough', async () => {
    const implant = await item(true);
    const a = await batch(implant, daysFromNow(90), 2);
    const b = await batch(implant, daysFromNow(120), 2);
    const short = await reserve(implant, 3);
    expect(await refusal(short.reservation)).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_INVENTORY',
      shortage: { needed: 3, available: 2 },
    });
    expect(await counts(a)).toEqual({ onHand: 2, reserved: 0 });
    expect(await counts(b)).toEqual({ onHand: 2, reserved: 0 });
    expect(Object.values(await unitStatuses(a))).toEqual(['AVAILABLE', 'AVAILABLE']);
    expect(await allocationStatuses(short.requirementId)).toEqual([]);
  });

  it('takes the batch the caller names over first-expiry-first-out', async () => {
    const gauze = await item(false);
    await batch(gauze, daysFromNow(30), 5);
    const named = await batch(gauze, daysFromNow(300), 5);
    const held = await (await reserve(gauze, 2, { batchId: named })).reservation;
    expect(held.batchId).toBe(named);
    expect(await counts(named)).toEqual({ onHand: 5, reserved: 2 });
  });
});

describe('InventoryAllocator.release', () => {
  it('gives a requirement’s hold back to the shelf', async () => {
    const implant = await item(true);
    const lot = await batch(implant, daysFromNow(200), 2);
    const { requirementId, reservation } = await reserve(implant, 2);
    await reservation;
    const released = await tx.run((db) => allocator.release(db, caller.clinicId, [requirementId]));
    expect(released).toBe(2);
    expect(await counts(lot)).toEqual({ onHand: 2, reserved: 0 });
    expect(Object.values(await unitStatuses(lot))).toEqual(['AVAILABLE', 'AVAILABLE']);
    expect(await allocationStatuses(requirementId)).toEqual(['RELEASED', 'RELEASED']);
  });

  it('gives everything back when the plan is cancelled, in the cancellation', async () => {
    const implant = await item(true);
    const gauze = await item(false);
    const implants = await batch(implant, daysFromNow(200), 2);
    const pads = await batch(gauze, daysFromNow(200), 10);
    const plan = expectStatus(
      'plan',
      await clinic.as('COORDINATOR').post('/procedure-plans', {
        patientId,
        procedureName: 'Breast Augmentation',
        procedureType: 'COSMETIC',
        primaryCPTCode: '19325',
        cptCodes: ['19325'],
        inventoryRequirements: [
          { inventoryItemId: implant.id, quantity: 2, requiresSerialNumber: true },
          { inventoryItemId: gauze.id, quantity: 4 },
        ],
      }),
      201,
    );
    for (const [requirement, of] of [
      [plan.inventoryRequirements[0], implant],
      [plan.inventoryRequirements[1], gauze],
    ] as const) {
      await tx.run((db) =>
        allocator.reserve(db, caller, {
          planId: plan.id,
          requirementId: requirement.id,
          itemId: of.id,
          itemCode: of.code,
          quantity: requirement.quantity,
          serialTracked: of.serialTracked,
          usableOn: daysFromNow(0),
        }),
      );
    }
    expect(await counts(implants)).toEqual({ onHand: 2, reserved: 2 });
    expect(await counts(pads)).toEqual({ onHand: 10, reserved: 4 });

    await t.app
      .get(ProcedurePlanWorkflowService)
      .cancelPlan(
        { ...caller, userId: clinic.staff.COORDINATOR.id, role: 'COORDINATOR' },
        plan.id,
        { reason: 'The patient changed her mind' },
        undefined,
      );
    expect(await counts(implants)).toEqual({ onHand: 2, reserved: 0 });
    expect(await counts(pads)).toEqual({ onHand: 10, reserved: 0 });
    expect(Object.values(await unitStatuses(implants))).toEqual(['AVAILABLE', 'AVAILABLE']);
    for (const requirement of plan.inventoryRequirements)
      expect(new Set(await allocationStatuses(requirement.id))).toEqual(new Set(['RELEASED']));
  });
});
