import { Injectable } from '@nestjs/common';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import { loginThrottle } from './login-throttle.schema';

export interface ThrottleState {
  key: string;
  failures: number;
  windowStartedAt: Date;
}

@Injectable()
export class LoginThrottleRepository {
  /**
   * Counts one failure, starting a new window when the old one has passed, and returns the count
   * after it: one atomic statement, so concurrent attempts each see a different count.
   */
  async recordFailure(db: Db, key: string, windowSeconds: number): Promise<ThrottleState> {
    return returnedRow(
      await db
        .insert(loginThrottle)
        .values({ key, failures: 1, windowStartedAt: sql`now()` })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: {
            failures: sql`CASE WHEN ${loginThrottle.windowStartedAt} <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${loginThrottle.windowStartedAt} <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE ${loginThrottle.windowStartedAt} END`,
          },
        })
        .returning(),
      'an upsert returns its row',
    );
  }

  /** Takes back one failure counted for an attempt that turned out not to be one. */
  async forgiveFailure(db: Db, key: string): Promise<void> {
    await db
      .update(loginThrottle)
      .set({ failures: sql`GREATEST(${loginThrottle.failures} - 1, 0)` })
      .where(inArray(loginThrottle.key, [key]));
  }

  async clear(db: Db, key: string): Promise<void> {
    await db.delete(loginThrottle).where(inArray(loginThrottle.key, [key]));
  }
}
