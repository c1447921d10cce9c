import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import {
  PUBLIC_KEY,
  ROLES_KEY,
  type AuthenticatedRequest,
} from '../../../common/auth/auth.decorators';
import { trustedClinicId, type Role } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { Forbidden, Unauthenticated } from '../../../common/errors/domain-error';
import { UserRepository } from '../../user/repositories/user.repository';
import { TokenClaims } from '../dto/auth.dto';

/**
 * The one guard: a valid HS256 bearer token of an active user, then the route's roles
 * (`@Roles`; ADMIN may do everything). Role and active state come from the database, so a
 * deactivation or a role change takes effect on the next request, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = await this.verify(request.headers.authorization);
    const clinicId = trustedClinicId(claims.cid);
    const user = await this.users.findById(this.tx.db, clinicId, claims.sub);
    if (!user || !user.active) throw new Unauthenticated('The account is not active');
    if (user.sessionGeneration !== claims.gen) {
      throw new Unauthenticated('The password has changed: sign in again');
    }
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
