import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { FeeScheduleModule } from '../fee-schedule/fee-schedule.module';
import { InventoryModule } from '../inventory/inventory.module';
import { TheaterModule } from '../theater/theater.module';
import { UserModule } from '../user/user.module';
import { ClinicSetupController } from './controllers/clinic-setup.controller';
import { ClinicSetupService } from './services/clinic-setup.service';

/**
 * The set-up checklist (`GET /clinic/setup`). Its own module: it reads the theater module, which
 * (through billing) imports ClinicModule, so inside ClinicModule it would make a cycle.
 */
@Module({
  imports: [UserModule, FeeScheduleModule, ConsentModule, TheaterModule, InventoryModule],
  controllers: [ClinicSetupController],
  providers: [ClinicSetupService],
})
export class ClinicSetupModule {}
