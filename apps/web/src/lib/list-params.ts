import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const DEFAULT_PAGE_SIZE = 20;

export type ListParams = {
  /** Every filter in the URL (strings; absent filters are missing). */
  values: Record<string, string>;
  page: number;
  pageSize: number;
  /** Sets or clears filters; changing anything but `page` goes back to page 1. */
  update: (patch: Record<string, string | number | null | undefined>) => void;
};

/** List state (filters, search, page) kept in the URL so that links and the back button work. */
export function useListParams(defaultPageSize = DEFAULT_PAGE_SIZE): ListParams {
  const [search, setSearch] = useSearchParams();
  const values = useMemo(() => Object.fromEntries(search.entries()), [search]);
  const page = Math.max(1, Number(values.page) || 1);
  const pageSize = Math.min(500, Math.max(1, Number(values.pageSize) || defaultPageSize));
  const update = useCallback(
    (patch: Record<string, string | number | null | undefined>) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );
  return { values, page, pageSize, update };
}
