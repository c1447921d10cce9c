import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { allPages, stockQuery, useInvalidate } from '../../api/queries';
import type { components } from '../../api/schema';

export type SurgicalCase = components['schemas']['SurgicalCaseDto_Output'];
export type CaseUsage = SurgicalCase['inventoryUsages'][number];
export type { InventoryItem, OperatingRoom, StaffUser, Stock } from '../../api/queries';

export const caseKeys = {
  all: ['surgical-cases'] as const,
  day: (from: string, to: string) => ['surgical-cases', 'list', { from, to }] as const,
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

/** What a change to a case can change: cases, their plans, and for usage and completion, stock and bills. */
export function useInvalidateAfterCaseChange() {
  const invalidate = useInvalidate();
  return (extra: readonly (readonly string[])[] = []) =>
    invalidate(caseKeys.all, ['procedure-plans'], ...extra);
}
