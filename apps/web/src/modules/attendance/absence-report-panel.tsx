import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { QueryError } from '../../components/query-state';
import { toQueryString } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useAbsenceReport } from './attendance.hooks';

type Props = {
  schools: { value: string; label: string }[];
  schoolId: string | undefined;
  onSchoolChange: (id: string) => void;
  date: string;
  onDateChange: (date: string) => void;
};

const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)} %` : '–');

/** Báo cáo vắng hằng ngày of a school: counts by class, unexcused absences, staff. */
export function AbsenceReportPanel({ schools, schoolId, onSchoolChange, date, onDateChange }: Props) {
  const { t } = useTranslation();
  const report = useAbsenceReport(schoolId, date);
  const r = report.data;
  const periodLabel = (p: number) => (p === 0 ? t('attendance.wholeDay') : t('attendance.periodN', { n: p }));

  return (
    <Stack gap="sm" data-testid="absence-report">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {schools.length > 1 && (
          <NativeSelect
            label={t('common.school')}
            value={schoolId ?? ''}
            onChange={(e) => onSchoolChange(e.currentTarget.value)}
            data={schools}
            data-testid="report-school"
          />
        )}
        <TextInput
          type="date"
          label={t('attendance.date')}
          value={date}
          onChange={(e) => e.currentTarget.value && onDateChange(e.currentTarget.value)}
          data-testid="report-date"
        />
        {schoolId && (
          <Button
            component="a"
            href={`/api/schools/${schoolId}/attendance/report.xlsx${toQueryString({ date })}`}
            download
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            data-testid="report-export"
          >
            {t('actions.exportExcel')}
          </Button>
        )}
      </Group>
      {report.error && <QueryError error={report.error} />}
      {r && (
        <>
          <Text fw={600}>
            {r.schoolName} — {formatDate(r.date)}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs">
            {(
              [
                ['students', r.totals.students, 'gray'],
                ['present', r.totals.present, 'teal'],
                ['late', r.totals.late, 'orange'],
                ['excused', r.totals.excused, 'blue'],
                ['unexcused', r.totals.unexcused, 'red'],
                ['notRecorded', r.totals.notRecorded, 'gray'],
              ] as const
            ).map(([key, value, color]) => (
              <Paper key={key} withBorder p="xs" radius="md" data-testid={`report-total-${key}`}>
                <Text size="xs" c="dimmed">
                  {t(`attendance.counts.${key}`)}
                </Text>
                <Text fw={700} fz="lg" c={color}>
                  {value}
                </Text>
                {key !== 'students' && (
                  <Text size="xs" c="dimmed">
                    {pct(value, r.totals.students)}
                  </Text>
                )}
              </Paper>
            ))}
          </SimpleGrid>
          <DataTable
            testId="report-classes"
            minWidth={560}
            empty={r.classes.length === 0}
            head={[
              t('attendance.class'),
              t('attendance.counts.students'),
              t('attendance.counts.present'),
              t('attendance.counts.late'),
              t('attendance.counts.excused'),
              t('attendance.counts.unexcused'),
              t('attendance.counts.notRecorded'),
            ]}
          >
            {r.classes.map((c) => (
              <Table.Tr key={c.classId}>
                <Table.Td>
                  {c.className}{' '}
                  {!c.taken && (
                    <Badge color="gray" size="xs">
                      {t('attendance.notTaken')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{c.students}</Table.Td>
                <Table.Td>{c.present}</Table.Td>
                <Table.Td>{c.late}</Table.Td>
                <Table.Td>{c.excused}</Table.Td>
                <Table.Td c={c.unexcused ? 'red' : undefined}>{c.unexcused}</Table.Td>
                <Table.Td>{c.notRecorded}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Title order={4}>{t('attendance.unexcusedList')}</Title>
          <DataTable
            testId="report-unexcused"
            minWidth={480}
            empty={r.unexcused.length === 0}
            head={[t('attendance.name'), t('attendance.class'), t('attendance.period'), t('attendance.note')]}
          >
            {r.unexcused.map((a) => (
              <Table.Tr key={`${a.personId}-${a.period}`}>
                <Table.Td>{a.fullName}</Table.Td>
                <Table.Td>{a.className}</Table.Td>
                <Table.Td>{periodLabel(a.period)}</Table.Td>
                <Table.Td>{a.note}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Title order={4}>{t('attendance.otherAbsences')}</Title>
          <DataTable
            testId="report-other"
            minWidth={480}
            empty={r.otherAbsences.length === 0}
            head={[t('attendance.name'), t('attendance.class'), t('attendance.status'), t('attendance.note')]}
          >
            {r.otherAbsences.map((a) => (
              <Table.Tr key={`${a.personId}-${a.period}`}>
                <Table.Td>{a.fullName}</Table.Td>
                <Table.Td>{a.className}</Table.Td>
                <Table.Td>{t(`attendance.status_${a.status}`)}</Table.Td>
                <Table.Td>{a.note}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Title order={4}>{t('attendance.staffRoll')}</Title>
          <Text size="sm" data-testid="report-staff">
            {r.staff.taken
              ? t('attendance.staffSummary', {
                  total: r.staff.total,
                  present: r.staff.present,
                  late: r.staff.late,
                  absent: r.staff.excused + r.staff.unexcused,
                })
              : t('attendance.notTaken')}
          </Text>
          {r.staff.absences.map((a) => (
            <Text key={a.personId} size="sm" c="dimmed">
              {a.fullName} — {t(`attendance.status_${a.status}`)}
              {a.note ? ` (${a.note})` : ''}
            </Text>
          ))}
        </>
      )}
    </Stack>
  );
}
