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
import { requestContext, type PendingIdempotentResponse } from '../http/request-context';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Thrown inside the work's transaction when a concurrent request with the same key won. */
class LostIdempotencyRace extends Error {}

/**
 * `Idempotency-Key` on POST (docs/api.md, docs/design.md §8): the first response is stored in the same
 * transaction as the work, so a key is either unused or bound to work that committed; a replay
 * returns it without doing the work again, and the same key with another body is 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {
    tx.registerBeforeCommit(async (db, result) => {
      const pending = requestContext.getStore()?.idempotency;
      if (pending && !(await this.store.save(db, pending, result))) throw new LostIdempotencyRace();
    });
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
    const store = requestContext.getStore();
    if (store) store.idempotency = pending;
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      // A POST whose work ran no transaction still stores its answer.
      if (!(await this.store.save(this.tx.db, pending, body)))
        return await this.replayOrFail(pending, reply);
      return body;
    } catch (error) {
      if (error instanceof LostIdempotencyRace) return await this.replayOrFail(pending, reply);
      throw error;
    } finally {
      if (store) delete store.idempotency;
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
