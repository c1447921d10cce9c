import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  AdjustmentDto,
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

/** Stock: receiving and adjustments by NURSE (and ADMIN, DESIGN.md §8); levels for every role. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory')
export class InventoryStockController {
  constructor(
    private readonly stock: InventoryStockService,
    private readonly trace: InventoryTraceService,
  ) {}

  @Post('items/:id/batches')
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
  @Roles('NURSE')
  @ZodResponse({ status: 201, type: ReceivedUnitsDto })
  receiveUdi(@CurrentUser() caller: Caller, @Body() body: ReceiveUdiDto) {
    return this.stock.receiveUdis(caller, body);
  }

  @Get('items/:id/stock')
  @ZodResponse({ status: 200, type: StockDto })
  stockOfItem(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.stock.stockOfItem(caller, params.id);
  }

  @Post('batches/:id/adjustments')
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

  @Get('expiring')
  @ZodResponse({ status: 200, type: ExpiringBatchPageDto })
  expiring(@CurrentUser() caller: Caller, @Query() query: ExpiringQueryDto) {
    return this.stock.expiringBatches(caller, query);
  }

  /** The recall list of a batch: patients, cases, serials. ADMIN, NURSE, SURGEON; audited. */
  @Get('batches/:id/recipients')
  @Roles('NURSE', 'SURGEON')
  @ZodResponse({ status: 200, type: RecipientsDto })
  recipients(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.trace.recipientsOfBatch(caller, params.id);
  }

  @Get('recalls')
  @Roles('NURSE', 'SURGEON')
  @ZodResponse({ status: 200, type: RecipientsDto })
  recall(@CurrentUser() caller: Caller, @Query() query: RecallQueryDto) {
    return this.trace.recall(caller, query.gtin, query.lot);
  }

  @Get('holds')
  @Roles('NURSE', 'COORDINATOR', 'SURGEON')
  @ZodResponse({ status: 200, type: HoldPageDto })
  holds(@CurrentUser() caller: Caller, @Query() query: HoldsQueryDto) {
    return this.stock.holds(caller, query);
  }

  /** "Who has this implant?" — clinical staff only: a consumed unit names its patient. */
  @Get('units/:serialNumber')
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
