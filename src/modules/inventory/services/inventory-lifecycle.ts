import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { invariant } from '../../../common/invariant';
import { TransitionTable } from '../../../common/state-machine';
import { InventoryAllocationRepository } from '../repositories/inventory-allocation.repository';
import {
  InventoryStockRepository,
  type UnitChanges,
} from '../repositories/inventory-stock.repository';
import {
  ALLOCATION_STATUSES,
  UNIT_STATUSES,
  type AllocationStatus,
  type UnitStatus,
} from '../repositories/inventory-stock.schema';

export const UNIT_EVENTS = ['reserve', 'release', 'consume', 'remove'] as const;
export type UnitEvent = (typeof UNIT_EVENTS)[number];

/**
 * A serial-numbered unit's state machine (docs/inventory.md): reserved for a plan and released
 * back to the shelf; consumed into a patient from its plan's reservation or straight from the
 * shelf; removed from the shelf by an adjustment only when AVAILABLE. CONSUMED and REMOVED are
 * final: a consumed unit keeps its patient for good.
 */
export const UNIT_TRANSITIONS = new TransitionTable<UnitStatus, UnitEvent>(
  UNIT_STATUSES,
  UNIT_EVENTS,
  [
    { from: 'AVAILABLE', event: 'reserve', to: 'RESERVED' },
    { from: 'RESERVED', event: 'release', to: 'AVAILABLE' },
    { from: 'RESERVED', event: 'consume', to: 'CONSUMED' },
    { from: 'AVAILABLE', event: 'consume', to: 'CONSUMED' },
    { from: 'AVAILABLE', event: 'remove', to: 'REMOVED' },
  ],
);

export const ALLOCATION_EVENTS = ['release', 'consume'] as const;
export type AllocationEvent = (typeof ALLOCATION_EVENTS)[number];

/**
 * A reservation's state machine (`inventory_allocations`, the hold a plan's requirement has on a
 * batch): ACTIVE until released back to the batch or consumed in the surgery; both are final.
 */
export const ALLOCATION_TRANSITIONS = new TransitionTable<AllocationStatus, AllocationEvent>(
  ALLOCATION_STATUSES,
  ALLOCATION_EVENTS,
  [
    { from: 'ACTIVE', event: 'release', to: 'RELEASED' },
    { from: 'ACTIVE', event: 'consume', to: 'CONSUMED' },
  ],
);

/**
 * The only writer of a unit's and an allocation's status. Stock moves many rows at once (a plan's
 * implants, a batch's reservations), so each event is one conditional update of every row whose
 * status the table takes the event from; when a row is in another status the event is refused
 * with 409 INVALID_STATE_TRANSITION naming it (the caller's transaction then rolls back). Units and
 * allocations have no audit events of their own: the plan's, case's or batch's use case records
 * them.
 */
@Injectable()
export class InventoryLifecycle {
  constructor(
    private readonly stock: InventoryStockRepository,
    private readonly allocations: InventoryAllocationRepository,
  ) {}

  async fireUnits(
    db: Db,
    clinicId: ClinicId,
    unitIds: readonly string[],
    event: UnitEvent,
    changes: UnitChanges = {},
  ): Promise<void> {
    const moved = await this.moveUnitsAllowed(db, clinicId, unitIds, event, changes);
    if (moved.length === unitIds.length) return;
    const refused = (await this.stock.unitsByIds(db, clinicId, unitIds)).find(
      (u) => !moved.includes(u.id),
    );
    invariant(refused, 'a unit the update did not move exists: its id came from the database');
    UNIT_TRANSITIONS.next(refused.status, event);
  }

  /** Moves only the units the table takes `event` from; answers their ids (an adjustment's rule). */
  moveUnitsAllowed(
    db: Db,
    clinicId: ClinicId,
    unitIds: readonly string[],
    event: UnitEvent,
    changes: UnitChanges = {},
  ): Promise<string[]> {
    return this.stock.moveUnits(db, clinicId, unitIds, movesOf(UNIT_TRANSITIONS, event), changes);
  }

  async fireAllocations(
    db: Db,
    clinicId: ClinicId,
    allocationIds: readonly string[],
    event: AllocationEvent,
    changes: { releasedAt?: Date } = {},
  ): Promise<void> {
    const moved = await this.allocations.moveAllocations(
      db,
      clinicId,
      allocationIds,
      movesOf(ALLOCATION_TRANSITIONS, event),
      changes,
    );
    if (moved.length === allocationIds.length) return;
    const refused = (await this.allocations.allocationStatuses(db, clinicId, allocationIds)).find(
      (a) => !moved.includes(a.id),
    );
    invariant(
      refused,
      'an allocation the update did not move exists: its id came from the database',
    );
    ALLOCATION_TRANSITIONS.next(refused.status, event);
  }
}

/** The statuses `event` leaves from, and the one it leads to (these tables have no guards). */
function movesOf<S extends string, E extends string>(
  table: TransitionTable<S, E>,
  event: E,
): { from: S[]; to: S } {
  const rows = table.transitions.filter((t) => t.event === event);
  const to = rows[0]?.to;
  invariant(
    to !== undefined && rows.every((r) => r.to === to),
    `every row of ${event} leads to one status`,
  );
  return { from: rows.map((r) => r.from), to };
}
