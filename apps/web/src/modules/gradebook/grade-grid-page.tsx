import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import type { GradeImportReport } from '@smartedu/contracts';
import { IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import { GradeGridTable } from './grade-grid';
import {
  gridFileUrl,
  useGradebookClass,
  useGradeGrid,
  useImportGrid,
  usePublishGrid,
} from './gradebook.hooks';
import { UnlockRequestButton } from './unlock-requests';

/** Nhập điểm: one class, one subject, one term. */
export function GradeGridPage() {
  const { t } = useTranslation();
  const { schoolId = '', classId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const overview = useGradebookClass(schoolId, classId);
  const subjects = overview.data?.subjects ?? [];
  const subjectId = search.get('subjectId') ?? subjects.find((s) => s.canEdit)?.id ?? subjects[0]?.id ?? '';
  const termNo = Number(search.get('termNo') ?? 2) === 1 ? 1 : 2;
  const q = subjectId ? { classId, subjectId, termNo } : null;
  const grid = useGradeGrid(schoolId, q);
  const publish = usePublishGrid(schoolId);
  const importGrid = useImportGrid(schoolId);
  const [report, setReport] = useState<GradeImportReport | null>(null);

  if (overview.isPending) return <PageLoader />;
  if (overview.isError) return <QueryError error={overview.error} />;
  const o = overview.data;
  const subject = subjects.find((s) => s.id === subjectId);
  const set = (patch: Record<string, string>) =>
    setSearch({ subjectId, termNo: String(termNo), ...patch }, { replace: true });

  const upload = (file: File | null) => {
    if (!file || !q) return;
    importGrid.mutate(
      { q, file, dryRun: false },
      {
        onSuccess: (r) => {
          setReport(r);
          if (r.committed) notifySuccess(t('gradebook.imported', { count: r.changedCells }));
        },
        onError: (err) => notifyError(err),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={`${t('gradebook.grid')} — ${t('common.class')} ${o.className}`}
        subtitle={
          subject ? `${subject.name} · ${t(termNo === 1 ? 'gradebook.term1' : 'gradebook.term2')}` : undefined
        }
        back={{ to: `/gradebook/classes/${schoolId}/${classId}`, label: t('gradebook.classBook') }}
      />
      <Group mb="md" gap="sm" wrap="wrap" align="flex-end">
        <Select
          label={t('gradebook.subject')}
          data={subjects.map((s) => ({ value: s.id, label: s.name }))}
          value={subjectId}
          onChange={(v) => v && set({ subjectId: v })}
          allowDeselect={false}
          w={260}
          data-testid="grid-subject"
        />
        <SegmentedControl
          value={String(termNo)}
          onChange={(v) => set({ termNo: v })}
          data={[
            { value: '1', label: t('gradebook.term1') },
            { value: '2', label: t('gradebook.term2') },
          ]}
          data-testid="grid-term"
        />
        {q && (
          <>
            <Button
              component="a"
              href={gridFileUrl(schoolId, q, 'template')}
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
            >
              {t('gradebook.template')}
            </Button>
            <Button
              component="a"
              href={gridFileUrl(schoolId, q, 'export')}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('actions.exportExcel')}
            </Button>
          </>
        )}
        {grid.data?.canEdit && (
          <FileButton onChange={upload} accept=".xlsx">
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconUpload size={16} />}
                loading={importGrid.isPending}
              >
                {t('gradebook.import')}
              </Button>
            )}
          </FileButton>
        )}
        {grid.data && subject?.canEdit && (
          <Switch
            label={t('gradebook.published')}
            checked={grid.data.published}
            disabled={publish.isPending}
            onChange={(e) =>
              publish.mutate(
                { ...q!, published: e.currentTarget.checked },
                { onError: (err) => notifyError(err) },
              )
            }
            data-testid="grid-publish"
          />
        )}
      </Group>
      {grid.data?.lock.status === 'locked' && (
        <Alert color="gray" mb="sm" data-testid="grid-locked">
          <Group justify="space-between" gap="xs">
            <span>{t('gradebook.lockedNotice', { name: grid.data.lock.lockedByName ?? '' })}</span>
            {!overview.data?.canLock && (
              <UnlockRequestButton
                schoolId={schoolId}
                classId={classId}
                termNo={termNo}
                subjects={(overview.data?.subjects ?? []).filter((s) => s.canEdit && s.id === subjectId)}
              />
            )}
          </Group>
        </Alert>
      )}
      {grid.isPending && q && <PageLoader />}
      {grid.isError && <QueryError error={grid.error} />}
      {grid.data && <GradeGridTable key={`${subjectId}-${termNo}`} schoolId={schoolId} grid={grid.data} />}
      <Text size="sm" mt="md">
        <Link to={`/gradebook/classes/${schoolId}/${classId}`}>{t('gradebook.toSummary')}</Link>
      </Text>

      <Modal
        opened={report !== null}
        onClose={() => setReport(null)}
        title={t('gradebook.importReport')}
        size="lg"
      >
        {report && (
          <Stack gap="xs" data-testid="grade-import-report">
            <Text>
              {t('gradebook.importSummary', {
                rows: report.totalRows,
                valid: report.validRows,
                changed: report.changedCells,
              })}
            </Text>
            {report.committed ? (
              <Alert color="green">{t('gradebook.importCommitted')}</Alert>
            ) : report.errors.length > 0 ? (
              <Alert color="red" title={t('gradebook.importRejected')}>
                <List size="sm">
                  {report.errors.slice(0, 50).map((e) => (
                    <List.Item key={`${e.row}-${e.column}-${e.code}`}>
                      {t('gradebook.importRow', { row: e.row, column: e.column ?? '' })}: {e.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              <Alert color="gray">{t('gradebook.importNothing')}</Alert>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
