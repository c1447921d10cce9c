import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { RateLimited } from '../../../common/errors/domain-error';
import { LoginThrottleRepository } from '../repositories/login-throttle.repository';

const WINDOW_SECONDS = 15 * 60;
/** Failures allowed per window: for one email from one address, and for one address overall. */
const LIMITS = { emailAndIp: 5, ip: 50 } as const;

/**
 * Refuses sign-in (429) after repeated failures, before the password is even checked. Each
 * attempt is counted as a failure before its password is verified, and forgiven when it
 * succeeds: checking first and counting after the slow hash would let a burst of concurrent
 * guesses all pass the check before any of them was counted.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly repository: LoginThrottleRepository) {}

  /** Counts the attempt; throws RateLimited (without counting it) when over a limit. */
  async countAttempt(db: Db, email: string, ip: string, now: Date): Promise<void> {
    const keys = this.keys(email, ip);
    const states = [
      await this.repository.recordFailure(db, keys.emailAndIp, WINDOW_SECONDS),
      await this.repository.recordFailure(db, keys.ip, WINDOW_SECONDS),
    ];
    for (const state of states) {
      const limit = state.key === keys.ip ? LIMITS.ip : LIMITS.emailAndIp;
      if (state.failures > limit) {
        // A refused attempt checks no password, so it is not a failure: the window is not prolonged.
        await this.repository.forgiveFailure(db, keys.emailAndIp);
        await this.repository.forgiveFailure(db, keys.ip);
        const windowEnds = state.windowStartedAt.getTime() + WINDOW_SECONDS * 1000;
        const retryAfter = Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000));
        throw new RateLimited('Too many failed sign-ins; try again later', retryAfter);
      }
    }
  }

  /** A successful sign-in clears the failures of its email and address, and was no failure of the address. */
  async recordSuccess(db: Db, email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.repository.clear(db, keys.emailAndIp);
    await this.repository.forgiveFailure(db, keys.ip);
  }

  private keys(email: string, ip: string): { emailAndIp: string; ip: string } {
    return { emailAndIp: `email-ip:${email}|${ip}`, ip: `ip:${ip}` };
  }
}
