import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { Money } from '../../../common/money';
import { PlanConsentService } from '../../consent';
import { InventoryAllocator } from '../../inventory';
import { QuoteQueries } from '../../quote';
import type {
  InventoryRequirementResponse,
  ProcedurePlanResponse,
} from '../dto/procedure-plan-response.dto';
import {
  ProcedurePlanRepository,
  type PlanRow,
  type RequirementWithItem,
} from '../repositories/procedure-plan.repository';

/**
 * Plans as every route answers them: with requirements, consent, live quote and case, loaded
 * for a whole page in a fixed number of queries (not a few per plan).
 */
@Injectable()
export class PlanPresenter {
  constructor(
    private readonly plans: ProcedurePlanRepository,
    private readonly consents: PlanConsentService,
    private readonly quotes: QuoteQueries,
    private readonly allocator: InventoryAllocator,
  ) {}

  async present(db: Db, clinicId: ClinicId, plan: PlanRow): Promise<ProcedurePlanResponse> {
    const [presented] = await this.presentAll(db, clinicId, [plan]);
    if (!presented) throw new Error('a presented plan');
    return presented;
  }

  async presentAll(
    db: Db,
    clinicId: ClinicId,
    rows: readonly PlanRow[],
  ): Promise<ProcedurePlanResponse[]> {
    const ids = rows.map((p) => p.id);
    // One after another: inside a transaction they share one connection.
    const requirements = await this.plans.requirementsOf(db, clinicId, ids);
    const consents = await this.consents.summariesForPlans(db, clinicId, ids);
    const quoteIds = await this.quotes.liveIdsForPlans(db, clinicId, ids);
    const held = await this.allocator.heldBy(
      db,
      clinicId,
      requirements.map((r) => r.id),
    );
    const cases = await this.plans.liveCasesOf(db, clinicId, ids);
    return rows.map((plan) => ({
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
      inventoryRequirements: requirements
        .filter((r) => r.planId === plan.id)
        .map((r) => toRequirementResponse(r, held.get(r.id)?.serialNumbers ?? [])),
      consent: consents.get(plan.id) ?? null,
      currentQuoteId: quoteIds.get(plan.id) ?? null,
      surgicalCaseId: cases.get(plan.id)?.id ?? null,
      version: plan.version,
      createdAt: plan.createdAt.toISOString(),
      updatedAt: plan.updatedAt.toISOString(),
    }));
  }
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
