import { Module } from '@nestjs/common';
import { FeeScheduleController } from './controllers/fee-schedule.controller';
import { FeeScheduleRepository } from './repositories/fee-schedule.repository';
import { FeeScheduleService } from './services/fee-schedule.service';

/** The clinic's prices per base CPT code; quotes read them through `FeeScheduleService.entriesFor`. */
@Module({
  controllers: [FeeScheduleController],
  providers: [FeeScheduleRepository, FeeScheduleService],
  exports: [FeeScheduleService],
})
export class FeeScheduleModule {}
