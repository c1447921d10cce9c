import { Module } from '@nestjs/common';
import { InventoryItemController } from './controllers/inventory-item.controller';
import { InventoryRecallController } from './controllers/inventory-recall.controller';
import { InventoryStockController } from './controllers/inventory-stock.controller';
import { InventoryAllocationRepository } from './repositories/inventory-allocation.repository';
import { InventoryItemRepository } from './repositories/inventory-item.repository';
import { InventoryRecallRepository } from './repositories/inventory-recall.repository';
import { InventoryStockRepository } from './repositories/inventory-stock.repository';
import { InventoryUsageRepository } from './repositories/inventory-usage.repository';
import { InventoryAllocator } from './services/inventory-allocator';
import { InventoryConsumption } from './services/inventory-consumption';
import { InventoryItemService } from './services/inventory-item.service';
import { InventoryLifecycle } from './services/inventory-lifecycle';
import { InventoryQueries } from './services/inventory-queries';
import { InventoryRecallService } from './services/inventory-recall.service';
import { InventoryStockService } from './services/inventory-stock.service';
import { InventoryTraceService } from './services/inventory-trace.service';

@Module({
  controllers: [InventoryItemController, InventoryStockController, InventoryRecallController],
  providers: [
    InventoryItemRepository,
    InventoryItemService,
    InventoryStockRepository,
    InventoryStockService,
    InventoryAllocationRepository,
    InventoryLifecycle,
    InventoryAllocator,
    InventoryUsageRepository,
    InventoryConsumption,
    InventoryTraceService,
    InventoryQueries,
    InventoryRecallRepository,
    InventoryRecallService,
  ],
  exports: [
    InventoryQueries,
    // The clinic's set-up checklist asks whether an implant is in stock.
    InventoryStockService,
    InventoryAllocator,
    InventoryConsumption,
  ],
})
export class InventoryModule {}
