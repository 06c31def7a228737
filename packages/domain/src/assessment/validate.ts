import { type QuestionBody, STATEMENT_LETTERS } from './question';

/** A problem with one question's content; `code` is stable, `message` is Vietnamese for teachers. */
export type QuestionIssue = { code: string; message: string };

const MAX_OPTIONS = 8;

/**
 * Checks that a question's content and answer key agree (options exist, the key names them, exactly four
 * statements for true/false …). Returns every problem found; an empty list means the question is usable.
 */
export function validateQuestionBody(body: QuestionBody): QuestionIssue[] {
  const issues: QuestionIssue[] = [];
  const add = (code: string, message: string) => issues.push({ code, message });
  if (!body.content.stem.trim() && body.type !== 'matching')
    add('Q_EMPTY_STEM', 'Câu hỏi chưa có nội dung (phần dẫn).');
  switch (body.type) {
    case 'single':
    case 'multiple': {
      const { options } = body.content;
      if (options.length === 0) add('Q_NO_OPTIONS', 'Không tìm thấy phương án A–D.');
      else if (options.length < 2 || options.length > MAX_OPTIONS)
        add('Q_OPTION_COUNT', `Có ${options.length} phương án, cần từ 2 đến ${MAX_OPTIONS}.`);
      const ids = new Set(options.map((o) => o.id));
      if (ids.size !== options.length) add('Q_OPTION_ID', 'Mã phương án bị trùng.');
      options.forEach((o, i) => {
        if (!o.text.trim()) add('Q_OPTION_EMPTY', `Phương án ${String.fromCharCode(65 + i)} để trống.`);
      });
      const keyIds = body.type === 'single' ? [body.key.optionId] : body.key.optionIds;
      if (keyIds.length === 0 || keyIds.some((k) => !k)) add('Q_NO_KEY', 'Chưa xác định đáp án đúng.');
      else if (keyIds.some((k) => !ids.has(k)))
        add('Q_KEY_UNKNOWN', 'Đáp án đúng không phải là một phương án của câu hỏi.');
      if (body.type === 'multiple' && new Set(keyIds).size !== keyIds.length)
        add('Q_KEY_DUPLICATE', 'Đáp án đúng bị lặp.');
      break;
    }
    case 'true_false': {
      const { statements } = body.content;
      if (statements.length !== 4) add('TF_COUNT', `Cần 4 ý a)–d), có ${statements.length}.`);
      statements.forEach((s, i) => {
        const label = STATEMENT_LETTERS[i] ?? s.id;
        if (!s.text.trim()) add('TF_EMPTY', `Ý ${label}) để trống.`);
        if (typeof body.key.values[s.id] !== 'boolean') add('TF_MISSING', `Ý ${label}) chưa có Đúng/Sai.`);
      });
      break;
    }
    case 'short_answer':
      if (!Number.isFinite(body.key.value)) add('SA_NOT_NUMBER', 'Đáp án phải là một số.');
      if (!Number.isFinite(body.key.tolerance) || body.key.tolerance < 0)
        add('SA_TOLERANCE', 'Sai số cho phép phải là số không âm.');
      break;
    case 'matching': {
      const { left, right } = body.content;
      if (left.length < 2) add('MATCH_COUNT', 'Cần ít nhất 2 cặp ghép nối.');
      const rightIds = new Set(right.map((r) => r.id));
      for (const l of left) {
        const r = body.key.pairs[l.id];
        if (!r || !rightIds.has(r)) add('MATCH_KEY', `Vế "${l.text}" chưa có vế ghép đúng.`);
      }
      break;
    }
    case 'fill_blank': {
      const { blanks } = body.content;
      if (blanks.length === 0) add('FILL_NO_BLANK', 'Câu điền khuyết cần ít nhất một chỗ trống [[1]].');
      for (const b of blanks) {
        if (!body.content.stem.includes(`[[${b.id}]]`))
          add('FILL_MARKER', `Phần dẫn không có chỗ trống [[${b.id}]].`);
        const accepted = body.key.blanks[b.id];
        if (!accepted || accepted.filter((a) => a.trim()).length === 0)
          add('FILL_NO_KEY', `Chỗ trống [[${b.id}]] chưa có đáp án.`);
      }
      break;
    }
    case 'essay':
      for (const r of body.content.rubric) {
        if (!r.criterion.trim()) add('RUBRIC_EMPTY', 'Tiêu chí chấm để trống.');
        if (!Number.isFinite(r.points) || r.points < 0)
          add('RUBRIC_POINTS', 'Điểm tiêu chí chấm không hợp lệ.');
      }
      break;
  }
  return issues;
}

/** Points of an item: positive, at most 100, in steps of 0.01 (0,25 per Phần I item …). */
export function validatePoints(points: number): QuestionIssue | null {
  if (!Number.isFinite(points) || points <= 0 || points > 100)
    return { code: 'POINTS_RANGE', message: 'Điểm của câu phải lớn hơn 0 và không quá 100.' };
  if (Math.abs(points * 100 - Math.round(points * 100)) > 1e-6)
    return { code: 'POINTS_STEP', message: 'Điểm của câu chỉ lấy đến hai chữ số thập phân.' };
  return null;
}
