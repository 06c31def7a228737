import { Alert, Badge, Button, Group, Menu, Select, Stack, Table, Text } from '@mantine/core';
import type { TranscriptItem, TranscriptSignRole, TranscriptStatus } from '@smartedu/contracts';
import {
  IconChecks,
  IconDownload,
  IconFileZip,
  IconJson,
  IconRefresh,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import { rolesOf, useMe } from '../auth/auth.hooks';
import { SignModal, type SignTarget } from './sign-modal';
import {
  archiveUrl,
  exportUrl,
  pdfUrl,
  useConfirmSubject,
  useGenerateTranscripts,
  useTranscript,
  useTranscriptClasses,
  useTranscripts,
} from './transcripts.hooks';

const STATUS_COLOR: Record<TranscriptStatus, string> = {
  draft: 'gray',
  confirming: 'yellow',
  homeroom_signed: 'blue',
  principal_signed: 'green',
};

export function TranscriptStatusBadge({ status }: { status: TranscriptStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="transcript-status" data-status={status}>
      {t(`transcripts.status.${status}`)}
    </Badge>
  );
}

/**
 * Học bạ số: a class's transcripts for staff (generate drafts, confirm one's subject, sign as homeroom teacher
 * or principal, download the class archive and the structured export); a family's own transcripts to download.
 */
export function TranscriptsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = rolesOf(me.data);
  const principalGrant = me.data?.roles.find((r) => r.role === 'school_admin');
  const staff = Boolean(principalGrant) || roles.includes('teacher');
  const schoolId = principalGrant?.unitId ?? me.data?.homeUnitId ?? null;
  const classes = useTranscriptClasses(staff ? schoolId : null);
  const homeroomClass = classes.data?.items.find(
    (c) => me.data?.staffId && c.homeroomTeacherId === me.data.staffId,
  );
  const [picked, setPicked] = useState<string | null>(null);
  const classId = staff ? (picked ?? homeroomClass?.id ?? null) : null;
  const list = useTranscripts(classId, staff ? Boolean(classId) : Boolean(me.data));
  const items = list.data?.items ?? [];
  const first = items[0];
  const firstDetail = useTranscript(first?.schoolId ?? '', staff ? (first?.id ?? null) : null);
  const generate = useGenerateTranscripts(schoolId ?? '');
  const confirm = useConfirmSubject(schoolId ?? '');
  const [signTarget, setSignTarget] = useState<SignTarget | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);

  if (me.isPending) return <PageLoader />;
  const klass = classes.data?.items.find((c) => c.id === classId);
  const isHomeroom = Boolean(klass && me.data?.staffId && klass.homeroomTeacherId === me.data.staffId);
  const signRoles: TranscriptSignRole[] = [
    ...(isHomeroom ? (['homeroom'] as const) : []),
    ...(principalGrant ? (['principal'] as const) : []),
  ];

  const runGenerate = () =>
    classId &&
    generate.mutate(classId, {
      onSuccess: (r) => notifySuccess(t('transcripts.generated', r)),
      onError: (e) => notifyError(e),
    });
  const runConfirm = () =>
    classId &&
    subjectId &&
    confirm.mutate(
      { classId, subjectId },
      {
        onSuccess: (r) => notifySuccess(t('transcripts.confirmed', r)),
        onError: (e) => notifyError(e),
      },
    );

  return (
    <>
      <PageHeader
        title={t('transcripts.title')}
        subtitle={t(staff ? 'transcripts.subtitleStaff' : 'transcripts.subtitleFamily')}
        actions={
          <Button component={Link} to="/verify" variant="subtle" size="xs">
            {t('transcripts.verifyLink')}
          </Button>
        }
      />
      {staff && (
        <Stack gap="sm" mb="md">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('common.class')}
              placeholder={t('common.choose')}
              data={(classes.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} · ${c.schoolYearName}`,
              }))}
              value={classId}
              onChange={setPicked}
              searchable
              w={220}
              data-testid="transcripts-class"
            />
            {classId && (isHomeroom || principalGrant) && (
              <Button
                leftSection={<IconRefresh size={16} />}
                onClick={runGenerate}
                loading={generate.isPending}
                data-testid="transcripts-generate"
              >
                {t('transcripts.generate')}
              </Button>
            )}
            {classId && signRoles.length > 0 && items.length > 0 && (
              <Button
                variant="light"
                leftSection={<IconSignature size={16} />}
                onClick={() =>
                  schoolId &&
                  setSignTarget({ schoolId, classId, label: `${t('common.class')} ${klass?.name ?? ''}` })
                }
                data-testid="transcripts-sign-class"
              >
                {t('transcripts.signClass')}
              </Button>
            )}
            {classId && schoolId && items.length > 0 && (
              <Menu>
                <Menu.Target>
                  <Button variant="default" leftSection={<IconDownload size={16} />}>
                    {t('transcripts.download')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    component="a"
                    href={archiveUrl(schoolId, classId)}
                    leftSection={<IconFileZip size={14} />}
                  >
                    {t('transcripts.archive')}
                  </Menu.Item>
                  <Menu.Item
                    component="a"
                    href={exportUrl(schoolId, classId)}
                    leftSection={<IconJson size={14} />}
                  >
                    {t('transcripts.exportJson')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
          {firstDetail.data && roles.includes('teacher') && (
            <Group align="flex-end" gap="sm">
              <Select
                label={t('transcripts.confirmSubject')}
                placeholder={t('common.choose')}
                data={firstDetail.data.subjects.map((s) => ({
                  value: s.subjectId,
                  label: s.teacherName ? `${s.name} (${s.teacherName})` : s.name,
                }))}
                value={subjectId}
                onChange={setSubjectId}
                w={320}
                data-testid="confirm-subject"
              />
              <Button
                variant="light"
                leftSection={<IconChecks size={16} />}
                disabled={!subjectId}
                loading={confirm.isPending}
                onClick={runConfirm}
                data-testid="confirm-submit"
              >
                {t('transcripts.confirm')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {(list.isError || classes.isError) && <QueryError error={list.error ?? classes.error} />}
      {list.isPending && (staff ? Boolean(classId) : true) && <PageLoader />}
      {list.data && items.length === 0 && <Alert color="gray">{t('transcripts.empty')}</Alert>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.fullName')}</Table.Th>
                <Table.Th>{t('transcripts.sectorId')}</Table.Th>
                <Table.Th>{t('common.class')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('transcripts.confirmations')}</Table.Th>
                <Table.Th>{t('transcripts.signatures')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <TranscriptRow
                  key={item.id}
                  item={item}
                  canSign={signRoles.length > 0}
                  onSign={() =>
                    setSignTarget({
                      schoolId: item.schoolId,
                      classId: item.classId,
                      transcriptId: item.id,
                      label: item.studentName,
                    })
                  }
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SignModal target={signTarget} roles={signRoles} onClose={() => setSignTarget(null)} />
    </>
  );
}

function TranscriptRow({
  item,
  canSign,
  onSign,
}: {
  item: TranscriptItem;
  canSign: boolean;
  onSign: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="transcripts-row" data-student={item.studentName}>
      <Table.Td>{item.studentName}</Table.Td>
      <Table.Td>
        <Text ff="monospace" size="sm">
          {item.sectorId}
        </Text>
      </Table.Td>
      <Table.Td>
        {item.className} · {item.schoolYear}
      </Table.Td>
      <Table.Td>
        <TranscriptStatusBadge status={item.status} />
      </Table.Td>
      <Table.Td>
        {item.confirmedCount}/{item.subjectCount}
      </Table.Td>
      <Table.Td>
        {item.signatures.map((s) => (
          <Text key={s.role} size="xs">
            {t(`transcripts.role.${s.role}`)}: {s.signerName}
          </Text>
        ))}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            component="a"
            href={pdfUrl(item)}
            size="xs"
            variant="subtle"
            leftSection={<IconDownload size={14} />}
            data-testid="transcript-pdf"
          >
            PDF
          </Button>
          {canSign && item.status !== 'principal_signed' && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconSignature size={14} />}
              onClick={onSign}
              data-testid="transcript-sign"
            >
              {t('transcripts.signOne')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
