import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CreateInventoryItemDto,
  InventoryItemDto,
  InventoryItemPageDto,
  ListInventoryItemsQueryDto,
  UpdateInventoryItemDto,
} from '../dto/inventory-item.dto';
import { InventoryItemService } from '../services/inventory-item.service';

/** The catalog: NURSE and ADMIN maintain it (they receive stock, DESIGN.md §8); every role reads it. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory/items')
export class InventoryItemController {
  constructor(private readonly items: InventoryItemService) {}

  @Post()
  @Roles('NURSE')
  @ZodResponse({ status: 201, type: InventoryItemDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateInventoryItemDto) {
    return this.items.createItem(caller, body);
  }

  @Get()
  @ZodResponse({ status: 200, type: InventoryItemPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListInventoryItemsQueryDto) {
    return this.items.listItems(caller, query);
  }

  @Patch(':id')
  @Roles('NURSE')
  @ZodResponse({ status: 200, type: InventoryItemDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateInventoryItemDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.items.updateItem(caller, params.id, body, ifMatch);
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: InventoryItemDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.items.getItem(caller, params.id);
  }
}
