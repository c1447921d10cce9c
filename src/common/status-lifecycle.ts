import type { AuditEntry, AuditWriter } from './audit/audit-writer';
import type { Actor, ClinicId } from './auth/caller';
import type { Db } from './database/database';
import { InvalidStateTransition } from './errors/domain-error';
import type { GuardSubject, TransitionTable } from './state-machine';

/** What firing an event writes besides the status, and how it is audited. */
export interface FireOptions<C> {
  /** Other fields the transition writes with the status (in the same update). */
  changes?: C;
  /** The audit event's field names; default `status` and the keys of `changes`. */
  changedFields?: string[];
  metadata?: AuditEntry['metadata'];
  /** False when the caller audits the change itself (under another action). */
  audit?: boolean;
}

/**
 * The one way a record's status changes (docs/architecture.md "State machines"): a module's
 * lifecycle service extends this with its table, its audit names and the repository update that
 * writes the status. The caller has locked the record in its transaction; `fire` asks the table
 * for the next status (409 INVALID_STATE_TRANSITION when there is none), writes it with the
 * event's other fields in one update, and records `<action>.<event>` in the same transaction.
 */
export abstract class StatusLifecycle<
  S extends string,
  E extends string,
  Row extends { id: string; status: S },
  C extends object,
  G = never,
> {
  protected abstract readonly table: TransitionTable<S, E, G>;
  /** The audit event's `entityType` and the prefix of its action (`<action>.<event>`). */
  protected abstract readonly entityType: string;
  protected abstract readonly action: string;

  constructor(protected readonly audit: AuditWriter) {}

  /** The repository update: the status with the other changes, in one statement. */
  protected abstract write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: S,
    changes: C | undefined,
  ): Promise<Row>;

  /**
   * 409 unless some row of the table takes `event` from the record's status (guards aside: their
   * facts come from the work): a use case checks right after it locks the record, before the work
   * that `fire` then records.
   */
  assertAllows(row: Row, event: E): void {
    if (!this.table.allows(row.status, event)) throw new InvalidStateTransition(row.status, event);
  }

  async fire(
    db: Db,
    caller: Actor,
    row: Row,
    event: E,
    options: FireOptions<C> = {},
    ...subject: GuardSubject<G>
  ): Promise<Row> {
    const status = this.table.next(row.status, event, ...subject);
    const changes = options.changes;
    const updated = await this.write(db, caller.clinicId, row.id, status, changes);
    if (options.audit !== false) {
      await this.audit.record(db, caller, {
        action: `${this.action}.${event}`,
        entityType: this.entityType,
        entityId: row.id,
        changedFields: options.changedFields ?? ['status', ...Object.keys(changes ?? {})],
        ...(options.metadata ? { metadata: options.metadata } : {}),
      });
    }
    return updated;
  }
}
