import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Actor, Caller, ClinicId, PatientLinkActor } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import {
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import type { FieldError } from '../../../common/errors/problem-code';
import { assertVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { PlanCancellationHooks, PlanQueries, type PlanRow } from '../../procedure-plan';
import { UserQueries } from '../../user';
import type {
  FdaChecklistPlanStatus,
  PatientFdaChecklistResponse,
  PlanFdaChecklistResponse,
  SignFdaChecklistBody,
} from '../dto/fda-checklist.dto';
import { FdaChecklistTemplateRepository } from '../repositories/fda-checklist-template.repository';
import {
  FdaChecklistRepository,
  type FdaChecklistRow,
} from '../repositories/fda-checklist.repository';
import { FdaChecklistContentChanged } from './fda-checklist-content-changed.error';
import { fdaChecklistContentHash } from './fda-checklist-content-hash';
import { FdaChecklistLifecycle } from './fda-checklist-lifecycle';
import { needsFdaChecklist } from './fda-checklist-rule';

export const FDA_CHECKLIST_ENTITY = 'FdaChecklist';
const PLAN_ENTITY = 'ProcedurePlan';

/** Plans whose checklist is still to be made when first read; a cancelled or done plan gets none. */
const OPEN_PLAN_STATUSES: readonly PlanRow['status'][] = [
  'DRAFT',
  'QUOTED',
  'APPROVED',
  'SCHEDULED',
];

/** The plan's checklist after reconciling it with the rule. */
interface CurrentChecklist {
  required: boolean;
  checklist: FdaChecklistRow | undefined;
}

/** Who records the patient's signature: the patient through the link, or staff in the clinic. */
type SignatureDoor =
  { kind: 'PATIENT_LINK'; actor: PatientLinkActor } | { kind: 'IN_CLINIC'; caller: Caller };

/**
 * A breast-implant plan's FDA Patient Decision Checklist (docs/fda-checklist.md): made lazily from
 * the clinic's newest active template when first read, initialed and signed by the patient (through
 * the patient link, or in the clinic), then attested by the surgeon. Voided when the plan is
 * cancelled (a plan-cancellation hook) or, on its next read, when the plan no longer needs it.
 */
@Injectable()
export class FdaChecklistService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly checklists: FdaChecklistRepository,
    private readonly templates: FdaChecklistTemplateRepository,
    private readonly plans: PlanQueries,
    private readonly users: UserQueries,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lifecycle: FdaChecklistLifecycle,
    private readonly cancellation: PlanCancellationHooks,
  ) {}

  onModuleInit(): void {
    this.cancellation.register((db, caller, plan) =>
      this.voidForPlan(db, caller, plan.id, 'plan cancelled'),
    );
  }

  // ---- the patient, through the link (the portal's controllers call these) ----

  /** The checklist as the patient sees it; audited as `fda-checklist.read` by the link. */
  forPatient(actor: PatientLinkActor): Promise<PatientFdaChecklistResponse> {
    return this.tx.run(async (db) => {
      const { plan, current } = await this.readChecklist(db, actor.audit, actor.procedurePlanId, {
        patientId: actor.patientId,
      });
      if (current.checklist)
        await this.audit.record(db, actor.audit, {
          action: 'fda-checklist.read',
          entityType: FDA_CHECKLIST_ENTITY,
          entityId: current.checklist.id,
          metadata: { via: 'patient-link', procedurePlanId: plan.id },
        });
      return this.patientView(db, current);
    });
  }

  /** The patient initials every section and types their name: PENDING → PATIENT_SIGNED. */
  signAsPatient(
    actor: PatientLinkActor,
    body: SignFdaChecklistBody,
  ): Promise<PatientFdaChecklistResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.patientPlan(db, actor);
      const signed = await this.sign(db, plan, body, { kind: 'PATIENT_LINK', actor });
      return this.patientView(db, { required: true, checklist: signed });
    });
  }

  // ---- the staff ----

  /** `GET /procedure-plans/:id/fda-checklist`: audited as a read of patient data. */
  getForPlan(caller: Caller, planId: string): Promise<PlanFdaChecklistResponse> {
    return this.tx.run(async (db) => {
      const { current } = await this.readChecklist(db, caller, planId);
      if (current.checklist)
        await this.audit.recordReads(db, caller, 'fda-checklist.read', FDA_CHECKLIST_ENTITY, [
          current.checklist.id,
        ]);
      return this.staffView(db, current);
    });
  }

  /** The patient signs on paper or a tablet in the clinic, and staff record it. */
  signInClinic(
    caller: Caller,
    planId: string,
    body: SignFdaChecklistBody,
    ifMatch: number | undefined,
  ): Promise<PlanFdaChecklistResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.lockPlan(db, caller.clinicId, planId);
      const signed = await this.sign(db, plan, body, { kind: 'IN_CLINIC', caller }, ifMatch);
      return this.staffView(db, { required: true, checklist: signed });
    });
  }

  /** The implanting surgeon's attestation, after the patient signed: PATIENT_SIGNED → COMPLETED. */
  attest(
    caller: Caller,
    planId: string,
    ifMatch: number | undefined,
  ): Promise<PlanFdaChecklistResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.lockPlan(db, caller.clinicId, planId);
      const current = await this.reconcile(db, caller, plan);
      const checklist = this.signable(current, 'attest');
      this.lifecycle.assertAllows(checklist, 'attest');
      assertVersion(checklist.version, ifMatch);
      const attested = await this.lifecycle.fire(db, caller, checklist, 'attest', {
        changes: { attestedById: caller.userId, attestedAt: this.clock.now() },
        metadata: { procedurePlanId: plan.id },
      });
      return this.staffView(db, { required: true, checklist: attested });
    });
  }

  // ---- other modules, in their own transaction ----

  /**
   * What the plan's checklist is: NOT_REQUIRED when the plan (cancelled plans included) does not
   * need one, else its current status, PENDING when none has been made yet. Writes nothing.
   */
  async statusForPlan(db: Db, clinicId: ClinicId, planId: string): Promise<FdaChecklistPlanStatus> {
    const plan = await this.plans.findById(db, clinicId, planId);
    return plan ? this.statusOfPlan(db, plan) : 'NOT_REQUIRED';
  }

  /** `statusForPlan` of a plan row the caller has read already (no second read of the plan). */
  async statusOfPlan(db: Db, plan: PlanRow): Promise<FdaChecklistPlanStatus> {
    if (plan.status === 'CANCELLED') return 'NOT_REQUIRED';
    if (!(await this.planNeedsChecklist(db, plan))) return 'NOT_REQUIRED';
    const current = await this.checklists.currentForPlan(db, plan.clinicId as ClinicId, plan.id);
    if (!current || current.status === 'VOIDED') return 'PENDING';
    return current.status;
  }

  /**
   * The approval rule's part (the patient approves after signing the checklist; the surgeon's
   * attestation may come later, before scheduling): unmet while the patient has not signed.
   */
  async unmetForApproval(db: Db, clinicId: ClinicId, planId: string): Promise<FieldError[]> {
    const status = await this.statusForPlan(db, clinicId, planId);
    if (status !== 'PENDING') return [];
    return [
      {
        path: 'fdaChecklist',
        message:
          'The patient must initial and sign the FDA breast implant Patient Decision Checklist first',
      },
    ];
  }

  /** Whether the plan needs the checklist (fda-checklist-rule.ts), from its codes and requirements. */
  async planNeedsChecklist(db: Db, plan: PlanRow): Promise<boolean> {
    const requirements = await this.checklists.requirementsForRule(
      db,
      plan.clinicId as ClinicId,
      plan.id,
    );
    return needsFdaChecklist(plan.cptCodes, requirements);
  }

  // ---- inside ----

  private async sign(
    db: Db,
    plan: PlanRow,
    body: SignFdaChecklistBody,
    door: SignatureDoor,
    ifMatch?: number,
  ): Promise<FdaChecklistRow> {
    const actor: Actor = door.kind === 'PATIENT_LINK' ? door.actor.audit : door.caller;
    const current = await this.reconcile(db, actor, plan);
    const checklist = this.signable(current, 'sign');
    this.lifecycle.assertAllows(checklist, 'sign');
    assertVersion(checklist.version, ifMatch);
    if (body.contentHash !== checklist.contentHash) throw new FdaChecklistContentChanged();
    const keys = new Set(checklist.sections.map((s) => s.key));
    const errors: FieldError[] = [
      ...checklist.sections
        .filter((s) => body.initials[s.key] === undefined)
        .map((s) => ({ path: `initials.${s.key}`, message: `Initial "${s.heading}"` })),
      ...Object.keys(body.initials)
        .filter((k) => !keys.has(k))
        .map((k) => ({
          path: `initials.${k}`,
          message: 'No section of this checklist has this key',
        })),
    ];
    if (errors.length > 0) throw new ValidationFailed(errors);
    const evidence =
      door.kind === 'PATIENT_LINK'
        ? {
            patientLinkId: door.actor.linkId,
            signerIpAddress: door.actor.ipAddress,
            signerUserAgent: door.actor.userAgent,
          }
        : { recordedById: door.caller.userId };
    return this.lifecycle.fire(db, actor, checklist, 'sign', {
      changes: {
        initials: body.initials,
        signerName: body.signerName,
        patientSignedAt: this.clock.now(),
        ...evidence,
      },
      metadata: {
        procedurePlanId: plan.id,
        via: door.kind === 'PATIENT_LINK' ? 'patient-link' : 'in-clinic',
      },
    });
  }

  /** The checklist to sign or attest; 409 when the plan needs none or none could be made. */
  private signable(current: CurrentChecklist, event: 'sign' | 'attest'): FdaChecklistRow {
    if (!current.required)
      throw new InvalidStateTransition(
        'NOT_REQUIRED',
        event,
        'This plan does not need the FDA breast implant checklist',
      );
    if (!current.checklist)
      throw new InvalidStateTransition(
        'PENDING',
        event,
        'The clinic has no active FDA checklist template: an ADMIN adds one in Settings',
      );
    return current.checklist;
  }

  /**
   * A read: the plan's checklist as the rule wants it. Most reads find it so and write nothing;
   * when it must be made or voided, the plan is locked (the order every use case on a plan
   * follows) and the checklist reconciled under the lock, so two first reads make one.
   */
  private async readChecklist(
    db: Db,
    actor: Actor,
    planId: string,
    owner: { patientId?: string } = {},
  ): Promise<{ plan: PlanRow; current: CurrentChecklist }> {
    const plan = await this.plans.findById(db, actor.clinicId, planId);
    if (!plan || (owner.patientId !== undefined && plan.patientId !== owner.patientId))
      throw new NotFound(PLAN_ENTITY, planId);
    const required = plan.status !== 'CANCELLED' && (await this.planNeedsChecklist(db, plan));
    const checklist = await this.checklists.currentForPlan(db, actor.clinicId, plan.id);
    const settled = required
      ? checklist !== undefined || !OPEN_PLAN_STATUSES.includes(plan.status)
      : checklist === undefined;
    if (settled) return { plan, current: { required, checklist } };
    const locked = await this.plans.lock(db, actor.clinicId, planId);
    if (!locked) throw new NotFound(PLAN_ENTITY, planId);
    // A requirement's change bumps the plan's version: at the same version, the rule's answer
    // read above still holds under the lock.
    const known = locked.version === plan.version ? { required } : undefined;
    return { plan: locked, current: await this.reconcile(db, actor, locked, known) };
  }

  /**
   * Brings the plan's checklist in line with the rule, in the caller's transaction (the plan row
   * locked or read by the caller): voids it when the plan is cancelled or no longer needs it, and
   * makes it from the newest active template when the plan needs one and has none.
   */
  private async reconcile(
    db: Db,
    actor: Actor,
    plan: PlanRow,
    known?: { required: boolean },
  ): Promise<CurrentChecklist> {
    const clinicId = actor.clinicId;
    const required =
      known?.required ?? (plan.status !== 'CANCELLED' && (await this.planNeedsChecklist(db, plan)));
    const current = await this.checklists.lockCurrentForPlan(db, clinicId, plan.id);
    if (!required) {
      if (current)
        await this.voidChecklist(
          db,
          actor,
          current,
          plan.status === 'CANCELLED' ? 'plan cancelled' : 'plan no longer needs the checklist',
        );
      return { required: false, checklist: undefined };
    }
    if (current || !OPEN_PLAN_STATUSES.includes(plan.status))
      return { required: true, checklist: current };
    const template = await this.templates.newestActive(db, clinicId);
    if (!template) return { required: true, checklist: undefined };
    const created = await this.checklists.insert(db, {
      clinicId,
      id: newId(),
      patientId: plan.patientId,
      procedurePlanId: plan.id,
      templateId: template.id,
      templateVersion: template.version,
      title: template.title,
      sections: template.sections,
      surgeonAttestation: template.surgeonAttestation,
      contentHash: fdaChecklistContentHash(template),
      status: 'PENDING',
    });
    await this.audit.record(db, actor, {
      action: 'fda-checklist.create',
      entityType: FDA_CHECKLIST_ENTITY,
      entityId: created.id,
      changedFields: ['procedurePlanId', 'templateId', 'title', 'sections', 'contentHash'],
      metadata: { procedurePlanId: plan.id, templateVersion: template.version },
    });
    return { required: true, checklist: created };
  }

  private async voidForPlan(db: Db, actor: Actor, planId: string, reason: string): Promise<void> {
    const current = await this.checklists.lockCurrentForPlan(db, actor.clinicId, planId);
    if (current) await this.voidChecklist(db, actor, current, reason);
  }

  private async voidChecklist(
    db: Db,
    actor: Actor,
    checklist: FdaChecklistRow,
    reason: string,
  ): Promise<void> {
    await this.lifecycle.fire(db, actor, checklist, 'void', {
      changes: { voidedAt: this.clock.now(), voidReason: reason },
      metadata: { procedurePlanId: checklist.procedurePlanId },
    });
  }

  /** The patient's plan: the link names it, and it must still be that patient's. */
  private async patientPlan(db: Db, actor: PatientLinkActor): Promise<PlanRow> {
    const plan = await this.plans.lock(db, actor.clinicId, actor.procedurePlanId);
    if (!plan || plan.patientId !== actor.patientId)
      throw new NotFound(PLAN_ENTITY, actor.procedurePlanId);
    return plan;
  }

  private async lockPlan(db: Db, clinicId: ClinicId, planId: string): Promise<PlanRow> {
    const plan = await this.plans.lock(db, clinicId, planId);
    if (!plan) throw new NotFound(PLAN_ENTITY, planId);
    return plan;
  }

  private statusOf(current: CurrentChecklist): FdaChecklistPlanStatus {
    if (!current.required) return 'NOT_REQUIRED';
    const status = current.checklist?.status ?? 'PENDING';
    return status === 'VOIDED' ? 'PENDING' : status;
  }

  private async surgeonName(db: Db, checklist: FdaChecklistRow): Promise<string | null> {
    if (checklist.attestedById === null) return null;
    return (
      (await this.users.findById(db, checklist.clinicId as ClinicId, checklist.attestedById))
        ?.name ?? null
    );
  }

  private async patientView(
    db: Db,
    current: CurrentChecklist,
  ): Promise<PatientFdaChecklistResponse> {
    const c = current.checklist;
    return {
      required: current.required,
      title: c?.title ?? null,
      sections: c?.sections ?? [],
      contentHash: c?.contentHash ?? null,
      status: this.statusOf(current),
      initials: c?.initials ?? null,
      signerName: c?.signerName ?? null,
      patientSignedAt: c?.patientSignedAt?.toISOString() ?? null,
      surgeonAttestedAt: c?.attestedAt?.toISOString() ?? null,
      surgeonName: c ? await this.surgeonName(db, c) : null,
    };
  }

  private async staffView(db: Db, current: CurrentChecklist): Promise<PlanFdaChecklistResponse> {
    const c = current.checklist;
    return {
      required: current.required,
      status: this.statusOf(current),
      checklist: c
        ? {
            id: c.id,
            procedurePlanId: c.procedurePlanId,
            templateVersion: c.templateVersion,
            title: c.title,
            sections: c.sections,
            surgeonAttestation: c.surgeonAttestation,
            contentHash: c.contentHash,
            status: c.status,
            initials: c.initials,
            signerName: c.signerName,
            patientSignedAt: c.patientSignedAt?.toISOString() ?? null,
            signedThrough:
              c.patientLinkId !== null
                ? 'PATIENT_LINK'
                : c.recordedById !== null
                  ? 'IN_CLINIC'
                  : null,
            recordedById: c.recordedById,
            attestedById: c.attestedById,
            surgeonName: await this.surgeonName(db, c),
            attestedAt: c.attestedAt?.toISOString() ?? null,
            version: c.version,
            createdAt: c.createdAt.toISOString(),
            updatedAt: c.updatedAt.toISOString(),
          }
        : null,
    };
  }
}
