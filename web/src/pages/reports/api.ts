import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { ReportName } from './catalog';
import { filtersQuery, type ReportFilters } from './filters';

export type ConversionReport = components['schemas']['ConversionReportDto'];
export type TheaterUtilisationReport = components['schemas']['TheaterUtilisationReportDto'];
export type SurgeonProductivityReport = components['schemas']['SurgeonProductivityReportDto'];
export type ArAgingReport = components['schemas']['ArAgingReportDto'];
export type QuotesReport = components['schemas']['QuotesReportDto'];
export type ImplantsReport = components['schemas']['ImplantsReportDto'];

/** Each report's JSON answer (src/modules/reports/dto), by its route's name. */
export interface ReportAnswers {
  conversion: ConversionReport;
  'theater-utilisation': TheaterUtilisationReport;
  'surgeon-productivity': SurgeonProductivityReport;
  'ar-aging': ArAgingReport;
  quotes: QuotesReport;
  implants: ImplantsReport;
}

function apiQuery(filters: ReportFilters) {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.surgeonId === null ? {} : { surgeonId: filters.surgeonId }),
  };
}

/**
 * A report for the filters; `enabled: false` while the filters are wrong (the page says why). The
 * figures shown stay on screen while the next range loads. Fresh for a minute: a report is a
 * snapshot, and the button "Refresh" asks again.
 */
export function useReport<N extends ReportName>(name: N, filters: ReportFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', name, filters.from, filters.to, filters.surgeonId],
    queryFn: () =>
      unwrap(
        // One route per report, each with the same parameters: the path is the report's.
        api.GET(`/api/v1/reports/${name}` as '/api/v1/reports/conversion', {
          params: { query: apiQuery(filters) },
        }),
      ) as Promise<unknown> as Promise<ReportAnswers[N]>,
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The address of one of a report's tables as CSV (the server names the file). */
export function csvPath(name: ReportName, filters: ReportFilters, section: string): string {
  const query = filtersQuery(filters);
  query.set('format', 'csv');
  // The first table (`rows`) is what format=csv gives; the others are named.
  if (section !== 'rows') query.set('section', section);
  return `/api/v1/reports/${name}?${query.toString()}`;
}
