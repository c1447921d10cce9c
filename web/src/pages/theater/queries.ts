import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type SurgicalCase = components['schemas']['SurgicalCaseDto_Output'];
export type CaseUsage = SurgicalCase['inventoryUsages'][number];
export type OperatingRoom = components['schemas']['OperatingRoomDto_Output'];
export type StaffUser = components['schemas']['UserDto_Output'];
export type InventoryItem = components['schemas']['InventoryItemDto_Output'];
export type Stock = components['schemas']['StockDto_Output'];

interface Page<T> {
  readonly data: T[];
  readonly nextCursor: string | null;
}

/** Upper bound on pages of one list, so a server bug cannot loop the browser forever. */
const MAX_PAGES = 50;

/** Every row of a keyset-paged list (`limit` 100 a page, following `nextCursor`). */
async function allPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const { data, nextCursor } = await page(cursor);
    rows.push(...data);
    if (nextCursor === null) return rows;
    cursor = nextCursor;
  }
  return rows;
}

export const caseKeys = {
  all: ['surgical-cases'] as const,
  day: (from: string, to: string) => ['surgical-cases', 'list', { from, to }] as const,
  one: (id: string) => ['surgical-cases', id] as const,
};

/** The cases overlapping `[from, to)` (instants), every page of them. */
export function useCasesBetween(from: string, to: string) {
  return useQuery({
    queryKey: caseKeys.day(from, to),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/surgical-cases', {
            params: { query: { from, to, limit: 100, cursor } },
          }),
        ),
      ),
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/surgical-cases/{id}', { params: { path: { id } } })),
  });
}

export function useOperatingRooms() {
  return useQuery({
    queryKey: ['operating-rooms', 'list'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/operating-rooms', { params: { query: { limit: 100, cursor } } })),
      ),
    staleTime: 5 * 60_000,
  });
}

/** The staff directory, for surgeons' names. */
export function useStaff() {
  return useQuery({
    queryKey: ['users', 'list'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/users', { params: { query: { limit: 100, cursor } } })),
      ),
    staleTime: 5 * 60_000,
  });
}

/** The whole inventory catalog, inactive items included (a past usage may name one). */
export function useInventoryItems() {
  return useQuery({
    queryKey: ['inventory', 'items', 'list', 'all'],
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/inventory/items', { params: { query: { limit: 100, cursor } } })),
      ),
    staleTime: 60_000,
  });
}

const stockQuery = (itemId: string) => ({
  queryKey: ['inventory', 'stock', itemId],
  queryFn: () =>
    unwrap(api.GET('/api/v1/inventory/items/{id}/stock', { params: { path: { id: itemId } } })),
});

export function useStock(itemId: string | null) {
  return useQuery({ ...stockQuery(itemId ?? ''), enabled: itemId !== null });
}

/**
 * Batch numbers by batch id, from the stock of each item a case used (a usage names its batch
 * by id only). `pending` until every stock has answered.
 */
export function useBatchNumbers(itemIds: readonly string[]): {
  numbers: Map<string, string>;
  pending: boolean;
} {
  const results = useQueries({ queries: [...new Set(itemIds)].map(stockQuery) });
  const numbers = new Map<string, string>();
  for (const r of results) {
    for (const b of r.data?.batches ?? []) numbers.set(b.batchId, b.batchNumber);
  }
  return { numbers, pending: results.some((r) => r.isPending) };
}

export function usePatient(id: string | undefined) {
  return useQuery({
    queryKey: ['patients', id ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/patients/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
  });
}

/** What a change to a case can change: cases, their plans, and for usage and completion, stock and bills. */
export function useInvalidateAfterCaseChange() {
  const queryClient = useQueryClient();
  return async (extra: readonly (readonly string[])[] = []) => {
    await Promise.all(
      [caseKeys.all, ['procedure-plans'], ...extra].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
  };
}
