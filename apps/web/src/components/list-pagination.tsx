import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type ListPaginationProps = {
  total: number;
  page: number;
  pageSize: number;
  onChange: (page: number) => void;
};

export function ListPagination({ total, page, pageSize, onChange }: ListPaginationProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="xs" wrap="wrap">
      <Text size="sm" c="dimmed" data-testid="list-total">
        {t('list.showing', { from, to, total })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onChange}
          size="sm"
          siblings={1}
          boundaries={1}
          data-testid="pagination"
        />
      )}
    </Group>
  );
}
