import { Button, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { DownloadButton } from '../../components/DownloadButton';
import { csvPath } from './api';
import type { ReportName } from './catalog';
import type { ReportFilters } from './filters';

/** One summary figure of a report, as a card: its name, the figure, and what it is of. */
export interface StatFigure {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
}

export function StatCards({ label, stats }: { label: string; stats: readonly StatFigure[] }) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, lg: stats.length > 6 ? 4 : stats.length }}
      spacing="sm"
      mb="lg"
      role="list"
      aria-label={label}
    >
      {stats.map((s) => (
        <Paper key={s.label} withBorder p="sm" radius="md" role="listitem" data-testid="stat">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {s.label}
          </Text>
          <Text fz={22} fw={700} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {s.value}
          </Text>
          {s.hint !== undefined && (
            <Text size="xs" c="dimmed">
              {s.hint}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/**
 * A chart with its title and, for those who cannot see it, a sentence saying what it shows; the
 * figures themselves are in the table under it. `children` draws the chart, giving its SVG the
 * role, title and description passed (an image named by the title, described by the summary);
 * the keyboard still moves through its bars (recharts' accessibility layer) to show each value.
 */
export function ChartFigure({
  title,
  summary,
  controls,
  empty,
  children,
}: {
  title: string;
  /** What the chart shows, in words: read by screen readers and shown under the title. */
  summary: string;
  /** Beside the title: what the chart shows (by day or by room, charges or collections…). */
  controls?: ReactNode;
  /** The sentence shown instead of an empty chart, when there is nothing to draw. */
  empty?: string;
  children: (a11y: { role: 'img'; title: string; desc: string }) => ReactNode;
}) {
  const id = useId();
  return (
    <Paper
      component="figure"
      withBorder
      p="md"
      radius="md"
      m={0}
      mb="lg"
      aria-labelledby={id}
      // The chart follows the window's width a frame late: never wider than the page meanwhile.
      style={{ overflow: 'hidden' }}
    >
      <Group justify="space-between" align="flex-start" mb={4} wrap="wrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {controls}
      </Group>
      <Text component="figcaption" size="sm" c="dimmed" mb="sm">
        {summary}
      </Text>
      {empty !== undefined ? (
        <Text c="dimmed" py="md">
          {empty}
        </Text>
      ) : (
        children({ role: 'img', title, desc: summary })
      )}
    </Paper>
  );
}

/** One column of a report table: header, cell, and whether it holds a number (right-aligned). */
export interface ReportColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** Cells on one line (a date, a code, a lot number). */
  nowrap?: boolean;
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;
const NUMERIC = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
/** Rows shown before "Show all": a year of theater days is thousands of rows. */
const FIRST_ROWS = 100;

/**
 * One of a report's tables, under its title, with "Download CSV" of the same rows (the API's
 * `format=csv&section=`, saved under the server's file name); `footer` is a totals row.
 */
export function ReportTable<T>({
  title,
  report,
  section,
  filters,
  rows,
  rowKey,
  columns,
  footer,
  empty,
  minWidth = 720,
}: {
  title: string;
  report: ReportName;
  /** The API's CSV section of these rows (`rows` for the report's main table); none: no CSV. */
  section?: string;
  filters: ReportFilters;
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  columns: readonly ReportColumn<T>[];
  footer?: readonly ReactNode[];
  empty: string;
  minWidth?: number;
}) {
  const id = useId();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby={id} style={{ marginBottom: 'var(--mantine-spacing-xl)' }}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {section !== undefined && (
          <DownloadButton
            path={csvPath(report, filters, section)}
            size="xs"
            aria-label={`Download CSV: ${title}`}
          >
            Download CSV
          </DownloadButton>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" py="sm">
          {empty}
        </Text>
      ) : (
        <>
          {/* Narrower than its columns, the table scrolls sideways: by keyboard too (focusable). */}
          <Table.ScrollContainer
            minWidth={minWidth}
            type="native"
            tabIndex={0}
            role="region"
            aria-labelledby={id}
          >
            <Table
              striped
              highlightOnHover
              aria-labelledby={id}
              data-testid={`table-${section ?? title}`}
            >
              <Table.Thead>
                <Table.Tr>
                  {columns.map((c) => (
                    <Table.Th
                      key={c.header}
                      ta={c.numeric ? 'right' : undefined}
                      style={c.numeric || c.nowrap ? NOWRAP : undefined}
                    >
                      {c.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((row, index) => (
                  <Table.Tr key={rowKey(row, index)}>
                    {columns.map((c) => (
                      <Table.Td
                        key={c.header}
                        ta={c.numeric ? 'right' : undefined}
                        style={c.numeric ? NUMERIC : c.nowrap ? NOWRAP : undefined}
                      >
                        {c.cell(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              {footer !== undefined && (
                <Table.Tfoot>
                  <Table.Tr>
                    {footer.map((cell, i) => (
                      <Table.Th
                        key={columns[i]?.header ?? i}
                        ta={columns[i]?.numeric ? 'right' : undefined}
                        style={columns[i]?.numeric ? NUMERIC : undefined}
                      >
                        {cell}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Tfoot>
              )}
            </Table>
          </Table.ScrollContainer>
          {rows.length > FIRST_ROWS && (
            <Group mt="xs" gap="sm">
              <Text size="sm" c="dimmed">
                {showAll
                  ? `All ${rows.length} rows`
                  : `The first ${FIRST_ROWS} of ${rows.length} rows`}{' '}
                (the CSV has them all).
              </Text>
              <Button variant="subtle" size="compact-sm" onClick={() => setShowAll(!showAll)}>
                {showAll ? `Show the first ${FIRST_ROWS}` : 'Show all rows'}
              </Button>
            </Group>
          )}
        </>
      )}
    </section>
  );
}

/** A decimal money string as a number, for a chart's bar length only (tables show the string). */
export function chartAmount(amount: string | null): number {
  return amount === null ? 0 : Number(amount);
}

/** The colours of a chart's series, in order: Mantine's, at shades that hold 3:1 on white. */
export const SERIES_COLORS = [
  'indigo.6',
  'teal.7',
  'orange.7',
  'grape.6',
  'cyan.8',
  'red.7',
  'lime.8',
  'pink.6',
  'blue.7',
  'yellow.8',
] as const;

/** A chart's legend: below it, its series in the order given (recharts sorts them by name). */
export const LEGEND = { verticalAlign: 'bottom', itemSorter: null } as const;

/** "1 turnover", "2 turnovers". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

const compact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** An axis tick in dollars, short: 16000 → "$16K" (the tooltip and the table give the cents). */
export function compactMoney(value: number): string {
  return compact.format(value);
}
