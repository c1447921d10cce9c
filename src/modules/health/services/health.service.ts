import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '../../../common/database/database';
import { DATABASE } from '../../../common/database/database.tokens';
import { Unavailable } from '../../../common/errors/domain-error';

const PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private shuttingDown = false;

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Ready means the database answers; a draining instance says no so the balancer moves on. */
  async ready(): Promise<{ status: 'ok'; database: 'postgres' | 'pglite' }> {
    if (this.shuttingDown) throw new Unavailable('Shutting down');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Unavailable('The database did not answer in time')),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.database.ping(), timeout]);
    } catch (error) {
      if (error instanceof Unavailable) throw error;
      throw new Unavailable('The database is unreachable');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: this.database.kind };
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  onApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
