import type { components } from '../../api/schema';

export type Hold = components['schemas']['HoldPageDto_Output']['data'][number];

/**
 * What one plan requirement holds: a release gives all of it back at once, so the holds screen
 * shows one row per requirement (two implants of one plan are one row with two serials).
 */
export interface RequirementHold {
  requirementId: string;
  procedurePlanId: string;
  planNumber: string;
  planStatus: string;
  planVersion: number;
  patientId: string;
  mrn: string;
  firstName: string;
  lastName: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  batchNumbers: string[];
  serialNumbers: string[];
  quantity: number;
  /** When its oldest unit was reserved. */
  allocatedAt: string;
}

/** The API's holds (one per reserved unit or bulk quantity) per requirement, oldest first. */
export function holdsByRequirement(holds: readonly Hold[]): RequirementHold[] {
  const byRequirement = new Map<string, RequirementHold>();
  for (const h of holds) {
    const held = byRequirement.get(h.requirementId);
    if (held === undefined) {
      byRequirement.set(h.requirementId, {
        requirementId: h.requirementId,
        procedurePlanId: h.procedurePlanId,
        planNumber: h.planNumber,
        planStatus: h.planStatus,
        planVersion: h.planVersion,
        patientId: h.patientId,
        mrn: h.mrn,
        firstName: h.firstName,
        lastName: h.lastName,
        itemId: h.itemId,
        itemCode: h.itemCode,
        itemName: h.itemName,
        batchNumbers: [h.batchNumber],
        serialNumbers: h.serialNumber === null ? [] : [h.serialNumber],
        quantity: h.quantity,
        allocatedAt: h.allocatedAt,
      });
      continue;
    }
    if (!held.batchNumbers.includes(h.batchNumber)) held.batchNumbers.push(h.batchNumber);
    if (h.serialNumber !== null) held.serialNumbers.push(h.serialNumber);
    held.quantity += h.quantity;
    if (h.allocatedAt < held.allocatedAt) held.allocatedAt = h.allocatedAt;
    // The newest version seen: a later page was read after an earlier one.
    held.planVersion = Math.max(held.planVersion, h.planVersion);
  }
  return [...byRequirement.values()];
}

/** The ages the screen filters by: "held longer than". */
export const HOLD_AGES: readonly { days: number; label: string }[] = [
  { days: 0, label: 'Any age' },
  { days: 7, label: 'Over 7 days' },
  { days: 14, label: 'Over 14 days' },
  { days: 30, label: 'Over 30 days' },
  { days: 90, label: 'Over 90 days' },
];

/** The `olderThanDays` of the address, when it is one the screen offers; else any age. */
export function holdAge(param: string | null): number {
  const days = Number(param);
  return HOLD_AGES.some((a) => a.days === days) && param !== null ? days : 0;
}
