import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { PlanRow } from '../repositories/procedure-plan.repository';

/** Runs in the cancellation's transaction, with the plan row locked; throws to refuse it. */
export type BeforePlanCancel = (
  db: Db,
  caller: Caller,
  plan: PlanRow,
  reason: string,
) => Promise<void>;

/**
 * What other modules must do when a plan is cancelled, in the same transaction: the theater
 * cancels the plan's scheduled case, or refuses while the surgery is in progress. Those modules
 * register here at start-up, so the plan module does not depend on them (they depend on it).
 */
@Injectable()
export class PlanCancellationHooks {
  private readonly hooks: BeforePlanCancel[] = [];

  register(hook: BeforePlanCancel): void {
    this.hooks.push(hook);
  }

  async run(db: Db, caller: Caller, plan: PlanRow, reason: string): Promise<void> {
    for (const hook of this.hooks) await hook(db, caller, plan, reason);
  }
}
