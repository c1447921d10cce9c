import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { zonedDate } from '../../../common/time-zone';
import { BillingService } from '../../billing';
import { type ConsumptionTarget, InventoryConsumption, InventoryQueries } from '../../inventory';
import { PlanInventoryService, PlanLifecycle, PlanQueries } from '../../procedure-plan';
import type {
  CaseUsageResponse,
  CompleteSurgicalCaseBody,
  RecordUsageBody,
  StartSurgicalCaseBody,
  SurgicalCaseResponse,
} from '../dto/surgical-case.dto';
import type { CaseRow } from '../repositories/surgical-case.repository';
import { SurgicalCasePresenter } from './surgical-case.presenter';
import { CaseCompletionHooks } from './case-completion-hooks';
import { CaseLifecycle } from './case-lifecycle';
import { ClinicZone } from './clinic-zone';
import { StartOutsideBookedDay } from './start-outside-day.error';
import { SurgicalCaseService } from './surgical-case.service';

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
    private readonly lifecycle: CaseLifecycle,
    private readonly caseService: SurgicalCaseService,
    private readonly plans: PlanQueries,
    private readonly planLifecycle: PlanLifecycle,
    private readonly planInventory: PlanInventoryService,
    private readonly consumption: InventoryConsumption,
    private readonly usages: InventoryQueries,
    private readonly billing: BillingService,
    private readonly presenter: SurgicalCasePresenter,
    private readonly audit: AuditWriter,
    private readonly zone: ClinicZone,
    private readonly clock: Clock,
    private readonly completionHooks: CaseCompletionHooks,
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
      this.lifecycle.assertAllows(theCase, 'start');
      const timeZone = await this.zone.zoneOf(db, caller.clinicId);
      const bookedDay = zonedDate(theCase.scheduledStart, timeZone);
      const today = zonedDate(this.clock.now(), timeZone);
      const outsideBookedDay = bookedDay !== today;
      if (outsideBookedDay && !body.reason)
        throw new StartOutsideBookedDay(bookedDay, today, timeZone);
      const started = await this.lifecycle.fire(db, caller, theCase, 'start', {
        changes: {
          startedAt: this.clock.now(),
          startedById: caller.userId,
          startReason: body.reason ?? null,
        },
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
      this.lifecycle.assertAllows(theCase, 'record-usage');
      const written = await this.consumption.recordUsage(db, caller, this.target(theCase), {
        itemId: body.inventoryItemId,
        batchId: body.batchId,
        serialNumber: body.serialNumber,
        quantity: body.quantity,
      });
      await this.lifecycle.fire(db, caller, theCase, 'record-usage', { audit: false });
      // The usages as written, with their item's code: nothing is read back.
      return {
        surgicalCaseId: theCase.id,
        usages: written
          .sort((a, b) => a.usedAt.getTime() - b.usedAt.getTime() || a.id.localeCompare(b.id))
          .map((u) => ({
            id: u.id,
            inventoryItemId: u.itemId,
            inventoryItemCode: u.itemCode,
            batchId: u.batchId,
            serialNumber: u.serialNumber,
            quantity: u.quantity,
            usedAt: u.usedAt.toISOString(),
          })),
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
      this.lifecycle.assertAllows(theCase, 'complete');
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

      await this.planLifecycle.fire(db, caller, plan, 'complete', {
        metadata: { surgicalCaseId: theCase.id },
      });
      const bill = await this.billing.createBillForCase(db, caller, {
        id: theCase.id,
        procedurePlanId: theCase.procedurePlanId,
        patientId: theCase.patientId,
        procedureType: theCase.procedureType,
        procedureCode: theCase.procedureCode,
        cptCodes: theCase.cptCodes,
        insuranceCptCodes: theCase.insuranceCptCodes,
      });
      const completed = await this.lifecycle.fire(db, caller, theCase, 'complete', {
        changes: {
          completedAt: now,
          completedById: caller.userId,
          completionNotes: body.notes ?? null,
        },
        changedFields: body.notes
          ? ['status', 'completedAt', 'completedById', 'completionNotes']
          : ['status', 'completedAt', 'completedById'],
        metadata: { billId: bill.id },
      });
      await this.completionHooks.run(db, caller, {
        id: completed.id,
        patientId: completed.patientId,
        surgeonId: completed.surgeonId,
        procedurePlanId: completed.procedurePlanId,
        procedureCode: completed.procedureCode,
        completedAt: now,
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
