import type { StatSubmissionStatus } from '@smartedu/contracts';

export const STATUS_COLOR: Record<StatSubmissionStatus, string> = {
  not_started: 'gray',
  draft: 'yellow',
  submitted: 'blue',
  accepted: 'green',
  returned: 'orange',
};

export const fmt2 = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : v.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
export const signed = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${fmt2(v)}`;
