import { Paper, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type DataTableProps = {
  testId: string;
  head: ReactNode[];
  children: ReactNode;
  empty: boolean;
  loading?: boolean;
  minWidth?: number;
};

/** A bordered, horizontally scrollable table with an empty-state row. */
export function DataTable({ testId, head, children, empty, loading, minWidth = 720 }: DataTableProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden', opacity: loading ? 0.6 : 1 }}>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              {head.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed header cells
                <Table.Th key={i}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {children}
            {empty && (
              <Table.Tr>
                <Table.Td colSpan={head.length}>
                  <Text c="dimmed" ta="center" py="md">
                    {loading ? t('list.loading') : t('list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
