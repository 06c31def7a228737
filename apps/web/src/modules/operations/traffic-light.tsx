import { Badge } from '@mantine/core';
import type { TrafficLight } from '@smartedu/contracts';
import { useTranslation } from 'react-i18next';
import { LIGHT_COLOR } from './ops-format';

/** Đèn tín hiệu: đạt tiến độ / có nguy cơ / chưa đạt / chưa có số liệu (with a count for a summary). */
export function TrafficLightBadge({ status, count }: { status: TrafficLight; count?: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={LIGHT_COLOR[status]} variant="light" data-testid="traffic-light" data-status={status}>
      {count === undefined ? t(`operations.light.${status}`) : `${t(`operations.light.${status}`)}: ${count}`}
    </Badge>
  );
}
