import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { NotFound, ValidationFailed, VersionMismatch } from '../errors/domain-error';
import { invariant } from '../invariant';
import { documentErrors } from './api-operation';

/**
 * Optimistic locking for versioned records (docs/architecture.md "Optimistic locking"): every response
 * of such a record carries `version` and `ETag: "<version>"`; a write may send `If-Match` with it.
 * The decorator also documents the header and its 412 on the handler's OpenAPI operation, so a
 * route that takes `@IfMatch()` is documented with no other step.
 */
export const IfMatch = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): number | undefined =>
    parseIfMatch(ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
  [documentIfMatch],
);

function documentIfMatch(prototype: object, key: string | symbol | undefined): void {
  const descriptor =
    key === undefined ? undefined : Object.getOwnPropertyDescriptor(prototype, key);
  invariant(key !== undefined && descriptor, '@IfMatch() is a parameter of a route handler');
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag of the version this change was made from, e.g. `"3"`; the change is refused ' +
      'with 412 VERSION_MISMATCH when the record has moved on. Absent or `*`: no check.',
    schema: { type: 'string' },
  })(prototype, key, descriptor);
  documentErrors(prototype, key, ['VERSION_MISMATCH']);
}

export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined || header === '*') return undefined;
  const match = typeof header === 'string' ? /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header) : null;
  if (!match?.[1])
    throw ValidationFailed.field('If-Match', 'Must be the ETag of the record, e.g. "3"');
  return Number(match[1]);
}

/** Throws 412 when the client edited an older version than the one stored. */
export function assertVersion(current: number, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== current) throw new VersionMismatch(current);
}

/**
 * The row a use case has just locked (`SELECT … FOR UPDATE`), as the version its client read:
 * 404 when there is none, 412 when `If-Match` names another version. Called under the lock and
 * before any write, so a 412 leaves the record (and everything the action would touch) as it was.
 */
export function lockedAtVersion<Row extends { version: number }>(
  row: Row | undefined,
  ifMatch: number | undefined,
  entity: string,
  id: string,
): Row {
  if (!row) throw new NotFound(entity, id);
  assertVersion(row.version, ifMatch);
  return row;
}

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Sets the ETag of any single-record response that has a numeric `version`. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (
          body !== null &&
          typeof body === 'object' &&
          'version' in body &&
          typeof body.version === 'number'
        ) {
          void reply.header('etag', etagOf(body.version));
        }
        return body;
      }),
    );
  }
}
