import { Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** Search and filters above a list; wraps onto several lines on phones. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="sm" mb="md" radius="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {children}
      </Group>
    </Paper>
  );
}
