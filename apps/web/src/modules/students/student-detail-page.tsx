import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsExchange, IconEdit, IconPhone, IconSchool, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { InfoGrid } from '../../components/info-grid';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { rolesOf, useCan, useMe } from '../auth/auth.hooks';
import { GuardianEditForm } from '../guardians/guardian-edit-form';
import { PrivacyPanel } from '../privacy/privacy-panel';
import { StudentTransferModal } from './student-transfer-modal';
import { useStudent } from './students.hooks';

/** Hồ sơ học sinh: profile, quá trình học tập (enrolments), cha mẹ / người giám hộ. */
export function StudentDetailPage() {
  const { t } = useTranslation();
  const { schoolId = '', id = '' } = useParams();
  const me = useMe();
  const student = useStudent(schoolId, id);
  const canWrite = useCan('students.write');
  const canAddGuardian = useCan('guardians.write');
  const roles = rolesOf(me.data);
  const isFamily = roles.every((r) => r === 'parent' || r === 'student');
  const [transferOpen, transfer] = useDisclosure(false);
  const [guardianOpen, guardian] = useDisclosure(false);

  if (student.isPending) return <PageLoader />;
  if (student.isError) return <QueryError error={student.error} />;
  const s = student.data;

  return (
    <>
      <PageHeader
        title={<span data-testid="student-name">{s.fullName}</span>}
        subtitle={[s.currentClassName && `${t('common.class')} ${s.currentClassName}`, s.schoolName]
          .filter(Boolean)
          .join(' · ')}
        back={
          isFamily ? { to: '/family', label: t('nav.home') } : { to: '/students', label: t('students.title') }
        }
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconArrowsExchange size={16} />}
                onClick={transfer.open}
                disabled={s.status !== 'studying'}
                data-testid="transfer-student"
              >
                {t('students.transfer')}
              </Button>
              <Button
                component={Link}
                to={`/schools/${s.schoolId}/students/${s.id}/edit`}
                leftSection={<IconEdit size={16} />}
                data-testid="edit-student"
              >
                {t('actions.edit')}
              </Button>
            </>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="sm">
            <Title order={3} size="h4">
              {t('students.profile')}
            </Title>
            <Badge variant="light" color={s.status === 'studying' ? 'green' : 'gray'}>
              {t(`studentStatus.${s.status}`, { defaultValue: s.status })}
            </Badge>
          </Group>
          <InfoGrid
            items={[
              { label: t('students.sectorId'), value: s.sectorId, testId: 'student-sectorId-value' },
              { label: t('students.citizenId'), value: s.citizenId },
              {
                label: t('common.birthDate'),
                value: formatDate(s.birthDate),
                testId: 'student-birthDate-value',
              },
              { label: t('common.gender'), value: t(`gender.${s.gender}`) },
              { label: t('common.ethnicity'), value: s.ethnicityName ?? s.ethnicityCode },
              { label: t('common.class'), value: s.currentClassName },
              { label: t('students.poverty'), value: t(`poverty.${s.poverty}`) },
              { label: t('students.orphan'), value: t(`orphan.${s.orphan}`) },
              { label: t('students.disability'), value: s.disability },
              { label: t('common.address'), value: s.address },
            ]}
          />
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h4" mb="md">
            {t('students.history')}
          </Title>
          {s.enrolments.length === 0 ? (
            <Text c="dimmed">{t('list.empty')}</Text>
          ) : (
            <Timeline active={0} bulletSize={22} lineWidth={2} data-testid="enrolment-history">
              {s.enrolments.map((e) => (
                <Timeline.Item
                  key={e.id}
                  bullet={<IconSchool size={12} />}
                  title={`${t('common.class')} ${e.className} · ${e.schoolYearName}`}
                >
                  <Text size="sm">{e.schoolName}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDate(e.startDate)} – {e.endDate ? formatDate(e.endDate) : t('students.now')} ·{' '}
                    {t(`enrolmentReason.${e.reason}`, { defaultValue: e.reason })}
                    {e.endReason
                      ? ` → ${t(`enrolmentReason.${e.endReason}`, { defaultValue: e.endReason })}`
                      : ''}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="md">
            <Title order={3} size="h4">
              {t('guardians.title')}
            </Title>
            {canAddGuardian && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconUserPlus size={14} />}
                onClick={guardian.open}
                data-testid="add-guardian"
              >
                {t('guardians.add')}
              </Button>
            )}
          </Group>
          {s.guardians.length === 0 ? (
            <Text c="dimmed">{t('list.empty')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {s.guardians.map((g) => (
                <Card key={g.id} withBorder radius="md" padding="sm" data-testid="guardian-card">
                  <Group justify="space-between" wrap="nowrap">
                    {isFamily ? (
                      <Text fw={600}>{g.fullName}</Text>
                    ) : (
                      <Anchor component={Link} to={`/schools/${s.schoolId}/guardians/${g.id}`} fw={600}>
                        {g.fullName}
                      </Anchor>
                    )}
                    {g.isPrimary && (
                      <Badge size="xs" variant="light">
                        {t('guardians.primary')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t(`relationship.${g.relationship}`, { defaultValue: g.relationship })}
                  </Text>
                  <Anchor href={`tel:${g.phone}`} size="sm">
                    <Group gap={4} component="span">
                      <IconPhone size={14} />
                      {g.phone}
                    </Group>
                  </Anchor>
                </Card>
              ))}
            </SimpleGrid>
          )}
        </Paper>
        <PrivacyPanel
          schoolId={s.schoolId}
          studentId={s.id}
          sectorId={s.sectorId}
          status={s.status}
          canDecide={canWrite || roles.includes('parent')}
          canManage={canWrite}
        />
      </Stack>

      {canWrite && transferOpen && <StudentTransferModal student={s} opened onClose={transfer.close} />}
      <Modal opened={guardianOpen} onClose={guardian.close} title={t('guardians.add')} size="lg">
        {guardianOpen && (
          <GuardianEditForm
            schoolId={s.schoolId}
            studentId={s.id}
            onDone={guardian.close}
            onCancel={guardian.close}
          />
        )}
      </Modal>
    </>
  );
}
