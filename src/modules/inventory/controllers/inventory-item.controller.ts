import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
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

/** The catalog: NURSE and ADMIN maintain it (they receive stock, docs/design.md §8); every role reads it. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory/items')
export class InventoryItemController {
  constructor(private readonly items: InventoryItemService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Add a catalog item',
    description:
      "Adds an implant or supply to the clinic's catalog; `code` and `gtin` are unique in the clinic. Audited.",
    errors: ['DUPLICATE'],
  })
  @Roles('NURSE')
  @ZodResponse({ status: 201, type: InventoryItemDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateInventoryItemDto) {
    return this.items.createItem(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List catalog items',
    description: "The clinic's catalog, a page at a time, optionally filtered. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: InventoryItemPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListInventoryItemsQueryDto) {
    return this.items.listItems(caller, query);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Update a catalog item',
    description: 'Changes the given fields of a catalog item and bumps its `version`. Audited.',
    errors: ['DUPLICATE'],
  })
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
  @ApiOperationDoc({
    summary: 'Get a catalog item',
    description: 'One catalog item. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: InventoryItemDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.items.getItem(caller, params.id);
  }
}
