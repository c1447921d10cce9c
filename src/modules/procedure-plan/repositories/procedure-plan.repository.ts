import { Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias, union } from 'drizzle-orm/pg-core';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newestFirst } from '../../../common/database/newest-first';
import { anyOf, preparedQuery, preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import type { Page } from '../../../common/http/pagination';
import { currentConsentOfPlanJson } from '../../consent';
import { consultations } from '../../consultation/repositories/consultation.schema';
import { heldSerialNumbersJson } from '../../inventory';
import { inventoryItems } from '../../inventory/repositories/inventory-item.schema';
import { liveQuoteIdOfPlan } from '../../quote';
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

/** A requirement as a presented plan shows it (PlanPresenter): built in SQL, in one statement. */
export interface PresentedRequirement {
  id: string;
  planId: string;
  inventoryItemId: string;
  inventoryItemCode: string;
  inventoryItemName: string;
  quantity: number;
  requiresSerialNumber: boolean;
  sizeRequirement: string | null;
  shapeRequirement: string | null;
  isRequired: boolean;
  isPreAllocated: boolean;
  preAllocatedBatchId: string | null;
  serialNumbers: string[];
}

/** A plan's row with what every plan answer shows beside it (PlanPresenter). */
export type PresentedPlanRow = PlanRow & {
  requirements: PresentedRequirement[];
  consent: { id: string; status: 'PENDING' | 'SIGNED' | 'REVOKED'; templateCode: string } | null;
  currentQuoteId: string | null;
  surgicalCaseId: string | null;
};

const req = procedureInventoryRequirements;
/**
 * A subquery as a select field, its columns named with their tables: drizzle writes the columns
 * of a single-table select's top-level SQL fields without them, which inside a subquery would
 * name the subquery's own table.
 */
const field = <T>(subquery: SQL<T>): SQL<T> => sql<T>`${subquery}`;
/**
 * Plans by id with their requirements (each with its item and held serials), current consent,
 * live quote and live case: ONE statement, however many plans (a page) — a plan read is one
 * round trip (docs/performance.md "Issue 21: round trips"). Each module's part is its own
 * subquery (consent, quote, inventory export theirs).
 */
const presentedPlans = preparedQuery<PlanIds, PresentedPlanRow[]>('plans_presented', (db) =>
  db
    .select({
      ...getTableColumns(procedurePlans),
      requirements: field(sql<PresentedRequirement[]>`(SELECT coalesce(json_agg(json_build_object(
          'id', ${req.id}, 'planId', ${req.planId}, 'inventoryItemId', ${req.inventoryItemId},
          'inventoryItemCode', ${inventoryItems.code}, 'inventoryItemName', ${inventoryItems.name},
          'quantity', ${req.quantity}, 'requiresSerialNumber', ${req.requiresSerialNumber},
          'sizeRequirement', ${req.sizeRequirement}, 'shapeRequirement', ${req.shapeRequirement},
          'isRequired', ${req.isRequired}, 'isPreAllocated', ${req.isPreAllocated},
          'preAllocatedBatchId', ${req.preAllocatedBatchId},
          'serialNumbers', ${heldSerialNumbersJson(req.clinicId, req.id)}
        ) ORDER BY ${req.id}), '[]'::json)
        FROM ${req}
        JOIN ${inventoryItems} ON ${tenantJoin(inventoryItems, req.clinicId, req.inventoryItemId)}
        WHERE ${req.clinicId} = ${procedurePlans.clinicId} AND ${req.planId} = ${procedurePlans.id})`),
      consent: field(currentConsentOfPlanJson(procedurePlans.clinicId, procedurePlans.id)),
      currentQuoteId: field(liveQuoteIdOfPlan(procedurePlans.clinicId, procedurePlans.id)),
      // At most one live case per plan (surgical_cases_one_live_per_plan).
      surgicalCaseId: field(sql<string | null>`(SELECT ${surgicalCases.id} FROM ${surgicalCases}
        WHERE ${surgicalCases.clinicId} = ${procedurePlans.clinicId}
          AND ${surgicalCases.procedurePlanId} = ${procedurePlans.id}
          AND ${ne(surgicalCases.status, 'CANCELLED')})`),
    })
    .from(procedurePlans)
    .where(
      and(
        eq(procedurePlans.clinicId, sql.placeholder('clinicId')),
        anyOf(procedurePlans.id, 'planIds'),
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

  /** Plans by id with everything their answers show, in one statement (any order). */
  async findPresented(
    db: Db,
    clinicId: ClinicId,
    ids: readonly string[],
  ): Promise<PresentedPlanRow[]> {
    if (ids.length === 0) return [];
    return presentedPlans(db, { clinicId, planIds: [...ids] });
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
