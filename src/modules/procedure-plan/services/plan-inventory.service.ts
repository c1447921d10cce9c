import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { InvalidStateTransition, NotFound } from '../../../common/errors/domain-error';
import { lockedAtVersion } from '../../../common/http/versioning';
import {
  type Held,
  InsufficientInventory,
  InventoryAllocator,
  InventoryConsumption,
  InventoryQueries,
  type PlanUsage,
} from '../../inventory';
import type {
  AllocateRequirementBody,
  AvailabilityResponse,
  InventoryRequirementResponse,
} from '../dto/procedure-plan-response.dto';
import {
  ProcedurePlanRepository,
  type PlanRow,
  type RequirementWithItem,
} from '../repositories/procedure-plan.repository';
import type { PlanStatus } from '../repositories/procedure-plan.schema';
import { toRequirementResponse } from './plan-presenter';
import { zonedDate } from '../../../common/time-zone';
import { ClinicService } from '../../clinic';

const ENTITY = 'ProcedurePlan';

/** A requirement, what the plan holds for it, and what is free on the shelf. */
export interface RequirementStock {
  requirement: RequirementWithItem;
  held: Held | undefined;
  available: number;
}
/** The seed pre-allocates right after the plan exists; only a finished or cancelled plan cannot. */
const ALLOCATABLE: readonly PlanStatus[] = ['DRAFT', 'QUOTED', 'APPROVED', 'SCHEDULED'];

/** The seed's pre-allocation: reserving and releasing stock for a plan's requirements. */
@Injectable()
export class PlanInventoryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly plans: ProcedurePlanRepository,
    private readonly items: InventoryQueries,
    private readonly allocator: InventoryAllocator,
    private readonly consumption: InventoryConsumption,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly clinics: ClinicService,
  ) {}

  allocate(
    caller: Caller,
    planId: string,
    requirementId: string,
    body: AllocateRequirementBody,
    ifMatch: number | undefined,
  ): Promise<InventoryRequirementResponse> {
    return this.tx.run(async (db) => {
      const { plan, requirement } = await this.lockRequirement(
        db,
        caller,
        planId,
        requirementId,
        ifMatch,
      );
      if (!ALLOCATABLE.includes(plan.status))
        throw new InvalidStateTransition(plan.status, 'allocate inventory for');
      if (requirement.isPreAllocated)
        throw new InvalidStateTransition('ALLOCATED', 'allocate again (release first)');
      const item = await this.items.itemById(db, caller.clinicId, requirement.inventoryItemId);
      if (!item) throw new NotFound('InventoryItem', requirement.inventoryItemId);
      const mismatch = [
        matches(requirement.sizeRequirement, item.size)
          ? undefined
          : `size ${requirement.sizeRequirement}`,
        matches(requirement.shapeRequirement, item.shape)
          ? undefined
          : `shape ${requirement.shapeRequirement}`,
      ].filter(Boolean);
      if (mismatch.length > 0) {
        throw new InsufficientInventory(
          `${item.code} does not match the required ${mismatch.join(' and ')}`,
          {
            requirementId,
            itemCode: item.code,
          },
        );
      }
      const reservation = await this.allocator.reserve(db, caller, {
        planId,
        requirementId,
        itemId: item.id,
        itemCode: item.code,
        quantity: requirement.quantity,
        serialTracked: item.requiresSerialNumber,
        batchId: body.batchId,
        usableOn: await this.usableOn(db, caller.clinicId, planId),
      });
      await this.plans.setAllocation(db, caller.clinicId, requirementId, {
        isPreAllocated: true,
        preAllocatedBatchId: reservation.batchId,
      });
      await this.plans.touch(db, caller.clinicId, planId);
      await this.audit.record(db, caller, {
        action: 'procedure-plan.allocate',
        entityType: ENTITY,
        entityId: planId,
        changedFields: ['inventoryRequirements'],
        metadata: { requirementId, batchId: reservation.batchId, quantity: requirement.quantity },
      });
      return toRequirementResponse(
        { ...requirement, isPreAllocated: true, preAllocatedBatchId: reservation.batchId },
        reservation.serialNumbers,
      );
    });
  }

  release(
    caller: Caller,
    planId: string,
    requirementId: string,
    ifMatch: number | undefined,
  ): Promise<InventoryRequirementResponse> {
    return this.tx.run(async (db) => {
      const { requirement } = await this.lockRequirement(
        db,
        caller,
        planId,
        requirementId,
        ifMatch,
      );
      if (!requirement.isPreAllocated) throw new InvalidStateTransition('NOT_ALLOCATED', 'release');
      await this.releaseRequirement(db, caller, planId, requirementId);
      await this.plans.touch(db, caller.clinicId, planId);
      return toRequirementResponse(
        { ...requirement, isPreAllocated: false, preAllocatedBatchId: null },
        [],
      );
    });
  }

  /** In the caller's transaction: a removed requirement gives its stock back first. */
  async releaseRequirement(
    db: Db,
    caller: Caller,
    planId: string,
    requirementId: string,
  ): Promise<void> {
    const released = await this.allocator.release(db, caller.clinicId, [requirementId]);
    await this.plans.setAllocation(db, caller.clinicId, requirementId, {
      isPreAllocated: false,
      preAllocatedBatchId: null,
    });
    if (released > 0) {
      await this.audit.record(db, caller, {
        action: 'procedure-plan.release',
        entityType: ENTITY,
        entityId: planId,
        changedFields: ['inventoryRequirements'],
        metadata: { requirementId, quantity: released },
      });
    }
  }

  /** In the caller's transaction: a cancelled plan gives back everything it holds (docs/design.md §7). */
  async releaseAllForPlan(db: Db, caller: Caller, planId: string): Promise<void> {
    const requirements = await this.plans.requirementsOf(db, caller.clinicId, [planId]);
    const released = await this.allocator.release(
      db,
      caller.clinicId,
      requirements.map((r) => r.id),
    );
    await this.plans.clearAllocationsOfPlan(db, caller.clinicId, planId);
    if (released > 0) {
      await this.audit.record(db, caller, {
        action: 'procedure-plan.release',
        entityType: ENTITY,
        entityId: planId,
        changedFields: ['inventoryRequirements'],
        metadata: { quantity: released },
      });
    }
  }

  /** One requirement as every route answers it: with the serial numbers it holds. */
  getRequirement(
    caller: Caller,
    planId: string,
    requirementId: string,
  ): Promise<InventoryRequirementResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.plans.findById(db, caller.clinicId, planId);
      if (!plan) throw new NotFound(ENTITY, planId);
      const requirement = await this.requirementOf(db, caller.clinicId, planId, requirementId);
      if (!requirement) throw new NotFound('ProcedureInventoryRequirement', requirementId);
      await this.audit.recordReads(db, caller, 'procedure-plan.read', ENTITY, [plan.id]);
      const held = await this.allocator.heldBy(db, caller.clinicId, [requirement.id]);
      return toRequirementResponse(requirement, held.get(requirement.id)?.serialNumbers ?? []);
    });
  }

  /** A requirement of the plan, or undefined when the plan has none with that id. */
  async requirementOf(
    db: Db,
    clinicId: ClinicId,
    planId: string,
    requirementId: string,
  ): Promise<RequirementWithItem | undefined> {
    return (await this.plans.requirementsOf(db, clinicId, [planId])).find(
      (r) => r.id === requirementId,
    );
  }

  getAvailability(caller: Caller, planId: string): Promise<AvailabilityResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.plans.findById(db, caller.clinicId, planId);
      if (!plan) throw new NotFound(ENTITY, planId);
      return { data: await this.availabilityOf(db, caller.clinicId, plan) };
    });
  }

  /**
   * Per requirement: required, held by this plan, free on the shelf (usable on the plan's surgery
   * date or today), and what would still be missing. Once the plan is COMPLETED its reservations
   * were consumed: each requirement shows what the surgery used (serials, lots) and nothing is
   * missing.
   */
  private async availabilityOf(
    db: Db,
    clinicId: ClinicId,
    plan: PlanRow,
  ): Promise<AvailabilityResponse['data']> {
    const stock = await this.stockFor(db, clinicId, plan.id);
    const used =
      plan.status === 'COMPLETED'
        ? usageByRequirement(
            stock.map((s) => s.requirement),
            await this.consumption.usedByPlan(db, clinicId, plan.id),
          )
        : new Map<string, UsedUnit[]>();
    return stock.map(({ requirement: r, held, available }) => {
      const allocated = held?.quantity ?? 0;
      const usedUnits = used.get(r.id) ?? [];
      return {
        requirementId: r.id,
        inventoryItemCode: r.itemCode,
        required: r.quantity,
        allocated,
        available,
        shortfall:
          plan.status === 'COMPLETED' ? 0 : Math.max(0, r.quantity - allocated - available),
        used: usedUnits.reduce((sum, u) => sum + u.quantity, 0),
        usedUnits,
      };
    });
  }

  /**
   * Each requirement of the plan with what it holds (quantity, serials, batches) and what is
   * free on the shelf usable on `date` (by default the plan's surgery date or today): what
   * availability and the scheduling checklist both read.
   */
  async stockFor(
    db: Db,
    clinicId: ClinicId,
    planId: string,
    date?: string,
  ): Promise<RequirementStock[]> {
    const requirements = await this.plans.requirementsOf(db, clinicId, [planId]);
    const held = await this.allocator.heldBy(
      db,
      clinicId,
      requirements.map((r) => r.id),
    );
    const usableOn = date ?? (await this.usableOn(db, clinicId, planId));
    const available = await this.allocator.availableOnByItem(
      db,
      clinicId,
      requirements.map((r) => r.inventoryItemId),
      usableOn,
    );
    return requirements.map((r) => ({
      requirement: r,
      held: held.get(r.id),
      available: available.get(r.inventoryItemId) ?? 0,
    }));
  }

  private async lockRequirement(
    db: Db,
    caller: Caller,
    planId: string,
    requirementId: string,
    ifMatch: number | undefined,
  ): Promise<{ plan: PlanRow; requirement: RequirementWithItem }> {
    const plan = lockedAtVersion(
      await this.plans.lockById(db, caller.clinicId, planId),
      ifMatch,
      ENTITY,
      planId,
    );
    const requirement = await this.requirementOf(db, caller.clinicId, planId, requirementId);
    if (!requirement) throw new NotFound('ProcedureInventoryRequirement', requirementId);
    return { plan, requirement };
  }

  /**
   * The day stock must still be usable: the surgery's date (at the clinic) once a case is
   * scheduled, and never a day already past.
   */
  private async usableOn(db: Db, clinicId: ClinicId, planId: string): Promise<string> {
    const timeZone = await this.clinics.timeZoneOf(clinicId, db);
    const today = zonedDate(this.clock.now(), timeZone);
    const liveCase = (await this.plans.liveCasesOf(db, clinicId, [planId])).get(planId);
    const surgeryDay = liveCase && zonedDate(liveCase.scheduledStart, timeZone);
    return surgeryDay !== undefined && surgeryDay > today ? surgeryDay : today;
  }
}

/** A required size or shape matches the item's, ignoring case; no requirement matches anything. */
function matches(required: string | null, actual: string | null): boolean {
  return (
    required === null ||
    (actual !== null && required.trim().toLowerCase() === actual.trim().toLowerCase())
  );
}

type UsedUnit = AvailabilityResponse['data'][number]['usedUnits'][number];

/**
 * Each usage goes to the requirement its reservation was for; a unit taken from the shelf (no
 * reservation) goes to the first requirement of the same item. Usage of an item the plan never
 * required shows on no requirement (the case's usage lists it).
 */
function usageByRequirement(
  requirements: readonly RequirementWithItem[],
  usages: readonly PlanUsage[],
): Map<string, UsedUnit[]> {
  const ids = new Set(requirements.map((r) => r.id));
  const byRequirement = new Map<string, UsedUnit[]>();
  for (const u of usages) {
    const requirementId =
      u.requirementId !== null && ids.has(u.requirementId)
        ? u.requirementId
        : requirements.find((r) => r.inventoryItemId === u.itemId)?.id;
    if (requirementId === undefined) continue;
    const list = byRequirement.get(requirementId) ?? [];
    list.push({ serialNumber: u.serialNumber, lotNumber: u.lotNumber, quantity: u.quantity });
    byRequirement.set(requirementId, list);
  }
  return byRequirement;
}
