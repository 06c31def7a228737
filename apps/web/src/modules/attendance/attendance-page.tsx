import { Tabs } from '@mantine/core';
import { IconClipboardCheck, IconDeviceDesktopAnalytics, IconFingerprint } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { rolesOf, useCan, useMe } from '../auth/auth.hooks';
import { useSchoolYears } from '../reference/reference.hooks';
import { useSchoolOptions } from '../units/units.hooks';
import { AbsenceReportPanel } from './absence-report-panel';
import { defaultRollDate } from './attendance-dates';
import { DevicesPanel } from './devices-panel';
import { RollCallPanel } from './roll-call-panel';

type Tab = 'roll' | 'report' | 'devices';

/**
 * Điểm danh, chấm công: the roll of a class (teachers, on a phone), the daily absence report of a school and
 * the attendance terminals. The state lives in the URL (?tab=&date=&target=&period=&schoolId=).
 */
export function AttendancePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const years = useSchoolYears();
  const schools = useSchoolOptions();
  const roles = rolesOf(me.data);
  const canRoll = useCan('attendance.write');
  const canReport = roles.some((r) => r === 'school_admin' || r === 'dept_admin' || r === 'dept_specialist');
  const canDevices = useCan('devices.manage');
  const tabs: Tab[] = [
    ...(canRoll ? (['roll'] as const) : []),
    ...(canReport ? (['report'] as const) : []),
    ...(canDevices ? (['devices'] as const) : []),
  ];
  const tab = (tabs.includes(params.get('tab') as Tab) ? params.get('tab') : tabs[0]) as Tab | undefined;
  const date = params.get('date') ?? defaultRollDate(years.data?.find((y) => y.isCurrent));
  const schoolId = params.get('schoolId') ?? schools.options[0]?.value;
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('attendance.title')} subtitle={t('attendance.subtitle')} />
      {tab && (
        <Tabs value={tab} onChange={(v) => v && set({ tab: v })} keepMounted={false}>
          <Tabs.List mb="sm">
            {canRoll && (
              <Tabs.Tab value="roll" leftSection={<IconClipboardCheck size={16} />}>
                {t('attendance.tabs.roll')}
              </Tabs.Tab>
            )}
            {canReport && (
              <Tabs.Tab value="report" leftSection={<IconDeviceDesktopAnalytics size={16} />}>
                {t('attendance.tabs.report')}
              </Tabs.Tab>
            )}
            {canDevices && (
              <Tabs.Tab value="devices" leftSection={<IconFingerprint size={16} />}>
                {t('attendance.tabs.devices')}
              </Tabs.Tab>
            )}
          </Tabs.List>
          <Tabs.Panel value="roll">
            <RollCallPanel
              date={date}
              onDateChange={(d) => set({ date: d })}
              target={params.get('target')}
              onTargetChange={(target) => set({ target })}
              period={Number(params.get('period') ?? 0)}
              onPeriodChange={(p) => set({ period: p ? String(p) : null })}
              withStaff={roles.some((r) => r === 'school_admin' || r === 'dept_admin')}
            />
          </Tabs.Panel>
          <Tabs.Panel value="report">
            <AbsenceReportPanel
              schools={schools.options}
              schoolId={schoolId}
              onSchoolChange={(id) => set({ schoolId: id })}
              date={date}
              onDateChange={(d) => set({ date: d })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="devices">
            <DevicesPanel
              schools={schools.options}
              schoolId={schoolId}
              onSchoolChange={(id) => set({ schoolId: id })}
            />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}
