import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import {
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { zonedDate } from '../../../common/time-zone';
import {
  PlanCancellationHooks,
  PlanLifecycle,
  PlanQueries,
  type PlanRow,
} from '../../procedure-plan';
import { UserService } from '../../user';
import type {
  CancelSurgicalCaseBody,
  CreateSurgicalCaseBody,
  ListSurgicalCasesQuery,
  SurgicalCaseResponse,
  UpdateSurgicalCaseBody,
} from '../dto/surgical-case.dto';
import { SurgicalCaseRepository, type CaseRow } from '../repositories/surgical-case.repository';
import { CASE_TRANSITIONS, CaseLifecycle } from './case-lifecycle';
import { CaseSlots, type Slot } from './case-slots';
import { OperatingRoomService } from './operating-room.service';
import { SchedulingBlocked } from './scheduling-blocked.error';
import { SchedulingReadiness } from './scheduling-readiness.service';
import { SurgicalCasePresenter } from './surgical-case.presenter';

const ENTITY = 'SurgicalCase';

/**
 * Booking the theater (docs/design.md §4, the seed's step 7): a case is created only when the plan is
 * ready, copies the plan's procedure once, and never overlaps another live case in its room or
 * for its surgeon. Every use case locks the plan first and then its case, in that one order.
 */
@Injectable()
export class SurgicalCaseService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: SurgicalCaseRepository,
    private readonly lifecycle: CaseLifecycle,
    private readonly plans: PlanQueries,
    private readonly planLifecycle: PlanLifecycle,
    private readonly readiness: SchedulingReadiness,
    private readonly rooms: OperatingRoomService,
    private readonly users: UserService,
    private readonly presenter: SurgicalCasePresenter,
    private readonly sequences: SequenceAllocator,
    private readonly slots: CaseSlots,
    private readonly cancellationHooks: PlanCancellationHooks,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.cancellationHooks.register((db, caller, plan, reason) =>
      this.cancelWithPlan(db, caller, plan, reason),
    );
  }

  scheduleCase(caller: Caller, body: CreateSurgicalCaseBody): Promise<SurgicalCaseResponse> {
    const slot: Slot = {
      operatingRoomId: body.operatingRoomId,
      surgeonId: body.surgeonId,
      start: new Date(body.scheduledStart),
      end: new Date(body.scheduledEnd),
    };
    this.slots.assertBookableTime(slot);
    return this.slots.namingConflicts(
      caller.clinicId,
      () => slot,
      undefined,
      () =>
        this.tx.run(async (db) => {
          const plan = await this.plans.lock(db, caller.clinicId, body.procedurePlanId);
          if (!plan) throw new NotFound('ProcedurePlan', body.procedurePlanId);
          await this.users.assertActiveSurgeon(db, caller.clinicId, body.surgeonId);
          await this.rooms.assertBookable(db, caller.clinicId, body.operatingRoomId);
          const timeZone = await this.readiness.timeZone(db, caller.clinicId);
          const check = await this.readiness.checklist(
            db,
            caller.clinicId,
            plan,
            zonedDate(slot.start, timeZone),
            { timeZone },
          );
          const unmet = check.checks.filter((c) => c.required && !c.ok);
          if (unmet.length > 0) throw new SchedulingBlocked(unmet);
          // The number first: its counter row queues concurrent bookings, so the overlap check
          // below sees a booking that committed meanwhile and can name it.
          const caseNumber = await this.nextCaseNumber(db, caller.clinicId);
          await this.slots.assertNoOverlap(db, caller.clinicId, slot);
          const created = await this.cases.insert(db, {
            clinicId: caller.clinicId,
            id: newId(),
            caseNumber,
            procedurePlanId: plan.id,
            patientId: plan.patientId,
            surgeonId: slot.surgeonId,
            operatingRoomId: slot.operatingRoomId,
            scheduledStart: slot.start,
            scheduledEnd: slot.end,
            procedureName: plan.procedureName,
            procedureCode: plan.primaryCptCode,
            cptCodes: plan.cptCodes,
            diagnosisCodes: plan.diagnosisCodes,
            procedureType: plan.procedureType,
            insuranceCptCodes: plan.insuranceCptCodes,
            createdById: caller.userId,
          });
          await this.audit.record(db, caller, {
            action: 'surgical-case.schedule',
            entityType: ENTITY,
            entityId: created.id,
            changedFields: Object.keys(body),
            metadata: { procedurePlanId: plan.id, patientId: plan.patientId },
          });
          await this.planLifecycle.fire(db, caller, plan, 'schedule', {
            metadata: { surgicalCaseId: created.id },
          });
          return this.presenter.present(db, caller.clinicId, created);
        }),
    );
  }

  /** Moves a SCHEDULED case to another room or time; the date-bound checks are made again. */
  moveCase(
    caller: Caller,
    id: string,
    body: UpdateSurgicalCaseBody,
    ifMatch: number | undefined,
  ): Promise<SurgicalCaseResponse> {
    let slot: Slot | undefined;
    return this.slots.namingConflicts(
      caller.clinicId,
      () => slot,
      id,
      () =>
        this.tx.run(async (db) => {
          const { plan, theCase } = await this.lockPlanAndCase(db, caller, id, ifMatch);
          this.lifecycle.assertAllows(theCase, 'move');
          slot = {
            operatingRoomId: body.operatingRoomId ?? theCase.operatingRoomId,
            surgeonId: theCase.surgeonId,
            start: body.scheduledStart ? new Date(body.scheduledStart) : theCase.scheduledStart,
            end: body.scheduledEnd ? new Date(body.scheduledEnd) : theCase.scheduledEnd,
          };
          if (slot.end <= slot.start)
            throw ValidationFailed.field('scheduledEnd', 'Must be after scheduledStart');
          this.slots.assertBookableTime(slot);
          if (body.operatingRoomId)
            await this.rooms.assertBookable(db, caller.clinicId, body.operatingRoomId);
          const day = await this.readiness.surgeryDayOf(db, caller.clinicId, slot.start);
          const dayBefore = await this.readiness.surgeryDayOf(
            db,
            caller.clinicId,
            theCase.scheduledStart,
          );
          if (day !== dayBefore) {
            const check = await this.readiness.checklist(db, caller.clinicId, plan, day, {
              rescheduling: true,
              only: ['PRIOR_AUTH_APPROVED', 'INVENTORY_READY'],
            });
            const unmet = check.checks.filter((c) => c.required && !c.ok);
            if (unmet.length > 0) throw new SchedulingBlocked(unmet);
          }
          await this.slots.assertNoOverlap(db, caller.clinicId, slot, theCase.id);
          const moved = await this.lifecycle.fire(db, caller, theCase, 'move', {
            changes: {
              operatingRoomId: slot.operatingRoomId,
              scheduledStart: slot.start,
              scheduledEnd: slot.end,
            },
            changedFields: Object.keys(body),
          });
          return this.presenter.present(db, caller.clinicId, moved);
        }),
    );
  }

  /** SCHEDULED → CANCELLED; the plan returns to APPROVED and keeps its reservations. */
  cancelCase(
    caller: Caller,
    id: string,
    body: CancelSurgicalCaseBody,
    ifMatch: number | undefined,
  ): Promise<SurgicalCaseResponse> {
    return this.tx.run(async (db) => {
      const { plan, theCase } = await this.lockPlanAndCase(db, caller, id, ifMatch);
      this.lifecycle.assertAllows(theCase, 'cancel');
      const cancelled = await this.markCancelled(db, caller, theCase, body.reason);
      await this.planLifecycle.fire(db, caller, plan, 'unschedule', {
        metadata: { surgicalCaseId: theCase.id },
      });
      return this.presenter.present(db, caller.clinicId, cancelled);
    });
  }

  getCase(caller: Caller, id: string): Promise<SurgicalCaseResponse> {
    return this.tx.run(async (db) => {
      const theCase = await this.cases.findById(db, caller.clinicId, id);
      if (!theCase) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'surgical-case.read', ENTITY, [theCase.id]);
      return this.presenter.present(db, caller.clinicId, theCase);
    });
  }

  listCases(caller: Caller, query: ListSurgicalCasesQuery): Promise<Page<SurgicalCaseResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.cases.list(db, caller.clinicId, query);
      await this.audit.recordReads(
        db,
        caller,
        'surgical-case.list',
        ENTITY,
        page.data.map((c) => c.id),
      );
      return {
        data: await this.presenter.presentAll(db, caller.clinicId, page.data),
        nextCursor: page.nextCursor,
      };
    });
  }

  /**
   * The plan is locked first, then its case: the one lock order of every case use case. The
   * case's `If-Match` is checked once both are held, before the use case changes anything.
   */
  async lockPlanAndCase(
    db: Db,
    caller: Caller,
    caseId: string,
    ifMatch: number | undefined,
  ): Promise<{ plan: PlanRow; theCase: CaseRow }> {
    const plan = await this.cases.lockPlanOfCase(db, caller.clinicId, caseId);
    if (!plan) throw new NotFound(ENTITY, caseId);
    const theCase = lockedAtVersion(
      await this.cases.lockById(db, caller.clinicId, caseId),
      ifMatch,
      ENTITY,
      caseId,
    );
    return { plan, theCase };
  }

  /** The plan-cancellation hook: its scheduled case goes with it; a surgery under way cannot. */
  private async cancelWithPlan(
    db: Db,
    caller: Caller,
    plan: PlanRow,
    reason: string,
  ): Promise<void> {
    const theCase = await this.cases.lockLiveOfPlan(db, caller.clinicId, plan.id);
    if (!theCase) return;
    // The plan's cancel is refused, naming the plan's status: its case is under way or done.
    if (!CASE_TRANSITIONS.allows(theCase.status, 'cancel'))
      throw new InvalidStateTransition(
        plan.status,
        'cancel',
        `Cannot cancel the plan: its case ${theCase.caseNumber} is ${theCase.status}`,
      );
    await this.markCancelled(db, caller, theCase, `Plan cancelled: ${reason}`);
  }

  private async markCancelled(
    db: Db,
    caller: Caller,
    theCase: CaseRow,
    reason: string,
  ): Promise<CaseRow> {
    return this.lifecycle.fire(db, caller, theCase, 'cancel', {
      changes: { cancelledAt: this.clock.now(), cancelReason: reason },
      metadata: { procedurePlanId: theCase.procedurePlanId },
    });
  }

  /** `CASE-<year>-<seq>` per clinic and year, like plan numbers. */
  private async nextCaseNumber(db: Db, clinicId: ClinicId): Promise<string> {
    const year = this.clock.now().getUTCFullYear();
    const seq = await this.sequences.next(db, clinicId, `case.${year}`);
    return `CASE-${year}-${String(seq).padStart(3, '0')}`;
  }

  /**
   * For the claims module: a case's surgeon and when it was performed (started, else booked);
   * undefined for no such case. The claim's date of service is that instant's day in the clinic.
   */
  async serviceOfCase(
    db: Db,
    clinicId: ClinicId,
    caseId: string,
  ): Promise<{ surgeonId: string; performedAt: Date } | undefined> {
    const row = await this.cases.findById(db, clinicId, caseId);
    return row && { surgeonId: row.surgeonId, performedAt: row.startedAt ?? row.scheduledStart };
  }
}
