import type { TrafficLight } from '@smartedu/contracts';

/** Display helpers of the operations pages. */
export const LIGHT_COLOR: Record<TrafficLight, string> = {
  on_track: 'green',
  at_risk: 'yellow',
  off_track: 'red',
  no_data: 'gray',
};
/** Marker fill per light (CSS colours: markers are drawn without Mantine). */
export const LIGHT_HEX: Record<TrafficLight, string> = {
  on_track: '#2f9e44',
  at_risk: '#f08c00',
  off_track: '#e03131',
  no_data: '#868e96',
};

export function formatValue(value: number | null, measure: string, locale: string): string {
  if (value === null) return '—';
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: measure === 'count' ? 0 : 2 }).format(
    value,
  );
  return measure === 'percent' ? `${n}%` : n;
}

export function formatMoney(amount: number, locale: string): string {
  return `${new Intl.NumberFormat(locale).format(amount)} đ`;
}
