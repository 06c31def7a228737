import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { primaryGrant, useCan, useMe } from '../auth/auth.hooks';

export const LEVELS = ['NB', 'TH', 'VD', 'VDC'] as const;
export const TYPES = [
  'single',
  'multiple',
  'true_false',
  'short_answer',
  'matching',
  'fill_blank',
  'essay',
] as const;
export const GRADES = Array.from({ length: 12 }, (_, i) => String(i + 1));
export const LEVEL_COLORS: Record<string, string> = { NB: 'teal', TH: 'blue', VD: 'orange', VDC: 'red' };
export const STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  pending_review: 'yellow',
  approved: 'green',
  rejected: 'red',
};
export const vn = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

/** The unit a user writes questions and tests for: the unit of the primary role (school or Phòng/Sở). */
export function useWriteUnit(): string | undefined {
  const me = useMe();
  return me.data ? primaryGrant(me.data)?.unitId : undefined;
}

/** Sub-navigation of the question bank. */
export function QuestionBankNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const canReview = useCan('questions.review');
  const canWrite = useCan('questions.write');
  const value = pathname.startsWith('/question-bank/tests')
    ? 'tests'
    : pathname.startsWith('/question-bank/review')
      ? 'review'
      : pathname.startsWith('/question-bank/import')
        ? 'import'
        : 'bank';
  return (
    <Tabs
      value={value}
      onChange={(v) => navigate(v === 'bank' ? '/question-bank' : `/question-bank/${v}`)}
      mb="md"
    >
      <Tabs.List>
        <Tabs.Tab value="bank">{t('questionBank.tabs.bank')}</Tabs.Tab>
        {canReview && <Tabs.Tab value="review">{t('questionBank.tabs.review')}</Tabs.Tab>}
        {canWrite && <Tabs.Tab value="import">{t('questionBank.tabs.import')}</Tabs.Tab>}
        <Tabs.Tab value="tests">{t('questionBank.tabs.tests')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
