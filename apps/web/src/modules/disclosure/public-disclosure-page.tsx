import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { DisclosurePage, DisclosureSectionBlock } from '@smartedu/contracts';
import { IconFileTypePdf, IconMessage2, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LanguageSwitch } from '../../app/language-switch';
import { PageLoader } from '../../components/query-state';
import { errorMessage } from '../../lib/errors';
import { useLookupFeedback, usePublicDisclosure, useSubmitFeedback } from './disclosure.hooks';

/**
 * Trang công khai (Thông tư 09/2024/TT-BGDĐT), public and mobile-first: /cong-khai/:schoolCode for a school,
 * /cong-khai/phong/:unitCode for a department. Figures come from the data; documents from the unit's uploads.
 */
export function PublicDisclosurePage({ kind }: { kind: 'school' | 'unit' }) {
  const { t } = useTranslation();
  const { code } = useParams();
  const page = usePublicDisclosure(kind, code);
  return (
    <Box bg="gray.0" mih="100vh" py="md">
      <Container size="md" px="sm">
        <Stack gap="md" data-testid="disclosure-page">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('disclosure.portal')}
            </Text>
            <LanguageSwitch />
          </Group>
          {page.isLoading && <PageLoader />}
          {page.error && <Alert color="red">{errorMessage(page.error)}</Alert>}
          {page.data && <PageBody page={page.data} />}
          {page.data && <FeedbackPanel unitCode={page.data.unit.code} unitName={page.data.unit.name} />}
        </Stack>
      </Container>
    </Box>
  );
}

function PageBody({ page }: { page: DisclosurePage }) {
  const { t } = useTranslation();
  const u = page.unit;
  return (
    <>
      <Paper withBorder p="md" radius="md">
        <Title order={2} data-testid="disclosure-unit-name">
          {u.name}
        </Title>
        <Group gap="xs" mt={4}>
          {u.schoolLevel && <Badge variant="light">{t(`schoolLevel.${u.schoolLevel}`)}</Badge>}
          {page.schoolYear && (
            <Badge variant="outline">{t('disclosure.schoolYear', { year: page.schoolYear })}</Badge>
          )}
        </Group>
        <Stack gap={2} mt="sm">
          {u.parentName && <Text size="sm">{t('disclosure.parent', { name: u.parentName })}</Text>}
          {u.address && <Text size="sm">{t('disclosure.address', { v: u.address })}</Text>}
          {u.phone && <Text size="sm">{t('disclosure.phone', { v: u.phone })}</Text>}
          {u.email && <Text size="sm">{t('disclosure.email', { v: u.email })}</Text>}
          {u.website && (
            <Anchor size="sm" href={u.website} target="_blank" rel="noopener noreferrer">
              {u.website}
            </Anchor>
          )}
        </Stack>
        <Text size="xs" c="dimmed" mt="sm">
          {t('disclosure.legal')}
        </Text>
      </Paper>

      {page.schools.length > 0 && (
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            {t('disclosure.schools')}
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table data-testid="disclosure-schools">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('disclosure.schoolName')}</Table.Th>
                  <Table.Th>{t('disclosure.col.students')}</Table.Th>
                  <Table.Th>{t('disclosure.col.classes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.schools.map((s) => (
                  <Table.Tr key={s.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cong-khai/${s.code}`}>
                        {s.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{s.students ?? '—'}</Table.Td>
                    <Table.Td>{s.classes ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      {page.sections.map((s) => (
        <Section key={s.section} block={s} />
      ))}
    </>
  );
}

function Section({ block }: { block: DisclosureSectionBlock }) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const empty = block.figures.length === 0 && block.rows.length === 0 && block.documents.length === 0;
  const rowLabel = (label: string) => {
    if (label.startsWith('exam:')) return label.slice(5);
    if (label.startsWith('grade:')) return t('disclosure.gradeN', { g: label.slice(6) });
    if (label.startsWith('equipment:'))
      return t(`disclosure.equipment.${label.slice(10)}`, { defaultValue: label.slice(10) });
    if (block.section === 'organisation') return t(`staffPosition.${label}`, { defaultValue: label });
    return t(`staffCategory.${label}`, { defaultValue: label });
  };
  const colLabel = (c: string) =>
    t(`qualification.${c}`, { defaultValue: '' }) || t(`disclosure.col.${c}`, { defaultValue: c });
  return (
    <Paper withBorder p="md" radius="md" data-testid="disclosure-section" data-section={block.section}>
      <Title order={4} mb="xs">
        {t(`disclosure.section.${block.section}`)}
      </Title>
      {block.figures.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 3 }} mb="sm">
          {block.figures.map((f) => (
            <Paper key={f.key} withBorder p="xs" radius="sm" data-testid="disclosure-figure" data-key={f.key}>
              <Text size="xs" c="dimmed">
                {t(`disclosure.figure.${f.key}`, { defaultValue: f.label })}
              </Text>
              <Text fw={700} size="lg" data-testid="figure-value">
                {f.value === null ? '—' : nf.format(f.value)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {block.rows.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table withColumnBorders mb="sm">
            {block.section !== 'organisation' && (
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {block.columns.map((c) => (
                    <Table.Th key={c}>{colLabel(c)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
            )}
            <Table.Tbody>
              {block.rows.map((r) => (
                <Table.Tr
                  key={`${r.label}-${r.values.join('|')}`}
                  data-testid="disclosure-row"
                  data-label={r.label}
                >
                  <Table.Td fw={500}>{rowLabel(r.label)}</Table.Td>
                  {r.values.map((v, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <Table.Td key={j}>{v ?? '—'}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {block.documents.length > 0 && (
        <Stack gap={4}>
          {block.documents.map((d) => (
            <Anchor key={d.id} href={d.url} target="_blank" rel="noopener" data-testid="disclosure-document">
              <Group gap={6} wrap="nowrap">
                <IconFileTypePdf size={16} />
                {d.title}
              </Group>
            </Anchor>
          ))}
        </Stack>
      )}
      {empty && (
        <Text size="sm" c="dimmed">
          {t('disclosure.noData')}
        </Text>
      )}
    </Paper>
  );
}

function FeedbackPanel({ unitCode, unitName }: { unitCode: string; unitName: string }) {
  const { t } = useTranslation();
  const submit = useSubmitFeedback();
  const lookup = useLookupFeedback();
  const [form, setForm] = useState({ name: '', contact: '', subject: '', message: '', website: '' });
  const [code, setCode] = useState('');
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = e.currentTarget.value; // read now: the updater runs after the event is gone
    setForm((f) => ({ ...f, [k]: value }));
  };
  return (
    <Paper withBorder p="md" radius="md" id="gop-y">
      <Group gap="xs" mb="xs">
        <IconMessage2 size={20} />
        <Title order={4}>{t('disclosure.feedback.title', { name: unitName })}</Title>
      </Group>
      {submit.data ? (
        <Alert color="green" data-testid="feedback-done">
          {t('disclosure.feedback.done')}{' '}
          <Text span fw={700} ff="monospace" data-testid="feedback-code">
            {submit.data.trackingCode}
          </Text>
        </Alert>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate({
              unitCode,
              name: form.name.trim() || undefined,
              contact: form.contact,
              subject: form.subject,
              message: form.message,
              website: form.website || undefined,
            });
          }}
        >
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('disclosure.feedback.name')}
                value={form.name}
                onChange={set('name')}
                maxLength={120}
              />
              <TextInput
                label={t('disclosure.feedback.contact')}
                value={form.contact}
                onChange={set('contact')}
                required
                maxLength={160}
                data-testid="feedback-contact"
              />
            </SimpleGrid>
            <TextInput
              label={t('disclosure.feedback.subject')}
              value={form.subject}
              onChange={set('subject')}
              required
              maxLength={200}
              data-testid="feedback-subject"
            />
            <Textarea
              label={t('disclosure.feedback.message')}
              value={form.message}
              onChange={set('message')}
              required
              rows={5}
              maxLength={4000}
              data-testid="feedback-message"
            />
            {/* Honeypot: hidden from people, filled by bots. */}
            <input
              type="text"
              name="website"
              tabIndex={-1}
              autoComplete="off"
              value={form.website}
              onChange={set('website')}
              style={{ position: 'absolute', left: '-10000px', width: 1, height: 1 }}
              aria-hidden="true"
            />
            {submit.error && <Alert color="red">{errorMessage(submit.error)}</Alert>}
            <Group justify="flex-end">
              <Button type="submit" loading={submit.isPending} data-testid="feedback-submit">
                {t('disclosure.feedback.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) lookup.mutate(code.trim());
        }}
      >
        <Group mt="md" align="flex-end">
          <TextInput
            label={t('disclosure.feedback.lookup')}
            placeholder="GY-XXXXXXXX"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            style={{ flex: 1 }}
            data-testid="lookup-code"
          />
          <Button
            type="submit"
            variant="light"
            leftSection={<IconSearch size={16} />}
            loading={lookup.isPending}
          >
            {t('disclosure.feedback.lookupButton')}
          </Button>
        </Group>
      </form>
      {lookup.error && (
        <Alert color="red" mt="xs">
          {errorMessage(lookup.error)}
        </Alert>
      )}
      {lookup.data && (
        <Paper withBorder p="sm" mt="xs" data-testid="lookup-result" data-status={lookup.data.status}>
          <Group gap="xs">
            <Text fw={600}>{lookup.data.subject}</Text>
            <Badge>{t(`disclosure.status.${lookup.data.status}`)}</Badge>
          </Group>
          {lookup.data.answer && (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }} data-testid="lookup-answer">
              {lookup.data.answer}
            </Text>
          )}
        </Paper>
      )}
    </Paper>
  );
}

export const PublicSchoolDisclosurePage = () => <PublicDisclosurePage kind="school" />;
export const PublicUnitDisclosurePage = () => <PublicDisclosurePage kind="unit" />;
