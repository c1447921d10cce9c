import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Text } from '@mantine/core';
import { Link } from 'react-router';
import { SerialNumber, SerialNumbers } from '../../components/SerialNumber';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import type { ImplantsReport } from './api';
import { ChartFigure, ReportTable, SERIES_COLORS, StatCards, type ReportColumn } from './parts';
import { ReportLayout } from './ReportLayout';

type Usage = ImplantsReport['rows'][number];
type StockRow = ImplantsReport['stock'][number];
type Expiring = ImplantsReport['expiring'][number];
type Recall = ImplantsReport['recalls'][number];
type ToContact = Recall['toContact'][number] & { recall: Recall };

const WINDOWS: Record<Expiring['window'], { label: string; color: string }> = {
  EXPIRED: { label: 'Expired', color: 'red.9' },
  DAYS_30: { label: 'Within 30 days', color: 'orange.9' },
  DAYS_60: { label: '31–60 days', color: 'yellow.9' },
  DAYS_90: { label: '61–90 days', color: 'gray.7' },
};

function Item({ name, code }: { name: string; code: string }) {
  return (
    <>
      {name}
      <Text size="xs" c="dimmed">
        {code}
      </Text>
    </>
  );
}

/** Units used per item (its lots together), most used first. */
function usedByItem(rows: readonly Usage[]) {
  const items = new Map<string, { item: string; Units: number }>();
  for (const row of rows) {
    const entry = items.get(row.inventoryItemId) ?? { item: row.itemName, Units: 0 };
    entry.Units += row.unitsUsed;
    items.set(row.inventoryItemId, entry);
  }
  return [...items.values()].sort((a, b) => b.Units - a.Units || a.item.localeCompare(b.item));
}

const USAGE_COLUMNS: ReportColumn<Usage>[] = [
  { header: 'Item', cell: (r) => <Item name={r.itemName} code={r.itemCode} /> },
  { header: 'Lot', cell: (r) => <SerialNumber>{r.lotNumber}</SerialNumber> },
  { header: 'Units used', cell: (r) => formatNumber(r.unitsUsed), numeric: true },
];

const STOCK_COLUMNS: ReportColumn<StockRow>[] = [
  {
    header: 'Item',
    cell: (r) => (
      <>
        <Anchor component={Link} to={`/inventory/items/${r.inventoryItemId}`} fz="inherit">
          {r.itemName}
        </Anchor>
        <Text size="xs" c="dimmed">
          {r.itemCode}
        </Text>
      </>
    ),
  },
  { header: 'On hand', cell: (r) => formatNumber(r.onHand), numeric: true },
  { header: 'Reserved', cell: (r) => formatNumber(r.reserved), numeric: true },
  { header: 'Unit price', cell: (r) => formatMoney(r.unitPrice), numeric: true },
  { header: 'Value', cell: (r) => formatMoney(r.value), numeric: true },
];

const EXPIRING_COLUMNS: ReportColumn<Expiring>[] = [
  { header: 'Item', cell: (r) => <Item name={r.itemName} code={r.itemCode} /> },
  { header: 'Lot', cell: (r) => <SerialNumber>{r.lotNumber}</SerialNumber> },
  { header: 'Expires', cell: (r) => formatDate(r.expiresOn), nowrap: true },
  {
    header: 'Window',
    nowrap: true,
    cell: (r) => (
      <Badge variant="outline" color={WINDOWS[r.window].color}>
        {WINDOWS[r.window].label}
      </Badge>
    ),
  },
  { header: 'On hand', cell: (r) => formatNumber(r.onHand), numeric: true },
];

const RECALL_COLUMNS: ReportColumn<Recall>[] = [
  { header: 'Lot', cell: (r) => <SerialNumber>{r.lotNumber}</SerialNumber> },
  { header: 'Item', cell: (r) => r.itemName },
  { header: 'Opened', cell: (r) => formatDate(r.openedOn), nowrap: true },
  { header: 'Reason', cell: (r) => r.reason },
  { header: 'Patients', cell: (r) => formatNumber(r.patients), numeric: true },
  { header: 'Contacted', cell: (r) => formatNumber(r.contacted), numeric: true },
  { header: 'To contact', cell: (r) => formatNumber(r.toContact.length), numeric: true },
];

const TO_CONTACT_COLUMNS: ReportColumn<ToContact>[] = [
  {
    header: 'Patient',
    cell: (p) => (
      <Anchor component={Link} to={`/patients/${p.patientId}`} fz="inherit">
        {p.name}
      </Anchor>
    ),
  },
  { header: 'MRN', cell: (p) => p.mrn, nowrap: true },
  { header: 'Serial numbers', cell: (p) => <SerialNumbers serials={p.serialNumbers} /> },
  { header: 'Recalled lot', cell: (p) => <SerialNumber>{p.recall.lotNumber}</SerialNumber> },
  { header: 'Item', cell: (p) => p.recall.itemName },
];

/** Units used by item and lot; stock, expiring lots and open recalls as they stand now. */
export function ImplantsPage() {
  return (
    <ReportLayout name="implants" note={() => 'stock, expiry and recalls as of now'}>
      {(data, filters) => {
        const s = data.summary;
        const chart = usedByItem(data.rows);
        const toContact: ToContact[] = data.recalls.flatMap((recall) =>
          recall.toContact.map((p) => ({ ...p, recall })),
        );
        return (
          <>
            <StatCards
              label="Implant figures"
              stats={[
                { label: 'Units used', value: formatNumber(s.unitsUsed), hint: 'in the range' },
                { label: 'On hand', value: formatNumber(s.onHand), hint: 'units now' },
                { label: 'Stock value', value: formatMoney(s.stockValue), hint: 'at item prices' },
                { label: 'Expired', value: formatNumber(s.expired), hint: 'units still on hand' },
                { label: 'Expiring ≤ 30 days', value: formatNumber(s.expiring30), hint: 'units' },
                { label: 'Expiring 31–60 days', value: formatNumber(s.expiring60), hint: 'units' },
                { label: 'Expiring 61–90 days', value: formatNumber(s.expiring90), hint: 'units' },
                {
                  label: 'Open recalls',
                  value: formatNumber(s.openRecalls),
                  hint: `${formatNumber(s.patientsToContact)} patients to contact`,
                },
              ]}
            />
            <ChartFigure
              title="Units used by item"
              summary={`One bar per item: the units recorded as used in the range, its lots together. ${formatNumber(s.unitsUsed)} units in all. The table below holds the figures by item and lot.`}
              empty={chart.length === 0 ? 'No implant or supply used in this range.' : undefined}
            >
              {(a11y) => (
                <BarChart
                  h={Math.max(160, 70 + 40 * chart.length)}
                  data={chart}
                  dataKey="item"
                  orientation="vertical"
                  series={[{ name: 'Units', color: SERIES_COLORS[0] }]}
                  yAxisProps={{ width: 200 }}
                  barChartProps={a11y}
                  maxBarWidth={28}
                  withBarValueLabel
                />
              )}
            </ChartFigure>
            <ReportTable
              title="Units used by item and lot"
              report="implants"
              section="rows"
              filters={filters}
              rows={data.rows}
              rowKey={(r) => r.batchId}
              columns={USAGE_COLUMNS}
              minWidth={520}
              footer={['Total', '', formatNumber(s.unitsUsed)]}
              empty="No implant or supply used in this range."
            />
            <ReportTable
              title="Stock on hand now"
              report="implants"
              section="stock"
              filters={filters}
              rows={data.stock}
              rowKey={(r) => r.inventoryItemId}
              columns={STOCK_COLUMNS}
              minWidth={640}
              footer={['Total', formatNumber(s.onHand), '', '', formatMoney(s.stockValue)]}
              empty="No stock on hand."
            />
            <ReportTable
              title="Lots expiring within 90 days"
              report="implants"
              section="expiring"
              filters={filters}
              rows={data.expiring}
              rowKey={(r) => r.batchId}
              columns={EXPIRING_COLUMNS}
              minWidth={640}
              empty="No lot on hand expires within 90 days."
            />
            <ReportTable
              title="Open recalls"
              report="implants"
              filters={filters}
              rows={data.recalls}
              rowKey={(r) => r.recallId}
              columns={RECALL_COLUMNS}
              minWidth={760}
              empty="No open recall."
            />
            <ReportTable
              title="Patients to contact"
              report="implants"
              section="recall-patients"
              filters={filters}
              rows={toContact}
              rowKey={(p) => `${p.recall.recallId}-${p.patientId}`}
              columns={TO_CONTACT_COLUMNS}
              minWidth={760}
              empty="No patient of an open recall is left to contact."
            />
          </>
        );
      }}
    </ReportLayout>
  );
}
