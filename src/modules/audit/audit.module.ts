import { Module } from '@nestjs/common';
import { AuditEventController } from './controllers/audit-event.controller';
import { AuditEventRepository } from './repositories/audit-event.repository';
import { AuditSubjectRepository } from './repositories/audit-subject.repository';
import { AuditEventService } from './services/audit-event.service';

@Module({
  controllers: [AuditEventController],
  providers: [AuditEventRepository, AuditSubjectRepository, AuditEventService],
})
export class AuditModule {}
