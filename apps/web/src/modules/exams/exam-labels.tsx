import { Badge } from '@mantine/core';
import type { ExamPhase } from '@smartedu/contracts';
import { useTranslation } from 'react-i18next';

const PHASE_COLOR: Record<ExamPhase, string> = {
  scheduled: 'gray',
  open: 'green',
  closed: 'blue',
  cancelled: 'red',
};

export function PhaseBadge({ phase }: { phase: ExamPhase }) {
  const { t } = useTranslation();
  return (
    <Badge color={PHASE_COLOR[phase]} variant="light" data-testid="exam-phase" data-phase={phase}>
      {t(`exams.phase.${phase}`)}
    </Badge>
  );
}

/** A number with a decimal comma (Vietnamese), or '—'. */
export const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits).replace('.', ',');
export const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${fmt(x * 100, 1)} %`;
