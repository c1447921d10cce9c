import { Injectable } from '@nestjs/common';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../database/database';
import { idempotencyKeys } from './idempotency.schema';

export const IDEMPOTENCY_TTL_HOURS = 24;

/** A request with a new key, as the interceptor stores its answer. */
export interface PendingIdempotentResponse {
  readonly clinicId: string;
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
  /** The route's status (`@HttpCode`, else 201): no handler sets another. */
  readonly statusCode: number;
  readonly ownerToken: string;
}

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  responseBody: unknown;
  ownerToken: string;
}

@Injectable()
export class IdempotencyStore {
  /** The stored answer for a key, unless it is older than 24 h. */
  async find(
    db: Db,
    clinicId: string,
    userId: string,
    key: string,
  ): Promise<StoredResponse | undefined> {
    const [row] = await db
      .select({
        requestHash: idempotencyKeys.requestHash,
        statusCode: idempotencyKeys.statusCode,
        responseBody: idempotencyKeys.responseBody,
        ownerToken: idempotencyKeys.ownerToken,
      })
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.clinicId, clinicId),
          eq(idempotencyKeys.userId, userId),
          eq(idempotencyKeys.key, key),
          sql`${idempotencyKeys.createdAt} > now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
        ),
      );
    return row;
  }

  /**
   * Stores the answer in the transaction that did the work, once per request. When another
   * request with the same key committed first, the insert waits for it and then finds its row:
   * this request's work must roll back, and `false` says so.
   */
  async save(db: Db, pending: PendingIdempotentResponse, responseBody: unknown): Promise<boolean> {
    await db
      .delete(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.clinicId, pending.clinicId),
          eq(idempotencyKeys.userId, pending.userId),
          eq(idempotencyKeys.key, pending.key),
          sql`${idempotencyKeys.createdAt} <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
        ),
      );
    const inserted = await db
      .insert(idempotencyKeys)
      .values({
        clinicId: pending.clinicId,
        userId: pending.userId,
        key: pending.key,
        requestHash: pending.requestHash,
        statusCode: pending.statusCode,
        responseBody: responseBody ?? null,
        ownerToken: pending.ownerToken,
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 1) return true;
    const existing = await this.find(db, pending.clinicId, pending.userId, pending.key);
    return existing?.ownerToken === pending.ownerToken;
  }

  async purgeExpired(db: Db): Promise<void> {
    await db
      .delete(idempotencyKeys)
      .where(
        lt(
          idempotencyKeys.createdAt,
          sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
        ),
      );
  }
}
