import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { UserRepository, type UserRow } from '../repositories/user.repository';
import { RecentUsers } from './recent-users';

/** What other modules read of staff accounts (auth, clinic, consent, theater), in their `db`. */
@Injectable()
export class UserQueries {
  constructor(
    private readonly users: UserRepository,
    private readonly recent: RecentUsers,
  ) {}

  findById(db: Db, clinicId: ClinicId, id: string): Promise<UserRow | undefined> {
    return this.users.findById(db, clinicId, id);
  }

  /**
   * The auth guard's check: the row as read at most RECENT_USER_MS ago on this instance, or as
   * written since on it (recent-users.ts). Nothing else may act on a row this old.
   */
  findRecentForAuth(db: Db, clinicId: ClinicId, id: string): Promise<UserRow | undefined> {
    return this.recent.find(db, clinicId, id);
  }

  /** Any clinic's user by e-mail: only signing in looks a user up before it knows the clinic. */
  findByEmailForSignIn(db: Db, email: string): Promise<UserRow | undefined> {
    return this.users.findByEmailForSignIn(db, email);
  }

  /** How many users exist in all clinics (a first start has none). */
  countAll(db: Db): Promise<number> {
    return this.users.countAll(db);
  }
}
