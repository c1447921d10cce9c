import { BarChart } from '@mantine/charts';
import { SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { formatMoney, formatMonth, formatNumber } from '../../lib/format';
import type { SurgeonProductivityReport } from './api';
import {
  chartAmount,
  compactMoney,
  ChartFigure,
  ReportTable,
  SERIES_COLORS,
  StatCards,
  type ReportColumn,
  LEGEND,
} from './parts';
import { ReportLayout } from './ReportLayout';

type Row = SurgeonProductivityReport['rows'][number];
type Figure = 'charges' | 'collections' | 'cases';

const FIGURES: { value: Figure; label: string }[] = [
  { value: 'charges', label: 'Charges' },
  { value: 'collections', label: 'Collections' },
  { value: 'cases', label: 'Cases' },
];

const valueOf = (row: Row, figure: Figure) =>
  figure === 'cases' ? row.cases : chartAmount(row[figure]);

/**
 * One entry per month, one key per surgeon (their figure that month), and the surgeons. Keyed by
 * id: recharts reads a key with a dot ("Dr. Lee") as a path.
 */
function stacked(rows: readonly Row[], figure: Figure) {
  const names = new Map(rows.map((r) => [r.surgeonId, r.surgeonName]));
  const surgeons = [...names.entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const months = new Map<string, Record<string, string | number>>();
  for (const row of rows) {
    const entry = months.get(row.month) ?? { month: formatMonth(row.month) };
    entry[row.surgeonId] = Number(entry[row.surgeonId] ?? 0) + valueOf(row, figure);
    months.set(row.month, entry);
  }
  const data = [...months.keys()].sort().map((m) => months.get(m) ?? {});
  return { data, surgeons };
}

const COLUMNS: ReportColumn<Row>[] = [
  { header: 'Month', cell: (r) => formatMonth(r.month), nowrap: true },
  { header: 'Surgeon', cell: (r) => r.surgeonName },
  { header: 'Cases', cell: (r) => formatNumber(r.cases), numeric: true },
  { header: 'Charges', cell: (r) => formatMoney(r.charges), numeric: true },
  { header: 'Collections', cell: (r) => formatMoney(r.collections), numeric: true },
];

/** Cases completed, charges billed and collections received, by surgeon and month. */
export function SurgeonProductivityPage() {
  const [figure, setFigure] = useState<Figure>('charges');
  const label = FIGURES.find((f) => f.value === figure)?.label ?? 'Charges';
  return (
    <ReportLayout name="surgeon-productivity">
      {(data, filters) => {
        const s = data.summary;
        const { data: chart, surgeons } = stacked(data.rows, figure);
        return (
          <>
            <StatCards
              label="Productivity figures"
              stats={[
                { label: 'Cases', value: formatNumber(s.cases), hint: 'completed' },
                { label: 'Charges', value: formatMoney(s.charges), hint: 'bills issued, not void' },
                {
                  label: 'Collections',
                  value: formatMoney(s.collections),
                  hint: 'payments received',
                },
                {
                  label: 'Surgeons',
                  value: formatNumber(new Set(data.rows.map((r) => r.surgeonId)).size),
                  hint: 'with activity',
                },
              ]}
            />
            <ChartFigure
              title={`${label} by month, stacked by surgeon`}
              summary={`For each month, one bar of the ${label.toLowerCase()} with a segment per surgeon. In all, ${formatNumber(s.cases)} cases, ${formatMoney(s.charges)} charged and ${formatMoney(s.collections)} collected. The table below holds the figures.`}
              controls={
                <SegmentedControl
                  size="xs"
                  aria-label="Chart of"
                  value={figure}
                  onChange={(v) =>
                    setFigure(FIGURES.find((f) => f.value === v)?.value ?? 'charges')
                  }
                  data={FIGURES}
                />
              }
              empty={
                chart.length === 0 ? 'No case, charge or collection in this range.' : undefined
              }
            >
              {(a11y) => (
                <BarChart
                  h={300}
                  data={chart}
                  dataKey="month"
                  type="stacked"
                  series={surgeons.map((surgeon, i) => ({
                    name: surgeon.id,
                    label: surgeon.name,
                    color: SERIES_COLORS[i % SERIES_COLORS.length] ?? 'gray.6',
                  }))}
                  withLegend
                  legendProps={LEGEND}
                  valueFormatter={(v) =>
                    figure === 'cases' ? formatNumber(v) : formatMoney(v.toFixed(2))
                  }
                  yAxisProps={{
                    width: 64,
                    tickFormatter: figure === 'cases' ? formatNumber : compactMoney,
                  }}
                  barChartProps={a11y}
                  maxBarWidth={48}
                />
              )}
            </ChartFigure>
            <ReportTable
              title="By month and surgeon"
              report="surgeon-productivity"
              section="rows"
              filters={filters}
              rows={data.rows}
              rowKey={(r) => `${r.month}-${r.surgeonId}`}
              columns={COLUMNS}
              minWidth={600}
              footer={[
                'Total',
                '',
                formatNumber(s.cases),
                formatMoney(s.charges),
                formatMoney(s.collections),
              ]}
              empty="No case, charge or collection in this range."
            />
          </>
        );
      }}
    </ReportLayout>
  );
}
