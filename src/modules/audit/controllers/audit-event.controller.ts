import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { AuditEventPageDto, ListAuditEventsQueryDto } from '../dto/audit-event.dto';
import { AuditEventService } from '../services/audit-event.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
@Roles('ADMIN')
export class AuditEventController {
  constructor(private readonly events: AuditEventService) {}

  @Get()
  @ZodResponse({ status: 200, type: AuditEventPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListAuditEventsQueryDto) {
    return this.events.listEvents(caller, query);
  }
}
