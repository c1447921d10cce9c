import { Injectable } from '@nestjs/common';
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { users } from './user.schema';

export type UserRow = typeof users.$inferSelect;
export type NewUser = Omit<typeof users.$inferInsert, 'version' | 'createdAt' | 'updatedAt'>;
export type UserChanges = Partial<
  Pick<UserRow, 'email' | 'name' | 'role' | 'active' | 'passwordHash' | 'npi' | 'taxonomyCode'>
>;

const byName = new Keyset([users.name, users.id]);

// By-id reads (the auth guard's on every request): prepared (prepared-query.ts).
const userById = preparedRowById('user_by_id', users);
const userLockedById = preparedRowById('user_locked_by_id', users, 'update');

@Injectable()
export class UserRepository {
  async insert(db: Db, user: NewUser): Promise<UserRow> {
    return returnedRow(
      await db.insert(users).values(user).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<UserRow | undefined> {
    return userById(db, clinicId, id);
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<UserRow | undefined> {
    return userLockedById(db, clinicId, id);
  }

  /**
   * Sign-in is the one lookup not scoped by clinic: the clinic is what it finds out.
   * Emails are unique across clinics (users_email_unique).
   */
  async findByEmailForSignIn(db: Db, email: string): Promise<UserRow | undefined> {
    const [row] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return row;
  }

  async emailTaken(db: Db, email: string): Promise<boolean> {
    return (await this.findByEmailForSignIn(db, email)) !== undefined;
  }

  async update(db: Db, clinicId: ClinicId, id: string, changes: UserChanges): Promise<UserRow> {
    return returnedRow(
      await db
        .update(users)
        .set({
          ...changes,
          version: sql`${users.version} + 1`,
          updatedAt: sql`now()`,
          // A new password ends every session signed in with the old one.
          ...(changes.passwordHash === undefined
            ? {}
            : { sessionGeneration: sql`${users.sessionGeneration} + 1` }),
        })
        .where(byTenantKey(users, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: { role?: UserRow['role'] | undefined; active?: boolean | undefined },
    page: PageRequest,
  ): Promise<Page<UserRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(users.clinicId, clinicId),
      filter.role ? eq(users.role, filter.role) : undefined,
      filter.active === undefined ? undefined : eq(users.active, filter.active),
      byName.after(page),
    ];
    const rows = await db
      .select()
      .from(users)
      .where(and(...conditions))
      .orderBy(...byName.orderBy())
      .limit(byName.fetchSize(page));
    return byName.toPage(
      rows,
      page,
      (u) => [u.name, u.id],
      (u) => u,
    );
  }

  /** Locks the clinic's active admins, so two demotions at once cannot both see another admin left. */
  async lockActiveAdmins(db: Db, clinicId: ClinicId): Promise<string[]> {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.clinicId, clinicId), eq(users.role, 'ADMIN'), eq(users.active, true)))
      .for('update');
    return rows.map((r) => r.id);
  }

  async countAll(db: Db): Promise<number> {
    const [row] = await db.select({ n: count() }).from(users);
    return row?.n ?? 0;
  }
}
