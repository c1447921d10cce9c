import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply } from 'fastify';
import {
  PUBLIC_KEY,
  ROLES_KEY,
  type AuthenticatedRequest,
} from '../../../common/auth/auth.decorators';
import { trustedClinicId, type Role } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { Forbidden, Unauthenticated } from '../../../common/errors/domain-error';
import { UserQueries } from '../../user';
import { TokenClaims } from '../dto/auth.dto';
import { WebSessionService } from './web-session.service';

/**
 * The one guard: a valid HS256 bearer token of an active user, or (without an Authorization
 * header) the web app's live session cookie, with its CSRF token on writes; then the route's roles
 * (`@Roles`; ADMIN may do everything). Role, active state and password generation come from the
 * database, read at most a second ago on this instance (UserQueries.findRecentForAuth): a
 * deactivation or a role change takes effect on the instance that made it at once, on the others
 * within a second, not when the token expires (docs/security.md).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly tx: TransactionRunner,
    private readonly users: UserQueries,
    private readonly webSessions: WebSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const db = this.tx.db;
    // A bearer token wins: an API client's call never depends on a cookie the client may carry.
    const sessionId =
      request.headers.authorization === undefined
        ? this.webSessions.cookieSessionId(request)
        : undefined;
    const claims =
      sessionId === undefined
        ? await this.verify(request.headers.authorization)
        : await this.webSessions.authenticate(db, sessionId, request, reply).then((session) => ({
            cid: session.clinicId,
            sub: session.userId,
            gen: session.generation,
          }));
    const clinicId = trustedClinicId(claims.cid);
    const user = await this.users.findRecentForAuth(db, clinicId, claims.sub);
    const refusal = !user?.active
      ? 'The account is not active'
      : user.sessionGeneration !== claims.gen
        ? 'The password has changed: sign in again'
        : undefined;
    if (!user || refusal !== undefined) {
      if (sessionId !== undefined) await this.webSessions.end(db, sessionId, request, reply);
      throw new Unauthenticated(refusal);
    }
    request.webSessionId = sessionId;
    request.caller = { userId: user.id, clinicId, role: user.role, requestId: request.id };

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && user.role !== 'ADMIN' && !allowed.includes(user.role)) throw new Forbidden();
    return true;
  }

  private async verify(header: string | undefined) {
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/i.exec(header ?? '')?.[1];
    if (!token) throw new Unauthenticated();
    let payload: unknown;
    try {
      // Only HS256: a token signed with "none" or another algorithm is refused.
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new Unauthenticated('The token is invalid or expired');
    }
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) throw new Unauthenticated('The token is invalid or expired');
    return claims.data;
  }
}
