import { Module } from '@nestjs/common';
import { InventoryItemController } from './controllers/inventory-item.controller';
import { InventoryItemRepository } from './repositories/inventory-item.repository';
import { InventoryItemService } from './services/inventory-item.service';

@Module({
  controllers: [InventoryItemController],
  providers: [InventoryItemRepository, InventoryItemService],
  exports: [InventoryItemRepository],
})
export class InventoryModule {}
