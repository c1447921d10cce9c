import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { AuditEventPageDto, ListAuditEventsQueryDto } from '../dto/audit-event.dto';
import { AuditEventService } from '../services/audit-event.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
@Roles('ADMIN')
export class AuditEventController {
  constructor(private readonly events: AuditEventService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List audit events',
    description:
      'Who did what and who read patient data in the clinic, newest first, filtered by entity, actor or time. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: AuditEventPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListAuditEventsQueryDto) {
    return this.events.listEvents(caller, query);
  }
}
