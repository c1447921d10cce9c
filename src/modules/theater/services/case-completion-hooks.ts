import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';

/** A completed case as other modules see it (never its procedure's name). */
export interface CompletedCase {
  id: string;
  patientId: string;
  surgeonId: string;
  procedurePlanId: string;
  /** The primary CPT code, as copied from the plan. */
  procedureCode: string;
  completedAt: Date;
}

/** Runs in the completion's transaction, after the case is COMPLETED; throws to refuse it. */
export type AfterCaseComplete = (db: Db, caller: Caller, theCase: CompletedCase) => Promise<void>;

/**
 * What other modules do when a case is completed, in the same transaction: the calendar proposes
 * the post-op visits (docs/calendar.md "Post-op schedule"). They register here at start-up, so
 * the theater does not depend on them (they depend on it).
 */
@Injectable()
export class CaseCompletionHooks {
  private readonly hooks: AfterCaseComplete[] = [];

  register(hook: AfterCaseComplete): void {
    this.hooks.push(hook);
  }

  async run(db: Db, caller: Caller, theCase: CompletedCase): Promise<void> {
    for (const hook of this.hooks) await hook(db, caller, theCase);
  }
}
