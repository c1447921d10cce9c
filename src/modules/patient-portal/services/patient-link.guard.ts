import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PATIENT_LINK_KEY, Public } from '../../../common/auth/auth.decorators';
import type { PatientLinkActor } from '../../../common/auth/caller';
import { invariant } from '../../../common/invariant';
import { PatientLinkAccess } from './patient-link-access';

export const DOB_HEADER = 'x-patient-date-of-birth';
const DOB_IN_BODY = 'contour:dob-in-body';

interface PortalRequest extends FastifyRequest {
  patientLink?: PatientLinkActor;
}

/**
 * The patient portal's guard: the staff AuthGuard lets these routes through (`@Public`), and this
 * one admits a live patient link with the patient's date of birth (PatientLinkAccess). A staff
 * token is no link token, and a link token is no staff token: each guard refuses the other's.
 */
@Injectable()
export class PatientLinkGuard implements CanActivate {
  constructor(
    private readonly access: PatientLinkAccess,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const inBody = this.reflector.get<boolean | undefined>(DOB_IN_BODY, context.getHandler());
    const body = request.body as { dateOfBirth?: unknown } | undefined;
    request.patientLink = await this.access.authenticate({
      token,
      dateOfBirth: inBody ? body?.dateOfBirth : request.headers[DOB_HEADER],
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'],
      requestId: request.id,
    });
    return true;
  }
}

/**
 * A route of the patient portal: its credential is a patient link's token (`Authorization:
 * Bearer <token>`) and the patient's date of birth (`X-Patient-Date-Of-Birth`, or the body's
 * `dateOfBirth` where `dobInBody`).
 */
export function PatientPortalRoute(options: { dobInBody?: boolean } = {}) {
  return applyDecorators(
    Public(),
    SetMetadata(PATIENT_LINK_KEY, true),
    SetMetadata(DOB_IN_BODY, options.dobInBody ?? false),
    UseGuards(PatientLinkGuard),
    ApiSecurity('patientLink'),
    ...(options.dobInBody
      ? []
      : [
          ApiHeader({
            name: 'X-Patient-Date-Of-Birth',
            required: true,
            description: "The patient's date of birth, YYYY-MM-DD: checked on every request",
          }),
        ]),
  );
}

export const CurrentPatientLink = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): PatientLinkActor => {
    const actor = ctx.switchToHttp().getRequest<PortalRequest>().patientLink;
    invariant(actor, 'PatientLinkGuard runs before every patient-portal handler');
    return actor;
  },
);
