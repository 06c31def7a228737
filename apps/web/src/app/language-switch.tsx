import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../i18n';

/** VI / EN; the choice is kept in localStorage and sets <html lang>. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(v) => setLanguage(v as Language)}
      data={[
        { value: 'vi', label: 'VI' },
        { value: 'en', label: 'EN' },
      ]}
      aria-label={t('language.label')}
      data-testid="lang-switch"
    />
  );
}
