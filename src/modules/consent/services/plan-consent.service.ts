import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { newId } from '../../../common/ids';
import { invariant } from '../../../common/invariant';
import {
  ConsentInstanceRepository,
  type ConsentInstanceRow,
} from '../repositories/consent-instance.repository';
import type { ConsentStatus } from '../repositories/consent.schema';
import {
  ConsentTemplateRepository,
  type ConsentTemplateRow,
} from '../repositories/consent-template.repository';
import { consentContentHash } from './consent-content-hash';
import { ConsentLifecycle } from './consent-lifecycle';
import { baseCptCodes, chooseTemplate, overlapCount } from './consent-template-match';
import { CONSENT_ENTITY } from './consent.service';
import { GENERAL_CONSENT_CODE } from './general-consent';

/** What a plan shows of its consent (`consent` on GET /procedure-plans/:id). */
export interface PlanConsentSummary {
  id: string;
  status: 'PENDING' | 'SIGNED' | 'REVOKED';
  templateCode: string;
}

/** What attaching a consent needs to know of a plan. */
export interface PlanForConsent {
  id: string;
  patientId: string;
  cptCodes: readonly string[];
}

const CODES_CHANGED = 'plan codes changed';

/**
 * The consent side of a procedure plan's life (docs/design.md §4, docs/consents.md): what the
 * procedure-plan module calls. Every method works inside the caller's transaction (`db`).
 */
@Injectable()
export class PlanConsentService {
  constructor(
    private readonly templates: ConsentTemplateRepository,
    private readonly instances: ConsentInstanceRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lifecycle: ConsentLifecycle,
  ) {}

  /**
   * Gives the plan the consent its codes call for: when the plan is created, and again whenever a
   * DRAFT plan's codes change. Keeps the current consent while it still fits, else voids it and
   * instantiates the matching template as a new PENDING consent: a procedure-specific one, else
   * the clinic's general surgical consent. With neither, the plan has no consent and the
   * readiness check says which template to add. Answers whether the plan's consent changed.
   */
  async attachForPlan(
    db: Db,
    caller: Caller,
    plan: PlanForConsent,
    options: { created?: boolean } = {},
  ): Promise<boolean> {
    const planCodes = baseCptCodes(plan.cptCodes);
    // A plan created in this transaction has no consent yet: nothing to look for.
    const current = options.created
      ? undefined
      : await this.instances.lockCurrentForPlan(db, caller.clinicId, plan.id);
    const candidates = await this.templates.activeForCodes(db, caller.clinicId, [...planCodes]);
    const specific = chooseTemplate(candidates, planCodes);
    const matched =
      specific ??
      (await this.templates.newestActiveByCode(db, caller.clinicId, GENERAL_CONSENT_CODE));
    if (current) {
      if (await this.stillFits(db, caller.clinicId, current, plan, planCodes, specific, matched))
        return false;
      await this.voidInstance(db, caller, current, CODES_CHANGED);
    }
    if (matched) await this.instantiate(db, caller, plan, matched);
    return current !== undefined || matched !== undefined;
  }

  /** The plan was cancelled: a PENDING consent is voided; a SIGNED or REVOKED one stays as history. */
  async voidPendingForPlan(db: Db, caller: Caller, planId: string, reason: string): Promise<void> {
    const current = await this.instances.lockCurrentForPlan(db, caller.clinicId, planId);
    if (current?.status === 'PENDING') await this.voidInstance(db, caller, current, reason);
  }

  /**
   * The plan's current (not VOIDED) consent's status, or null without one; the consent locked
   * until the caller's transaction ends (the plan's lock is held first, as attachForPlan takes
   * them), so a signature or revocation cannot change it under an approval that relies on it.
   */
  async lockCurrentStatusForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<ConsentStatus | null> {
    return (await this.instances.lockCurrentForPlan(db, clinicId, planId))?.status ?? null;
  }

  /** Each plan's current (not VOIDED) consent, for a page of plans, in one query. */
  async summariesForPlans(
    db: Db,
    clinicId: ClinicId,
    planIds: readonly string[],
  ): Promise<Map<string, PlanConsentSummary>> {
    const summaries = new Map<string, PlanConsentSummary>();
    for (const row of await this.instances.currentForPlans(db, clinicId, planIds)) {
      if (row.status === 'VOIDED') continue; // excluded by the query
      summaries.set(row.procedurePlanId, {
        id: row.id,
        status: row.status,
        templateCode: row.templateCode,
      });
    }
    return summaries;
  }

  /**
   * The current consent stays when it is the matched template's, for the same patient. A SIGNED
   * or REVOKED one also stays while its template still covers one of the plan's codes: it is a
   * record of what the patient decided about these procedures, and a newer template version is no
   * reason to discard it. A signed general consent covers the plan only while no
   * procedure-specific template does. A PENDING one is simply replaced.
   */
  private async stillFits(
    db: Db,
    clinicId: ClinicId,
    current: ConsentInstanceRow,
    plan: PlanForConsent,
    planCodes: Set<string>,
    specific: ConsentTemplateRow | undefined,
    matched: ConsentTemplateRow | undefined,
  ): Promise<boolean> {
    if (current.patientId !== plan.patientId) return false;
    if (matched && current.templateId === matched.id) return true;
    if (current.status === 'PENDING') return false;
    const template = await this.templates.findById(db, clinicId, current.templateId);
    invariant(template, 'an instance references its template by foreign key');
    if (template.code === GENERAL_CONSENT_CODE) return specific === undefined;
    return overlapCount(template.cptCodes, planCodes) > 0;
  }

  private async instantiate(
    db: Db,
    caller: Caller,
    plan: PlanForConsent,
    template: ConsentTemplateRow,
  ): Promise<void> {
    const instance = await this.instances.insert(db, {
      clinicId: caller.clinicId,
      id: newId(),
      patientId: plan.patientId,
      procedurePlanId: plan.id,
      templateId: template.id,
      templateCode: template.code,
      templateVersion: template.version,
      title: template.title,
      body: template.body,
      contentHash: consentContentHash(template),
      status: 'PENDING',
    });
    await this.audit.record(db, caller, {
      action: 'consent.create',
      entityType: CONSENT_ENTITY,
      entityId: instance.id,
      changedFields: [
        'patientId',
        'procedurePlanId',
        'templateId',
        'templateCode',
        'templateVersion',
        'title',
        'body',
        'contentHash',
        'status',
      ],
      metadata: { procedurePlanId: plan.id, templateCode: template.code },
    });
  }

  private async voidInstance(
    db: Db,
    caller: Caller,
    instance: ConsentInstanceRow,
    reason: string,
  ): Promise<void> {
    await this.lifecycle.fire(db, caller, instance, 'void', {
      changes: { voidedAt: this.clock.now(), voidReason: reason },
      metadata: { procedurePlanId: instance.procedurePlanId },
    });
  }
}
