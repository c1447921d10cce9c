import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import type { Logger } from 'pino';
import { AuditWriter } from './audit/audit-writer';
import { Clock } from './clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { openDatabase } from './database/database';
import { DatabaseLifecycle } from './database/database-lifecycle';
import { DATABASE } from './database/database.tokens';
import { SequenceAllocator } from './database/sequence-allocator';
import { TransactionRunner } from './database/transaction-runner';
import { ProblemFilter } from './errors/problem.filter';
import { LocationInterceptor } from './http/location';
import { EtagInterceptor } from './http/versioning';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { JobQueue } from './jobs/job-queue';
import { LOGGER } from './logging/logger.token';
import { Mailer } from './mail/mailer';

/**
 * What every module shares: configuration, the database and its one transaction helper, audit,
 * sequences, the clock, the job queue (src/common/jobs), the mailer; and, for every route, zod validation, problem+json errors, ETags and
 * Idempotency-Key handling. Interceptors run outermost first: ETag and Location see the final
 * body (a replayed one too), idempotency stores the serialized one.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: DATABASE,
          useFactory: async () => {
            const database = await openDatabase(config.database);
            try {
              await database.migrate();
            } catch (error) {
              await database.close();
              throw error;
            }
            return database;
          },
        },
        DatabaseLifecycle,
        TransactionRunner,
        Clock,
        AuditWriter,
        SequenceAllocator,
        IdempotencyStore,
        JobQueue,
        Mailer,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
        { provide: APP_INTERCEPTOR, useClass: LocationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
      ],
      exports: [
        APP_CONFIG,
        LOGGER,
        DATABASE,
        TransactionRunner,
        Clock,
        AuditWriter,
        SequenceAllocator,
        JobQueue,
        Mailer,
      ],
    };
  }
}
