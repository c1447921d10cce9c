import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../../common/config/app-config';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { Unauthenticated } from '../../../common/errors/domain-error';
import type { UserResponse } from '../../user/dto/user.dto';
import { UserRepository, type UserRow } from '../../user/repositories/user.repository';
import { PasswordHasher } from '../../user/services/password-hasher';
import { toUserResponse } from '../../user/services/user.mapper';
import type { ChangePasswordBody, LoginBody, LoginResponse } from '../dto/auth.dto';
import { LoginThrottle } from './login-throttle';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The same 401 for an unknown email, a wrong password and a deactivated account. */
  async login(body: LoginBody, ip: string, requestId: string): Promise<LoginResponse> {
    const db = this.tx.db;
    // Counted as a failure until the password is verified (see LoginThrottle).
    await this.throttle.countAttempt(db, body.email, ip, this.clock.now());
    const user = await this.users.findByEmailForSignIn(db, body.email);
    const passwordOk = await this.hasher.verify(user?.passwordHash, body.password);
    if (!user || !user.active || !passwordOk) {
      throw new Unauthenticated('Email or password is incorrect');
    }
    await this.tx.run(async (tx) => {
      await this.throttle.recordSuccess(tx, body.email, ip);
      await this.audit.record(
        tx,
        { clinicId: user.clinicId, userId: user.id, requestId },
        {
          action: 'auth.login',
          entityType: 'User',
          entityId: user.id,
        },
      );
    });
    return this.issueToken(user);
  }

  async me(caller: Caller): Promise<UserResponse> {
    const user = await this.users.findById(this.tx.db, caller.clinicId, caller.userId);
    if (!user) throw new Unauthenticated();
    return toUserResponse(user);
  }

  /** The new password ends every other session; the answer carries a token for this one. */
  async changePassword(caller: Caller, body: ChangePasswordBody): Promise<LoginResponse> {
    const current = await this.users.findById(this.tx.db, caller.clinicId, caller.userId);
    if (!current || !(await this.hasher.verify(current.passwordHash, body.currentPassword))) {
      throw new Unauthenticated('The current password is incorrect');
    }
    const passwordHash = await this.hasher.hash(body.newPassword);
    const updated = await this.tx.run(async (db) => {
      const user = await this.users.update(db, caller.clinicId, caller.userId, { passwordHash });
      await this.audit.record(db, caller, {
        action: 'user.change-password',
        entityType: 'User',
        entityId: caller.userId,
        changedFields: ['password'],
      });
      return user;
    });
    return this.issueToken(updated);
  }

  private async issueToken(user: UserRow): Promise<LoginResponse> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, cid: user.clinicId, gen: user.sessionGeneration },
      { algorithm: 'HS256', expiresIn: this.config.jwt.ttlSeconds },
    );
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.jwt.ttlSeconds,
      user: toUserResponse(user),
    };
  }
}
