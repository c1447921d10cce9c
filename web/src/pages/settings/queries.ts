import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { allPages } from '../../api/paged';

/**
 * The Settings area's queries. Keys start with the resource (docs/web-app.md "Caching"), so a
 * change here refreshes every screen that shows it; the set-up checklist is under 'clinic' and
 * each change invalidates it too.
 */
export const settingsKeys = {
  setup: ['clinic', 'setup'] as const,
  fees: (search: string) => ['fee-schedule', 'list', search] as const,
  templates: ['consent-templates', 'list', 'all'] as const,
  fdaChecklists: ['fda-checklist-templates', 'list', 'all'] as const,
};

export function clinicSetupQuery() {
  return {
    queryKey: settingsKeys.setup,
    queryFn: () => unwrap(api.GET('/api/v1/clinic/setup')),
  };
}

export function useClinicSetup(enabled = true) {
  return useQuery({ ...clinicSetupQuery(), enabled });
}

export function useFeeSchedule(search: string) {
  return useQuery({
    queryKey: settingsKeys.fees(search),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/fee-schedule', {
            params: {
              query: { limit: 100, cursor, ...(search === '' ? {} : { search }) },
            },
          }),
        ),
      ),
    // The table stays while a new search loads.
    placeholderData: keepPreviousData,
  });
}

/** Every consent template, every version, active or not. */
export function useConsentTemplates() {
  return useQuery({
    queryKey: settingsKeys.templates,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/consent-templates', { params: { query: { limit: 100, cursor } } })),
      ),
  });
}

/** Every version of the clinic's FDA breast implant checklist, newest first. */
export function useFdaChecklistTemplates() {
  return useQuery({
    queryKey: settingsKeys.fdaChecklists,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/fda-checklist-templates', { params: { query: { limit: 100, cursor } } }),
        ),
      ),
  });
}
