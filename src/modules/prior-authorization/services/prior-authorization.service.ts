import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import {
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import type { FieldError } from '../../../common/errors/problem-code';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { invariant } from '../../../common/invariant';
import { Icd10Catalog } from '../../codes';
import { PatientService } from '../../patient';
import { PlanQueries, type PlanRow } from '../../procedure-plan';
import type {
  CreatePriorAuthorizationBody,
  ListPriorAuthorizationsQuery,
  PriorAuthorizationResponse,
} from '../dto/prior-authorization.dto';
import { PriorAuthorizationRepository } from '../repositories/prior-authorization.repository';
import { insuredCptCodesOf } from './insured-cpt-codes';
import { PriorAuthorizationNotNeeded } from './prior-authorization-not-needed.error';
import { toPriorAuthorizationResponse } from './prior-authorization.mapper';

export const PRIOR_AUTHORIZATION = 'PriorAuthorization';

/** A request cannot be made for a plan that will not be operated on. */
const CLOSED_PLAN_STATUSES: readonly PlanRow['status'][] = ['CANCELLED', 'COMPLETED'];

/** Requesting and reading prior authorizations; the payer's side of the life is the workflow's. */
@Injectable()
export class PriorAuthorizationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly authorizations: PriorAuthorizationRepository,
    private readonly plans: PlanQueries,
    private readonly patients: PatientService,
    private readonly icd10: Icd10Catalog,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * A DRAFT request for the plan's insured codes (docs/design.md §3). What the body leaves out comes
   * from the plan (codes, diagnoses) and the patient's insurance (payer, member id).
   */
  createForPlan(
    caller: Caller,
    planId: string,
    body: CreatePriorAuthorizationBody,
    ifMatch: number | undefined,
  ): Promise<PriorAuthorizationResponse> {
    return this.tx.run(async (db) => {
      // The plan's row lock orders this request after a cancellation of the plan in flight. The
      // request is a record of its own: the plan keeps its version.
      const plan = lockedAtVersion(
        await this.plans.lock(db, caller.clinicId, planId),
        ifMatch,
        'ProcedurePlan',
        planId,
      );
      if (CLOSED_PLAN_STATUSES.includes(plan.status))
        throw new InvalidStateTransition(plan.status, 'request a prior authorization for a plan');
      if (plan.procedureType === 'COSMETIC') throw new PriorAuthorizationNotNeeded();

      const patient = await this.patients.findPatient(db, caller.clinicId, plan.patientId);
      invariant(patient, "a plan's patient is a foreign key of the plan");
      const request = {
        payerName: body.payerName ?? patient.insurance?.payerName,
        memberId: body.memberId ?? patient.insurance?.memberId,
        cptCodes: body.cptCodes ?? insuredCptCodesOf(plan),
        diagnosisCodes: body.diagnosisCodes ?? plan.diagnosisCodes,
      };
      const errors = [
        ...this.requestedCodeErrors(plan, request.cptCodes, body.cptCodes !== undefined),
        ...(body.diagnosisCodes === undefined
          ? []
          : this.icd10.validateDiagnosisCodes(body.diagnosisCodes, 'diagnosisCodes')),
        ...(request.diagnosisCodes.length === 0
          ? [{ path: 'diagnosisCodes', message: 'The plan has none: name at least one' }]
          : []),
        ...(['payerName', 'memberId'] as const)
          .filter((field) => request[field] === undefined)
          .map((path) => ({
            path,
            message: 'Required: the patient has no insurance on file to take it from',
          })),
      ];
      const { payerName, memberId } = request;
      if (errors.length > 0 || payerName === undefined || memberId === undefined)
        throw new ValidationFailed(errors);

      const created = await this.authorizations.insert(db, {
        clinicId: caller.clinicId,
        id: newId(),
        referenceNumber: await this.nextReferenceNumber(db, caller.clinicId),
        procedurePlanId: plan.id,
        patientId: plan.patientId,
        payerName,
        memberId,
        cptCodes: [...request.cptCodes],
        diagnosisCodes: [...request.diagnosisCodes],
        createdById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'prior-authorization.create',
        entityType: PRIOR_AUTHORIZATION,
        entityId: created.id,
        changedFields: [
          'procedurePlanId',
          'patientId',
          'payerName',
          'memberId',
          'cptCodes',
          'diagnosisCodes',
          'status',
        ],
        metadata: { procedurePlanId: plan.id },
      });
      return toPriorAuthorizationResponse(created);
    });
  }

  getPriorAuthorization(caller: Caller, id: string): Promise<PriorAuthorizationResponse> {
    return this.tx.run(async (db) => {
      const found = await this.authorizations.findById(db, caller.clinicId, id);
      if (!found) throw new NotFound(PRIOR_AUTHORIZATION, id);
      await this.audit.recordReads(db, caller, 'prior-authorization.read', PRIOR_AUTHORIZATION, [
        found.id,
      ]);
      return toPriorAuthorizationResponse(found);
    });
  }

  listPriorAuthorizations(
    caller: Caller,
    query: ListPriorAuthorizationsQuery,
  ): Promise<Page<PriorAuthorizationResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.authorizations.list(db, caller.clinicId, query, query);
      await this.audit.recordReads(
        db,
        caller,
        'prior-authorization.list',
        PRIOR_AUTHORIZATION,
        page.data.map((a) => a.id),
      );
      return { data: page.data.map(toPriorAuthorizationResponse), nextCursor: page.nextCursor };
    });
  }

  /**
   * The requested codes must be the plan's own (as the plan writes them, modifiers included),
   * each once. The defaults, the plan's insured codes, can only fail by being none at all.
   */
  private requestedCodeErrors(
    plan: PlanRow,
    codes: readonly string[],
    given: boolean,
  ): FieldError[] {
    if (codes.length === 0)
      return [
        {
          path: 'cptCodes',
          message: 'The plan bills no code to insurance: name the codes to authorize',
        },
      ];
    if (!given) return [];
    return codes.flatMap((code, i) => {
      const path = `cptCodes[${i}]`;
      if (!plan.cptCodes.includes(code))
        return [
          { path, message: `${code} is not one of the plan's codes (${plan.cptCodes.join(', ')})` },
        ];
      if (codes.indexOf(code) !== i) return [{ path, message: `${code} is listed twice` }];
      return [];
    });
  }

  /** `PA-<year>-<seq>` per clinic and year, like quote numbers. */
  private async nextReferenceNumber(db: Db, clinicId: ClinicId): Promise<string> {
    const year = this.clock.now().getUTCFullYear();
    const seq = await this.sequences.next(db, clinicId, `prior-auth.${year}`);
    return `PA-${year}-${String(seq).padStart(3, '0')}`;
  }
}
