import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CreateExamRoomDto,
  ExamRoomDto,
  ExamRoomPageDto,
  ListExamRoomsQueryDto,
  UpdateExamRoomDto,
} from '../dto/exam-room.dto';
import { ExamRoomService } from '../services/exam-room.service';

/** Exam rooms are ADMIN's to manage, like operating rooms; every role reads them. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('exam-rooms')
@Roles('ADMIN')
export class ExamRoomController {
  constructor(private readonly rooms: ExamRoomService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Add an exam room',
    description:
      'Adds an exam room to the clinic; its name is unique in the clinic (case-insensitive). Audited.',
    errors: ['DUPLICATE'],
  })
  @ZodResponse({ status: 201, type: ExamRoomDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateExamRoomDto) {
    return this.rooms.createRoom(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List exam rooms',
    description: "The clinic's exam rooms by name, a page at a time. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: ExamRoomPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListExamRoomsQueryDto) {
    return this.rooms.listRooms(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({ summary: 'Get an exam room', description: 'One exam room. Changes nothing.' })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: ExamRoomDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.rooms.getRoom(caller, params.id);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Rename or deactivate an exam room',
    description:
      "Changes an exam room's name or active flag (a deactivated room takes no new appointments and keeps its past ones) and bumps its `version`. Audited.",
    errors: ['DUPLICATE'],
  })
  @ZodResponse({ status: 200, type: ExamRoomDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateExamRoomDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.rooms.updateRoom(caller, params.id, body, ifMatch);
  }
}
