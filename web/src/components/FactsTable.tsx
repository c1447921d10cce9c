import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label and value rows, the label a row header (a table reads well to a screen reader). */
export function FactsTable({
  label,
  rows,
  labelWidth = 170,
}: {
  label: string;
  rows: [string, ReactNode][];
  labelWidth?: number;
}) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder aria-label={label}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" w={labelWidth}>
              {name}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
