import { BarChart } from '@mantine/charts';
import { formatMonth, formatNumber, formatPercent } from '../../lib/format';
import type { ConversionReport } from './api';
import {
  ChartFigure,
  ReportTable,
  SERIES_COLORS,
  StatCards,
  type ReportColumn,
  LEGEND,
} from './parts';
import { ReportLayout } from './ReportLayout';

type Row = ConversionReport['rows'][number];

const STEPS = [
  { key: 'consultations', label: 'Consultations' },
  { key: 'plans', label: 'Plans' },
  { key: 'quoted', label: 'Quoted' },
  { key: 'approved', label: 'Approved' },
  { key: 'completed', label: 'Surgeries' },
] as const;

const days = (value: number | null) => (value === null ? '—' : `${formatNumber(value)} d`);

/** The steps summed over the surgeons, one entry per month. */
function byMonth(rows: readonly Row[]): Record<string, string | number>[] {
  const months = new Map<string, Record<string, string | number>>();
  for (const row of rows) {
    const entry = months.get(row.month) ?? { month: formatMonth(row.month) };
    for (const step of STEPS) entry[step.label] = Number(entry[step.label] ?? 0) + row[step.key];
    months.set(row.month, entry);
  }
  return [...months.keys()].sort().map((m) => months.get(m) ?? {});
}

const COLUMNS: ReportColumn<Row>[] = [
  { header: 'Month', cell: (r) => formatMonth(r.month), nowrap: true },
  { header: 'Surgeon', cell: (r) => r.surgeonName },
  ...STEPS.map((s) => ({
    header: s.label,
    cell: (r: Row) => formatNumber(r[s.key]),
    numeric: true,
  })),
  { header: 'Conversion', cell: (r) => formatPercent(r.conversionRate), numeric: true },
];

/** Consultations → plans → quoted → approved → surgeries, by month and surgeon. */
export function ConversionPage() {
  return (
    <ReportLayout name="conversion">
      {(data, filters) => {
        const s = data.summary;
        const ofConsultations = (n: number) =>
          s.consultations === 0
            ? undefined
            : `${formatPercent(n / s.consultations)} of consultations`;
        const chart = byMonth(data.rows);
        return (
          <>
            <StatCards
              label="Conversion figures"
              stats={[
                {
                  label: 'Consultations',
                  value: formatNumber(s.consultations),
                  hint: 'held in the range',
                },
                { label: 'Plans', value: formatNumber(s.plans), hint: ofConsultations(s.plans) },
                { label: 'Quoted', value: formatNumber(s.quoted), hint: ofConsultations(s.quoted) },
                {
                  label: 'Approved',
                  value: formatNumber(s.approved),
                  hint: ofConsultations(s.approved),
                },
                { label: 'Surgeries', value: formatNumber(s.completed), hint: 'completed' },
                {
                  label: 'Conversion rate',
                  value: formatPercent(s.conversionRate),
                  hint: 'consultation → surgery',
                },
              ]}
            />
            <StatCards
              label="Median days between the steps"
              stats={[
                {
                  label: 'Consult → plan',
                  value: days(s.medianDays.consultToPlan),
                  hint: 'median',
                },
                { label: 'Plan → quote', value: days(s.medianDays.planToQuote), hint: 'median' },
                {
                  label: 'Quote → approval',
                  value: days(s.medianDays.quoteToApproval),
                  hint: 'median',
                },
                {
                  label: 'Approval → surgery',
                  value: days(s.medianDays.approvalToSurgery),
                  hint: 'median',
                },
                {
                  label: 'Consult → surgery',
                  value: days(s.medianDays.consultToSurgery),
                  hint: 'median',
                },
              ]}
            />
            <ChartFigure
              title="Consultations and where they led, by month"
              summary={`For each month's consultations, bars for how many led to a plan, a quote, an approval and a completed surgery. Of ${formatNumber(s.consultations)} consultations, ${formatNumber(s.completed)} led to a surgery (${formatPercent(s.conversionRate)}). The table below holds the figures.`}
              empty={chart.length === 0 ? 'No consultation in this range.' : undefined}
            >
              {(a11y) => (
                <BarChart
                  h={300}
                  data={chart}
                  dataKey="month"
                  series={STEPS.map((step, i) => ({
                    name: step.label,
                    color: SERIES_COLORS[i] ?? 'gray.6',
                  }))}
                  withLegend
                  legendProps={LEGEND}
                  yAxisLabel="Consultations"
                  barChartProps={a11y}
                  maxBarWidth={28}
                />
              )}
            </ChartFigure>
            <ReportTable
              title="By month and surgeon"
              report="conversion"
              section="rows"
              filters={filters}
              rows={data.rows}
              rowKey={(r) => `${r.month}-${r.surgeonId}`}
              columns={COLUMNS}
              footer={[
                'Total',
                '',
                ...STEPS.map((step) => formatNumber(s[step.key])),
                formatPercent(s.conversionRate),
              ]}
              empty="No consultation in this range."
            />
          </>
        );
      }}
    </ReportLayout>
  );
}
