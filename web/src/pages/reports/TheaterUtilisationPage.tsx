import { BarChart } from '@mantine/charts';
import { Anchor, SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  formatDate,
  formatDateTime,
  formatMinutes,
  formatMonth,
  formatNumber,
  formatPercent,
} from '../../lib/format';
import type { TheaterUtilisationReport } from './api';
import { dayCount } from './filters';
import {
  ChartFigure,
  plural,
  ReportTable,
  SERIES_COLORS,
  StatCards,
  type ReportColumn,
  LEGEND,
} from './parts';
import { ReportLayout } from './ReportLayout';

type Row = TheaterUtilisationReport['rows'][number];
type Cancellation = TheaterUtilisationReport['cancellations'][number];

/** Over this many days, the chart's bars are months rather than days. */
const MAX_DAY_BARS = 62;

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** Available, booked and used hours summed per key (a day, a month, a room), in key order. */
function sumBy(rows: readonly Row[], key: (row: Row) => string, label: (key: string) => string) {
  const sums = new Map<string, { available: number; booked: number; used: number }>();
  for (const row of rows) {
    const k = key(row);
    const sum = sums.get(k) ?? { available: 0, booked: 0, used: 0 };
    sum.available += row.availableMinutes;
    sum.booked += row.bookedMinutes;
    sum.used += row.usedMinutes;
    sums.set(k, sum);
  }
  return [...sums.keys()].sort().map((k) => {
    const sum = sums.get(k) ?? { available: 0, booked: 0, used: 0 };
    return {
      bucket: label(k),
      Available: hours(sum.available),
      Booked: hours(sum.booked),
      Used: hours(sum.used),
    };
  });
}

function firstCase(row: Row): string {
  if (row.firstCaseOnTime === null) return '—';
  if (row.firstCaseOnTime) return 'On time';
  return `${formatNumber(row.firstCaseLateMinutes)} min late`;
}

const COLUMNS: ReportColumn<Row>[] = [
  { header: 'Day', cell: (r) => formatDate(r.day), nowrap: true },
  { header: 'Room', cell: (r) => r.operatingRoomName, nowrap: true },
  { header: 'Available (min)', cell: (r) => formatNumber(r.availableMinutes), numeric: true },
  { header: 'Booked (min)', cell: (r) => formatNumber(r.bookedMinutes), numeric: true },
  { header: 'Used (min)', cell: (r) => formatNumber(r.usedMinutes), numeric: true },
  { header: 'Utilisation', cell: (r) => formatPercent(r.utilisation), numeric: true },
  { header: 'Cases', cell: (r) => formatNumber(r.cases), numeric: true },
  { header: 'First case', cell: firstCase, nowrap: true },
  { header: 'Turnovers', cell: (r) => formatNumber(r.turnovers), numeric: true },
  {
    header: 'Avg turnover (min)',
    cell: (r) => formatNumber(r.averageTurnoverMinutes),
    numeric: true,
  },
  { header: 'Cancelled', cell: (r) => formatNumber(r.cancellations), numeric: true },
];

const CANCELLATION_COLUMNS: ReportColumn<Cancellation>[] = [
  { header: 'Day', cell: (c) => formatDate(c.day), nowrap: true },
  {
    header: 'Case',
    nowrap: true,
    cell: (c) => (
      <Anchor component={Link} to={`/cases/${c.caseId}`} fz="inherit">
        {c.caseNumber}
      </Anchor>
    ),
  },
  { header: 'Room', cell: (c) => c.operatingRoomName, nowrap: true },
  { header: 'Surgeon', cell: (c) => c.surgeonName },
  { header: 'Procedure', cell: (c) => c.procedureName },
  { header: 'Cancelled', cell: (c) => formatDateTime(c.cancelledAt) },
  { header: 'Reason', cell: (c) => c.reason ?? '—' },
];

/** Operating-room time per room and day: available, booked, used; first cases and turnovers. */
export function TheaterUtilisationPage() {
  const [view, setView] = useState<'time' | 'room'>('time');
  return (
    <ReportLayout name="theater-utilisation">
      {(data, filters) => {
        const s = data.summary;
        const monthly = dayCount(data.from, data.to) > MAX_DAY_BARS;
        const chart =
          view === 'room'
            ? sumBy(
                data.rows,
                (r) => r.operatingRoomName,
                (k) => k,
              )
            : monthly
              ? sumBy(data.rows, (r) => r.day.slice(0, 7), formatMonth)
              : sumBy(
                  data.rows,
                  (r) => r.day,
                  (k) => formatDate(k).replace(/, \d{4}$/, ''),
                );
        const per = view === 'room' ? 'room' : monthly ? 'month' : 'day';
        return (
          <>
            <StatCards
              label="Theater figures"
              stats={[
                {
                  label: 'Utilisation',
                  value: formatPercent(s.utilisation),
                  hint: `${formatMinutes(s.usedMinutes)} used`,
                },
                {
                  label: 'Booked',
                  value: formatPercent(s.bookedRatio),
                  hint: `${formatMinutes(s.bookedMinutes)} booked`,
                },
                {
                  label: 'Available',
                  value: formatMinutes(s.availableMinutes),
                  hint: 'opening hours, weekdays',
                },
                {
                  label: 'First case on time',
                  value: formatPercent(s.onTimeRate),
                  hint: `${formatNumber(s.firstCasesOnTime)} of ${plural(s.firstCases, 'room-day')}`,
                },
                {
                  label: 'Median turnover',
                  value:
                    s.medianTurnoverMinutes === null
                      ? '—'
                      : `${formatNumber(s.medianTurnoverMinutes)} min`,
                  hint: plural(s.turnovers, 'turnover'),
                },
                { label: 'Cancellations', value: formatNumber(s.cancellations), hint: 'cases' },
              ]}
            />
            <ChartFigure
              title={`Hours available, booked and used, by ${per}`}
              summary={`For each ${per}, the operating rooms' available hours beside the hours booked and the hours used. In all, ${formatMinutes(s.usedMinutes)} used of ${formatMinutes(s.availableMinutes)} available (${formatPercent(s.utilisation)}). The table below holds the figures per room and day.`}
              controls={
                <SegmentedControl
                  size="xs"
                  aria-label="Chart by"
                  value={view}
                  onChange={(v) => setView(v === 'room' ? 'room' : 'time')}
                  data={[
                    { value: 'time', label: monthly ? 'By month' : 'By day' },
                    { value: 'room', label: 'By room' },
                  ]}
                />
              }
              empty={chart.length === 0 ? 'No operating-room time in this range.' : undefined}
            >
              {(a11y) => (
                <BarChart
                  h={300}
                  data={chart}
                  dataKey="bucket"
                  series={[
                    { name: 'Available', color: 'gray.5' },
                    { name: 'Booked', color: SERIES_COLORS[0] },
                    { name: 'Used', color: SERIES_COLORS[1] },
                  ]}
                  withLegend
                  legendProps={LEGEND}
                  unit=" h"
                  valueFormatter={(v) => formatNumber(v)}
                  barChartProps={a11y}
                  maxBarWidth={24}
                />
              )}
            </ChartFigure>
            <ReportTable
              title="Per room and day"
              report="theater-utilisation"
              section="rows"
              filters={filters}
              rows={data.rows}
              rowKey={(r) => `${r.day}-${r.operatingRoomId}`}
              columns={COLUMNS}
              minWidth={1000}
              footer={[
                'Total',
                '',
                formatNumber(s.availableMinutes),
                formatNumber(s.bookedMinutes),
                formatNumber(s.usedMinutes),
                formatPercent(s.utilisation),
                '',
                `${formatNumber(s.firstCasesOnTime)}/${formatNumber(s.firstCases)} on time`,
                formatNumber(s.turnovers),
                '',
                formatNumber(s.cancellations),
              ]}
              empty="No operating-room time in this range."
            />
            <ReportTable
              title="Cancellations"
              report="theater-utilisation"
              section="cancellations"
              filters={filters}
              rows={data.cancellations}
              rowKey={(c) => c.caseId}
              columns={CANCELLATION_COLUMNS}
              minWidth={760}
              empty="No case scheduled in this range was cancelled."
            />
          </>
        );
      }}
    </ReportLayout>
  );
}
