import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import type { CreateUserBody, ListUsersQuery, UpdateUserBody, UserResponse } from '../dto/user.dto';
import { UserRepository, type UserChanges, type UserRow } from '../repositories/user.repository';
import { LastActiveAdmin } from './last-active-admin.error';
import { PasswordHasher } from './password-hasher';
import { RecentUsers } from './recent-users';
import { toUserResponse } from './user.mapper';

@Injectable()
export class UserService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditWriter,
    private readonly recent: RecentUsers,
  ) {}

  async createUser(caller: Caller, body: CreateUserBody): Promise<UserResponse> {
    const passwordHash = await this.hasher.hash(body.password);
    return this.tx.run(async (db) => {
      const user = await this.insertUser(db, caller.clinicId, { ...body, passwordHash });
      await this.audit.record(db, caller, {
        action: 'user.create',
        entityType: 'User',
        entityId: user.id,
        changedFields: Object.keys(body),
      });
      return toUserResponse(user);
    });
  }

  /** Also used by bootstrap and `clinic:create`, inside their own transaction. */
  async insertUser(
    db: Db,
    clinicId: ClinicId,
    user: Omit<CreateUserBody, 'password'> & { passwordHash: string },
  ): Promise<UserRow> {
    if (await this.users.emailTaken(db, user.email)) throw emailTaken();
    try {
      return await this.users.insert(db, { ...user, clinicId, id: newId() });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken();
      throw error;
    }
  }

  async getUser(caller: Caller, id: string): Promise<UserResponse> {
    const user = await this.users.findById(this.tx.db, caller.clinicId, id);
    if (!user) throw new NotFound('User', id);
    return toUserResponse(user);
  }

  async listUsers(caller: Caller, query: ListUsersQuery): Promise<Page<UserResponse>> {
    const page = await this.users.list(this.tx.db, caller.clinicId, query, query);
    return { data: page.data.map(toUserResponse), nextCursor: page.nextCursor };
  }

  async updateUser(
    caller: Caller,
    id: string,
    body: UpdateUserBody,
    ifMatch: number | undefined,
  ): Promise<UserResponse> {
    const { password, ...fields } = body;
    const changes: UserChanges = { ...fields };
    if (password !== undefined) changes.passwordHash = await this.hasher.hash(password);
    return this.tx.run(async (db) => {
      const current = lockedAtVersion(
        await this.users.lockById(db, caller.clinicId, id),
        ifMatch,
        'User',
        id,
      );
      const losesAdmin =
        current.role === 'ADMIN' &&
        current.active &&
        ((changes.role !== undefined && changes.role !== 'ADMIN') || changes.active === false);
      if (losesAdmin && (await this.users.lockActiveAdmins(db, caller.clinicId)).length <= 1) {
        throw new LastActiveAdmin();
      }
      if (changes.email !== undefined && changes.email !== current.email.toLowerCase()) {
        if (await this.users.emailTaken(db, changes.email)) throw emailTaken();
      }
      const updated = await this.users.update(db, caller.clinicId, id, changes);
      // Role, active state and password are what the auth guard checks: no old row answers it.
      this.recent.forget(caller.clinicId, id);
      await this.audit.record(db, caller, {
        action: 'user.update',
        entityType: 'User',
        entityId: id,
        changedFields: Object.keys(body),
      });
      return toUserResponse(updated);
    });
  }

  /** A consultation's or a case's surgeon must be an active SURGEON of the same clinic. */
  /**
   * The caller's own new password (auth's change-password), in the caller's transaction: the
   * hash is written and audited (the field's name only) here, where users are written.
   */
  async changeOwnPassword(db: Db, caller: Caller, passwordHash: string): Promise<UserRow> {
    const user = await this.users.update(db, caller.clinicId, caller.userId, { passwordHash });
    this.recent.forget(caller.clinicId, caller.userId);
    await this.audit.record(db, caller, {
      action: 'user.change-password',
      entityType: 'User',
      entityId: caller.userId,
      changedFields: ['password'],
    });
    return user;
  }

  async assertActiveSurgeon(
    db: Db,
    clinicId: ClinicId,
    userId: string,
    field = 'surgeonId',
  ): Promise<void> {
    const user = await this.users.findById(db, clinicId, userId);
    if (!user || user.role !== 'SURGEON' || !user.active) {
      throw ValidationFailed.field(field, 'Must be an active surgeon of this clinic');
    }
  }
}

function emailTaken(): Duplicate {
  return new Duplicate('A user with this email already exists', 'email');
}
