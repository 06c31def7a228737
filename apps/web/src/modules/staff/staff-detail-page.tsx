import { Badge, Button, Modal, Paper } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { InfoGrid } from '../../components/info-grid';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useCan } from '../auth/auth.hooks';
import { useEthnicities } from '../reference/reference.hooks';
import { useStaffMember } from './staff.hooks';
import { StaffEditForm } from './staff-edit-form';
import { positionLabel } from './staff-positions';

export function StaffDetailPage() {
  const { t } = useTranslation();
  const { schoolId = '', id = '' } = useParams();
  const member = useStaffMember(schoolId, id);
  const ethnicities = useEthnicities();
  const canWrite = useCan('staff.write');
  const [editOpen, edit] = useDisclosure(false);

  if (member.isPending) return <PageLoader />;
  if (member.isError) return <QueryError error={member.error} />;
  const m = member.data;
  const ethnicity = ethnicities.data?.find((e) => e.code === m.ethnicityCode)?.name ?? m.ethnicityCode;

  return (
    <>
      <PageHeader
        title={<span data-testid="staff-name">{m.fullName}</span>}
        subtitle={`${positionLabel(t, m.position)} · ${m.schoolName}`}
        back={{ to: '/staff', label: t('staff.title') }}
        actions={
          canWrite && (
            <Button leftSection={<IconEdit size={16} />} onClick={edit.open} data-testid="edit-staff">
              {t('actions.edit')}
            </Button>
          )
        }
      />
      <Paper withBorder p="md" radius="md">
        <InfoGrid
          items={[
            { label: t('staff.code'), value: m.staffCode },
            { label: t('staff.category'), value: t(`staffCategory.${m.category}`) },
            { label: t('staff.position'), value: positionLabel(t, m.position) },
            { label: t('common.birthDate'), value: formatDate(m.birthDate) },
            { label: t('common.gender'), value: t(`gender.${m.gender}`) },
            { label: t('common.ethnicity'), value: ethnicity },
            { label: t('students.citizenId'), value: m.citizenId },
            {
              label: t('staff.qualification'),
              value: m.qualification
                ? t(`qualification.${m.qualification}`, { defaultValue: m.qualification })
                : '',
            },
            { label: t('staff.mainSubject'), value: m.mainSubjectCode },
            { label: t('common.phone'), value: m.phone },
            { label: t('common.email'), value: m.email },
            {
              label: t('common.status'),
              value: (
                <Badge size="sm" variant="light" color={m.status === 'working' ? 'green' : 'gray'}>
                  {t(`staffStatus.${m.status}`, { defaultValue: m.status })}
                </Badge>
              ),
            },
          ]}
        />
      </Paper>
      <Modal opened={editOpen} onClose={edit.close} title={t('staff.edit')} size="lg">
        {editOpen && (
          <StaffEditForm schoolId={m.schoolId} member={m} onDone={edit.close} onCancel={edit.close} />
        )}
      </Modal>
    </>
  );
}
