import { Injectable } from '@nestjs/common';
import { and, eq, gt, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import { webSessions } from './web-session.schema';

export type WebSessionRow = typeof webSessions.$inferSelect;

/** When a session stops working: idle since `idleSince`, or signed in before `bornBefore`. */
export interface SessionLimits {
  readonly now: Date;
  readonly idleSince: Date;
  readonly bornBefore: Date;
}

@Injectable()
export class WebSessionRepository {
  async insert(db: Db, row: typeof webSessions.$inferInsert): Promise<WebSessionRow> {
    return returnedRow(
      await db.insert(webSessions).values(row).returning(),
      'an insert returns its row',
    );
  }

  /**
   * The live session with this id hash, its idle clock restarted: one statement, so a request
   * either finds the session alive and slides it, or finds it ended (signed out, idle, too old).
   */
  async touch(db: Db, idHash: string, limits: SessionLimits): Promise<WebSessionRow | undefined> {
    const [row] = await db
      .update(webSessions)
      .set({ lastSeenAt: limits.now })
      .where(
        and(
          eq(webSessions.idHash, idHash),
          isNull(webSessions.endedAt),
          gt(webSessions.lastSeenAt, limits.idleSince),
          gt(webSessions.createdAt, limits.bornBefore),
        ),
      )
      .returning();
    return row;
  }

  async end(db: Db, idHash: string, now: Date): Promise<void> {
    await db
      .update(webSessions)
      .set({ endedAt: now })
      .where(and(eq(webSessions.idHash, idHash), isNull(webSessions.endedAt)));
  }

  /** This session carries on under the user's new generation (its own password change). */
  async setGeneration(db: Db, idHash: string, generation: number): Promise<void> {
    await db.update(webSessions).set({ generation }).where(eq(webSessions.idHash, idHash));
  }

  /** Forgets the user's sessions that can no longer work, so the table holds live ones only. */
  async deleteDead(
    db: Db,
    clinicId: ClinicId,
    userId: string,
    generation: number,
    limits: SessionLimits,
  ): Promise<void> {
    await db
      .delete(webSessions)
      .where(
        and(
          eq(webSessions.clinicId, clinicId),
          eq(webSessions.userId, userId),
          or(
            ne(webSessions.generation, generation),
            lte(webSessions.lastSeenAt, limits.idleSince),
            lte(webSessions.createdAt, limits.bornBefore),
            isNotNull(webSessions.endedAt),
          ),
        ),
      );
  }
}
