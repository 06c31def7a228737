import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { PersonPicker } from '../users/person-picker';
import {
  useCreateDevice,
  useDevices,
  useDeviceUsers,
  useMapDeviceUser,
  useSyncDeviceUsers,
  useUnmapDeviceUser,
  useUpdateDevice,
} from './attendance.hooks';

type Props = {
  schools: { value: string; label: string }[];
  schoolId: string | undefined;
  onSchoolChange: (id: string) => void;
};

/** Máy chấm công: registered and pending terminals, a new one, PINs (mã chấm công) of students and staff. */
export function DevicesPanel({ schools, schoolId, onSchoolChange }: Props) {
  const { t } = useTranslation();
  const devices = useDevices({ schoolId });
  const pending = useDevices({ status: 'pending' });
  const create = useCreateDevice(schoolId ?? '');
  const update = useUpdateDevice(schoolId ?? '');
  const sync = useSyncDeviceUsers(schoolId ?? '');
  const [form, setForm] = useState({ kind: 'zkteco' as 'zkteco' | 'webhook', name: '', sn: '' });
  const [secret, setSecret] = useState<string | null>(null);

  async function register(sn?: string) {
    try {
      const created = await create.mutateAsync({
        kind: sn ? 'zkteco' : form.kind,
        name: sn ? sn : form.name,
        sn: sn ?? (form.kind === 'zkteco' ? form.sn : undefined),
      });
      setSecret(created.webhookSecret);
      setForm({ ...form, name: '', sn: '' });
      notifySuccess(t('attendance.devices.registered'));
    } catch (err) {
      notifyError(err);
    }
  }
  const run = async (fn: () => Promise<unknown>, message: string) => {
    try {
      await fn();
      notifySuccess(message);
    } catch (err) {
      notifyError(err);
    }
  };

  const unclaimed = (pending.data?.items ?? []).filter((d) => d.schoolId === null);
  return (
    <Stack gap="sm" data-testid="devices">
      {schools.length > 1 && (
        <NativeSelect
          label={t('common.school')}
          value={schoolId ?? ''}
          onChange={(e) => onSchoolChange(e.currentTarget.value)}
          data={schools}
          maw={360}
        />
      )}
      {devices.error && <QueryError error={devices.error} />}
      <DataTable
        testId="device-list"
        minWidth={760}
        loading={devices.isLoading}
        empty={(devices.data?.items ?? []).length === 0}
        head={[
          t('attendance.devices.name'),
          t('attendance.devices.sn'),
          t('attendance.status'),
          t('attendance.devices.lastSeen'),
          t('attendance.devices.users'),
          '',
        ]}
      >
        {(devices.data?.items ?? []).map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {d.name}
              </Text>
              <Text size="xs" c="dimmed">
                {d.kind === 'zkteco' ? 'ZKTeco (ADMS)' : 'Webhook'}
              </Text>
            </Table.Td>
            <Table.Td>{d.sn ?? <Code>{d.id}</Code>}</Table.Td>
            <Table.Td>
              <Badge color={d.status === 'active' ? 'teal' : d.status === 'pending' ? 'yellow' : 'gray'}>
                {t(`attendance.devices.status_${d.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(d.lastSeenAt)}</Text>
              <Text size="xs" c="dimmed">
                {d.lastIp}
                {d.ipChangedAt && (
                  <IconAlertTriangle
                    size={12}
                    color="orange"
                    style={{ marginLeft: 4, verticalAlign: 'middle' }}
                    aria-label={t('attendance.devices.ipChanged')}
                  />
                )}
              </Text>
            </Table.Td>
            <Table.Td>
              {d.users}
              {d.pendingCommands > 0 && (
                <Text size="xs" c="dimmed">
                  {t('attendance.devices.pendingCommands', { n: d.pendingCommands })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() =>
                    run(
                      () =>
                        update.mutateAsync({
                          id: d.id,
                          status: d.status === 'active' ? 'disabled' : 'active',
                        }),
                      t('attendance.devices.updated'),
                    )
                  }
                >
                  {d.status === 'active' ? t('attendance.devices.disable') : t('attendance.devices.activate')}
                </Button>
                {d.kind === 'zkteco' && d.status === 'active' && (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconRefresh size={14} />}
                    onClick={() => run(() => sync.mutateAsync(d.id), t('attendance.devices.syncQueued'))}
                  >
                    {t('attendance.devices.sync')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>

      {unclaimed.length > 0 && schoolId && (
        <Alert color="yellow" title={t('attendance.devices.pendingTitle')}>
          {unclaimed.map((d) => (
            <Group key={d.id} gap="xs" mt={4}>
              <Code>{d.sn}</Code>
              <Text size="xs">
                {formatDateTime(d.lastSeenAt)} — {d.lastIp}
              </Text>
              <Button size="xs" variant="light" onClick={() => register(d.sn ?? undefined)}>
                {t('attendance.devices.claim')}
              </Button>
            </Group>
          ))}
        </Alert>
      )}

      {schoolId && (
        <Paper withBorder p="sm" radius="md">
          <Title order={5} mb="xs">
            {t('attendance.devices.add')}
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <SegmentedControl
              value={form.kind}
              onChange={(v) => setForm({ ...form, kind: v as 'zkteco' | 'webhook' })}
              data={[
                { value: 'zkteco', label: 'ZKTeco' },
                { value: 'webhook', label: 'Webhook' },
              ]}
            />
            <TextInput
              label={t('attendance.devices.name')}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
            {form.kind === 'zkteco' && (
              <TextInput
                label={t('attendance.devices.sn')}
                value={form.sn}
                onChange={(e) => setForm({ ...form, sn: e.currentTarget.value })}
              />
            )}
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => register()}
              loading={create.isPending}
              disabled={!form.name.trim() || (form.kind === 'zkteco' && !form.sn.trim())}
            >
              {t('attendance.devices.register')}
            </Button>
          </Group>
          {secret && (
            <Alert
              color="blue"
              mt="sm"
              title={t('attendance.devices.secretTitle')}
              withCloseButton
              onClose={() => setSecret(null)}
            >
              <Text size="sm">{t('attendance.devices.secretHelp')}</Text>
              <Code block mt={4}>
                {secret}
              </Code>
            </Alert>
          )}
        </Paper>
      )}
      {schoolId && <PinMappings schoolId={schoolId} />}
    </Stack>
  );
}

/** Mã chấm công: the PIN each student or staff member has on the school's terminals. */
function PinMappings({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const users = useDeviceUsers(schoolId, { q: q || undefined, page, pageSize: 20 });
  const map = useMapDeviceUser(schoolId);
  const unmap = useUnmapDeviceUser(schoolId);
  const [kind, setKind] = useState<'student' | 'staff'>('student');
  const [personId, setPersonId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const total = users.data?.total ?? 0;

  async function add() {
    if (!personId) return;
    try {
      await map.mutateAsync({ pin: pin.trim(), personKind: kind, personId });
      setPin('');
      setPersonId(null);
      notifySuccess(t('attendance.devices.pinSaved'));
    } catch (err) {
      notifyError(err);
    }
  }

  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={5} mb="xs">
        {t('attendance.devices.pins')}
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v as 'student' | 'staff');
            setPersonId(null);
          }}
          data={[
            { value: 'student', label: t('nav.students') },
            { value: 'staff', label: t('nav.staff') },
          ]}
        />
        <PersonPicker
          kind={kind}
          schoolId={schoolId}
          label={t('attendance.name')}
          value={personId}
          onChange={setPersonId}
        />
        <TextInput label="PIN" value={pin} onChange={(e) => setPin(e.currentTarget.value)} w={120} />
        <Button onClick={add} loading={map.isPending} disabled={!personId || !pin.trim()}>
          {t('actions.save')}
        </Button>
      </Group>
      <TextInput
        placeholder={t('attendance.devices.searchPins')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(1);
        }}
        mb="xs"
        maw={320}
      />
      <DataTable
        testId="pin-list"
        minWidth={520}
        loading={users.isLoading}
        empty={(users.data?.items ?? []).length === 0}
        head={['PIN', t('attendance.name'), t('attendance.class'), '']}
      >
        {(users.data?.items ?? []).map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td>{u.pin}</Table.Td>
            <Table.Td>{u.fullName}</Table.Td>
            <Table.Td>{u.className ?? u.staffCode ?? ''}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="subtle" color="red" onClick={() => unmap.mutate(u.id)}>
                {t('attendance.devices.unmap')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {total > 20 && (
        <Group justify="flex-end" mt="xs" gap="xs">
          <Button size="xs" variant="default" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ‹
          </Button>
          <Text size="sm">
            {page} / {Math.ceil(total / 20)}
          </Text>
          <Button size="xs" variant="default" disabled={page * 20 >= total} onClick={() => setPage(page + 1)}>
            ›
          </Button>
        </Group>
      )}
    </Paper>
  );
}
