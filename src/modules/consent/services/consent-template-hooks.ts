import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';

/** Runs in the transaction that made a template active: created active, or reinstated. */
export type AfterTemplateActivated = (
  db: Db,
  caller: Caller,
  template: { id: string; code: string },
) => Promise<void>;

/**
 * What must follow a consent template becoming available, in the same transaction: the plan
 * module gives its open plans that have no consent one (docs/consents.md). The plan module
 * registers here at start-up, so consent does not depend on it (it depends on consent).
 */
@Injectable()
export class ConsentTemplateHooks {
  private readonly hooks: AfterTemplateActivated[] = [];

  register(hook: AfterTemplateActivated): void {
    this.hooks.push(hook);
  }

  async run(db: Db, caller: Caller, template: { id: string; code: string }): Promise<void> {
    for (const hook of this.hooks) await hook(db, caller, template);
  }
}
