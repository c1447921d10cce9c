import { Module } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logger.token';
import { Icd10cmController } from './controllers/icd10cm.controller';
import { Icd10Catalog } from './services/icd10-catalog';

/**
 * Diagnosis and procedure codes (docs/design.md §5). The ICD-10-CM code set is read into memory once,
 * when the application starts; CPT codes need no state, so their helpers (services/cpt-code.ts)
 * are plain functions and zod schemas that other modules import directly.
 */
@Module({
  controllers: [Icd10cmController],
  providers: [
    {
      provide: Icd10Catalog,
      inject: [LOGGER],
      useFactory: (logger: Logger): Icd10Catalog => {
        const started = performance.now();
        const catalog = Icd10Catalog.fromFile();
        logger.info(
          { codes: catalog.size, ms: Math.round(performance.now() - started) },
          'ICD-10-CM code set loaded',
        );
        return catalog;
      },
    },
  ],
  exports: [Icd10Catalog],
})
export class CodesModule {}
