import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { invariant } from '../invariant';
import type { Caller, Role } from './caller';

export const ROLES_KEY = 'contour:roles';
export const PUBLIC_KEY = 'contour:public';
/** A patient-portal route: public to the staff guard, admitted by a patient link (docs/patient-portal.md). */
export const PATIENT_LINK_KEY = 'contour:patient-link';

/** The roles allowed besides ADMIN, who may do everything (docs/design.md §8). No decorator: any role. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/** A route that needs no token (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest extends FastifyRequest {
  caller?: Caller;
  /** The web app's session the caller came with (its cookie's id); none for a bearer token. */
  webSessionId?: string;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  invariant(caller, 'the auth guard runs before every non-public handler');
  return caller;
});
