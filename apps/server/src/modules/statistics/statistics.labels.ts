import type { StatReport, StatSubmissionStatus } from '@smartedu/contracts';
import { vietnamParts } from '@smartedu/domain';

export const STATUS_LABEL: Record<StatSubmissionStatus, string> = {
  not_started: 'Chưa nộp',
  draft: 'Đang nhập',
  submitted: 'Đã nộp, chờ duyệt',
  accepted: 'Đã duyệt',
  returned: 'Trả lại',
};
const LIGHT_LABEL = {
  on_track: 'Đạt tiến độ',
  at_risk: 'Có nguy cơ',
  off_track: 'Chưa đạt',
  no_data: 'Chưa có số liệu',
};
const two = (n: number) => String(n).padStart(2, '0');

/** '25/12/2026 16:30' in Asia/Ho_Chi_Minh. */
export function vnDateTime(isoText: string | null): string {
  if (!isoText) return '';
  const p = vietnamParts(new Date(isoText));
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/** 'Lai Châu, ngày 26 tháng 11 năm 2026' */
export function placeAndDate(isoText: string, place = 'Lai Châu'): string {
  const p = vietnamParts(new Date(isoText));
  return `${place}, ngày ${two(p.day)} tháng ${two(p.month)} năm ${p.year}`;
}

export const schoolStatusText = (s: StatReport['schools'][number]) =>
  `${STATUS_LABEL[s.status]}${s.late ? ' (nộp muộn)' : ''}${s.overdue ? ' (quá hạn)' : ''}`;

export const targetValueText = (t: StatReport['targets'][number]) =>
  t.value === null
    ? '—'
    : t.measure === 'percent'
      ? `${t.value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`
      : t.value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
export const targetGoalText = (t: StatReport['targets'][number]) =>
  t.measure === 'percent'
    ? `${t.targetValue.toLocaleString('vi-VN')}%`
    : t.targetValue.toLocaleString('vi-VN');
export const lightText = (t: StatReport['targets'][number]) => LIGHT_LABEL[t.status];

/** The report's title lines. */
export function reportHeading(r: StatReport) {
  return {
    superior: (r.parentName ?? '').toLocaleUpperCase('vi-VN'),
    unit: r.unit.name.toLocaleUpperCase('vi-VN'),
    title: `BÁO CÁO THỐNG KÊ GIÁO DỤC ${r.period.label.toLocaleUpperCase('vi-VN')}`,
    subtitle: `${r.definition.title} — hạn nộp trước ${r.period.deadlineText}`,
    progress: `Số trường đã nộp: ${r.period.counts.submitted}/${r.period.counts.schools} (đã duyệt ${r.period.counts.accepted}, nộp muộn ${r.period.counts.late}, quá hạn chưa nộp ${r.period.counts.missing})`,
  };
}
