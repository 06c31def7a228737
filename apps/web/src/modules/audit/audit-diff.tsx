import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type DiffRow = { key: string; before: unknown; after: unknown; changed: boolean };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field-by-field comparison of an audit entry's before/after snapshots. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.map((key) => ({
      key,
      before: b[key],
      after: a[key],
      changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]),
    }));
  }
  return [{ key: '—', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
}

function Value({ value }: { value: unknown }) {
  if (value === undefined)
    return (
      <Text c="dimmed" size="xs">
        —
      </Text>
    );
  if (value === null)
    return (
      <Text c="dimmed" size="xs">
        null
      </Text>
    );
  if (typeof value === 'string')
    return (
      <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    );
  return (
    <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {JSON.stringify(value, null, 1)}
    </Code>
  );
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffRows(before, after);
  // Changed fields first; unchanged ones are context.
  rows.sort((x, y) => Number(y.changed) - Number(x.changed));
  return (
    <Table withTableBorder withColumnBorders fz="xs" data-testid="audit-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="20%">{t('audit.field')}</Table.Th>
          <Table.Th w="40%">{t('audit.before')}</Table.Th>
          <Table.Th w="40%">{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} bg={r.changed ? 'yellow.0' : undefined} data-changed={r.changed || undefined}>
            <Table.Td fw={r.changed ? 600 : 400}>{r.key}</Table.Td>
            <Table.Td bg={r.changed && r.before !== undefined ? 'red.0' : undefined}>
              <Value value={r.before} />
            </Table.Td>
            <Table.Td bg={r.changed && r.after !== undefined ? 'green.0' : undefined}>
              <Value value={r.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
