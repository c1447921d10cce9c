import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { invariant } from '../../../common/invariant';
import { Money } from '../../../common/money';
import type {
  InventoryRequirementResponse,
  ProcedurePlanResponse,
} from '../dto/procedure-plan-response.dto';
import {
  ProcedurePlanRepository,
  type PlanRow,
  type PresentedPlanRow,
  type RequirementWithItem,
} from '../repositories/procedure-plan.repository';

/**
 * Plans as every route answers them: with requirements (and the serials they hold), consent, live
 * quote and case, read in ONE statement for one plan or a whole page
 * (ProcedurePlanRepository.findPresented; docs/performance.md "Issue 21: round trips").
 */
@Injectable()
export class PlanPresenter {
  constructor(private readonly plans: ProcedurePlanRepository) {}

  /** A plan by id, presented, in one statement: undefined when the clinic has no such plan. */
  async find(db: Db, clinicId: ClinicId, id: string): Promise<ProcedurePlanResponse | undefined> {
    const [row] = await this.plans.findPresented(db, clinicId, [id]);
    return row && toPlanResponse(row, row);
  }

  async present(db: Db, clinicId: ClinicId, plan: PlanRow): Promise<ProcedurePlanResponse> {
    const [presented] = await this.presentAll(db, clinicId, [plan]);
    invariant(presented, 'a presented plan');
    return presented;
  }

  /** The rows as given (a write's RETURNING, a page), with what they show read in one statement. */
  async presentAll(
    db: Db,
    clinicId: ClinicId,
    rows: readonly PlanRow[],
  ): Promise<ProcedurePlanResponse[]> {
    const presented = new Map(
      (
        await this.plans.findPresented(
          db,
          clinicId,
          rows.map((p) => p.id),
        )
      ).map((r) => [r.id, r]),
    );
    return rows.map((plan) => {
      const shown = presented.get(plan.id);
      invariant(shown, 'a plan the caller holds is read again in its clinic');
      return toPlanResponse(plan, shown);
    });
  }
}

function toPlanResponse(plan: PlanRow, shown: PresentedPlanRow): ProcedurePlanResponse {
  return {
    id: plan.id,
    planNumber: plan.planNumber,
    patientId: plan.patientId,
    consultationId: plan.consultationId,
    procedureName: plan.procedureName,
    procedureType: plan.procedureType,
    primaryCPTCode: plan.primaryCptCode,
    cptCodes: plan.cptCodes,
    diagnosisCodes: plan.diagnosisCodes,
    insuranceCptCodes: plan.insuranceCptCodes,
    estimatedCost: decimalOrNull(plan.estimatedCost),
    insuranceCoverage: plan.insuranceCoverage,
    insurancePortion: decimalOrNull(plan.insurancePortion),
    patientPortion: decimalOrNull(plan.patientPortion),
    status: plan.status,
    notes: plan.notes,
    createdById: plan.createdById,
    approvedById: plan.approvedById,
    approvedByPatient: plan.approvedByPatientLinkId !== null,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    approvalNotes: plan.approvalNotes,
    cancelledAt: plan.cancelledAt?.toISOString() ?? null,
    cancelReason: plan.cancelReason,
    inventoryRequirements: shown.requirements,
    consent: shown.consent,
    currentQuoteId: shown.currentQuoteId,
    surgicalCaseId: shown.surgicalCaseId,
    version: plan.version,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

export function toRequirementResponse(
  r: RequirementWithItem,
  serialNumbers: string[],
): InventoryRequirementResponse {
  return {
    id: r.id,
    planId: r.planId,
    inventoryItemId: r.inventoryItemId,
    inventoryItemCode: r.itemCode,
    inventoryItemName: r.itemName,
    quantity: r.quantity,
    requiresSerialNumber: r.requiresSerialNumber,
    sizeRequirement: r.sizeRequirement,
    shapeRequirement: r.shapeRequirement,
    isRequired: r.isRequired,
    isPreAllocated: r.isPreAllocated,
    preAllocatedBatchId: r.preAllocatedBatchId,
    serialNumbers,
  };
}

function decimalOrNull(value: string | null): string | null {
  return value === null ? null : Money.fromDecimal(value).toDecimal();
}
