import { parseDay, shiftDay } from '../../lib/clinicDays';

/**
 * A report's filters as the URL keeps them (`?from=2026-09-01&to=2026-11-30&surgeonId=…`): the
 * clinic-local days from–to, both included, and at most one surgeon (docs/reports.md
 * "Parameters"). A link without a range opens on the default one (the last three months), which
 * the page then writes into the URL, so that the address always says what is shown.
 */
export interface ReportFilters {
  from: string;
  to: string;
  surgeonId: string | null;
}

/** The widest range the API answers: three years (src/modules/reports/dto/report-query.dto.ts). */
export const MAX_REPORT_DAYS = 1096;

/** The days from `from` to `to`, both counted: 2026-01-01 to 2026-01-31 is 31. */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the month `delta` months from the month of `day`. */
export function monthStart(day: string, delta = 0): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + delta;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

export interface RangePreset {
  value: string;
  label: string;
  from: string;
  to: string;
}

/**
 * The ranges a manager asks for most, relative to the clinic's `today`. "Last 3 months" (the
 * default) is this month so far and the two before it: today's work shows at once, the A/R aging
 * is as of today, and the monthly reports have three bars to compare.
 */
export function rangePresets(today: string): RangePreset[] {
  const year = today.slice(0, 4);
  const lastYear = String(Number(year) - 1);
  return [
    { value: 'this-month', label: 'This month', from: monthStart(today), to: today },
    {
      value: 'last-month',
      label: 'Last month',
      from: monthStart(today, -1),
      to: shiftDay(monthStart(today), -1),
    },
    { value: 'last-3-months', label: 'Last 3 months', from: monthStart(today, -2), to: today },
    { value: 'last-12-months', label: 'Last 12 months', from: monthStart(today, -11), to: today },
    { value: 'this-year', label: 'This year', from: `${year}-01-01`, to: today },
    { value: 'last-year', label: 'Last year', from: `${lastYear}-01-01`, to: `${lastYear}-12-31` },
  ];
}

export const DEFAULT_PRESET = 'last-3-months';

export function defaultRange(today: string): { from: string; to: string } {
  const preset = rangePresets(today).find((p) => p.value === DEFAULT_PRESET);
  if (preset === undefined) throw new Error('the default preset is listed');
  return { from: preset.from, to: preset.to };
}

/** The preset the range is, or null for a range typed by hand. */
export function presetOf(filters: { from: string; to: string }, today: string): string | null {
  return (
    rangePresets(today).find((p) => p.from === filters.from && p.to === filters.to)?.value ?? null
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReadFilters {
  filters: ReportFilters;
  /** The URL lacked (or had malformed) from or to: the page writes the defaults in. */
  incomplete: boolean;
  /** What the API would refuse, said before asking it: the field and the message. */
  errors: { from?: string; to?: string };
}

/** The filters a URL holds; a missing or malformed day is the default range's. */
export function readFilters(params: URLSearchParams, today: string): ReadFilters {
  const defaults = defaultRange(today);
  const from = parseDay(params.get('from'));
  const to = parseDay(params.get('to'));
  const surgeon = params.get('surgeonId');
  const filters: ReportFilters = {
    from: from ?? defaults.from,
    to: to ?? defaults.to,
    surgeonId: surgeon !== null && UUID.test(surgeon) ? surgeon : null,
  };
  const errors: ReadFilters['errors'] = {};
  if (filters.to < filters.from) errors.to = 'Must not be before From';
  else if (dayCount(filters.from, filters.to) > MAX_REPORT_DAYS)
    errors.to = 'At most three years (1,096 days) after From';
  return { filters, incomplete: from === null || to === null, errors };
}

/** The URL query of the filters, in a fixed order (a shared link reads the same). */
export function filtersQuery(filters: ReportFilters): URLSearchParams {
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.surgeonId !== null) query.set('surgeonId', filters.surgeonId);
  return query;
}
