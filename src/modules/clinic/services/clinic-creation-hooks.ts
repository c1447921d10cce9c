import { Injectable } from '@nestjs/common';
import type { AuditActor } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';

/** Runs in the transaction that creates a clinic and its first ADMIN; throws to refuse it. */
export type AfterClinicCreated = (
  db: Db,
  actor: AuditActor & { readonly clinicId: ClinicId },
  adminId: string,
) => Promise<void>;

/**
 * What other modules give a new clinic, in its creating transaction: consent seeds the general
 * surgical consent. They register here at start-up, so the clinic module does not depend on them
 * (they depend on it: the consent PDF prints the clinic's header).
 */
@Injectable()
export class ClinicCreationHooks {
  private readonly hooks: AfterClinicCreated[] = [];

  register(hook: AfterClinicCreated): void {
    this.hooks.push(hook);
  }

  async run(
    db: Db,
    actor: AuditActor & { readonly clinicId: ClinicId },
    adminId: string,
  ): Promise<void> {
    for (const hook of this.hooks) await hook(db, actor, adminId);
  }
}
