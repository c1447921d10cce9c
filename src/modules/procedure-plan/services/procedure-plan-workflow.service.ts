import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Actor, Caller, ClinicId, PatientLinkActor } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import type { FieldError } from '../../../common/errors/problem-code';
import { lockedAtVersion } from '../../../common/http/versioning';
import { Money } from '../../../common/money';
import { Icd10Catalog, baseCptCode } from '../../codes';
import { PlanConsentService } from '../../consent';
import { FeeScheduleService } from '../../fee-schedule';
import { type InventoryItemRow, InventoryQueries } from '../../inventory';
import {
  type CreateQuoteBody,
  type QuoteResponse,
  QuoteService,
  effectiveQuoteStatus,
} from '../../quote';
import type {
  ApproveProcedurePlanBody,
  CancelProcedurePlanBody,
} from '../dto/approve-procedure-plan.dto';
import type { ProcedurePlanResponse } from '../dto/procedure-plan-response.dto';
import {
  ProcedurePlanRepository,
  type PlanChanges,
  type PlanRow,
  type RequirementWithItem,
} from '../repositories/procedure-plan.repository';
import { PlanCancellationHooks } from './plan-cancellation-hooks';
import { PlanInventoryService } from './plan-inventory.service';
import { PlanLifecycle } from './plan-lifecycle';
import { PlanNotApprovable } from './plan-not-approvable.error';
import { PlanPresenter } from './plan-presenter';

const ENTITY = 'ProcedurePlan';

/** Who approves: a member of staff (with their notes), or the patient through their link. */
type Approver =
  | { kind: 'staff'; caller: Caller; notes: string | null }
  | { kind: 'patient'; actor: PatientLinkActor };

/** The plan's transitions (docs/design.md §4): quote, approve, cancel, and the return to DRAFT on edit. */
@Injectable()
export class ProcedurePlanWorkflowService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly plans: ProcedurePlanRepository,
    private readonly presenter: PlanPresenter,
    private readonly quotes: QuoteService,
    private readonly fees: FeeScheduleService,
    private readonly items: InventoryQueries,
    private readonly consents: PlanConsentService,
    private readonly inventory: PlanInventoryService,
    private readonly cancellationHooks: PlanCancellationHooks,
    private readonly lifecycle: PlanLifecycle,
    private readonly icd10: Icd10Catalog,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** DRAFT or QUOTED → QUOTED, with the new quote's money on the plan. */
  quotePlan(
    caller: Caller,
    planId: string,
    body: CreateQuoteBody,
    ifMatch: number | undefined,
  ): Promise<QuoteResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.lock(db, caller, planId, ifMatch);
      this.lifecycle.assertAllows(plan, 'quote');
      const requirements = await this.requirementsWithItems(db, caller.clinicId, plan);
      const quote = await this.quotes.issueForPlan(
        db,
        caller,
        {
          id: plan.id,
          patientId: plan.patientId,
          planNumber: plan.planNumber,
          procedureName: plan.procedureName,
          procedureType: plan.procedureType,
          primaryCPTCode: plan.primaryCptCode,
          cptCodes: plan.cptCodes,
          insuranceCptCodes: plan.insuranceCptCodes,
          supplies: requirements.flatMap(({ requirement: r, item }) => {
            return item
              ? [
                  {
                    inventoryItemId: item.id,
                    code: item.hcpcsCode ?? item.code,
                    name: item.name,
                    quantity: r.quantity,
                    unitPrice: Money.fromDecimal(item.unitPrice),
                    isBillable: item.isBillable,
                  },
                ]
              : [];
          }),
        },
        body.validDays,
      );
      await this.lifecycle.fire(db, caller, plan, 'quote', {
        changes: {
          estimatedCost: quote.total,
          insurancePortion: quote.insurancePortion,
          patientPortion: quote.patientPortion,
        },
        metadata: { quoteId: quote.id },
      });
      return quote;
    });
  }

  /** QUOTED → APPROVED, when every rule of the seed's "Before Plan Can Be Approved" holds. */
  approvePlan(
    caller: Caller,
    planId: string,
    body: ApproveProcedurePlanBody,
    ifMatch: number | undefined,
  ): Promise<ProcedurePlanResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.lock(db, caller, planId, ifMatch);
      const notes = body.notes || null;
      return this.approve(db, plan, { kind: 'staff', caller, notes }, []);
    });
  }

  /**
   * The patient approves their own plan through their link (docs/procedure-plans.md "Approval by
   * the patient"): the staff's rules, plus the plan's consent signed, plus `extraUnmet` (the
   * patient portal passes the FDA checklist's rule), every unmet one answered at once as 409
   * PLAN_NOT_APPROVABLE. Recorded as approved by the link, no member of staff.
   */
  approveAsPatient(
    actor: PatientLinkActor,
    extraUnmet: FieldError[] = [],
  ): Promise<ProcedurePlanResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.plans.lockById(db, actor.clinicId, actor.procedurePlanId);
      if (!plan || plan.patientId !== actor.patientId) throw new NotFound(ENTITY);
      const consent = await this.consents.lockCurrentStatusForPlan(db, actor.clinicId, plan.id);
      const unmet: FieldError[] = [];
      if (consent !== 'SIGNED') {
        unmet.push({
          path: 'consent',
          message:
            consent === 'REVOKED'
              ? 'The consent form was withdrawn: please contact the clinic'
              : 'Sign the consent form first',
        });
      }
      return this.approve(db, plan, { kind: 'patient', actor }, [...unmet, ...extraUnmet]);
    });
  }

  /**
   * The one approval, for staff and patient alike: the plan's state allows it, the quote is live,
   * every rule holds (with the approver's own `extraUnmet`), or 409 PLAN_NOT_APPROVABLE listing
   * every unmet rule; then the plan is APPROVED and its quote ACCEPTED, in the caller's
   * transaction with the plan locked.
   */
  private async approve(
    db: Db,
    plan: PlanRow,
    approver: Approver,
    extraUnmet: FieldError[],
  ): Promise<ProcedurePlanResponse> {
    const audit: Actor = approver.kind === 'staff' ? approver.caller : approver.actor.audit;
    const clinicId = audit.clinicId;
    this.lifecycle.assertAllows(plan, 'approve');
    const quote = await this.quotes.lockLiveQuoteForPlan(db, clinicId, plan.id);
    const unmet = await this.unmetApprovalRules(db, clinicId, plan);
    if (!quote || effectiveQuoteStatus(quote, this.clock.now()) !== 'ISSUED') {
      unmet.unshift({
        path: 'currentQuoteId',
        message: quote
          ? `The quote ${quote.quoteNumber} expired on ${quote.validUntil.toISOString().slice(0, 10)}: issue a new quote`
          : 'The plan has no current quote: issue one',
      });
    }
    unmet.push(...extraUnmet);
    if (unmet.length > 0 || !quote) throw new PlanNotApprovable(unmet);
    const notes = approver.kind === 'staff' ? approver.notes : null;
    // The audit trail names the notes field, never its free text (no PHI in audit rows).
    const approved = await this.lifecycle.fire(db, audit, plan, 'approve', {
      changes: {
        approvedById: approver.kind === 'staff' ? approver.caller.userId : null,
        approvedByPatientLinkId: approver.kind === 'patient' ? approver.actor.linkId : null,
        approvedAt: this.clock.now(),
        approvalNotes: notes,
      },
      changedFields: [
        'status',
        approver.kind === 'staff' ? 'approvedById' : 'approvedByPatientLinkId',
        'approvedAt',
        ...(notes ? ['approvalNotes'] : []),
      ],
      metadata:
        approver.kind === 'staff'
          ? { quoteId: quote.id }
          : { quoteId: quote.id, via: 'patient-link' },
    });
    await this.quotes.accept(db, audit, quote);
    return this.presenter.present(db, clinicId, approved);
  }

  /**
   * Any state but COMPLETED (and CANCELLED) → CANCELLED; reservations released, a pending consent
   * voided, a scheduled case cancelled (by the theater's hook).
   */
  cancelPlan(
    caller: Caller,
    planId: string,
    body: CancelProcedurePlanBody,
    ifMatch: number | undefined,
  ): Promise<ProcedurePlanResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.lock(db, caller, planId, ifMatch);
      this.lifecycle.assertAllows(plan, 'cancel');
      await this.cancellationHooks.run(db, caller, plan, body.reason);
      const cancelled = await this.lifecycle.fire(db, caller, plan, 'cancel', {
        changes: { cancelledAt: this.clock.now(), cancelReason: body.reason },
      });
      if (plan.status !== 'APPROVED' && plan.status !== 'SCHEDULED') {
        await this.quotes.supersedeForPlan(db, caller, plan.id);
      }
      await this.consents.voidPendingForPlan(db, caller, plan.id, 'plan cancelled');
      await this.inventory.releaseAllForPlan(db, caller, plan.id);
      return this.presenter.present(db, caller.clinicId, cancelled);
    });
  }

  /**
   * An edit of a QUOTED plan supersedes its quote and returns it to DRAFT, without money
   * (docs/design.md §4); a DRAFT plan stays as it is. The changes go into the edit's own update.
   */
  async reopenForEdit(db: Db, caller: Caller, plan: PlanRow): Promise<PlanChanges> {
    const changes = this.lifecycle.replanChanges(plan);
    if (changes.status !== undefined) await this.quotes.supersedeForPlan(db, caller, plan.id);
    return changes;
  }

  private async lock(
    db: Db,
    caller: Caller,
    planId: string,
    ifMatch: number | undefined,
  ): Promise<PlanRow> {
    return lockedAtVersion(
      await this.plans.lockById(db, caller.clinicId, planId),
      ifMatch,
      ENTITY,
      planId,
    );
  }

  /** The plan's requirements in order, each with its inventory item (the clinic's, or none). */
  private async requirementsWithItems(
    db: Db,
    clinicId: ClinicId,
    plan: PlanRow,
  ): Promise<{ requirement: RequirementWithItem; item: InventoryItemRow | undefined }[]> {
    const requirements = await this.plans.requirementsOf(db, clinicId, [plan.id]);
    const items = new Map(
      (
        await this.items.itemsByIds(
          db,
          clinicId,
          requirements.map((r) => r.inventoryItemId),
        )
      ).map((i) => [i.id, i]),
    );
    return requirements.map((requirement) => ({
      requirement,
      item: items.get(requirement.inventoryItemId),
    }));
  }

  /** Every rule but the quote's, each failure naming the plan field it concerns. */
  private async unmetApprovalRules(
    db: Db,
    clinicId: ClinicId,
    plan: PlanRow,
  ): Promise<FieldError[]> {
    const unmet: FieldError[] = [];
    const fees = await this.fees.entriesFor(db, clinicId, plan.cptCodes.map(baseCptCode));
    plan.cptCodes.forEach((code, i) => {
      if (!fees.has(baseCptCode(code))) {
        unmet.push({
          path: `cptCodes[${i}]`,
          message: `${code} is no longer in the clinic's fee schedule`,
        });
      }
    });
    if (plan.procedureType !== 'COSMETIC') {
      if (plan.diagnosisCodes.length === 0) {
        unmet.push({
          path: 'diagnosisCodes',
          message: `A ${plan.procedureType} plan needs diagnosis codes`,
        });
      }
      unmet.push(...this.icd10.validateDiagnosisCodes(plan.diagnosisCodes, 'diagnosisCodes'));
    }
    const requirements = await this.requirementsWithItems(db, clinicId, plan);
    requirements.forEach(({ requirement: r, item }, i) => {
      if (item?.requiresSerialNumber && !r.requiresSerialNumber) {
        unmet.push({
          path: `inventoryRequirements[${i}].requiresSerialNumber`,
          message: `${r.itemCode} is serial-tracked: its requirement must record serial numbers`,
        });
      }
    });
    if (plan.estimatedCost === null)
      unmet.push({ path: 'estimatedCost', message: 'The plan has no estimated cost' });
    return unmet;
  }
}
