import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Database, Db } from '../database/database';
import { DATABASE } from '../database/database.tokens';
import { invariant } from '../invariant';
import { LOGGER } from '../logging/logger.token';
import { safeError } from '../logging/safe-error';
import { JOB_SCHEMA } from './job-schema';
import { jobSqlOn } from './job-sql';

/** Runs one job; throwing fails it, and the queue runs it again later (up to `retryLimit`). */
export type JobHandler<T> = (data: T) => Promise<void>;

export interface QueueOptions {
  /** How many times a failed or lost job runs again. */
  readonly retryLimit: number;
  /** Seconds before the first retry; doubled each time after (pg-boss's backoff). */
  readonly retryDelaySeconds: number;
}

export interface SendOptions {
  /** Not run before this instant. */
  readonly startAfter: Date;
  /** At most one queued or running job per key (pg-boss's singletonKey). */
  readonly singletonKey: string;
}

const POLLING_INTERVAL_SECONDS = 1;
const STOP_TIMEOUT_MS = 15_000;

/**
 * The job queue: pg-boss on the app's own database (docs/calendar.md "Reminders"). The one way
 * to enqueue (`send`, in the caller's transaction) and to work jobs (`define` a handler in a
 * module's onModuleInit). Every instance enqueues; those with `JOBS_WORKER=true` also work.
 *
 * - PostgreSQL: pg-boss's statements go through the app's pool; workers in several instances
 *   share the queue (pg-boss fetches with FOR UPDATE SKIP LOCKED).
 * - PGlite: one connection. pg-boss's own statements use PGlite's public query/exec, which
 *   wait for an open transaction to end; a job sent in a use case is written through that
 *   transaction's handle (`send(db, …)`), never through the queue's own connection, which
 *   would wait for the transaction it is part of.
 * - A job that outlives `JOBS_EXPIRE_SECONDS` (its process was killed) is failed by pg-boss's
 *   maintenance and runs again: handlers are written to run twice safely.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly boss: PgBoss;
  private readonly queues = new Map<
    string,
    { handler: JobHandler<never>; options: QueueOptions }
  >();
  private started = false;

  constructor(
    @Inject(DATABASE) database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const { worker, expireSeconds } = config.jobs;
    this.boss = new PgBoss({
      db: database.jobSql,
      schema: JOB_SCHEMA,
      // The schema is created at migrate time (installJobSchema); start upgrades it if needed.
      migrate: true,
      schedule: false,
      // Maintenance (expiring lost jobs, archiving) only where jobs are worked.
      supervise: worker,
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(expireSeconds / 5))),
    });
    this.boss.on('error', (error: unknown) =>
      this.logger.warn({ err: safeError(error) }, 'job queue error'),
    );
  }

  /** A queue and its handler; call in onModuleInit, before the queue starts. */
  define<T>(name: string, handler: JobHandler<T>, options: QueueOptions): void {
    invariant(!this.started, `queue ${name} defined after the job queue started`);
    invariant(!this.queues.has(name), `queue ${name} defined twice`);
    this.queues.set(name, { handler, options });
  }

  /**
   * Enqueues a job in `db`'s transaction: it exists once that commits, and never if it rolls
   * back. Pass the use case's handle (`tx.run`'s `db`).
   */
  async send<T extends object>(db: Db, name: string, data: T, options: SendOptions): Promise<void> {
    invariant(this.queues.has(name), `queue ${name} is not defined`);
    await this.boss.send(name, data, {
      db: jobSqlOn(db),
      startAfter: options.startAfter,
      singletonKey: options.singletonKey,
      expireInSeconds: this.config.jobs.expireSeconds,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const [name, { options }] of this.queues) {
      await this.boss.createQueue(name, {
        name,
        retryLimit: options.retryLimit,
        retryDelay: options.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: this.config.jobs.expireSeconds,
      });
    }
    if (!this.config.jobs.worker) return;
    for (const [name, { handler }] of this.queues) {
      await this.boss.work(
        name,
        { batchSize: 1, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS },
        async (jobs: PgBoss.Job<never>[]) => {
          for (const job of jobs) {
            this.logger.debug({ queue: name, jobId: job.id }, 'job started');
            await handler(job.data);
          }
        },
      );
    }
  }

  /** SIGTERM: stop fetching, let running jobs finish, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
  }
}
