import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { Page } from '../../../common/http/pagination';
import type { ListProcedurePlansQuery } from '../dto/list-procedure-plans.dto';
import {
  ProcedurePlanRepository,
  type LiveCase,
  type PlanRow,
  type RequirementWithItem,
} from '../repositories/procedure-plan.repository';

/**
 * What other modules may read of a plan (theater, prior-authorization…), instead of importing the
 * repository. `lock` takes the plan's row lock: every use case on a plan or its case locks the
 * plan first, in that one order; its status then changes only through `PlanLifecycle`.
 */
@Injectable()
export class PlanQueries {
  constructor(private readonly plans: ProcedurePlanRepository) {}

  findById(db: Db, clinicId: ClinicId, id: string): Promise<PlanRow | undefined> {
    return this.plans.findById(db, clinicId, id);
  }

  /** A page of plans, unaudited (the demo loader's lookups on a re-run write nothing). */
  list(db: Db, clinicId: ClinicId, query: ListProcedurePlansQuery): Promise<Page<PlanRow>> {
    return this.plans.list(db, clinicId, query);
  }

  /** SELECT … FOR UPDATE inside the caller's transaction. */
  lock(db: Db, clinicId: ClinicId, id: string): Promise<PlanRow | undefined> {
    return this.plans.lockById(db, clinicId, id);
  }

  requirementsOf(
    db: Db,
    clinicId: ClinicId,
    planIds: readonly string[],
  ): Promise<RequirementWithItem[]> {
    return this.plans.requirementsOf(db, clinicId, planIds);
  }

  liveCasesOf(
    db: Db,
    clinicId: ClinicId,
    planIds: readonly string[],
  ): Promise<Map<string, LiveCase>> {
    return this.plans.liveCasesOf(db, clinicId, planIds);
  }
}
