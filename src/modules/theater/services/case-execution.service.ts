import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { InvalidStateTransition } from '../../../common/errors/domain-error';
import { BillingService } from '../../billing/services/billing.service';
import { InventoryUsageRepository } from '../../inventory/repositories/inventory-usage.repository';
import {
  InventoryConsumption,
  type ConsumptionTarget,
} from '../../inventory/services/inventory-consumption';
import { ProcedurePlanRepository } from '../../procedure-plan/repositories/procedure-plan.repository';
import { PlanInventoryService } from '../../procedure-plan/services/plan-inventory.service';
import type {
  CaseUsageResponse,
  CompleteSurgicalCaseBody,
  RecordUsageBody,
  StartSurgicalCaseBody,
  SurgicalCaseResponse,
} from '../dto/surgical-case.dto';
import type { CaseRow } from '../repositories/surgical-case.repository';
import { SurgicalCaseRepository } from '../repositories/surgical-case.repository';
import { SurgicalCasePresenter, toCaseUsageResponse } from './surgical-case.presenter';
import { ClinicZone } from './clinic-zone';
import { localDay } from './local-time';
import { StartOutsideBookedDay } from './start-outside-day.error';
import { SurgicalCaseService } from './surgical-case.service';

const ENTITY = 'SurgicalCase';

/**
 * The day of surgery (the seed's steps 9 and 10): start, record what was used, complete. Each
 * runs in one transaction that locks the plan, then the case; completion consumes what is still
 * reserved, links every implant to the patient for good, completes the plan and bills the case,
 * all or nothing.
 */
@Injectable()
export class CaseExecutionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: SurgicalCaseRepository,
    private readonly caseService: SurgicalCaseService,
    private readonly plans: ProcedurePlanRepository,
    private readonly planInventory: PlanInventoryService,
    private readonly consumption: InventoryConsumption,
    private readonly usages: InventoryUsageRepository,
    private readonly billing: BillingService,
    private readonly presenter: SurgicalCasePresenter,
    private readonly audit: AuditWriter,
    private readonly zone: ClinicZone,
    private readonly clock: Clock,
  ) {}

  /**
   * SCHEDULED → IN_PROGRESS, recording when and by whom. On a day other than the booked one (the
   * clinic's local days) only with a reason: 409 START_OUTSIDE_BOOKED_DAY without one.
   */
  startCase(
    caller: Caller,
    id: string,
    body: StartSurgicalCaseBody,
    ifMatch: number | undefined,
  ): Promise<SurgicalCaseResponse> {
    return this.tx.run(async (db) => {
      const { theCase } = await this.caseService.lockPlanAndCase(db, caller, id, ifMatch);
      if (theCase.status !== 'SCHEDULED') throw new InvalidStateTransition(theCase.status, 'start');
      const timeZone = await this.zone.zoneOf(db, caller.clinicId);
      const bookedDay = localDay(theCase.scheduledStart, timeZone);
      const today = localDay(this.clock.now(), timeZone);
      const outsideBookedDay = bookedDay !== today;
      if (outsideBookedDay && !body.reason)
        throw new StartOutsideBookedDay(bookedDay, today, timeZone);
      const started = await this.cases.update(db, caller.clinicId, theCase.id, {
        status: 'IN_PROGRESS',
        startedAt: this.clock.now(),
        startedById: caller.userId,
        startReason: body.reason ?? null,
      });
      await this.audit.record(db, caller, {
        action: 'surgical-case.start',
        entityType: ENTITY,
        entityId: theCase.id,
        changedFields: [
          'status',
          'startedAt',
          'startedById',
          ...(body.reason ? ['startReason'] : []),
        ],
        ...(body.reason
          ? { metadata: { reason: body.reason, outsideBookedDay, bookedDay, today } }
          : {}),
      });
      return this.presenter.present(db, caller.clinicId, started);
    });
  }

  /** While the case is IN_PROGRESS: an implant by serial number, or a quantity of a supply. */
  recordUsage(
    caller: Caller,
    id: string,
    body: RecordUsageBody,
    ifMatch: number | undefined,
  ): Promise<{ surgicalCaseId: string; usages: CaseUsageResponse[] }> {
    return this.tx.run(async (db) => {
      const { theCase } = await this.caseService.lockPlanAndCase(db, caller, id, ifMatch);
      if (theCase.status !== 'IN_PROGRESS')
        throw new InvalidStateTransition(theCase.status, 'record inventory usage for');
      const written = await this.consumption.recordUsage(db, caller, this.target(theCase), {
        itemId: body.inventoryItemId,
        batchId: body.batchId,
        serialNumber: body.serialNumber,
        quantity: body.quantity,
      });
      await this.cases.touch(db, caller.clinicId, theCase.id);
      const ids = new Set(written.map((u) => u.id));
      const usages = await this.usages.usagesOfCase(db, caller.clinicId, theCase.id);
      return {
        surgicalCaseId: theCase.id,
        usages: usages.filter((u) => ids.has(u.id)).map(toCaseUsageResponse),
      };
    });
  }

  /**
   * IN_PROGRESS → COMPLETED. Items nobody recorded are consumed from the plan's reservations
   * (the seed's automatic consumption); for an item whose usage was recorded, the record is what
   * happened and its leftover reservation goes back to the shelf. Then the plan is COMPLETED and
   * the bill is built from what was done. A second completion waits for the first's locks, then
   * finds the case COMPLETED: 409, and still one bill.
   */
  completeCase(
    caller: Caller,
    id: string,
    body: CompleteSurgicalCaseBody,
    ifMatch: number | undefined,
  ): Promise<SurgicalCaseResponse> {
    return this.tx.run(async (db) => {
      const { plan, theCase } = await this.caseService.lockPlanAndCase(db, caller, id, ifMatch);
      if (theCase.status !== 'IN_PROGRESS')
        throw new InvalidStateTransition(theCase.status, 'complete');
      const now = this.clock.now();
      const target = { ...this.target(theCase), at: now };
      const recordedItems = new Set(
        (await this.usages.usagesOfCase(db, caller.clinicId, theCase.id)).map((u) => u.itemId),
      );
      await this.consumption.consumeReservedForPlan(db, caller, target, recordedItems);
      const leftovers = (await this.plans.requirementsOf(db, caller.clinicId, [plan.id])).filter(
        (r) => recordedItems.has(r.inventoryItemId) && r.isPreAllocated,
      );
      for (const r of leftovers)
        await this.planInventory.releaseRequirement(db, caller, plan.id, r.id);

      const completed = await this.cases.update(db, caller.clinicId, theCase.id, {
        status: 'COMPLETED',
        completedAt: now,
        completedById: caller.userId,
        completionNotes: body.notes ?? null,
      });
      await this.plans.update(db, caller.clinicId, plan.id, { status: 'COMPLETED' });
      const bill = await this.billing.createBillForCase(db, caller, {
        id: completed.id,
        procedurePlanId: completed.procedurePlanId,
        patientId: completed.patientId,
        procedureType: completed.procedureType,
        procedureCode: completed.procedureCode,
        cptCodes: completed.cptCodes,
        insuranceCptCodes: completed.insuranceCptCodes,
      });
      await this.audit.record(db, caller, {
        action: 'surgical-case.complete',
        entityType: ENTITY,
        entityId: theCase.id,
        changedFields: body.notes
          ? ['status', 'completedAt', 'completedById', 'completionNotes']
          : ['status', 'completedAt', 'completedById'],
        metadata: { billId: bill.id },
      });
      await this.audit.record(db, caller, {
        action: 'procedure-plan.complete',
        entityType: 'ProcedurePlan',
        entityId: plan.id,
        changedFields: ['status'],
        metadata: { surgicalCaseId: theCase.id },
      });
      return this.presenter.present(db, caller.clinicId, completed);
    });
  }

  private target(theCase: CaseRow): ConsumptionTarget {
    return {
      planId: theCase.procedurePlanId,
      patientId: theCase.patientId,
      surgicalCaseId: theCase.id,
      at: this.clock.now(),
    };
  }
}
