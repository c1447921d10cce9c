import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { UserRepository, type UserRow } from '../repositories/user.repository';

/**
 * How long the auth guard may answer from a user row it read: a deactivation, a role change or
 * a new password made on another instance takes effect there within this time (docs/security.md
 * "Who is calling"). On the instance that made the change it takes effect at once (`forget`).
 */
export const RECENT_USER_MS = 1_000;
/** Past this many entries, expired ones are swept out (a clinic has tens of users). */
const SWEEP_ABOVE = 10_000;

interface Entry {
  readonly at: number;
  readonly user: Promise<UserRow | undefined>;
}

/**
 * The users the auth guard read in the last second, per instance: a request's user check is then
 * usually no SQL at all (docs/performance.md "Issue 21: round trips"). Only found users stay; a
 * read in flight is shared by the requests that ask meanwhile. Every write of a user calls
 * `forget`, which also keeps reads for one more period out of the cache, so that no read racing
 * the write's transaction (and seeing the old row) is kept.
 */
@Injectable()
export class RecentUsers {
  private readonly entries = new Map<string, Entry>();
  private readonly forgotten = new Map<string, number>();

  constructor(private readonly users: UserRepository) {}

  find(db: Db, clinicId: ClinicId, id: string): Promise<UserRow | undefined> {
    const key = `${clinicId}/${id}`;
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < RECENT_USER_MS) return hit.user;
    const user = this.users.findById(db, clinicId, id);
    if ((this.forgotten.get(key) ?? -Infinity) > now) return user;
    const entry: Entry = { at: now, user };
    this.sweep(now);
    this.entries.set(key, entry);
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    user.then((found) => (found ? undefined : drop()), drop);
    return user;
  }

  /** The user was written: the next check reads the row again, and for a while every check does. */
  forget(clinicId: ClinicId, id: string): void {
    const key = `${clinicId}/${id}`;
    this.entries.delete(key);
    this.forgotten.set(key, performance.now() + RECENT_USER_MS);
  }

  private sweep(now: number): void {
    if (this.entries.size + this.forgotten.size <= SWEEP_ABOVE) return;
    for (const [key, entry] of this.entries)
      if (now - entry.at >= RECENT_USER_MS) this.entries.delete(key);
    for (const [key, until] of this.forgotten) if (until <= now) this.forgotten.delete(key);
  }
}
