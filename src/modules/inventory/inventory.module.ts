import { Module } from '@nestjs/common';
import { InventoryItemController } from './controllers/inventory-item.controller';
import { InventoryStockController } from './controllers/inventory-stock.controller';
import { InventoryAllocationRepository } from './repositories/inventory-allocation.repository';
import { InventoryItemRepository } from './repositories/inventory-item.repository';
import { InventoryStockRepository } from './repositories/inventory-stock.repository';
import { InventoryAllocator } from './services/inventory-allocator';
import { InventoryItemService } from './services/inventory-item.service';
import { InventoryStockService } from './services/inventory-stock.service';

@Module({
  controllers: [InventoryItemController, InventoryStockController],
  providers: [
    InventoryItemRepository,
    InventoryItemService,
    InventoryStockRepository,
    InventoryStockService,
    InventoryAllocationRepository,
    InventoryAllocator,
  ],
  exports: [InventoryItemRepository, InventoryAllocator],
})
export class InventoryModule {}
