import { Anchor, Button, Modal, Paper, Stack, Table, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { InfoGrid } from '../../components/info-grid';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { useCan } from '../auth/auth.hooks';
import { GuardianEditForm } from './guardian-edit-form';
import { useGuardian } from './guardians.hooks';

export function GuardianDetailPage() {
  const { t } = useTranslation();
  const { schoolId = '', id = '' } = useParams();
  const guardian = useGuardian(schoolId, id);
  const canWrite = useCan('guardians.write');
  const [editOpen, edit] = useDisclosure(false);

  if (guardian.isPending) return <PageLoader />;
  if (guardian.isError) return <QueryError error={guardian.error} />;
  const g = guardian.data;

  return (
    <>
      <PageHeader
        title={<span data-testid="guardian-name">{g.fullName}</span>}
        back={{ to: '/guardians', label: t('guardians.title') }}
        actions={
          canWrite && (
            <Button leftSection={<IconEdit size={16} />} onClick={edit.open} data-testid="edit-guardian">
              {t('actions.edit')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <InfoGrid
            items={[
              { label: t('common.phone'), value: <Anchor href={`tel:${g.phone}`}>{g.phone}</Anchor> },
              { label: t('common.email'), value: g.email },
              { label: t('students.citizenId'), value: g.citizenId },
              { label: t('guardians.occupation'), value: g.occupation },
              { label: t('common.address'), value: g.address },
            ]}
          />
        </Paper>
        <div>
          <Title order={3} size="h4" mb="sm">
            {t('guardians.children')}
          </Title>
          <DataTable
            testId="guardian-children-table"
            head={[t('common.fullName'), t('guardians.relationship'), t('common.class')]}
            empty={g.children.length === 0}
            minWidth={420}
          >
            {g.children.map((c) => (
              <Table.Tr key={c.studentId}>
                <Table.Td>
                  <Anchor component={Link} to={`/schools/${g.schoolId}/students/${c.studentId}`}>
                    {c.fullName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`relationship.${c.relationship}`, { defaultValue: c.relationship })}</Table.Td>
                <Table.Td>{c.className}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </div>
      </Stack>
      <Modal opened={editOpen} onClose={edit.close} title={t('guardians.edit')} size="lg">
        {editOpen && (
          <GuardianEditForm schoolId={g.schoolId} guardian={g} onDone={edit.close} onCancel={edit.close} />
        )}
      </Modal>
    </>
  );
}
