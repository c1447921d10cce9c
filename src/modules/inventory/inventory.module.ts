import { Module } from '@nestjs/common';
import { InventoryItemController } from './controllers/inventory-item.controller';
import { InventoryStockController } from './controllers/inventory-stock.controller';
import { InventoryItemRepository } from './repositories/inventory-item.repository';
import { InventoryStockRepository } from './repositories/inventory-stock.repository';
import { InventoryItemService } from './services/inventory-item.service';
import { InventoryStockService } from './services/inventory-stock.service';

@Module({
  controllers: [InventoryItemController, InventoryStockController],
  providers: [
    InventoryItemRepository,
    InventoryItemService,
    InventoryStockRepository,
    InventoryStockService,
  ],
  exports: [InventoryItemRepository],
})
export class InventoryModule {}
