import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import type { components } from '../../api/schema';

export type RecallRecord = components['schemas']['RecallRecordDto_Output'];
export type RecallRecordDetail = components['schemas']['RecallRecordDetailDto_Output'];
export type RecallRecipient = RecallRecordDetail['recipients'][number];
export type ContactMethod = NonNullable<RecallRecipient['contact']>['method'];
export type RecallStatus = RecallRecord['status'];

export const CONTACT_METHODS: readonly { value: ContactMethod; label: string }[] = [
  { value: 'PHONE', label: 'Phone' },
  { value: 'EMAIL', label: 'Email' },
  { value: 'LETTER', label: 'Letter' },
  { value: 'IN_PERSON', label: 'In person' },
];

export function methodLabel(method: ContactMethod): string {
  return CONTACT_METHODS.find((m) => m.value === method)?.label ?? method;
}

/** Under 'inventory', so a stock change refreshes them too (inventoryKeys.all). */
export const recallKeys = {
  all: ['inventory', 'recall-records'] as const,
  list: (status: RecallStatus | undefined) =>
    ['inventory', 'recall-records', 'list', status ?? null] as const,
  one: (id: string) => ['inventory', 'recall-records', 'one', id] as const,
};

export function useRecallRecords(status: RecallStatus | undefined) {
  return usePagedList({
    queryKey: recallKeys.list(status),
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/inventory/recall-records', {
          params: { query: { ...(status ? { status } : {}), limit: 50, cursor } },
        }),
      ),
    keepPrevious: true,
  });
}

/** A recall with its recipients: the API records a read of each patient it names. */
export function useRecallRecord(id: string) {
  return useQuery({
    queryKey: recallKeys.one(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/inventory/recall-records/{id}', { params: { path: { id } } })),
  });
}
