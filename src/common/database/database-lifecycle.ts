import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DATABASE } from './database.tokens';
import type { Database } from './database';

/** Closes the pool, or PGlite cleanly (so its folder stays sound), after the HTTP server has drained. */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
