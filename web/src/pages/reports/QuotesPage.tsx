import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import type { QuotesReport } from './api';
import { ChartFigure, ReportTable, StatCards, type ReportColumn, LEGEND } from './parts';
import { ReportLayout } from './ReportLayout';

type Row = QuotesReport['rows'][number];

/** Where the quotes issued stand now: the segments of each procedure's bar. */
const OUTCOMES = [
  { key: 'accepted', label: 'Accepted', color: 'teal.7' },
  { key: 'open', label: 'Open', color: 'indigo.6' },
  { key: 'expired', label: 'Expired', color: 'orange.7' },
  { key: 'superseded', label: 'Superseded', color: 'gray.6' },
] as const;

/** The table's order, as the API and the CSV give them. */
const COUNTS = ['accepted', 'expired', 'superseded', 'open'] as const;
const countLabel = (key: (typeof COUNTS)[number]) =>
  OUTCOMES.find((o) => o.key === key)?.label ?? key;

const shortLabel = (r: Row) => {
  const label = `${r.procedureCode} ${r.procedureName}`;
  return label.length > 30 ? `${label.slice(0, 29)}…` : label;
};

const COLUMNS: ReportColumn<Row>[] = [
  {
    header: 'Procedure',
    cell: (r) => (
      <>
        <Text fz="inherit" fw={600} span>
          {r.procedureCode}
        </Text>{' '}
        {r.procedureName}
      </>
    ),
  },
  { header: 'Issued', cell: (r) => formatNumber(r.issued), numeric: true },
  ...COUNTS.map((key) => ({
    header: countLabel(key),
    cell: (r: Row) => formatNumber(r[key]),
    numeric: true,
  })),
  { header: 'Acceptance', cell: (r) => formatPercent(r.acceptanceRate), numeric: true },
  { header: 'Accepted value', cell: (r) => formatMoney(r.acceptedValue), numeric: true },
  { header: 'Avg accepted', cell: (r) => formatMoney(r.averageAcceptedValue), numeric: true },
];

/** Quotes issued by procedure and where they stand; acceptance rate and accepted value. */
export function QuotesPage() {
  return (
    <ReportLayout name="quotes">
      {(data, filters) => {
        const s = data.summary;
        const chart = data.rows.map((r) => ({
          procedure: shortLabel(r),
          ...Object.fromEntries(OUTCOMES.map((o) => [o.label, r[o.key]])),
        }));
        return (
          <>
            <StatCards
              label="Quote figures"
              stats={[
                { label: 'Issued', value: formatNumber(s.issued), hint: 'quotes in the range' },
                { label: 'Accepted', value: formatNumber(s.accepted) },
                { label: 'Expired', value: formatNumber(s.expired) },
                { label: 'Superseded', value: formatNumber(s.superseded) },
                { label: 'Open', value: formatNumber(s.open), hint: 'issued, still valid' },
                {
                  label: 'Acceptance rate',
                  value: formatPercent(s.acceptanceRate),
                  hint: 'accepted ÷ (issued − superseded)',
                },
                { label: 'Accepted value', value: formatMoney(s.acceptedValue) },
                {
                  label: 'Average accepted',
                  value: formatMoney(s.averageAcceptedValue),
                  hint: 'per accepted quote',
                },
              ]}
            />
            <ChartFigure
              title="Quotes issued by procedure, by where they stand"
              summary={`One bar per procedure (the plan's primary CPT code): its quotes issued in the range, split into accepted, open, expired and superseded. ${formatNumber(s.issued)} issued, ${formatNumber(s.accepted)} accepted (${formatPercent(s.acceptanceRate)}). The table below holds the figures.`}
              empty={chart.length === 0 ? 'No quote issued in this range.' : undefined}
            >
              {(a11y) => (
                <BarChart
                  h={Math.max(160, 70 + 44 * chart.length)}
                  data={chart}
                  dataKey="procedure"
                  type="stacked"
                  orientation="vertical"
                  series={OUTCOMES.map((o) => ({ name: o.label, color: o.color }))}
                  withLegend
                  legendProps={LEGEND}
                  yAxisProps={{ width: 220 }}
                  barChartProps={a11y}
                  maxBarWidth={28}
                />
              )}
            </ChartFigure>
            <ReportTable
              title="By procedure"
              report="quotes"
              section="rows"
              filters={filters}
              rows={data.rows}
              rowKey={(r) => r.procedureCode}
              columns={COLUMNS}
              minWidth={780}
              footer={[
                'Total',
                formatNumber(s.issued),
                ...COUNTS.map((key) => formatNumber(s[key])),
                formatPercent(s.acceptanceRate),
                formatMoney(s.acceptedValue),
                formatMoney(s.averageAcceptedValue),
              ]}
              empty="No quote issued in this range."
            />
          </>
        );
      }}
    </ReportLayout>
  );
}
