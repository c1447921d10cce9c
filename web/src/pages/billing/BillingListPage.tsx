import { Anchor, Button, Checkbox, Group, Table, Text, type MantineSpacing } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { PagedList } from '../../api/paged';
import { PageHeader } from '../../components/PageHeader';
import { PatientLink } from '../../components/PatientLink';
import { PagedRows } from '../../components/PagedRows';
import { StatusBadge } from '../../components/StatusBadge';
import { BillingTabs } from './BillingTabs';
import { PATIENT_UNAVAILABLE } from './linkLabels';

/** One column of a billing list: its header, and what a row shows under it. */
export interface Column<T> {
  /** The header's text, and the column's key. */
  header: string;
  /** Shown in the header instead of the text (a "select all" checkbox). */
  headerCell?: ReactNode;
  cell: (row: T) => ReactNode;
  /** An amount: header and cells to the right. */
  amount?: boolean;
  /** Cells on one line (a number, a badge). */
  nowrap?: boolean;
  /** Cells in bold (the balance). */
  strong?: boolean;
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The record's number, linked to its page. */
export function numberColumn<T>(
  header: string,
  path: (row: T) => string,
  text: (row: T) => string,
): Column<T> {
  return {
    header,
    nowrap: true,
    cell: (row) => (
      <Anchor component={Link} to={path(row)}>
        {text(row)}
      </Anchor>
    ),
  };
}

export const patientColumn: Column<{ patientId: string }> = {
  header: 'Patient',
  cell: (row) => <PatientLink id={row.patientId} fallback={PATIENT_UNAVAILABLE} />,
};

export const statusColumn: Column<{ status: string }> = {
  header: 'Status',
  nowrap: true,
  cell: (row) => <StatusBadge status={row.status} />,
};

/** Rows picked for a bulk action ("Submit N claims", "Create claims for N bills"). */
export interface RowSelection<T> {
  /** The selectable rows shown that are picked. */
  picked: T[];
  clear: () => void;
  /** A first column: a checkbox on each selectable row, "select all shown" in the header. */
  column: Column<T>;
}

/**
 * The selection of a list's rows: `selectable` says which rows shown may be picked; the labels
 * name the checkboxes for screen readers.
 */
export function useRowSelection<T extends { id: string }>(
  rows: readonly T[],
  selectable: (row: T) => boolean,
  labels: { all: string; row: (row: T) => string },
): RowSelection<T> {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const candidates = rows.filter(selectable);
  const picked = candidates.filter((row) => selected.has(row.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return {
    picked,
    clear: () => setSelected(new Set()),
    column: {
      header: 'Select',
      headerCell: (
        <Checkbox
          aria-label={labels.all}
          checked={candidates.length > 0 && picked.length === candidates.length}
          indeterminate={picked.length > 0 && picked.length < candidates.length}
          disabled={candidates.length === 0}
          onChange={(e) =>
            setSelected(new Set(e.currentTarget.checked ? candidates.map((row) => row.id) : []))
          }
        />
      ),
      cell: (row) =>
        selectable(row) ? (
          <Checkbox
            aria-label={labels.row(row)}
            checked={selected.has(row.id)}
            onChange={(e) => toggle(row.id, e.currentTarget.checked)}
          />
        ) : null,
    },
  };
}

/** What narrows a list, with the button that shows it all again. */
export function ActiveFilters({
  clearLabel,
  onClear,
  mb,
  children,
}: {
  clearLabel: string;
  onClear: () => void;
  mb?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <Group mb={mb} gap="xs" wrap="wrap">
      {children}
      <Button variant="subtle" size="compact-sm" onClick={onClear}>
        {clearLabel}
      </Button>
    </Group>
  );
}

/** "Patient: Lopez, Maria", the patient a list is narrowed to. */
export function PatientFilter({ id }: { id: string }) {
  return (
    <Text span>
      Patient: <PatientLink id={id} fallback={PATIENT_UNAVAILABLE} />
    </Text>
  );
}

/**
 * A list screen of billing (bills, payment plans): the title, the tabs between them, the
 * filters, then the rows a page at a time in a table of the given columns.
 */
export function BillingListPage<T extends { id: string }>({
  title,
  actions,
  minWidth = 900,
  filters,
  query,
  empty,
  columns,
}: {
  title: string;
  /** The header's buttons. */
  actions?: ReactNode;
  /** Under this width the table scrolls sideways instead of squeezing its cells. */
  minWidth?: number;
  filters: ReactNode;
  query: PagedList<T>;
  empty: string;
  columns: readonly Column<T>[];
}) {
  return (
    <>
      <PageHeader title={title}>{actions}</PageHeader>
      <BillingTabs />
      {filters}
      <PagedRows query={query} empty={empty}>
        {(rows) => (
          <Table.ScrollContainer minWidth={minWidth}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((c) => (
                    <Table.Th key={c.header} ta={c.amount ? 'right' : undefined}>
                      {c.headerCell ?? c.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id}>
                    {columns.map((c) => (
                      <Table.Td
                        key={c.header}
                        ta={c.amount ? 'right' : undefined}
                        fw={c.strong ? 600 : undefined}
                        style={c.nowrap ? NOWRAP : undefined}
                      >
                        {c.cell(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedRows>
    </>
  );
}
