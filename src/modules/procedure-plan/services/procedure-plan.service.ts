import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { invariant } from '../../../common/invariant';
import { Icd10Catalog } from '../../codes';
import { PlanConsentService } from '../../consent';
import { ConsultationService } from '../../consultation';
import { PatientService } from '../../patient';
import type { AddInventoryRequirementBody } from '../dto/add-inventory-requirement.dto';
import type { CreateProcedurePlanBody } from '../dto/create-procedure-plan.dto';
import type { ListProcedurePlansQuery } from '../dto/list-procedure-plans.dto';
import type {
  InventoryRequirementResponse,
  ProcedurePlanResponse,
} from '../dto/procedure-plan-response.dto';
import type { UpdateProcedurePlanBody } from '../dto/update-procedure-plan.dto';
import {
  ProcedurePlanRepository,
  type PlanChanges,
  type PlanRow,
} from '../repositories/procedure-plan.repository';
import { insuranceCoverageOf, planCodeErrors, type PlanCodes } from './plan-code-rules';
import { PlanInventoryService } from './plan-inventory.service';
import { PlanLifecycle } from './plan-lifecycle';
import { PlanPresenter, toRequirementResponse } from './plan-presenter';
import { ProcedurePlanWorkflowService } from './procedure-plan-workflow.service';
import { RequirementResolver } from './requirement-resolver';

export const PLAN_ENTITY = 'ProcedurePlan';

/** Plans: create, read, edit, and their inventory requirements (the seed's CRUD and validation). */
@Injectable()
export class ProcedurePlanService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly plans: ProcedurePlanRepository,
    private readonly presenter: PlanPresenter,
    private readonly requirements: RequirementResolver,
    private readonly workflow: ProcedurePlanWorkflowService,
    private readonly lifecycle: PlanLifecycle,
    private readonly patients: PatientService,
    private readonly consultations: ConsultationService,
    private readonly consents: PlanConsentService,
    private readonly inventory: PlanInventoryService,
    private readonly icd10: Icd10Catalog,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  createPlan(caller: Caller, body: CreateProcedurePlanBody): Promise<ProcedurePlanResponse> {
    this.assertCodes(body);
    return this.tx.run(async (db) => {
      await this.patients.assertPatientExists(db, caller.clinicId, body.patientId);
      if (body.consultationId) {
        await this.consultations.assertConsultationOfPatient(
          db,
          caller.clinicId,
          body.consultationId,
          body.patientId,
        );
      }
      const id = newId();
      const requirements = await this.requirements.resolve(
        db,
        caller.clinicId,
        id,
        body.inventoryRequirements,
        (i) => `inventoryRequirements[${i}]`,
      );
      const plan = await this.plans.insert(db, {
        clinicId: caller.clinicId,
        id,
        planNumber: await this.nextPlanNumber(db, caller),
        patientId: body.patientId,
        consultationId: body.consultationId ?? null,
        procedureName: body.procedureName,
        procedureType: body.procedureType,
        primaryCptCode: body.primaryCPTCode,
        cptCodes: body.cptCodes,
        diagnosisCodes: body.diagnosisCodes,
        insuranceCptCodes: body.insuranceCptCodes,
        insuranceCoverage: insuranceCoverageOf(body.procedureType),
        notes: body.notes ?? null,
        createdById: caller.userId,
        createdAt: this.clock.now(),
      });
      await this.plans.insertRequirements(db, requirements);
      // The seed: the consent that matches the procedure is created with the plan.
      await this.consents.attachForPlan(db, caller, plan, { created: true });
      await this.audit.record(db, caller, {
        action: 'procedure-plan.create',
        entityType: PLAN_ENTITY,
        entityId: plan.id,
        changedFields: Object.keys(body),
        metadata: { patientId: plan.patientId },
      });
      return this.presenter.present(db, caller.clinicId, plan);
    });
  }

  /**
   * One read and the audit row, no transaction (docs/performance.md "Issue 21: round trips"): the
   * plan is answered only once its read event is written, and a read needs no snapshot beyond its
   * one statement's.
   */
  async getPlan(caller: Caller, id: string): Promise<ProcedurePlanResponse> {
    const db = this.tx.db;
    const plan = await this.presenter.find(db, caller.clinicId, id);
    if (!plan) throw new NotFound(PLAN_ENTITY, id);
    await this.audit.recordReads(db, caller, 'procedure-plan.read', PLAN_ENTITY, [plan.id]);
    return plan;
  }

  listPlans(caller: Caller, query: ListProcedurePlansQuery): Promise<Page<ProcedurePlanResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.plans.list(db, caller.clinicId, query);
      await this.audit.recordReads(
        db,
        caller,
        'procedure-plan.list',
        PLAN_ENTITY,
        page.data.map((p) => p.id),
      );
      return {
        data: await this.presenter.presentAll(db, caller.clinicId, page.data),
        nextCursor: page.nextCursor,
      };
    });
  }

  /**
   * Edits the clinical and pricing fields of a DRAFT or QUOTED plan. Editing a QUOTED plan
   * supersedes its quote and returns it to DRAFT (docs/design.md §4); new codes may match another consent.
   */
  updatePlan(
    caller: Caller,
    id: string,
    body: UpdateProcedurePlanBody,
    ifMatch: number | undefined,
  ): Promise<ProcedurePlanResponse> {
    return this.tx.run(async (db) => {
      const current = await this.lockEditable(db, caller, id, ifMatch);
      const merged: PlanCodes = {
        procedureType: body.procedureType ?? current.procedureType,
        primaryCPTCode: body.primaryCPTCode ?? current.primaryCptCode,
        cptCodes: body.cptCodes ?? current.cptCodes,
        diagnosisCodes: body.diagnosisCodes ?? current.diagnosisCodes,
        insuranceCptCodes: body.insuranceCptCodes ?? current.insuranceCptCodes,
      };
      this.assertCodes(merged);
      if (body.consultationId) {
        await this.consultations.assertConsultationOfPatient(
          db,
          caller.clinicId,
          body.consultationId,
          current.patientId,
        );
      }
      const changes: PlanChanges = {
        ...(body.consultationId !== undefined ? { consultationId: body.consultationId } : {}),
        ...(body.procedureName !== undefined ? { procedureName: body.procedureName } : {}),
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        procedureType: merged.procedureType,
        primaryCptCode: merged.primaryCPTCode,
        cptCodes: [...merged.cptCodes],
        diagnosisCodes: [...merged.diagnosisCodes],
        insuranceCptCodes: [...merged.insuranceCptCodes],
        insuranceCoverage: insuranceCoverageOf(merged.procedureType),
        ...(await this.workflow.reopenForEdit(db, caller, current)),
      };
      const updated = await this.plans.update(db, caller.clinicId, id, changes);
      if (body.cptCodes !== undefined) await this.consents.attachForPlan(db, caller, updated);
      await this.audit.record(db, caller, {
        action: 'procedure-plan.update',
        entityType: PLAN_ENTITY,
        entityId: id,
        changedFields: Object.keys(body),
      });
      return this.presenter.present(db, caller.clinicId, updated);
    });
  }

  /** Answers the new requirement (docs/api.md), not the plan: it holds no stock yet. */
  addRequirement(
    caller: Caller,
    planId: string,
    body: AddInventoryRequirementBody,
    ifMatch: number | undefined,
  ): Promise<InventoryRequirementResponse> {
    return this.tx.run(async (db) => {
      const current = await this.lockEditable(db, caller, planId, ifMatch);
      const [resolved] = await this.requirements.resolveWithItems(
        db,
        caller.clinicId,
        planId,
        [body],
        () => '',
      );
      invariant(resolved, 'one body resolves to one requirement');
      const row = await this.plans.insertRequirement(db, resolved.row);
      await this.requirementsChanged(db, caller, current, 'procedure-plan.add-requirement', row.id);
      // The row as written, with the item the resolver read: nothing is read back.
      return toRequirementResponse(
        { ...row, itemCode: resolved.itemCode, itemName: resolved.itemName },
        [],
      );
    });
  }

  removeRequirement(
    caller: Caller,
    planId: string,
    requirementId: string,
    ifMatch: number | undefined,
  ): Promise<ProcedurePlanResponse> {
    return this.tx.run(async (db) => {
      const current = await this.lockEditable(db, caller, planId, ifMatch);
      // A requirement of another plan is a 404 below, and the rollback undoes this release.
      await this.inventory.releaseRequirement(db, caller, planId, requirementId);
      if (!(await this.plans.deleteRequirement(db, caller.clinicId, planId, requirementId))) {
        throw new NotFound('ProcedureInventoryRequirement', requirementId);
      }
      const updated = await this.requirementsChanged(
        db,
        caller,
        current,
        'procedure-plan.remove-requirement',
        requirementId,
      );
      return this.presenter.present(db, caller.clinicId, updated);
    });
  }

  /**
   * What follows an added or removed requirement on a plan locked by `lockEditable`: the edit's
   * return to DRAFT (a new version of the plan) and the audit event naming the requirement.
   */
  private async requirementsChanged(
    db: Db,
    caller: Caller,
    plan: PlanRow,
    action: 'procedure-plan.add-requirement' | 'procedure-plan.remove-requirement',
    requirementId: string,
  ): Promise<PlanRow> {
    const updated = await this.plans.update(
      db,
      caller.clinicId,
      plan.id,
      await this.workflow.reopenForEdit(db, caller, plan),
    );
    await this.audit.record(db, caller, {
      action,
      entityType: PLAN_ENTITY,
      entityId: plan.id,
      changedFields: ['inventoryRequirements'],
      metadata: { requirementId },
    });
    return updated;
  }

  private async lockEditable(
    db: Db,
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
  ): Promise<PlanRow> {
    const plan = lockedAtVersion(
      await this.plans.lockById(db, caller.clinicId, id),
      ifMatch,
      PLAN_ENTITY,
      id,
    );
    this.lifecycle.assertAllows(plan, 'replan');
    return plan;
  }

  /** Every code rule at once, with the ICD-10-CM set: one 400 listing each failure. */
  private assertCodes(codes: PlanCodes): void {
    const errors = [
      ...planCodeErrors(codes),
      ...this.icd10.validateDiagnosisCodes(codes.diagnosisCodes, 'diagnosisCodes'),
    ];
    if (errors.length > 0) throw new ValidationFailed(errors);
  }

  /** `PLAN-<year>-<seq>`: per clinic and (UTC) year, gap-free, allocated in the plan's transaction. */
  private async nextPlanNumber(db: Db, caller: Caller): Promise<string> {
    const year = this.clock.now().getUTCFullYear();
    const seq = await this.sequences.next(db, caller.clinicId, `procedure-plan.${year}`);
    return `PLAN-${year}-${String(seq).padStart(3, '0')}`;
  }
}
