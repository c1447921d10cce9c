import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CreateOperatingRoomDto,
  ListOperatingRoomsQueryDto,
  OperatingRoomDto,
  OperatingRoomPageDto,
  UpdateOperatingRoomDto,
} from '../dto/operating-room.dto';
import { OperatingRoomService } from '../services/operating-room.service';

/** Rooms are ADMIN's to manage (docs/design.md §8); everyone who schedules or bills reads them. */
@ApiTags('theater')
@ApiBearerAuth()
@Controller('operating-rooms')
@Roles('ADMIN')
export class OperatingRoomController {
  constructor(private readonly rooms: OperatingRoomService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Add an operating room',
    description: 'Adds a room to the clinic; its name is unique in the clinic. Audited.',
    errors: ['DUPLICATE'],
  })
  @ZodResponse({ status: 201, type: OperatingRoomDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateOperatingRoomDto) {
    return this.rooms.createRoom(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List operating rooms',
    description: "The clinic's rooms, a page at a time. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: OperatingRoomPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListOperatingRoomsQueryDto) {
    return this.rooms.listRooms(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get an operating room',
    description: 'One room. Changes nothing.',
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: OperatingRoomDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.rooms.getRoom(caller, params.id);
  }

  /** Rename, or deactivate with `{ "active": false }`. */
  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Rename or deactivate an operating room',
    description:
      "Changes a room's name or active flag (a deactivated room takes no new cases) and bumps its `version`. Audited.",
    errors: ['DUPLICATE'],
  })
  @ZodResponse({ status: 200, type: OperatingRoomDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateOperatingRoomDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.rooms.updateRoom(caller, params.id, body, ifMatch);
  }
}
