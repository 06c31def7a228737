import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export type InfoItem = { label: string; value: ReactNode; testId?: string };

/** Label/value pairs of a record, two or three columns on wide screens, one on phones. */
export function InfoGrid({ items, cols = 3 }: { items: InfoItem[]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 2, md: cols }} spacing="md" verticalSpacing="sm">
      {items.map((item) => (
        <Stack key={item.label} gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {item.label}
          </Text>
          <Text size="sm" data-testid={item.testId} style={{ overflowWrap: 'anywhere' }}>
            {item.value === null || item.value === undefined || item.value === '' ? '—' : item.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
