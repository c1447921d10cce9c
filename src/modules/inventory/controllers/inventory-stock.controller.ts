import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  AdjustmentDto,
  AdjustmentPageDto,
  AdjustmentsQueryDto,
  BatchDto,
  ExpiringBatchPageDto,
  ExpiringQueryDto,
  HoldPageDto,
  HoldsQueryDto,
  ReceiveBatchDto,
  RecallQueryDto,
  RecipientsDto,
  ReceivedUnitsDto,
  ReceiveUdiDto,
  StockDto,
  UnitDto,
  UnitParamsDto,
  UnitQueryDto,
} from '../dto/inventory-stock.dto';
import { InventoryStockService } from '../services/inventory-stock.service';
import { InventoryTraceService } from '../services/inventory-trace.service';

/** Stock: receiving and adjustments by NURSE (and ADMIN, docs/design.md §8); levels for every role. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory')
export class InventoryStockController {
  constructor(
    private readonly stock: InventoryStockService,
    private readonly trace: InventoryTraceService,
  ) {}

  @Post('items/:id/batches')
  @ApiOperationDoc({
    summary: 'Receive a batch',
    description:
      'Adds stock of an item: a lot with a quantity, or, for serial-tracked items, one unit per serial number (each unique for the item). Audited.',
    errors: ['DUPLICATE'],
  })
  @Roles('NURSE')
  @ZodResponse({ status: 201, type: BatchDto })
  receive(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: ReceiveBatchDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.stock.receiveBatch(caller, params.id, body, ifMatch);
  }

  @Post('receive-udi')
  @ApiOperationDoc({
    summary: 'Receive units by UDI',
    description:
      'Parses GS1 UDI strings (GTIN, lot, expiry, serial), finds each item by GTIN and receives the units into their lots; a malformed UDI or unknown GTIN is a 400 naming its position. Audited.',
    errors: ['DUPLICATE'],
  })
  @Roles('NURSE')
  @ZodResponse({ status: 201, type: ReceivedUnitsDto })
  receiveUdi(@CurrentUser() caller: Caller, @Body() body: ReceiveUdiDto) {
    return this.stock.receiveUdis(caller, body);
  }

  @Get('items/:id/stock')
  @ApiOperationDoc({
    summary: 'Get the stock of an item',
    description: 'Per batch of the item: on hand, reserved, available, expiry. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: StockDto })
  stockOfItem(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.stock.stockOfItem(caller, params.id);
  }

  @Post('batches/:id/adjustments')
  @ApiOperationDoc({
    summary: 'Adjust a batch',
    description:
      "Corrects a batch's on-hand count by a signed quantity with a reason (count correction, damage…); it cannot drop below what is reserved (409 INSUFFICIENT_INVENTORY). Audited.",
    errors: ['INSUFFICIENT_INVENTORY'],
  })
  @Roles('NURSE')
  @ZodResponse({ status: 201, type: BatchDto })
  adjust(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: AdjustmentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.stock.adjustBatch(caller, params.id, body, ifMatch);
  }

  @Get('batches/:id/adjustments')
  @ApiOperationDoc({
    summary: "List a batch's adjustments",
    description:
      "A batch's stock adjustments, newest first, with the quantity, reason and note as recorded and who made them. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: AdjustmentPageDto })
  adjustments(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Query() query: AdjustmentsQueryDto,
  ) {
    return this.stock.adjustmentsOfBatch(caller, params.id, query);
  }

  @Get('expiring')
  @ApiOperationDoc({
    summary: 'List expiring batches',
    description:
      'Batches with stock that expire within the given window, soonest first. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: ExpiringBatchPageDto })
  expiring(@CurrentUser() caller: Caller, @Query() query: ExpiringQueryDto) {
    return this.stock.expiringBatches(caller, query);
  }

  /** The recall list of a batch: patients, cases, serials. ADMIN, NURSE, SURGEON; audited. */
  @Get('batches/:id/recipients')
  @ApiOperationDoc({
    summary: 'List the recipients of a batch',
    description:
      'The recall list of a batch: the patients, surgical cases and serial numbers that received its units. Reading it is audited (it names patients).',
  })
  @Roles('NURSE', 'SURGEON')
  @ZodResponse({ status: 200, type: RecipientsDto })
  recipients(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.trace.recipientsOfBatch(caller, params.id);
  }

  @Get('recalls')
  @ApiOperationDoc({
    summary: 'Find the recipients of a recalled lot',
    description:
      "The recipients of the batch of a GTIN and lot number, as for a batch's recipients. Reading it is audited (it names patients).",
    errors: ['NOT_FOUND'],
  })
  @Roles('NURSE', 'SURGEON')
  @ZodResponse({ status: 200, type: RecipientsDto })
  recall(@CurrentUser() caller: Caller, @Query() query: RecallQueryDto) {
    return this.trace.recall(caller, query.gtin, query.lot);
  }

  @Get('holds')
  @ApiOperationDoc({
    summary: 'List reservations',
    description:
      'Units and quantities reserved for plans not yet approved, allocated more than `olderThanDays` ago, oldest first, a page at a time, each with its plan (number, status, version for `If-Match` on release) and patient. Reading it is audited (it names patients).',
  })
  @Roles('NURSE', 'COORDINATOR', 'SURGEON')
  @ZodResponse({ status: 200, type: HoldPageDto })
  holds(@CurrentUser() caller: Caller, @Query() query: HoldsQueryDto) {
    return this.stock.holds(caller, query);
  }

  /** "Who has this implant?" — clinical staff only: a consumed unit names its patient. */
  @Get('units/:serialNumber')
  @ApiOperationDoc({
    summary: 'Find a unit by serial number',
    description:
      "Who has this implant: the unit's item, batch, status and, once used, its plan, case and patient. Reading it is audited.",
    errors: ['NOT_FOUND'],
  })
  @Roles('NURSE', 'SURGEON')
  @ZodResponse({ status: 200, type: UnitDto })
  unit(
    @CurrentUser() caller: Caller,
    @Param() params: UnitParamsDto,
    @Query() query: UnitQueryDto,
  ) {
    return this.stock.unitBySerial(caller, params.serialNumber, query.itemId);
  }
}
