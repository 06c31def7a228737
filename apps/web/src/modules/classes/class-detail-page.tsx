import { Anchor, Badge, Button, Modal, Paper, Table, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ExportButton } from '../../components/export-button';
import { InfoGrid } from '../../components/info-grid';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useListParams } from '../../lib/list-params';
import { useCan } from '../auth/auth.hooks';
import { StudentEditForm } from '../students/student-edit-form';
import { useStudents } from '../students/students.hooks';
import { ClassFormModal } from './class-form-modal';
import { useClass } from './classes.hooks';

/** Một lớp: information and its students, with 'Thêm học sinh' for users who can write. */
export function ClassDetailPage() {
  const { t } = useTranslation();
  const { schoolId = '', id = '' } = useParams();
  const { page, pageSize, update } = useListParams(50);
  const klass = useClass(schoolId, id);
  const filters = { schoolId, classId: id };
  const students = useStudents({ ...filters, page, pageSize });
  const canWriteStudents = useCan('students.write');
  const canWriteClass = useCan('classes.write');
  const [addOpen, add] = useDisclosure(false);
  const [editOpen, edit] = useDisclosure(false);

  if (klass.isPending) return <PageLoader />;
  if (klass.isError) return <QueryError error={klass.error} />;
  const c = klass.data;
  const items = students.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={
          <>
            {t('common.class')} <span data-testid="class-name">{c.name}</span>
            {c.isSmart && (
              <Badge ml="sm" color="teal" variant="light" style={{ verticalAlign: 'middle' }}>
                {t('classes.smart')}
              </Badge>
            )}
          </>
        }
        subtitle={`${c.schoolName} · ${t('classes.year')} ${c.schoolYearName}`}
        back={{ to: `/classes?schoolId=${c.schoolId}`, label: t('classes.title') }}
        actions={
          <>
            <ExportButton kind="students" filters={filters} />
            {canWriteClass && (
              <Button
                variant="default"
                leftSection={<IconEdit size={16} />}
                onClick={edit.open}
                data-testid="edit-class"
              >
                {t('actions.edit')}
              </Button>
            )}
            {canWriteStudents && (
              <Button leftSection={<IconUserPlus size={16} />} onClick={add.open} data-testid="add-student">
                {t('students.add')}
              </Button>
            )}
          </>
        }
      />
      <Paper withBorder p="md" radius="md" mb="md">
        <InfoGrid
          cols={4}
          items={[
            { label: t('classes.grade'), value: c.grade },
            { label: t('classes.homeroom'), value: c.homeroomTeacherName },
            { label: t('classes.room'), value: c.room },
            { label: t('classes.size'), value: c.studentCount, testId: 'class-size' },
          ]}
        />
      </Paper>
      <Title order={3} size="h4" mb="sm">
        {t('classes.studentsOfClass')}
      </Title>
      {students.isError && <QueryError error={students.error} />}
      <DataTable
        testId="students-table"
        head={[
          '#',
          t('common.fullName'),
          t('students.sectorId'),
          t('common.birthDate'),
          t('common.gender'),
          t('common.ethnicity'),
        ]}
        empty={items.length === 0}
        loading={students.isFetching}
        minWidth={600}
      >
        {items.map((s, i) => (
          <Table.Tr key={s.id} data-testid="student-row">
            <Table.Td>{(page - 1) * pageSize + i + 1}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/schools/${s.schoolId}/students/${s.id}`}>
                {s.fullName}
              </Anchor>
            </Table.Td>
            <Table.Td>{s.sectorId}</Table.Td>
            <Table.Td>{formatDate(s.birthDate)}</Table.Td>
            <Table.Td>{t(`gender.${s.gender}`)}</Table.Td>
            <Table.Td>{s.ethnicityName ?? s.ethnicityCode}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListPagination
        total={students.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />

      <Modal opened={addOpen} onClose={add.close} title={`${t('students.add')} — ${c.name}`} size="lg">
        {addOpen && (
          <StudentEditForm
            schoolId={c.schoolId}
            classId={c.id}
            lockClass
            onDone={add.close}
            onCancel={add.close}
          />
        )}
      </Modal>
      {canWriteClass && (
        <ClassFormModal key={c.id} opened={editOpen} onClose={edit.close} schoolId={c.schoolId} klass={c} />
      )}
    </>
  );
}
