import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type QueryParams, toQueryString } from '../lib/api';

export type ExportKind = 'students' | 'classes' | 'guardians' | 'staff' | 'schools' | 'audit' | 'users';

/** 'Xuất Excel': downloads /api/export/<kind>.xlsx with the list's current filters. */
export function ExportButton({ kind, filters }: { kind: ExportKind; filters: QueryParams }) {
  const { t } = useTranslation();
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return (
    <Button
      component="a"
      href={`/api/export/${kind}.xlsx${toQueryString(rest)}`}
      download
      variant="default"
      leftSection={<IconFileSpreadsheet size={16} />}
      data-testid={`export-${kind}`}
    >
      {t('actions.exportExcel')}
    </Button>
  );
}
