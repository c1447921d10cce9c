import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  OnModuleDestroy,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { TransactionRunner } from '../database/transaction-runner';
import {
  IdempotencyInProgress,
  IdempotencyKeyReused,
  ValidationFailed,
} from '../errors/domain-error';
import { newId } from '../ids';
import { IdempotencyStore, type PendingIdempotentResponse } from './idempotency.store';

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Thrown inside the request's transaction when a concurrent request with the same key won. */
class LostIdempotencyRace extends Error {}

/**
 * `Idempotency-Key` on POST (docs/api.md, docs/design.md §8): the response the client gets is
 * stored once, in the same transaction as the request's work, so a key is either unused or bound
 * to work that committed; a replay returns it without doing the work again, and the same key with
 * another body is 422.
 *
 * The handler runs under `TransactionRunner.runAsOne`: however many use cases it runs, they are one
 * transaction, still open when the handler has returned its (serialized) body, and that body is
 * what is stored before the commit. A handler that opened no transaction gets one for the record.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {
    this.purgeTimer = setInterval(
      () => void this.store.purgeExpired(this.tx.db).catch(() => undefined),
      PURGE_EVERY_MS,
    );
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.caller) return next.handle();
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw ValidationFailed.field('Idempotency-Key', 'Must be 1–255 printable ASCII characters');
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const pending: PendingIdempotentResponse = {
      clinicId: request.caller.clinicId,
      userId: request.caller.userId,
      key,
      requestHash: hashRequest(request.method, request.url, request.body),
      statusCode:
        this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201,
      ownerToken: newId(),
    };
    return from(this.handle(pending, next, reply));
  }

  private async handle(
    pending: PendingIdempotentResponse,
    next: CallHandler,
    reply: FastifyReply,
  ): Promise<unknown> {
    const replayed = await this.replay(pending, reply);
    if (replayed.found) return replayed.body;
    try {
      return await this.tx.runAsOne(
        // Subscribed inside runAsOne, so the handler runs in the request's transaction context.
        () => lastValueFrom(next.handle(), { defaultValue: undefined }),
        async (db, body) => {
          if (!(await this.store.save(db, pending, body))) throw new LostIdempotencyRace();
        },
      );
    } catch (error) {
      if (error instanceof LostIdempotencyRace) return await this.replayOrFail(pending, reply);
      throw error;
    }
  }

  private async replayOrFail(
    pending: PendingIdempotentResponse,
    reply: FastifyReply,
  ): Promise<unknown> {
    const replayed = await this.replay(pending, reply);
    if (!replayed.found) throw new IdempotencyInProgress();
    return replayed.body;
  }

  private async replay(
    pending: PendingIdempotentResponse,
    reply: FastifyReply,
  ): Promise<{ found: false } | { found: true; body: unknown }> {
    const stored = await this.store.find(this.tx.db, pending.clinicId, pending.userId, pending.key);
    if (!stored) return { found: false };
    if (stored.requestHash !== pending.requestHash) throw new IdempotencyKeyReused();
    void reply.status(stored.statusCode).header('idempotent-replayed', 'true');
    return { found: true, body: stored.responseBody };
  }
}

function hashRequest(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
