import { DonutChart } from '@mantine/charts';
import { Badge, Grid, Group, Paper, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { Equipment } from '@smartedu/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useCan } from '../auth/auth.hooks';
import {
  useBudget,
  useCommendations,
  useContributions,
  useEquipment,
  useInspections,
  usePlan,
  useRooms,
  useSetEquipmentStatus,
} from './operations.hooks';
import { formatMoney } from './ops-format';

const STATUS_COLOR = { working: 'green', broken: 'red', repairing: 'yellow', retired: 'gray' } as const;
const ROOM_COLOR = { in_use: 'green', equipping: 'yellow', planned: 'gray', maintenance: 'orange' } as const;

/** Thí điểm lớp học thông minh: rooms and equipment per school, the budget and its spending, contributions, inspections, commendations. */
export function PilotPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  const money = (v: number) => formatMoney(v, locale);
  const { planId = '' } = useParams();
  const plan = usePlan(planId);
  const budget = useBudget(planId);
  const rooms = useRooms({ planId: undefined, pageSize: 500 });
  const [equipmentPage, setEquipmentPage] = useState(1);
  const [schoolFilter, setSchoolFilter] = useState<string | null>(null);
  const equipment = useEquipment({ schoolId: schoolFilter ?? undefined, page: equipmentPage, pageSize: 25 });
  const contributions = useContributions({ planId, pageSize: 100 });
  const inspections = useInspections({ planId, pageSize: 50 });
  const commendations = useCommendations({ planId, pageSize: 50 });
  const setStatus = useSetEquipmentStatus();
  const canManage = useCan('operations.manage');
  if (plan.isPending) return <PageLoader />;
  if (plan.isError) return <QueryError error={plan.error} />;
  const p = plan.data;
  const planSchools = new Set(p.schools.map((s) => s.id));
  const roomItems = (rooms.data?.items ?? []).filter((r) => planSchools.has(r.schoolId));
  const b = budget.data;

  return (
    <>
      <PageHeader
        title={t('operations.pilot')}
        subtitle={`${t('operations.plan')} ${p.code} · ${p.title}`}
        back={{ to: `/operations/plans/${p.id}`, label: `${t('operations.plan')} ${p.code}` }}
      />
      <Tabs defaultValue="budget" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="budget">{t('operations.budget')}</Tabs.Tab>
          <Tabs.Tab value="rooms">{t('operations.rooms')}</Tabs.Tab>
          <Tabs.Tab value="equipment">{t('operations.equipment')}</Tabs.Tab>
          <Tabs.Tab value="contributions">{t('operations.contributions')}</Tabs.Tab>
          <Tabs.Tab value="inspections">{t('operations.inspections')}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="budget">
          {budget.isError && <QueryError error={budget.error} />}
          {b && (
            <Grid>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <DataTable
                  testId="budget-table"
                  empty={b.lines.length === 0}
                  minWidth={820}
                  head={[
                    t('operations.appendix'),
                    t('operations.item'),
                    t('operations.quantity'),
                    t('operations.unitPrice'),
                    t('operations.amount'),
                    t('operations.spent'),
                    t('operations.remaining'),
                  ]}
                >
                  {b.lines.map((l) => (
                    <Table.Tr key={l.id} data-testid="budget-line">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {l.appendix} · {l.code}
                      </Table.Td>
                      <Table.Td>{l.item}</Table.Td>
                      <Table.Td>
                        {l.quantity} {l.unitName}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(l.unitPrice)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(l.amount)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(l.spent)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(l.remaining)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr fw={700} data-testid="budget-total">
                    <Table.Td colSpan={4}>{t('operations.total')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(b.total)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(b.spent)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(b.remaining)}</Table.Td>
                  </Table.Tr>
                </DataTable>
                <Title order={3} size="h5" mt="md" mb="xs">
                  {t('operations.spending')}
                </Title>
                <DataTable
                  testId="spending-table"
                  empty={b.spending.length === 0}
                  head={[
                    t('operations.date'),
                    t('operations.voucher'),
                    t('operations.description'),
                    t('nav.school'),
                    t('operations.amount'),
                  ]}
                >
                  {b.spending.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{formatDate(s.spentOn)}</Table.Td>
                      <Table.Td>{s.voucherNo ?? '—'}</Table.Td>
                      <Table.Td>{s.description}</Table.Td>
                      <Table.Td>{s.schoolName ?? t('operations.department')}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(s.amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Paper withBorder radius="md" p="md">
                  <Text fw={600} mb="sm">
                    {t('operations.budgetUse')}
                  </Text>
                  <Group justify="center">
                    <DonutChart
                      size={170}
                      thickness={26}
                      withTooltip
                      data={[
                        { name: t('operations.spent'), value: b.spent, color: 'blue.6' },
                        { name: t('operations.remaining'), value: Math.max(0, b.remaining), color: 'gray.4' },
                      ]}
                    />
                  </Group>
                  <Stack gap={2} mt="sm">
                    <Text size="sm">
                      {t('operations.total')}: <b>{money(b.total)}</b>
                    </Text>
                    <Text size="sm">
                      {t('operations.spent')}: <b>{money(b.spent)}</b>
                    </Text>
                    <Text size="sm">
                      {t('operations.parents')}: <b>{money(b.contributions.parents)}</b>
                    </Text>
                    <Text size="sm">
                      {t('operations.donors')}: <b>{money(b.contributions.donors)}</b>
                    </Text>
                  </Stack>
                </Paper>
              </Grid.Col>
            </Grid>
          )}
        </Tabs.Panel>

        <Tabs.Panel value="rooms">
          <DataTable
            testId="rooms-table"
            empty={roomItems.length === 0}
            loading={rooms.isFetching}
            head={[
              t('nav.school'),
              t('operations.room'),
              t('operations.class'),
              t('operations.status'),
              t('operations.equipment'),
              t('operations.lastUsed'),
            ]}
          >
            {roomItems.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.schoolName}</Table.Td>
                <Table.Td>
                  {r.name}
                  {r.planId === p.id && (
                    <Badge ml={6} size="xs" variant="outline">
                      {t('operations.newRoom')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.className ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={ROOM_COLOR[r.status]} variant="light">
                    {t(`operations.roomStatus.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.equipmentCount}
                  {r.brokenCount > 0 && (
                    <Text span c="red" size="sm">
                      {' '}
                      ({t('operations.brokenCount', { count: r.brokenCount })})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.lastUsedOn ? formatDate(r.lastUsedOn) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Tabs.Panel>

        <Tabs.Panel value="equipment">
          <Group mb="sm">
            <Select
              placeholder={t('operations.allSchools')}
              clearable
              data={p.schools.map((s) => ({ value: s.id, label: s.name }))}
              value={schoolFilter}
              onChange={(v) => {
                setSchoolFilter(v);
                setEquipmentPage(1);
              }}
            />
            {setStatus.isError && (
              <Text c="red" size="sm">
                {errorMessage(setStatus.error)}
              </Text>
            )}
          </Group>
          <DataTable
            testId="equipment-table"
            empty={(equipment.data?.items.length ?? 0) === 0}
            loading={equipment.isFetching}
            head={[
              t('nav.school'),
              t('operations.room'),
              t('operations.item'),
              t('operations.quantity'),
              t('operations.funding'),
              t('operations.status'),
            ]}
          >
            {(equipment.data?.items ?? []).map((e) => (
              <Table.Tr key={e.id} data-testid="equipment-row">
                <Table.Td>{e.schoolName}</Table.Td>
                <Table.Td>{e.roomName ?? '—'}</Table.Td>
                <Table.Td>{e.name}</Table.Td>
                <Table.Td>{e.quantity}</Table.Td>
                <Table.Td>{t(`operations.fundingSource.${e.fundingSource}`)}</Table.Td>
                <Table.Td>
                  {canManage ? (
                    <Select
                      size="xs"
                      w={150}
                      value={e.status}
                      allowDeselect={false}
                      data={(['working', 'broken', 'repairing', 'retired'] as const).map((s) => ({
                        value: s,
                        label: t(`operations.equipmentStatus.${s}`),
                      }))}
                      onChange={(v) =>
                        v &&
                        setStatus.mutate({ schoolId: e.schoolId, id: e.id, status: v as Equipment['status'] })
                      }
                    />
                  ) : (
                    <Badge color={STATUS_COLOR[e.status]} variant="light">
                      {t(`operations.equipmentStatus.${e.status}`)}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <ListPagination
            total={equipment.data?.total ?? 0}
            page={equipmentPage}
            pageSize={25}
            onChange={setEquipmentPage}
          />
        </Tabs.Panel>

        <Tabs.Panel value="contributions">
          <DataTable
            testId="contributions-table"
            empty={(contributions.data?.items.length ?? 0) === 0}
            head={[
              t('operations.date'),
              t('nav.school'),
              t('operations.contributor'),
              t('operations.description'),
              t('operations.amount'),
            ]}
          >
            {(contributions.data?.items ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{formatDate(c.receivedOn)}</Table.Td>
                <Table.Td>{c.schoolName}</Table.Td>
                <Table.Td>
                  {c.contributorName}
                  <Text size="xs" c="dimmed">
                    {t(`operations.contributorKind.${c.contributorKind}`)} · {t(`operations.form.${c.form}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{c.description}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(c.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Tabs.Panel>

        <Tabs.Panel value="inspections">
          <Stack>
            {(inspections.data?.items ?? []).map((i) => (
              <Paper key={i.id} withBorder radius="md" p="md" data-testid="inspection">
                <Group justify="space-between">
                  <Text fw={600}>
                    {i.schoolName} · {formatDate(i.inspectedOn)}
                  </Text>
                  {i.rating && <Badge>{t(`operations.rating.${i.rating}`)}</Badge>}
                </Group>
                <Text size="sm" c="dimmed">
                  {i.team}
                </Text>
                <Text size="sm" mt="xs">
                  {i.conclusion}
                </Text>
                <Stack gap={4} mt="xs">
                  {i.findings.map((f, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: findings are an ordered list
                    <Group key={k} gap={6} wrap="nowrap" align="flex-start">
                      <Badge
                        color={f.severity === 'major' ? 'red' : f.severity === 'minor' ? 'yellow' : 'blue'}
                        variant="light"
                      >
                        {t(`operations.severity.${f.severity}`)}
                      </Badge>
                      <Text size="sm">
                        {f.text}
                        {f.recommendation && (
                          <Text span c="dimmed" size="sm">
                            {' '}
                            → {f.recommendation}
                          </Text>
                        )}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Paper>
            ))}
            <Title order={3} size="h5">
              {t('operations.commendations')}
            </Title>
            <DataTable
              testId="commendations-table"
              empty={(commendations.data?.items.length ?? 0) === 0}
              head={[
                t('operations.date'),
                t('operations.recipient'),
                t('operations.commendationTitle'),
                t('operations.reason'),
              ]}
            >
              {(commendations.data?.items ?? []).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDate(c.decidedOn)}</Table.Td>
                  <Table.Td>{c.recipientName}</Table.Td>
                  <Table.Td>
                    {c.title}
                    {c.decisionNo && (
                      <Text size="xs" c="dimmed">
                        {c.decisionNo}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.reason}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
