import { Module } from '@nestjs/common';
import { ClinicModule } from './clinic.module';
import { BootstrapService } from './services/bootstrap.service';

/** Only the server bootstraps a first clinic; command-line tools open the app without it. */
@Module({ imports: [ClinicModule], providers: [BootstrapService] })
export class BootstrapModule {}
