import { Injectable } from '@nestjs/common';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { byTenantKey, returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import { inventoryItems } from '../../inventory/repositories/inventory-item.schema';
import { procedureInventoryRequirements } from '../../procedure-plan/repositories/procedure-plan.schema';
import type { PlanRequirementForRule } from '../services/fda-checklist-rule';
import { fdaChecklists as checklists } from './fda-checklist.schema';

export type FdaChecklistRow = typeof checklists.$inferSelect;
export type NewFdaChecklist = Omit<
  typeof checklists.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;
/** The fields a state change writes; the snapshot and the plan are never among them. */
export type FdaChecklistChanges = Partial<
  Pick<
    FdaChecklistRow,
    | 'status'
    | 'initials'
    | 'signerName'
    | 'patientSignedAt'
    | 'signerIpAddress'
    | 'signerUserAgent'
    | 'patientLinkId'
    | 'recordedById'
    | 'attestedById'
    | 'attestedAt'
    | 'voidedAt'
    | 'voidReason'
  >
>;

const current = (clinicId: ClinicId, planId: string) =>
  and(
    eq(checklists.clinicId, clinicId),
    eq(checklists.procedurePlanId, planId),
    ne(checklists.status, 'VOIDED'),
  );

@Injectable()
export class FdaChecklistRepository {
  async insert(db: Db, checklist: NewFdaChecklist): Promise<FdaChecklistRow> {
    return returnedRow(
      await db.insert(checklists).values(checklist).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  /** The plan's current (not VOIDED) checklist. */
  async currentForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<FdaChecklistRow | undefined> {
    const [row] = await db.select().from(checklists).where(current(clinicId, planId));
    return row;
  }

  /** The same, locked against a concurrent signature, attestation or void. */
  async lockCurrentForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<FdaChecklistRow | undefined> {
    const [row] = await db.select().from(checklists).where(current(clinicId, planId)).for('update');
    return row;
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: FdaChecklistChanges,
  ): Promise<FdaChecklistRow> {
    return returnedRow(
      await db
        .update(checklists)
        .set({ ...changes, version: sql`${checklists.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(checklists, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  /** The plan's inventory requirements with what the rule asks of their items. */
  async requirementsForRule(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<PlanRequirementForRule[]> {
    return db
      .select({
        isRequired: procedureInventoryRequirements.isRequired,
        category: inventoryItems.category,
        implantKind: inventoryItems.implantKind,
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
          eq(procedureInventoryRequirements.clinicId, clinicId),
          eq(procedureInventoryRequirements.planId, planId),
        ),
      );
  }
}
