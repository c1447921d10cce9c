import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type User = components['schemas']['UserDto_Output'];

/** Page size of the lists on the patient page: one page covers nearly every patient. */
export const SECTION_PAGE = 50;

export const patientKey = (id: string) => ['patients', id] as const;

export function fetchPatient(id: string) {
  return unwrap(api.GET('/api/v1/patients/{id}', { params: { path: { id } } }));
}

export function usePatient(id: string) {
  return useQuery({ queryKey: patientKey(id), queryFn: () => fetchPatient(id) });
}

/** Every surgeon of the clinic (inactive ones too, to name the surgeon of an old consultation). */
export function useSurgeons() {
  return useQuery({
    queryKey: ['users', 'list', { role: 'SURGEON' }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/users', { params: { query: { role: 'SURGEON', limit: 100 } } })),
    select: (page) => page.data,
    staleTime: 5 * 60_000,
  });
}

/** Next page's cursor for `useInfiniteQuery`: `undefined` ends the list. */
export function nextCursor(page: { nextCursor: string | null }): string | undefined {
  return page.nextCursor ?? undefined;
}
