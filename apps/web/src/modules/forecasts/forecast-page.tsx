import { BarChart, LineChart } from '@mantine/charts';
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ForecastYear, StaffingAt } from '@smartedu/contracts';
import { IconFileSpreadsheet, IconRefresh } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '../../components/query-state';
import { toQueryString } from '../../lib/api';
import { primaryGrant, useCan, useMe } from '../auth/auth.hooks';
import { useUnits } from '../units/units.hooks';
import {
  type BirthRow,
  useBirths,
  useForecast,
  useRefreshForecast,
  useSaveBirths,
  useSaveHistory,
} from './forecasts.hooks';

const schoolYear = (y: number) => `${y}-${y + 1}`;
const HIGHLIGHT_COLOR: Record<string, string> = { english: 'blue', it: 'teal', music: 'grape' };

/**
 * Dự báo quy mô học sinh 5 và 10 năm (seed 004 §1), số lớp theo sĩ số tối đa, giáo viên theo định mức
 * Thông tư 20/2023 và thừa/thiếu giáo viên theo môn (Tiếng Anh, Tin học, Âm nhạc), cho Phòng/Sở và từng trường.
 */
export function ForecastPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const defaultUnit = me.data ? primaryGrant(me.data).unitId : '';
  const [unitId, setUnitId] = useState<string | null>(null);
  const [horizon, setHorizon] = useState('10');
  const [caps, setCaps] = useState({ capTh: 35, capThcs: 45, capThpt: 45 });
  const [intakeRatio, setIntakeRatio] = useState<number | undefined>(undefined);
  const canManage = useCan('operations.manage');
  const refresh = useRefreshForecast();
  const [view, setView] = useState<string>('department');
  const [offset, setOffset] = useState('0');
  const units = useUnits({ pageSize: 500 });
  const unitOptions = (units.data?.items ?? [])
    .filter((u) => u.kind !== 'school_site')
    .map((u) => ({ value: u.id, label: u.name }));
  const params =
    (unitId ?? defaultUnit) ? { unitId: unitId ?? defaultUnit, horizon: Number(horizon), ...caps } : null;
  const forecast = useForecast(params);
  const report = forecast.data;
  const nf = new Intl.NumberFormat(i18n.language);

  const selected = useMemo(() => {
    if (!report) return null;
    if (view === 'department')
      return { name: report.unit.name, years: report.department.years, staffing: report.department.staffing };
    const s = report.schools.find((x) => x.schoolId === view);
    return s ? { name: s.name, years: s.years, staffing: s.staffing } : null;
  }, [report, view]);

  return (
    <Stack gap="md" data-testid="forecast-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('forecasts.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('forecasts.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          {params && canManage && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={refresh.isPending}
              onClick={() => refresh.mutate(params.unitId)}
            >
              {t('forecasts.refresh')}
            </Button>
          )}
          {params && (
            <Button
              component="a"
              href={`/api/forecasts/export.xlsx${toQueryString(params)}`}
              leftSection={<IconFileSpreadsheet size={16} />}
              variant="light"
              data-testid="forecast-export"
            >
              {t('forecasts.export')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 6 }}>
          <Select
            label={t('forecasts.unit')}
            data={unitOptions}
            value={unitId ?? defaultUnit}
            onChange={(v) => {
              setUnitId(v);
              setView('department');
            }}
            searchable
          />
          <Select
            label={t('forecasts.horizon')}
            data={[
              { value: '5', label: t('forecasts.years', { n: 5 }) },
              { value: '10', label: t('forecasts.years', { n: 10 }) },
            ]}
            value={horizon}
            onChange={(v) => setHorizon(v ?? '10')}
          />
          <NumberInput
            label={t('forecasts.capTh')}
            value={caps.capTh}
            min={10}
            max={60}
            onChange={(v) => setCaps((c) => ({ ...c, capTh: Number(v) || 35 }))}
          />
          <NumberInput
            label={t('forecasts.capThcs')}
            value={caps.capThcs}
            min={10}
            max={60}
            onChange={(v) => setCaps((c) => ({ ...c, capThcs: Number(v) || 45 }))}
          />
          <NumberInput
            label={t('forecasts.capThpt')}
            value={caps.capThpt}
            min={10}
            max={60}
            onChange={(v) => setCaps((c) => ({ ...c, capThpt: Number(v) || 45 }))}
          />
          <NumberInput
            label={t('forecasts.intakeRatio')}
            description={t('forecasts.intakeRatioHint')}
            value={intakeRatio ?? ''}
            min={0}
            max={5}
            step={0.01}
            decimalScale={4}
            onChange={(v) => setIntakeRatio(v === '' ? undefined : Number(v))}
          />
        </SimpleGrid>
      </Paper>

      {forecast.isLoading && <PageLoader />}
      {forecast.error && <QueryError error={forecast.error} />}

      {report && selected && (
        <>
          <Text size="sm" c="dimmed" data-testid="forecast-method">
            {report.intake.method === 'births'
              ? t('forecasts.intakeBirths', { ratio: nf.format(report.intake.ratio ?? 0) })
              : t('forecasts.intakeMean')}{' '}
            {t('forecasts.norms', {
              th: report.norms.perClass.TH,
              thcs: report.norms.perClass.THCS,
              thpt: report.norms.perClass.THPT,
            })}
          </Text>
          <Select
            label={t('forecasts.view')}
            data={[
              { value: 'department', label: `${report.unit.name} (${t('forecasts.total')})` },
              ...report.schools
                .filter((s) => s.years.length)
                .map((s) => ({ value: s.schoolId, label: s.name })),
            ]}
            value={view}
            onChange={(v) => setView(v ?? 'department')}
            maw={480}
            data-testid="forecast-view"
          />
          <ForecastCharts years={selected.years} />
          <YearsTable years={selected.years} />
          <StaffingTable staffing={selected.staffing} offset={offset} onOffset={setOffset} />
          <BirthsPanel unitId={params?.unitId} canEdit={canManage && report.unit.kind !== 'school'} />
          {canManage && view !== 'department' && (
            <HistoryForm
              schoolId={view}
              grades={report.schools.find((x) => x.schoolId === view)?.grades ?? []}
            />
          )}
          {canManage && view === 'department' && report.unit.kind === 'school' && (
            <HistoryForm schoolId={report.unit.id} grades={report.schools[0]?.grades ?? []} />
          )}
        </>
      )}
      {report && report.baseYear === null && <Alert color="yellow">{t('forecasts.noHistory')}</Alert>}
    </Stack>
  );
}

function ForecastCharts({ years }: { years: ForecastYear[] }) {
  const { t } = useTranslation();
  const data = years.map((y) => ({
    year: schoolYear(y.year),
    students: y.students,
    classes: y.classes,
    teachers: y.normTeachers,
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('forecasts.chartStudents')}
        </Text>
        <LineChart
          h={240}
          data={data}
          dataKey="year"
          series={[{ name: 'students', label: t('forecasts.students'), color: 'blue.6' }]}
          withTooltip
          data-testid="forecast-chart"
        />
      </Paper>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('forecasts.chartClasses')}
        </Text>
        <BarChart
          h={240}
          data={data}
          dataKey="year"
          series={[
            { name: 'classes', label: t('forecasts.classes'), color: 'teal.6' },
            { name: 'teachers', label: t('forecasts.normTeachers'), color: 'orange.6' },
          ]}
          withTooltip
          withLegend
        />
      </Paper>
    </SimpleGrid>
  );
}

function YearsTable({ years }: { years: ForecastYear[] }) {
  const { t } = useTranslation();
  const grades = years[0]?.grades.map((g) => g.grade) ?? [];
  return (
    <Paper withBorder>
      <ScrollArea>
        <Table striped withColumnBorders data-testid="forecast-years">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('forecasts.schoolYear')}</Table.Th>
              {grades.map((g) => (
                <Table.Th key={g}>{t('forecasts.grade', { g })}</Table.Th>
              ))}
              <Table.Th>{t('forecasts.students')}</Table.Th>
              <Table.Th>{t('forecasts.classes')}</Table.Th>
              <Table.Th>{t('forecasts.normTeachers')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {years.map((y) => (
              <Table.Tr key={y.year} data-testid="forecast-year-row" data-year={y.year} data-kind={y.kind}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={6} wrap="nowrap">
                    {schoolYear(y.year)}
                    <Badge size="xs" variant="light" color={y.kind === 'projected' ? 'orange' : 'gray'}>
                      {t(`forecasts.kind.${y.kind}`)}
                    </Badge>
                  </Group>
                </Table.Td>
                {y.grades.map((g) => (
                  <Table.Td key={g.grade}>
                    {g.students}
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({g.classes})
                    </Text>
                  </Table.Td>
                ))}
                <Table.Td fw={600}>{y.students}</Table.Td>
                <Table.Td>{y.classes}</Table.Td>
                <Table.Td>{y.normTeachers}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Text size="xs" c="dimmed" p="xs">
        {t('forecasts.gradeHint')}
      </Text>
    </Paper>
  );
}

function StaffingTable({
  staffing,
  offset,
  onOffset,
}: {
  staffing: StaffingAt[];
  offset: string;
  onOffset: (v: string) => void;
}) {
  const { t } = useTranslation();
  const at = staffing.find((s) => String(s.offset) === offset) ?? staffing[0];
  if (!at) return null;
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('forecasts.staffingTitle')}</Title>
        <SegmentedControl
          value={String(at.offset)}
          onChange={onOffset}
          data={staffing.map((s) => ({
            value: String(s.offset),
            label: s.offset === 0 ? schoolYear(s.year) : `${schoolYear(s.year)} (+${s.offset})`,
          }))}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('forecasts.staffingSummary', { norm: at.normTeachers, current: at.currentTeachers })}
      </Text>
      <ScrollArea>
        <Table withColumnBorders data-testid="staffing-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('forecasts.subjectGroup')}</Table.Th>
              <Table.Th>{t('forecasts.fte')}</Table.Th>
              <Table.Th>{t('forecasts.needed')}</Table.Th>
              <Table.Th>{t('forecasts.current')}</Table.Th>
              <Table.Th>{t('forecasts.balance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {at.lines.map((l) => (
              <Table.Tr
                key={l.code}
                data-testid="staffing-row"
                data-highlight={l.highlight ?? ''}
                bg={l.highlight ? 'var(--mantine-color-yellow-light)' : undefined}
              >
                <Table.Td>
                  <Group gap={6}>
                    <Badge size="xs" variant="outline" color="gray">
                      {t(`schoolLevel.${l.level}`)}
                    </Badge>
                    {l.name}
                    {l.highlight && (
                      <Badge size="xs" color={HIGHLIGHT_COLOR[l.highlight]}>
                        {t(`forecasts.highlight.${l.highlight}`)}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{l.fte}</Table.Td>
                <Table.Td>{l.needed}</Table.Td>
                <Table.Td>{l.current}</Table.Td>
                <Table.Td>
                  {l.balance === null ? (
                    <Text size="sm" c="dimmed">
                      {t('forecasts.pooled')}
                    </Text>
                  ) : (
                    <Badge color={l.balance < 0 ? 'red' : l.balance > 0 ? 'blue' : 'green'} variant="light">
                      {l.balance < 0
                        ? t('forecasts.shortage', { n: -l.balance })
                        : l.balance > 0
                          ? t('forecasts.surplus', { n: l.balance })
                          : t('forecasts.balanced')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

function BirthsPanel({ unitId, canEdit }: { unitId: string | undefined; canEdit: boolean }) {
  const { t } = useTranslation();
  const births = useBirths(unitId);
  const save = useSaveBirths(unitId);
  const [row, setRow] = useState<BirthRow>({
    commune: '',
    birthYear: new Date().getFullYear() - 1,
    births: 0,
  });
  const rows = births.data?.rows ?? [];
  const years = [...new Set(rows.map((r) => r.birthYear))].sort((a, b) => a - b);
  const communes = [...new Set(rows.map((r) => r.commune))];
  return (
    <Paper withBorder p="sm">
      <Title order={4} mb="xs">
        {t('forecasts.birthsTitle')}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('forecasts.birthsNone')}
        </Text>
      ) : (
        <ScrollArea>
          <Table withColumnBorders data-testid="births-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('forecasts.commune')}</Table.Th>
                {years.map((y) => (
                  <Table.Th key={y}>{y}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {communes.map((c) => (
                <Table.Tr key={c}>
                  <Table.Td>{c}</Table.Td>
                  {years.map((y) => (
                    <Table.Td key={y}>
                      {rows.find((r) => r.commune === c && r.birthYear === y)?.births ?? '—'}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate([{ ...row, commune: row.commune.trim() }]);
          }}
        >
          <Group align="flex-end" mt="sm">
            <Autocomplete
              label={t('forecasts.commune')}
              data={communes}
              value={row.commune}
              onChange={(v) => setRow((r) => ({ ...r, commune: v }))}
              w={220}
            />
            <NumberInput
              label={t('forecasts.birthYear')}
              value={row.birthYear}
              min={1990}
              max={2100}
              onChange={(v) => setRow((r) => ({ ...r, birthYear: Number(v) }))}
              w={120}
            />
            <NumberInput
              label={t('forecasts.births')}
              value={row.births}
              min={0}
              onChange={(v) => setRow((r) => ({ ...r, births: Number(v) || 0 }))}
              w={120}
            />
            <Button type="submit" loading={save.isPending} disabled={!row.commune.trim()}>
              {t('forecasts.saveBirths')}
            </Button>
          </Group>
          {save.error && (
            <Alert color="red" mt="xs">
              {save.error.message}
            </Alert>
          )}
        </form>
      )}
    </Paper>
  );
}

/** Sĩ số of a past year the registry does not hold (entered by the school or department). */
function HistoryForm({ schoolId, grades }: { schoolId: string; grades: number[] }) {
  const { t } = useTranslation();
  const save = useSaveHistory(schoolId);
  const [row, setRow] = useState({ year: new Date().getFullYear() - 6, grade: grades[0] ?? 1, students: 0 });
  return (
    <Paper withBorder p="sm">
      <Title order={4} mb="xs">
        {t('forecasts.historyTitle')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate([row]);
        }}
      >
        <Group align="flex-end">
          <NumberInput
            label={t('forecasts.historyYear')}
            value={row.year}
            min={1990}
            max={2100}
            onChange={(v) => setRow((r) => ({ ...r, year: Number(v) }))}
            w={140}
          />
          <Select
            label={t('forecasts.gradeLabel')}
            data={grades.map((g) => ({ value: String(g), label: t('forecasts.grade', { g }) }))}
            value={String(row.grade)}
            onChange={(v) => setRow((r) => ({ ...r, grade: Number(v) }))}
            w={140}
          />
          <NumberInput
            label={t('forecasts.students')}
            value={row.students}
            min={0}
            onChange={(v) => setRow((r) => ({ ...r, students: Number(v) || 0 }))}
            w={140}
          />
          <Button type="submit" loading={save.isPending}>
            {t('forecasts.saveBirths')}
          </Button>
        </Group>
        {save.error && (
          <Alert color="red" mt="xs">
            {save.error.message}
          </Alert>
        )}
      </form>
    </Paper>
  );
}
