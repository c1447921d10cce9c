import { Money } from '../../../common/money';
import type { InventoryItemResponse } from '../dto/inventory-item.dto';
import type { InventoryItemRow } from '../repositories/inventory-item.repository';

export function toInventoryItemResponse(i: InventoryItemRow): InventoryItemResponse {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    category: i.category,
    manufacturer: i.manufacturer,
    size: i.size,
    shape: i.shape,
    unitPrice: Money.fromDecimal(i.unitPrice).toDecimal(),
    isBillable: i.isBillable,
    requiresSerialNumber: i.requiresSerialNumber,
    hcpcsCode: i.hcpcsCode,
    gtin: i.gtin,
    implantKind: i.implantKind,
    active: i.active,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
