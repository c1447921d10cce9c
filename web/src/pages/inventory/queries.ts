import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import type { InventoryItem } from '../../api/queries';
import type { components, operations } from '../../api/schema';

export type { Stock } from '../../api/queries';
export type Item = InventoryItem;
export type Category = Item['category'];
export type Unit = components['schemas']['UnitDto_Output'];
export type Recipients = components['schemas']['RecipientsDto_Output'];
export type ReceivedUnits = components['schemas']['ReceivedUnitsDto_Output'];
export type ItemFilters = Omit<
  NonNullable<operations['InventoryItemController_list']['parameters']['query']>,
  'cursor' | 'limit'
>;

export const CATEGORIES: readonly { value: Category; label: string }[] = [
  { value: 'IMPLANT', label: 'Implant' },
  { value: 'SUTURE', label: 'Suture' },
  { value: 'CONSUMABLE', label: 'Consumable' },
  { value: 'MEDICATION', label: 'Medication' },
  { value: 'OTHER', label: 'Other' },
];

export function categoryLabel(category: Category): string {
  return CATEGORIES.find((c) => c.value === category)?.label ?? category;
}

/**
 * Every inventory query starts with 'inventory', so a change of stock anywhere (a receipt, an
 * allocation in a plan, a case's consumption) refreshes them all with one invalidation.
 */
export const inventoryKeys = {
  all: ['inventory'] as const,
  items: ['inventory', 'items'] as const,
  itemList: (filters: ItemFilters) => ['inventory', 'items', 'list', filters] as const,
  expiring: (withinDays: number) => ['inventory', 'expiring', withinDays] as const,
  unit: (serial: string, itemId: string | undefined) =>
    ['inventory', 'units', serial, itemId ?? null] as const,
  adjustments: (batchId: string) => ['inventory', 'adjustments', batchId] as const,
  holds: (olderThanDays: number) => ['inventory', 'holds', olderThanDays] as const,
  batchRecipients: (batchId: string) => ['inventory', 'recipients', 'batch', batchId] as const,
  lotRecipients: (gtin: string, lot: string) =>
    ['inventory', 'recipients', 'lot', gtin, lot] as const,
};

const PAGE = 50;

export function useItemList(filters: ItemFilters) {
  return usePagedList({
    queryKey: inventoryKeys.itemList(filters),
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/inventory/items', {
          params: { query: { ...filters, limit: PAGE, cursor } },
        }),
      ),
    keepPrevious: true,
  });
}

export function useExpiring(withinDays: number) {
  return usePagedList({
    queryKey: inventoryKeys.expiring(withinDays),
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/inventory/expiring', {
          params: { query: { withinDays, limit: PAGE, cursor } },
        }),
      ),
    keepPrevious: true,
  });
}

/** "Who has this implant?": audited by the API, so it runs only once a serial is asked for. */
export function useUnit(serial: string, itemId: string | undefined) {
  return useQuery({
    queryKey: inventoryKeys.unit(serial, itemId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inventory/units/{serialNumber}', {
          params: { path: { serialNumber: serial }, query: itemId ? { itemId } : {} },
        }),
      ),
    enabled: serial !== '',
  });
}

export function useBatchRecipients(batchId: string) {
  return useQuery({
    queryKey: inventoryKeys.batchRecipients(batchId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inventory/batches/{id}/recipients', { params: { path: { id: batchId } } }),
      ),
    enabled: batchId !== '',
  });
}

export function useLotRecipients(gtin: string, lot: string) {
  return useQuery({
    queryKey: inventoryKeys.lotRecipients(gtin, lot),
    queryFn: () =>
      unwrap(api.GET('/api/v1/inventory/recalls', { params: { query: { gtin, lot } } })),
    enabled: gtin !== '' && lot !== '',
  });
}
