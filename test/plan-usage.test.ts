import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Given, type ClinicWithStaff } from './support/given';
import { caseBody, expectStatus, operatingRoom, readyPlan } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let day = 30;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Plan Usage Clinic');
});
afterAll(() => t.close());

const nurse = () => clinic.as('NURSE');

/** Starts a case booked for a later day, as a nurse does with a reason. */
const start = (caseId: string) =>
  nurse().post(`/surgical-cases/${caseId}/start`, {
    reason: 'Started ahead of its booked day in a test',
  });
const availability = async (planId: string) =>
  expectStatus(
    'availability',
    await nurse().get(`/procedure-plans/${planId}/inventory/availability`),
    200,
  ).data;

async function bookedCase(ready: Awaited<ReturnType<typeof readyPlan>>): Promise<any> {
  const room = await operatingRoom(clinic);
  return expectStatus(
    'schedule',
    await clinic
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(clinic, ready.plan, room, (day += 2))),
    201,
  );
}

describe('GET /procedure-plans/{id}/inventory/availability of a completed plan', () => {
  it('shows the serials and lots the surgery used and no shortfall', async () => {
    // One implant in stock beyond the two reserved: once they are used, a shortfall would show.
    const ready = await readyPlan(clinic, { stock: 2 });
    const implantRequirement = ready.plan.inventoryRequirements.find(
      (r: any) => r.inventoryItemId === ready.implantItem.id,
    );
    const booked = await bookedCase(ready);
    const before = await availability(ready.plan.id);
    expect(before.find((a: any) => a.requirementId === implantRequirement.id)).toMatchObject({
      allocated: 2,
      used: 0,
      usedUnits: [],
    });
    expectStatus('start', await start(booked.id), 200);
    expectStatus('complete', await nurse().post(`/surgical-cases/${booked.id}/complete`, {}), 200);

    const after = await availability(ready.plan.id);
    const implants = after.find((a: any) => a.requirementId === implantRequirement.id);
    expect(implants).toMatchObject({ required: 2, allocated: 0, used: 2, shortfall: 0 });
    expect(implants.usedUnits.map((u: any) => u.serialNumber).sort()).toEqual(ready.serials);
    for (const unit of implants.usedUnits)
      expect(unit).toMatchObject({ lotNumber: expect.stringMatching(/^LOT-/), quantity: 1 });
    // The sutures were never reserved nor recorded: nothing used, and nothing missing either.
    const sutures = after.find((a: any) => a.requirementId !== implantRequirement.id);
    expect(sutures).toMatchObject({ used: 0, usedUnits: [], shortfall: 0 });
  });

  it('counts a free implant used instead of a reserved one on the requirement of its item', async () => {
    const ready = await readyPlan(clinic, { stock: 3 });
    const booked = await bookedCase(ready);
    expectStatus('start', await start(booked.id), 200);
    const free = ready.received.find((s) => !ready.serials.includes(s));
    const used = [ready.serials[0], free];
    for (const serial of used)
      expectStatus(
        'usage',
        await nurse().post(`/surgical-cases/${booked.id}/inventory-usage`, {
          inventoryItemId: ready.implantItem.id,
          serialNumber: serial,
          quantity: 1,
        }),
        201,
      );
    expectStatus(
      'sutures',
      await nurse().post(`/surgical-cases/${booked.id}/inventory-usage`, {
        inventoryItemId: ready.suturesItem.id,
        quantity: 2,
      }),
      201,
    );
    expectStatus('complete', await nurse().post(`/surgical-cases/${booked.id}/complete`, {}), 200);
    const sutures = (await availability(ready.plan.id)).find(
      (a: any) => a.inventoryItemCode === ready.suturesItem.code,
    );
    expect(sutures).toMatchObject({
      used: 2,
      usedUnits: [{ serialNumber: null, lotNumber: expect.stringMatching(/^SUT-/), quantity: 2 }],
    });
    const implants = (await availability(ready.plan.id)).find(
      (a: any) => a.inventoryItemCode === ready.implantItem.code,
    );
    expect(implants.usedUnits.map((u: any) => u.serialNumber).sort()).toEqual(used.sort());
    expect(implants).toMatchObject({ used: 2, shortfall: 0 });
  });
});
