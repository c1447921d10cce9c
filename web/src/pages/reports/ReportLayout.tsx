import { Anchor, Group, Loader, Select, SimpleGrid, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSurgeons } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { parseDay } from '../../lib/clinicDays';
import { formatDate, formatDateTime, todayIso } from '../../lib/format';
import { useReport, type ReportAnswers } from './api';
import { REPORT_INFO, type ReportName } from './catalog';
import {
  filtersQuery,
  presetOf,
  rangePresets,
  readFilters,
  type ReadFilters,
  type ReportFilters,
} from './filters';

/**
 * The report's filters, read from the URL (docs/web-app.md "Reports"): a link without a range
 * gets the default one written in (replacing the history entry), and each change replaces the
 * query, so a reload, Back from a page opened from the report, or a shared link shows the same.
 */
export function useReportFilters(): ReadFilters & {
  update: (patch: Partial<ReportFilters>) => void;
} {
  const [params, setParams] = useSearchParams();
  const read = readFilters(params, todayIso());
  const { incomplete, filters } = read;
  useEffect(() => {
    if (incomplete) setParams(filtersQuery(filters), { replace: true });
  }, [incomplete, filters, setParams]);
  const update = (patch: Partial<ReportFilters>) => {
    // From the URL as it is now: From then To set in quick succession must not undo each other.
    const current = readFilters(new URLSearchParams(window.location.search), todayIso()).filters;
    setParams(filtersQuery({ ...current, ...patch }), { replace: true });
  };
  return { ...read, update };
}

const CUSTOM = 'custom';

/** Period (a preset or "Custom"), From, To and Surgeon, each change kept in the URL. */
function ReportFiltersBar({
  read,
  update,
}: {
  read: ReadFilters;
  update: (patch: Partial<ReportFilters>) => void;
}) {
  const today = todayIso();
  const presets = rangePresets(today);
  const { filters, errors } = read;
  const surgeons = useSurgeons();
  const surgeonOptions = (surgeons.data ?? [])
    .slice()
    .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name))
    .map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (inactive)` }));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="md" spacing="sm">
      <Select
        label="Period"
        data={[
          ...presets.map((p) => ({ value: p.value, label: p.label })),
          { value: CUSTOM, label: 'Custom dates' },
        ]}
        value={presetOf(filters, today) ?? CUSTOM}
        onChange={(value) => {
          const preset = presets.find((p) => p.value === value);
          if (preset !== undefined) update({ from: preset.from, to: preset.to });
        }}
        allowDeselect={false}
      />
      <DateInput
        label="From"
        value={filters.from}
        onChange={(value) => {
          const day = parseDay(value);
          if (day !== null) update({ from: day });
        }}
        valueFormat="MMM D, YYYY"
        error={errors.from}
      />
      <DateInput
        label="To"
        value={filters.to}
        onChange={(value) => {
          const day = parseDay(value);
          if (day !== null) update({ to: day });
        }}
        valueFormat="MMM D, YYYY"
        error={errors.to}
      />
      <Select
        label="Surgeon"
        placeholder={surgeons.isError ? 'Surgeons could not be loaded' : 'All surgeons'}
        data={surgeonOptions}
        value={filters.surgeonId}
        onChange={(value) => update({ surgeonId: value })}
        searchable
        clearable
      />
    </SimpleGrid>
  );
}

/**
 * A report's page: the title, what it answers, the filters, then the figures `children` draw
 * from the API's answer (loading, error and the range shown are handled here). `note` says what
 * the range means for this report when it is not plain (an as-of date, stock as of now).
 */
export function ReportLayout<N extends ReportName>({
  name,
  note,
  children,
}: {
  name: N;
  note?: (filters: ReportFilters) => ReactNode;
  children: (data: ReportAnswers[N], filters: ReportFilters) => ReactNode;
}) {
  const info = REPORT_INFO[name];
  const read = useReportFilters();
  const { filters, errors, update } = read;
  const valid = errors.from === undefined && errors.to === undefined;
  const query = useReport(name, filters, valid);
  return (
    <>
      {/* The range goes along: another report opened from the index shows the same period. */}
      <Anchor component={Link} to={`/reports?${filtersQuery(filters).toString()}`} size="sm">
        All reports
      </Anchor>
      <PageHeader title={info.title} />
      <Text c="dimmed" mt={-8} mb="md">
        {info.description}
      </Text>
      <ReportFiltersBar read={read} update={update} />
      {valid ? (
        <ReportBody query={query} filters={filters} note={note}>
          {children}
        </ReportBody>
      ) : (
        <Text c="dimmed">Correct the dates above to see the report.</Text>
      )}
    </>
  );
}

function ReportBody<D extends { from: string; to: string; timeZone: string; generatedAt: string }>({
  query,
  filters,
  note,
  children,
}: {
  query: UseQueryResult<D>;
  filters: ReportFilters;
  note?: (filters: ReportFilters) => ReactNode;
  children: (data: D, filters: ReportFilters) => ReactNode;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert error={query.error} title="Could not load this report" />;
  const data = query.data;
  // While another range loads, the figures of the last one stay, marked as being updated.
  const updating = query.isPlaceholderData || query.isFetching;
  return (
    <div aria-busy={updating}>
      <Group gap="xs" mb="md" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="report-range">
          {formatDate(data.from)} – {formatDate(data.to)} · days in {data.timeZone} · as of{' '}
          {formatDateTime(data.generatedAt)}
          {note !== undefined && <> · {note(filters)}</>}
        </Text>
        {updating && <Loader size="xs" aria-label="Updating the report" />}
      </Group>
      {children(data, filters)}
    </div>
  );
}
