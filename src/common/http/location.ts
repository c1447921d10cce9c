import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

const LOCATION_OF_CREATED = 'contour:location-of-created';

/**
 * Marks a `POST` to a collection whose answer is the record it created: the answer gets
 * `Location: <the collection's path>/<record id>`, a URL the client can GET (RFC 9110 §10.2.2).
 */
export const LocationOfCreated = (): MethodDecorator => SetMetadata(LOCATION_OF_CREATED, true);

/**
 * Sets `Location` on the routes marked with `@LocationOfCreated()`. Registered outside the
 * idempotency interceptor, so a replayed answer carries it too.
 */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean | undefined>(LOCATION_OF_CREATED, context.getHandler()))
      return next.handle();
    const http = context.switchToHttp();
    const collection = http.getRequest<FastifyRequest>().url.split('?')[0] ?? '';
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (
          body !== null &&
          typeof body === 'object' &&
          'id' in body &&
          typeof body.id === 'string'
        )
          void reply.header('location', `${collection.replace(/\/+$/, '')}/${body.id}`);
        return body;
      }),
    );
  }
}
