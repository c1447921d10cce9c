import { Injectable } from '@nestjs/common';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../common/database/database';
import { loginThrottle } from './login-throttle.schema';

export interface ThrottleState {
  key: string;
  failures: number;
  windowStartedAt: Date;
}

@Injectable()
export class LoginThrottleRepository {
  async find(db: Db, keys: string[]): Promise<ThrottleState[]> {
    return db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  }

  /** Counts one failure, starting a new window when the old one has passed. */
  async recordFailure(db: Db, key: string, windowSeconds: number): Promise<void> {
    await db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: sql`now()` })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`CASE WHEN ${loginThrottle.windowStartedAt} <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${loginThrottle.windowStartedAt} <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE ${loginThrottle.windowStartedAt} END`,
        },
      });
  }

  async clear(db: Db, key: string): Promise<void> {
    await db.delete(loginThrottle).where(inArray(loginThrottle.key, [key]));
  }
}
