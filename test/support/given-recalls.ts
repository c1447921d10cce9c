import type { ClinicWithStaff } from './given';
import { caseBody, expectStatus, operatingRoom, readyPlan, type ReadyPlan } from './given-theater';

// Far from the days other helpers book, so that one surgeon is never booked twice at once.
let nextDay = 150;

/**
 * A case for a ready plan, by `surgeonId`, booked on a day of its own (ahead), then started (with
 * a reason), the given extra serials of `extra` recorded as used, and completed — which consumes
 * the plan's reserved implants. `at` runs before the start and before the completion: a test
 * moves the Clock there, so the usages are stamped with the moment it chose.
 */
export async function completedCase(
  clinic: ClinicWithStaff,
  ready: ReadyPlan,
  options: {
    surgeonId?: string;
    extra?: { itemId: string; serials: string[] };
    at?: () => void;
    after?: () => void;
  } = {},
): Promise<string> {
  const room = await operatingRoom(clinic);
  const booked = expectStatus(
    'schedule',
    await clinic.as('COORDINATOR').post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, room, (nextDay += 2), {
        surgeonId: options.surgeonId ?? clinic.staff.SURGEON.id,
      }),
    ),
    201,
  );
  options.at?.();
  try {
    const nurse = clinic.as('NURSE');
    expectStatus(
      'start',
      await nurse.post(`/surgical-cases/${booked.id}/start`, {
        reason: 'Started ahead of its booked day in a test',
      }),
      200,
    );
    for (const serial of options.extra?.serials ?? [])
      expectStatus(
        'usage',
        await nurse.post(`/surgical-cases/${booked.id}/inventory-usage`, {
          inventoryItemId: options.extra?.itemId,
          serialNumber: serial,
          quantity: 1,
        }),
        201,
      );
    expectStatus('complete', await nurse.post(`/surgical-cases/${booked.id}/complete`, {}), 200);
  } finally {
    options.after?.();
  }
  return booked.id;
}

export interface RecalledLot {
  /** Plan A: its implant item's lot (4 received) is the one recalled. */
  a: ReadyPlan;
  b: ReadyPlan;
  batchId: string;
  /** The serials of the lot patient A received (2) and patient B received (1). */
  serialsOfA: string[];
  serialOfB: string;
}

/**
 * A lot with two recipients: patient A's case uses its two reserved implants; patient B's case
 * uses one free implant of A's lot (and its own plan's two, of another lot).
 */
export async function lotWithTwoRecipients(clinic: ClinicWithStaff): Promise<RecalledLot> {
  const a = await readyPlan(clinic, { stock: 4 });
  const b = await readyPlan(clinic);
  const free = a.received.filter((s) => !a.serials.includes(s));
  const serialOfB = free[0] as string;
  await completedCase(clinic, a);
  await completedCase(clinic, b, { extra: { itemId: a.implantItem.id, serials: [serialOfB] } });
  const stock = expectStatus(
    'stock',
    await clinic.as('NURSE').get(`/inventory/items/${a.implantItem.id}/stock`),
    200,
  );
  return {
    a,
    b,
    batchId: stock.batches[0].batchId,
    serialsOfA: [...a.serials].sort(),
    serialOfB,
  };
}
