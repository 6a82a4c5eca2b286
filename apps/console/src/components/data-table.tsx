import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollTable } from './scroll-table';

interface DataTableProps {
  /** The scrolling region's name ("Failed refunds table"). */
  label: string;
  minWidth: number;
  columns: string[];
  /** The last column's header, said to screen readers only: the rows' buttons. */
  action?: string;
  highlightOnHover?: boolean;
  /** The rows (Table.Tr). */
  children: ReactNode;
}

/** A table of things with a column of buttons at the end, scrolling sideways on a phone (ScrollTable). */
export function DataTable({ label, minWidth, columns, action = 'Action', highlightOnHover, children }: DataTableProps) {
  return (
    <ScrollTable label={label} minWidth={minWidth}>
      <Table verticalSpacing="sm" highlightOnHover={highlightOnHover}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
            <Table.Th>
              <span className="visually-hidden">{action}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
