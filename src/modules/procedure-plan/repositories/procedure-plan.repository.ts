import { Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import { alias, union } from 'drizzle-orm/pg-core';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newestFirst } from '../../../common/database/newest-first';
import { anyOf, preparedQuery, preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import type { Page } from '../../../common/http/pagination';
import { consultations } from '../../consultation/repositories/consultation.schema';
import { inventoryItems } from '../../inventory/repositories/inventory-item.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import type { ListProcedurePlansQuery } from '../dto/list-procedure-plans.dto';
import { procedureInventoryRequirements, procedurePlans } from './procedure-plan.schema';

export type PlanRow = typeof procedurePlans.$inferSelect;
/** A new plan: `createdAt` is the app's clock (reports date plans by it), never the database's now(). */
export type NewPlan = Omit<typeof procedurePlans.$inferInsert, 'version' | 'updatedAt'> & {
  createdAt: Date;
};
export type PlanChanges = Partial<
  Omit<NewPlan, 'clinicId' | 'id' | 'planNumber' | 'patientId' | 'createdById' | 'createdAt'>
>;
export type RequirementRow = typeof procedureInventoryRequirements.$inferSelect;
export type NewRequirement = Omit<
  typeof procedureInventoryRequirements.$inferInsert,
  'createdAt' | 'updatedAt'
>;
export type RequirementWithItem = RequirementRow & { itemCode: string; itemName: string };
/** A plan's case that is not cancelled: the one the plan answers with, and whose date it plans for. */
export interface LiveCase {
  id: string;
  scheduledStart: Date;
}

const plansNewestFirst = newestFirst(procedurePlans);

const DAY_MS = 24 * 60 * 60 * 1000;

// Every plan route reads these: prepared (prepared-query.ts).
const planById = preparedRowById('plan_by_id', procedurePlans);
const planLockedById = preparedRowById('plan_locked_by_id', procedurePlans, 'update');
type PlanIds = { clinicId: ClinicId; planIds: string[] };
const requirementsOfPlans = preparedQuery<PlanIds, RequirementWithItem[]>(
  'plan_requirements',
  (db) =>
    db
      .select({
        ...getTableColumns(procedureInventoryRequirements),
        itemCode: inventoryItems.code,
        itemName: inventoryItems.name,
      })
      .from(procedureInventoryRequirements)
      .innerJoin(
        inventoryItems,
        tenantJoin(
          inventoryItems,
          procedureInventoryRequirements.clinicId,
          procedureInventoryRequirements.inventoryItemId,
        ),
      )
      .where(
        and(
          eq(procedureInventoryRequirements.clinicId, sql.placeholder('clinicId')),
          anyOf(procedureInventoryRequirements.planId, 'planIds'),
        ),
      )
      .orderBy(asc(procedureInventoryRequirements.id)),
);
const liveCasesOfPlans = preparedQuery<
  PlanIds,
  { planId: string; id: string; scheduledStart: Date }[]
>('plan_live_cases', (db) =>
  db
    .select({
      planId: surgicalCases.procedurePlanId,
      id: surgicalCases.id,
      scheduledStart: surgicalCases.scheduledStart,
    })
    .from(surgicalCases)
    .where(
      and(
        eq(surgicalCases.clinicId, sql.placeholder('clinicId')),
        anyOf(surgicalCases.procedurePlanId, 'planIds'),
        ne(surgicalCases.status, 'CANCELLED'),
      ),
    ),
);

/**
 * The ids of a surgeon's plans: those whose consultation was with the surgeon, and those whose
 * live (not cancelled) case is booked with the surgeon. Each side reads its surgeon index
 * (consultations_surgeon_idx, surgical_cases_surgeon_idx), and every table is read in the
 * caller's clinic only.
 */
function plansOfSurgeon(db: Db, clinicId: ClinicId, surgeonId: string) {
  const plan = alias(procedurePlans, 'consulted_plan');
  const viaConsultation = db
    .select({ planId: plan.id })
    .from(plan)
    .innerJoin(consultations, tenantJoin(consultations, plan.clinicId, plan.consultationId))
    .where(and(eq(plan.clinicId, clinicId), eq(consultations.surgeonId, surgeonId)));
  const viaCase = db
    .select({ planId: surgicalCases.procedurePlanId })
    .from(surgicalCases)
    .where(
      and(
        eq(surgicalCases.clinicId, clinicId),
        eq(surgicalCases.surgeonId, surgeonId),
        ne(surgicalCases.status, 'CANCELLED'),
      ),
    );
  return union(viaConsultation, viaCase);
}

@Injectable()
export class ProcedurePlanRepository {
  async insert(db: Db, plan: NewPlan): Promise<PlanRow> {
    return returnedRow(
      await db.insert(procedurePlans).values(plan).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<PlanRow | undefined> {
    return planById(db, clinicId, id);
  }

  /** SELECT … FOR UPDATE: every transition starts here, so two at once queue instead of racing. */
  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<PlanRow | undefined> {
    return planLockedById(db, clinicId, id);
  }

  async update(db: Db, clinicId: ClinicId, id: string, changes: PlanChanges): Promise<PlanRow> {
    return returnedRow(
      await db
        .update(procedurePlans)
        .set({ ...changes, version: sql`${procedurePlans.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(procedurePlans, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  /**
   * A new version for a change the plan's row does not hold (its requirements' reservations):
   * the plan's response shows them, so its ETag must change with them.
   */
  async touch(db: Db, clinicId: ClinicId, id: string): Promise<void> {
    await this.update(db, clinicId, id, {});
  }

  /**
   * The ids of the clinic's plans in these statuses (procedure_plans_status_idx), in id order: a
   * caller that locks each in turn takes the locks in the same order as any other such caller.
   */
  async idsInStatuses(
    db: Db,
    clinicId: ClinicId,
    statuses: readonly PlanRow['status'][],
  ): Promise<string[]> {
    const rows = await db
      .select({ id: procedurePlans.id })
      .from(procedurePlans)
      .where(
        and(eq(procedurePlans.clinicId, clinicId), inArray(procedurePlans.status, [...statuses])),
      );
    return rows.map((row) => row.id);
  }

  async list(db: Db, clinicId: ClinicId, q: ListProcedurePlansQuery): Promise<Page<PlanRow>> {
    return plansNewestFirst(
      db,
      clinicId,
      [
        q.patientId ? eq(procedurePlans.patientId, q.patientId) : undefined,
        q.consultationId ? eq(procedurePlans.consultationId, q.consultationId) : undefined,
        q.status ? eq(procedurePlans.status, q.status) : undefined,
        q.surgeonId
          ? inArray(procedurePlans.id, plansOfSurgeon(db, clinicId, q.surgeonId))
          : undefined,
        // UTC days, both inclusive: [from 00:00, the day after to 00:00) on the bare column, which
        // procedure_plans_created_idx serves. The createdAt clients see (the app's clock at creation).
        q.from ? gte(procedurePlans.createdAt, new Date(q.from)) : undefined,
        q.to ? lt(procedurePlans.createdAt, new Date(Date.parse(q.to) + DAY_MS)) : undefined,
      ],
      q,
    );
  }

  async insertRequirements(db: Db, requirements: NewRequirement[]): Promise<void> {
    if (requirements.length > 0)
      await db.insert(procedureInventoryRequirements).values(requirements);
  }

  /** One requirement, as written (RETURNING). */
  async insertRequirement(db: Db, requirement: NewRequirement): Promise<RequirementRow> {
    return returnedRow(
      await db.insert(procedureInventoryRequirements).values(requirement).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async deleteRequirement(
    db: Db,
    clinicId: ClinicId,
    planId: string,
    requirementId: string,
  ): Promise<boolean> {
    const deleted = await db
      .delete(procedureInventoryRequirements)
      .where(
        and(
          byTenantKey(procedureInventoryRequirements, clinicId, requirementId),
          eq(procedureInventoryRequirements.planId, planId),
        ),
      )
      .returning({ id: procedureInventoryRequirements.id });
    return deleted.length === 1;
  }

  async setAllocation(
    db: Db,
    clinicId: ClinicId,
    requirementId: string,
    allocation: { isPreAllocated: boolean; preAllocatedBatchId: string | null },
  ): Promise<void> {
    await db
      .update(procedureInventoryRequirements)
      .set({ ...allocation, updatedAt: sql`now()` })
      .where(byTenantKey(procedureInventoryRequirements, clinicId, requirementId));
  }

  async clearAllocationsOfPlan(db: Db, clinicId: ClinicId, planId: string): Promise<void> {
    await db
      .update(procedureInventoryRequirements)
      .set({ isPreAllocated: false, preAllocatedBatchId: null, updatedAt: sql`now()` })
      .where(
        and(
          eq(procedureInventoryRequirements.clinicId, clinicId),
          eq(procedureInventoryRequirements.planId, planId),
        ),
      );
  }

  /** The requirements of some plans with their item's code and name, in one query. */
  async requirementsOf(
    db: Db,
    clinicId: ClinicId,
    planIds: readonly string[],
  ): Promise<RequirementWithItem[]> {
    if (planIds.length === 0) return [];
    return requirementsOfPlans(db, { clinicId, planIds: [...planIds] });
  }

  /** Each plan's live (not cancelled) surgical case; at most one per plan (surgical_cases_one_live_per_plan). */
  async liveCasesOf(
    db: Db,
    clinicId: ClinicId,
    planIds: readonly string[],
  ): Promise<Map<string, LiveCase>> {
    if (planIds.length === 0) return new Map();
    const rows = await liveCasesOfPlans(db, { clinicId, planIds: [...planIds] });
    return new Map(rows.map((r) => [r.planId, { id: r.id, scheduledStart: r.scheduledStart }]));
  }
}
