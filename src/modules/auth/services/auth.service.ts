import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../../common/config/app-config';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { Unauthenticated } from '../../../common/errors/domain-error';
import {
  PasswordHasher,
  UserQueries,
  type UserResponse,
  type UserRow,
  UserService,
  toUserResponse,
} from '../../user';
import type {
  ChangePasswordBody,
  LoginBody,
  LoginResponse,
  SessionResponse,
} from '../dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import { WebSessionService } from './web-session.service';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly users: UserQueries,
    private readonly userService: UserService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly webSessions: WebSessionService,
  ) {}

  async login(body: LoginBody, ip: string, requestId: string): Promise<LoginResponse> {
    return this.issueToken(await this.checkSignIn(body, ip, requestId));
  }

  /** The web app's sign-in: the same checks and rate limit, a session cookie instead of a token. */
  async startSession(
    body: LoginBody,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<SessionResponse> {
    const user = await this.checkSignIn(body, request.ip, request.id);
    await this.webSessions.start(this.tx.db, user, request, reply);
    return this.sessionResponse(user);
  }

  /** The web session's user and the idle timeout the web app counts down. */
  async session(caller: Caller): Promise<SessionResponse> {
    const user = await this.users.findById(this.tx.db, caller.clinicId, caller.userId);
    if (!user) throw new Unauthenticated();
    return this.sessionResponse(user);
  }

  /** Sign-out of a web session; a bearer token has no session to end (it runs out by itself). */
  async endSession(
    sessionId: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    if (sessionId !== undefined) await this.webSessions.end(this.tx.db, sessionId, request, reply);
  }

  /** The same 401 for an unknown email, a wrong password and a deactivated account. */
  private async checkSignIn(body: LoginBody, ip: string, requestId: string): Promise<UserRow> {
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
    return user;
  }

  async me(caller: Caller): Promise<UserResponse> {
    const user = await this.users.findById(this.tx.db, caller.clinicId, caller.userId);
    if (!user) throw new Unauthenticated();
    return toUserResponse(user);
  }

  /** The new password ends every other session; the answer carries a token for this one. */
  async changePassword(
    caller: Caller,
    sessionId: string | undefined,
    body: ChangePasswordBody,
  ): Promise<LoginResponse> {
    if (sessionId !== undefined) {
      throw new Unauthenticated(
        'A web session changes its password with POST /auth/session/change-password',
      );
    }
    return this.issueToken(await this.replacePassword(caller, body));
  }

  /** The same for the web app: every other session ends, this cookie session goes on. */
  async changeSessionPassword(
    caller: Caller,
    sessionId: string | undefined,
    body: ChangePasswordBody,
  ): Promise<SessionResponse> {
    if (sessionId === undefined) {
      throw new Unauthenticated(
        'This call is for a web session (cookie); with a bearer token use POST /auth/change-password',
      );
    }
    // In the password's transaction: no request of this session sees the new generation first.
    const user = await this.replacePassword(caller, body, (db, updated) =>
      this.webSessions.follow(db, sessionId, updated.sessionGeneration),
    );
    return this.sessionResponse(user);
  }

  private async replacePassword(
    caller: Caller,
    body: ChangePasswordBody,
    alsoInTransaction: (db: Db, user: UserRow) => Promise<void> = () => Promise.resolve(),
  ): Promise<UserRow> {
    const current = await this.users.findById(this.tx.db, caller.clinicId, caller.userId);
    if (!current || !(await this.hasher.verify(current.passwordHash, body.currentPassword))) {
      throw new Unauthenticated('The current password is incorrect');
    }
    const passwordHash = await this.hasher.hash(body.newPassword);
    const updated = await this.tx.run(async (db) => {
      const user = await this.userService.changeOwnPassword(db, caller, passwordHash);
      await alsoInTransaction(db, user);
      return user;
    });
    return updated;
  }

  private sessionResponse(user: UserRow): SessionResponse {
    return {
      user: toUserResponse(user),
      idleTimeoutSeconds: this.webSessions.idleTimeoutSeconds,
    };
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
