import { Injectable } from '@nestjs/common';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { GENERAL_CONSENT_CODE, PlanConsentService } from '../../consent';
import { FdaChecklistService } from '../../fda-checklist';
import { PriorAuthorizationCoverage } from '../../prior-authorization';
import { PlanInventoryService, PlanQueries, type PlanRow } from '../../procedure-plan';
import type {
  ReadinessCheck,
  ReadinessCode,
  ReadinessQuery,
  ReadinessResponse,
} from '../dto/readiness.dto';
import { zonedDate } from '../../../common/time-zone';
import { ClinicService } from '../../clinic';

const NO_CONSENT_DETAIL =
  'No consent template covers this plan: add one for its CPT codes, or the general surgical ' +
  `consent ${GENERAL_CONSENT_CODE}`;

export interface ReadinessOptions {
  /** Re-checking a case being moved: its plan is SCHEDULED already, which counts as approved. */
  rescheduling?: boolean;
  /** Only these checks (moving a case re-checks what depends on the date). */
  only?: readonly ReadinessCode[];
  /** The clinic's time zone, when the caller has read it already (`timeZone`). */
  timeZone?: string;
}

/**
 * The seed's "Before Surgery Can Be Scheduled" (docs/design.md §4), in one place: `GET
 * /procedure-plans/:id/readiness` answers it, and scheduling or moving a case refuses with the
 * unmet checks of this same method. It lives with the theater because the surgery date is the
 * theater's: the prior authorization's window and the reserved batches' expiry are checked
 * against it.
 */
@Injectable()
export class SchedulingReadiness {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly plans: PlanQueries,
    private readonly consents: PlanConsentService,
    private readonly fdaChecklists: FdaChecklistService,
    private readonly planInventory: PlanInventoryService,
    private readonly priorAuth: PriorAuthorizationCoverage,
    private readonly clock: Clock,
    private readonly clinics: ClinicService,
  ) {}

  getReadiness(caller: Caller, planId: string, query: ReadinessQuery): Promise<ReadinessResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.plans.findById(db, caller.clinicId, planId);
      if (!plan) throw new NotFound('ProcedurePlan', planId);
      const liveCase = (await this.plans.liveCasesOf(db, caller.clinicId, [plan.id])).get(plan.id);
      const surgeryDate =
        query.surgeryDate ??
        (liveCase ? await this.surgeryDayOf(db, caller.clinicId, liveCase.scheduledStart) : null);
      return this.checklist(db, caller.clinicId, plan, surgeryDate, {
        rescheduling: liveCase !== undefined,
      });
    });
  }

  async checklist(
    db: Db,
    clinicId: ClinicId,
    plan: PlanRow,
    surgeryDate: string | null,
    options: ReadinessOptions = {},
  ): Promise<ReadinessResponse> {
    const today = zonedDate(
      this.clock.now(),
      options.timeZone ?? (await this.clinics.timeZoneOf(clinicId, db)),
    );
    const wanted = (code: ReadinessCode) => !options.only || options.only.includes(code);
    const checks: ReadinessCheck[] = [];
    if (wanted('PLAN_APPROVED'))
      checks.push(this.planApproved(plan, options.rescheduling ?? false));
    if (wanted('CONSENT_SIGNED')) checks.push(await this.consentSigned(db, clinicId, plan));
    if (wanted('FDA_CHECKLIST_SIGNED'))
      checks.push(await this.fdaChecklistSigned(db, clinicId, plan));
    if (wanted('PRIOR_AUTH_APPROVED'))
      checks.push({
        code: 'PRIOR_AUTH_APPROVED',
        ...(await this.priorAuth.checkFor(db, clinicId, plan, surgeryDate, today)),
      });
    if (wanted('INVENTORY_READY'))
      checks.push(await this.inventoryReady(db, clinicId, plan, surgeryDate, today));
    return { ready: checks.every((c) => !c.required || c.ok), surgeryDate, checks };
  }

  private planApproved(plan: PlanRow, rescheduling: boolean): ReadinessCheck {
    const ok = plan.status === 'APPROVED' || (rescheduling && plan.status === 'SCHEDULED');
    return {
      code: 'PLAN_APPROVED',
      required: true,
      ok,
      detail: ok
        ? 'The patient approved the plan'
        : `The plan is ${plan.status}, not APPROVED${plan.status === 'QUOTED' ? ': record the patient’s approval' : ''}`,
    };
  }

  private async consentSigned(db: Db, clinicId: ClinicId, plan: PlanRow): Promise<ReadinessCheck> {
    const consent = (await this.consents.summariesForPlans(db, clinicId, [plan.id])).get(plan.id);
    // Every surgical plan needs a signed consent (docs/consents.md): a plan without one, because
    // no template covered it when its consent was attached, is never "not required".
    if (!consent)
      return {
        code: 'CONSENT_SIGNED',
        required: true,
        ok: false,
        detail: NO_CONSENT_DETAIL,
      };
    const ok = consent.status === 'SIGNED';
    return {
      code: 'CONSENT_SIGNED',
      required: true,
      ok,
      detail: ok
        ? `Consent ${consent.templateCode} is signed`
        : `Consent ${consent.templateCode} is ${consent.status}: it must be signed`,
    };
  }

  /**
   * A breast-implant plan (docs/fda-checklist.md) needs the FDA Patient Decision Checklist signed
   * by the patient and attested by the surgeon; any other plan does not.
   */
  private async fdaChecklistSigned(
    db: Db,
    clinicId: ClinicId,
    plan: PlanRow,
  ): Promise<ReadinessCheck> {
    const status = await this.fdaChecklists.statusOfPlan(db, plan);
    const detail = {
      NOT_REQUIRED: 'The plan places no breast implant: no FDA checklist needed',
      PENDING: 'The patient has not yet initialed and signed the FDA breast implant checklist',
      PATIENT_SIGNED: 'The patient signed the FDA checklist: the surgeon’s attestation is missing',
      COMPLETED: 'The FDA checklist is signed by the patient and attested by the surgeon',
    }[status];
    return {
      code: 'FDA_CHECKLIST_SIGNED',
      required: status !== 'NOT_REQUIRED',
      ok: status === 'NOT_REQUIRED' || status === 'COMPLETED',
      detail,
    };
  }

  /**
   * Implants must be reserved by serial number from batches still usable on the surgery date;
   * other required supplies need only be reserved or on the shelf then.
   */
  private async inventoryReady(
    db: Db,
    clinicId: ClinicId,
    plan: PlanRow,
    surgeryDate: string | null,
    today: string,
  ): Promise<ReadinessCheck> {
    const day = surgeryDate !== null && surgeryDate > today ? surgeryDate : today;
    const stock = (await this.planInventory.stockFor(db, clinicId, plan.id, day)).filter(
      (s) => s.requirement.isRequired,
    );
    if (stock.length === 0)
      return {
        code: 'INVENTORY_READY',
        required: false,
        ok: true,
        detail: 'The plan requires no inventory',
      };
    const problems: string[] = [];
    for (const { requirement: r, held, available } of stock) {
      const expiring = (held?.batches ?? []).filter(
        (b) => b.expiresAt !== null && b.expiresAt < day,
      );
      const allocated = held?.quantity ?? 0;
      if (expiring.length > 0)
        problems.push(
          `${r.itemCode}: reserved batch ${expiring.map((b) => `${b.batchNumber} expires ${b.expiresAt}`).join(', ')}, before ${day}: release it and allocate again`,
        );
      else if (r.requiresSerialNumber && allocated < r.quantity)
        problems.push(`${r.itemCode} ×${r.quantity} not reserved (${allocated} reserved)`);
      else if (!r.requiresSerialNumber && allocated + available < r.quantity)
        problems.push(
          `${r.itemCode} ×${r.quantity} not in stock (${allocated + available} usable)`,
        );
    }
    return {
      code: 'INVENTORY_READY',
      required: true,
      ok: problems.length === 0,
      detail:
        problems.length === 0
          ? `Every implant is reserved and every other required item is in stock for ${day}`
          : `Not ready: ${problems.join('; ')}`,
    };
  }

  /** The surgery's day: the date its start falls on at the clinic (docs/clinic.md "Time zones"). */
  async surgeryDayOf(db: Db, clinicId: ClinicId, start: Date): Promise<string> {
    return zonedDate(start, await this.clinics.timeZoneOf(clinicId, db));
  }

  /** The clinic's time zone, read once for a surgery day and a checklist (`options.timeZone`). */
  timeZone(db: Db, clinicId: ClinicId): Promise<string> {
    return this.clinics.timeZoneOf(clinicId, db);
  }
}
