// The public file of the inventory module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './dto/inventory-item.dto';
export * from './inventory.module';
export type { InventoryItemRow } from './repositories/inventory-item.repository';
export type { CaseUsageRow } from './repositories/inventory-usage.repository';
export { gs1ElementString, type UdiParts } from './services/gs1-udi';
export * from './services/insufficient-inventory.error';
export * from './services/inventory-allocator';
export * from './services/inventory-consumption';
export * from './services/inventory-queries';
export * from './services/inventory-stock.service';
export { heldSerialNumbersJson } from './repositories/inventory-allocation.repository';
