import { queryOptions, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client';

export function consultationsQuery(patientId: string) {
  return queryOptions({
    queryKey: ['consultations', 'list', { patientId }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consultations', { params: { query: { patientId, limit: 100 } } })),
  });
}

/** Invalidates several query families at once, after a mutation that changed them. */
export function useInvalidate(): (...keys: QueryKey[]) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (...keys: QueryKey[]) => {
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    [queryClient],
  );
}
