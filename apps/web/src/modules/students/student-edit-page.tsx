import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { StudentEditForm } from './student-edit-form';
import { useStudent } from './students.hooks';

export function StudentEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { schoolId = '', id = '' } = useParams();
  const student = useStudent(schoolId, id);
  const back = `/schools/${schoolId}/students/${id}`;

  if (student.isPending) return <PageLoader />;
  if (student.isError) return <QueryError error={student.error} />;
  return (
    <>
      <PageHeader
        title={t('students.edit')}
        subtitle={student.data.fullName}
        back={{ to: back, label: student.data.fullName }}
      />
      <Paper withBorder p="md" radius="md" maw={900}>
        <StudentEditForm
          schoolId={schoolId}
          student={student.data}
          onDone={() => void navigate(back)}
          onCancel={() => void navigate(back)}
        />
      </Paper>
    </>
  );
}
