import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CloseRecallDto,
  OpenRecallDto,
  RecallContactDto,
  RecallContactRecordDto,
  RecallRecordDetailDto,
  RecallRecordDto,
  RecallRecordPageDto,
  RecallRecordsQueryDto,
} from '../dto/inventory-recall.dto';
import { InventoryRecallService } from '../services/inventory-recall.service';

/**
 * Recall records (docs/inventory.md "Recall records"): NURSE (and ADMIN) open and close them;
 * clinical staff (NURSE, SURGEON, COORDINATOR) read them and record whom they contacted.
 */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory')
export class InventoryRecallController {
  constructor(private readonly recalls: InventoryRecallService) {}

  @Post('batches/:id/recalls')
  @ApiOperationDoc({
    summary: 'Open a recall of a batch',
    description:
      'Records that a lot is under recall, with the reason: one OPEN recall per batch (409 DUPLICATE while one is open). Audited.',
    errors: ['NOT_FOUND', 'DUPLICATE'],
  })
  @Roles('NURSE')
  @ZodResponse({ status: 201, type: RecallRecordDto })
  open(@CurrentUser() caller: Caller, @Param() params: IdParams, @Body() body: OpenRecallDto) {
    return this.recalls.open(caller, params.id, body);
  }

  @Get('recall-records')
  @ApiOperationDoc({
    summary: 'List recall records',
    description:
      'Recall records, newest first, a page at a time, optionally by status, each with its lot and how many of its recipients were contacted. Names no patient. Changes nothing.',
  })
  @Roles('NURSE', 'SURGEON', 'COORDINATOR')
  @ZodResponse({ status: 200, type: RecallRecordPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: RecallRecordsQueryDto) {
    return this.recalls.list(caller, query);
  }

  @Get('recall-records/:id')
  @ApiOperationDoc({
    summary: 'Get a recall record',
    description:
      'The recall with every patient who received units of its lot (serial numbers, quantity) and whether, when and how each was contacted. Reading it is audited per patient.',
    errors: ['NOT_FOUND'],
  })
  @Roles('NURSE', 'SURGEON', 'COORDINATOR')
  @ZodResponse({ status: 200, type: RecallRecordDetailDto })
  detail(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.recalls.detail(caller, params.id);
  }

  @Post('recall-records/:id/contacts')
  @ApiOperationDoc({
    summary: 'Mark a recipient contacted',
    description:
      'Records that a patient who received units of the lot was contacted (method, note), once per recall: 400 naming patientId when the patient is not a recipient, 409 DUPLICATE when already contacted, 409 INVALID_STATE_TRANSITION when the recall is closed. Audited.',
    errors: ['NOT_FOUND', 'DUPLICATE', 'INVALID_STATE_TRANSITION'],
  })
  @Roles('NURSE', 'SURGEON', 'COORDINATOR')
  @ZodResponse({ status: 201, type: RecallContactRecordDto })
  contact(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: RecallContactDto,
  ) {
    return this.recalls.contact(caller, params.id, body);
  }

  @Post('recall-records/:id/close')
  @ApiOperationDoc({
    summary: 'Close a recall',
    description:
      'OPEN → CLOSED, with an optional note; a closed recall takes no more contacts and the batch may be recalled again. Audited.',
    errors: ['NOT_FOUND', 'INVALID_STATE_TRANSITION'],
  })
  @Roles('NURSE')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: RecallRecordDto })
  close(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CloseRecallDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.recalls.close(caller, params.id, body, ifMatch);
  }
}
