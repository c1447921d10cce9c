import { BarChart } from '@mantine/charts';
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import type { ArAgingReport } from './api';
import {
  chartAmount,
  compactMoney,
  ChartFigure,
  ReportTable,
  StatCards,
  type ReportColumn,
  LEGEND,
} from './parts';
import { ReportLayout } from './ReportLayout';

type Row = ArAgingReport['rows'][number];
type Bill = ArAgingReport['bills'][number];

/** The age buckets, youngest first, green to red. */
const BUCKETS = [
  { key: 'days0To30', label: '0–30 days', color: 'teal.7' },
  { key: 'days31To60', label: '31–60 days', color: 'lime.8' },
  { key: 'days61To90', label: '61–90 days', color: 'yellow.7' },
  { key: 'days91To120', label: '91–120 days', color: 'orange.7' },
  { key: 'over120', label: 'Over 120 days', color: 'red.8' },
] as const;

const payerLabel = (r: { payerName: string }) => r.payerName;

const COLUMNS: ReportColumn<Row>[] = [
  { header: 'Payer', cell: payerLabel },
  { header: 'Bills', cell: (r) => formatNumber(r.bills), numeric: true },
  ...BUCKETS.map((b) => ({
    header: b.label,
    cell: (r: Row) => formatMoney(r[b.key]),
    numeric: true,
  })),
  { header: 'Total', cell: (r) => formatMoney(r.total), numeric: true },
];

const BILL_COLUMNS: ReportColumn<Bill>[] = [
  {
    header: 'Bill',
    nowrap: true,
    cell: (b) => (
      <Anchor component={Link} to={`/billing/bills/${b.billId}`} fz="inherit">
        {b.billNumber}
      </Anchor>
    ),
  },
  { header: 'Issued', cell: (b) => formatDate(b.issuedOn), nowrap: true },
  { header: 'Age (days)', cell: (b) => formatNumber(b.ageDays), numeric: true },
  { header: 'Owed by', cell: payerLabel },
  { header: 'Balance', cell: (b) => formatMoney(b.balance), numeric: true },
];

/** Open balances as of the end of the range, by payer and age; days in A/R. */
export function ArAgingPage() {
  return (
    <ReportLayout
      name="ar-aging"
      note={(f) => `balances as of the end of ${formatDate(f.to)}, or today if that is sooner`}
    >
      {(data, filters) => {
        const s = data.summary;
        const chart = data.rows.map((r) => ({
          payer: payerLabel(r),
          ...Object.fromEntries(BUCKETS.map((b) => [b.label, chartAmount(r[b.key])])),
        }));
        return (
          <>
            <StatCards
              label="A/R figures"
              stats={[
                {
                  label: 'Open A/R',
                  value: formatMoney(s.total),
                  hint: `as of ${formatDate(data.asOf)}`,
                },
                ...BUCKETS.map((b) => ({ label: b.label, value: formatMoney(s[b.key]) })),
                {
                  label: 'Days in A/R',
                  value: formatNumber(s.daysInAr),
                  hint: `open A/R ÷ ${formatMoney(s.averageDailyCharges)} charged a day`,
                },
                {
                  label: 'Charges',
                  value: formatMoney(s.charges),
                  hint: 'bills issued in the range',
                },
              ]}
            />
            <ChartFigure
              title="Open balances by payer and age"
              summary={`One bar per payer (each insurer, and the patients together), split by how old the balance is, from 0–30 days to over 120. ${formatMoney(s.total)} open as of ${formatDate(data.asOf)}, of which ${formatMoney(s.over120)} over 120 days. The table below holds the figures.`}
              empty={
                chart.length === 0 ? `Nothing owed as of ${formatDate(data.asOf)}.` : undefined
              }
            >
              {(a11y) => (
                <BarChart
                  h={Math.max(160, 70 + 48 * chart.length)}
                  data={chart}
                  dataKey="payer"
                  type="stacked"
                  orientation="vertical"
                  series={BUCKETS.map((b) => ({ name: b.label, color: b.color }))}
                  withLegend
                  legendProps={LEGEND}
                  valueFormatter={(v) => formatMoney(v.toFixed(2))}
                  yAxisProps={{ width: 160 }}
                  xAxisProps={{ tickFormatter: compactMoney }}
                  barChartProps={a11y}
                  maxBarWidth={32}
                />
              )}
            </ChartFigure>
            <ReportTable
              title="By payer"
              report="ar-aging"
              section="rows"
              filters={filters}
              rows={data.rows}
              rowKey={(r) => `${r.payerKind}-${r.payerId ?? ''}`}
              columns={COLUMNS}
              minWidth={760}
              footer={[
                'Total',
                formatNumber(data.rows.reduce((n, r) => n + r.bills, 0)),
                ...BUCKETS.map((b) => formatMoney(s[b.key])),
                formatMoney(s.total),
              ]}
              empty={`Nothing owed as of ${formatDate(data.asOf)}.`}
            />
            <ReportTable
              title="Open bills"
              report="ar-aging"
              section="bills"
              filters={filters}
              rows={data.bills}
              rowKey={(b) => `${b.billId}-${b.payerKind}-${b.payerId ?? ''}`}
              columns={BILL_COLUMNS}
              minWidth={640}
              empty={`No bill open as of ${formatDate(data.asOf)}.`}
            />
          </>
        );
      }}
    </ReportLayout>
  );
}
