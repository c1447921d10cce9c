import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent';
import { FeeScheduleModule } from '../fee-schedule';
import { InventoryModule } from '../inventory';
import { TheaterModule } from '../theater';
import { UserModule } from '../user';
import { ClinicSetupController } from './controllers/clinic-setup.controller';
import { ClinicSetupService } from './services/clinic-setup.service';

/**
 * The set-up checklist (`GET /clinic/setup`): a module of its own, above the modules it asks
 * (users, fee schedule, consent templates, operating rooms, stock), none of which may depend on it.
 */
@Module({
  imports: [UserModule, FeeScheduleModule, ConsentModule, TheaterModule, InventoryModule],
  controllers: [ClinicSetupController],
  providers: [ClinicSetupService],
})
export class ClinicSetupModule {}
