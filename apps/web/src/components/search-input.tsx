import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type SearchInputProps = {
  value: string;
  onSearch: (q: string) => void;
  placeholder?: string;
  testId?: string;
};

/** Search box that reports after the user stops typing (or presses Enter). */
export function SearchInput({ value, onSearch, placeholder, testId = 'search' }: SearchInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const debounced = useDebouncedCallback((q: string) => onSearch(q.trim()), 400);
  return (
    <TextInput
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        debounced(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onSearch(text.trim());
      }}
      placeholder={placeholder ?? t('list.search')}
      aria-label={placeholder ?? t('list.search')}
      leftSection={<IconSearch size={16} />}
      style={{ flex: '1 1 220px' }}
      data-testid={testId}
    />
  );
}
