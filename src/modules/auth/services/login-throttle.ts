import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { RateLimited } from '../../../common/errors/domain-error';
import { LoginThrottleRepository } from '../repositories/login-throttle.repository';

const WINDOW_SECONDS = 15 * 60;
/** Failures allowed per window: for one email from one address, and for one address overall. */
const LIMITS = { emailAndIp: 5, ip: 50 } as const;

/** Refuses sign-in (429) after repeated failures, before the password is even checked. */
@Injectable()
export class LoginThrottle {
  constructor(private readonly repository: LoginThrottleRepository) {}

  async assertAllowed(db: Db, email: string, ip: string, now: Date): Promise<void> {
    const keys = this.keys(email, ip);
    const states = await this.repository.find(db, [keys.emailAndIp, keys.ip]);
    for (const state of states) {
      const limit = state.key === keys.ip ? LIMITS.ip : LIMITS.emailAndIp;
      const windowEnds = state.windowStartedAt.getTime() + WINDOW_SECONDS * 1000;
      if (state.failures >= limit && windowEnds > now.getTime()) {
        const retryAfter = Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000));
        throw new RateLimited('Too many failed sign-ins; try again later', retryAfter);
      }
    }
  }

  async recordFailure(db: Db, email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.repository.recordFailure(db, keys.emailAndIp, WINDOW_SECONDS);
    await this.repository.recordFailure(db, keys.ip, WINDOW_SECONDS);
  }

  async recordSuccess(db: Db, email: string, ip: string): Promise<void> {
    await this.repository.clear(db, this.keys(email, ip).emailAndIp);
  }

  private keys(email: string, ip: string): { emailAndIp: string; ip: string } {
    return { emailAndIp: `email-ip:${email}|${ip}`, ip: `ip:${ip}` };
  }
}
