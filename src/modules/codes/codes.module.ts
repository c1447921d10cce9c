import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logger.token';
import { Icd10cmController } from './controllers/icd10cm.controller';
import { Icd10Catalog } from './services/icd10-catalog';

/**
 * Diagnosis and procedure codes (docs/design.md §5). The ICD-10-CM code set is read into memory
 * once, on first use (main.ts warms it just after the server listens); CPT codes need no state, so
 * their helpers (services/cpt-code.ts) are plain functions and zod schemas that other modules
 * import directly.
 */
@Module({
  controllers: [Icd10cmController],
  providers: [
    {
      provide: Icd10Catalog,
      inject: [LOGGER],
      useFactory: (logger: Logger): Icd10Catalog =>
        Icd10Catalog.fromFile(undefined, (loaded) =>
          logger.info(loaded, 'ICD-10-CM code set loaded'),
        ),
    },
  ],
  exports: [Icd10Catalog],
})
export class CodesModule {}
