import { Badge, Group, List, SimpleGrid, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import type { QuestionBody } from '@smartedu/contracts';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MathText } from './math-text';
import { mediaUrl } from './question-bank.hooks';

const LETTERS = 'ABCDEFGH';
const num = (n: number) => String(n).replace('.', ',');

/** A question as students see it, with the key when asked (preview, review, test pages). */
export function QuestionView({
  body,
  schoolId,
  showKey = true,
}: {
  body: QuestionBody;
  schoolId: string;
  showKey?: boolean;
}) {
  const { t } = useTranslation();
  const c = body.content;
  const stem = body.type === 'fill_blank' ? c.stem.replace(/\[\[([^\]]+)\]\]/g, ' ____($1) ') : c.stem;
  return (
    <Stack gap="xs">
      <Text component="div">
        <MathText text={stem} />
      </Text>
      {(c.media ?? []).map((m) =>
        m.kind === 'image' ? (
          <img
            key={m.sha256}
            src={mediaUrl(schoolId, m.sha256)}
            alt={m.alt ?? ''}
            style={{ maxWidth: '100%', maxHeight: 260, objectFit: 'contain' }}
          />
        ) : (
          // biome-ignore lint/a11y/useMediaCaption: listening items have no caption (the transcript is the answer)
          <audio key={m.sha256} controls src={mediaUrl(schoolId, m.sha256)} />
        ),
      )}
      {(body.type === 'single' || body.type === 'multiple') && (
        <SimpleGrid
          cols={{ base: 1, sm: body.content.options.some((o) => o.text.length > 30) ? 1 : 2 }}
          spacing={4}
        >
          {body.content.options.map((o, i) => {
            const right =
              body.type === 'single' ? body.key.optionId === o.id : body.key.optionIds.includes(o.id);
            return (
              <Group key={o.id} gap={6} wrap="nowrap" align="flex-start">
                <Text fw={700} c={showKey && right ? 'green' : undefined}>
                  {LETTERS[i]}.
                </Text>
                <Text component="div" c={showKey && right ? 'green' : undefined}>
                  <MathText text={o.text} />
                </Text>
                {showKey && right && (
                  <ThemeIcon size="xs" color="green" variant="light">
                    <IconCheck size={12} />
                  </ThemeIcon>
                )}
                {o.fixed && (
                  <Badge size="xs" variant="outline" color="gray">
                    {t('questionBank.fixed')}
                  </Badge>
                )}
              </Group>
            );
          })}
        </SimpleGrid>
      )}
      {body.type === 'true_false' && (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Tbody>
            {body.content.statements.map((s, i) => (
              <Table.Tr key={s.id}>
                <Table.Td w={30}>{'abcdefgh'[i]})</Table.Td>
                <Table.Td>
                  <MathText text={s.text} />
                </Table.Td>
                {showKey && (
                  <Table.Td w={60}>
                    <Badge color={body.key.values[s.id] ? 'green' : 'red'} variant="light">
                      {body.key.values[s.id] ? t('questionBank.true') : t('questionBank.false')}
                    </Badge>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {body.type === 'matching' && (
        <SimpleGrid cols={2} spacing="xs">
          <List type="ordered" size="sm">
            {body.content.left.map((l) => (
              <List.Item key={l.id}>
                <MathText text={l.text} />
              </List.Item>
            ))}
          </List>
          <Stack gap={2}>
            {body.content.right.map((r, i) => (
              <Text key={r.id} size="sm" component="div">
                <b>{LETTERS[i]}.</b> <MathText text={r.text} />
              </Text>
            ))}
          </Stack>
        </SimpleGrid>
      )}
      {showKey && (
        <Text size="sm" c="green.8" component="div">
          {body.type === 'short_answer' &&
            `${t('questionBank.answer')}: ${num(body.key.value)}${body.key.tolerance ? ` (± ${num(body.key.tolerance)})` : ''}`}
          {body.type === 'matching' &&
            `${t('questionBank.answer')}: ${body.content.left
              .map(
                (l, i) =>
                  `${i + 1}-${LETTERS[body.content.right.findIndex((r) => r.id === body.key.pairs[l.id])] ?? '?'}`,
              )
              .join(', ')}`}
          {body.type === 'fill_blank' &&
            `${t('questionBank.answer')}: ${body.content.blanks.map((b) => `(${b.id}) ${(body.key.blanks[b.id] ?? []).join(' / ')}`).join('; ')}`}
        </Text>
      )}
      {body.type === 'essay' && showKey && (
        <Stack gap={2}>
          {body.content.rubric.length > 0 && (
            <Text size="sm" fw={600}>
              {t('questionBank.rubric')}
            </Text>
          )}
          {body.content.rubric.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rubric rows have no id
            <Text key={i} size="sm" component="div">
              • <MathText text={r.criterion} /> — {num(r.points)} {t('questionBank.pointsUnit')}
            </Text>
          ))}
          {body.key.sampleAnswer && (
            <Text size="sm" c="dimmed" component="div">
              {t('questionBank.sampleAnswer')}: <MathText text={body.key.sampleAnswer} />
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
