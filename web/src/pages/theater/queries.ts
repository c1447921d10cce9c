import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { allPages } from '../../api/paged';
import { stockQuery, useInvalidate } from '../../api/queries';
import type { components } from '../../api/schema';
import { todayIso } from '../../lib/format';
import { dayRange } from './day';

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
 * The local day (`YYYY-MM-DD`) of the first live case from the start of today on, or null when
 * there is none: where the theater day opens when no date is chosen.
 */
export function useNextDayWithCases(enabled: boolean) {
  return useQuery({
    queryKey: ['surgical-cases', 'next-day'],
    enabled,
    queryFn: async () => {
      const from = dayRange(todayIso()).start.toISOString();
      for (const status of ['IN_PROGRESS', 'SCHEDULED'] as const) {
        const page = await unwrap(
          api.GET('/api/v1/surgical-cases', { params: { query: { from, status, limit: 1 } } }),
        );
        const first = page.data[0];
        if (first !== undefined) return todayIso(new Date(first.scheduledStart));
      }
      return null;
    },
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
