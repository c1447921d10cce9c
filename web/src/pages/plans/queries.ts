import { queryOptions, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client';

/** The plan, its requirements, consent link and version: the root of every plan page query. */
export function planQuery(id: string) {
  return queryOptions({
    queryKey: ['procedure-plans', id],
    queryFn: () => unwrap(api.GET('/api/v1/procedure-plans/{id}', { params: { path: { id } } })),
  });
}

export function patientQuery(id: string) {
  return queryOptions({
    queryKey: ['patients', id],
    queryFn: () => unwrap(api.GET('/api/v1/patients/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
  });
}

/** The active surgeons, for the board's filter and the schedule form. */
export function surgeonsQuery() {
  return queryOptions({
    queryKey: ['users', 'list', { role: 'SURGEON', active: 'true' }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { role: 'SURGEON', active: 'true', limit: 100 } },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

/** The staff directory, to name who created, approved or recorded something. */
export function usersQuery() {
  return queryOptions({
    queryKey: ['users', 'list', {}],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 100 } } })),
    staleTime: 5 * 60_000,
    select: (page) => new Map(page.data.map((u) => [u.id, u.name])),
  });
}

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
