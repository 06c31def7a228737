import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKey, findNearDuplicates, questionSimilarity } from './duplicates';
import { parseQuestionSheet } from './excel-import';
import { latexToText, markupToText, sanitizeMarkup, splitMath } from './markup';
import type { QuestionBody } from './question';
import { resolveSubjectCode } from './topics';
import { validateQuestionBody } from './validate';

const q = (stem: string, options: string[], key = 'A'): QuestionBody => ({
  type: 'single',
  content: { stem, options: options.map((text, i) => ({ id: 'ABCD'[i], text })) },
  key: { optionId: key },
});

describe('markup', () => {
  it('cleans idempotently, also when removing a tag brings two $ together (found by the QTI round trip)', () => {
    expect(sanitizeMarkup('$5<b>$5')).toBe(sanitizeMarkup(sanitizeMarkup('$5<b>$5')));
    const piece = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('$', '$$', '<b>', '</i>', '<', '>', '\\(', '\\)', '&lt;', '5', ' ', '\n'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const once = sanitizeMarkup(parts.join(''));
        expect(sanitizeMarkup(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('splits text and formulas', () => {
    expect(splitMath('Tính \\(\\frac{1}{2}\\) và $x^2$, giá 5\\$')).toEqual([
      { kind: 'text', value: 'Tính ' },
      { kind: 'math', value: '\\frac{1}{2}', display: false },
      { kind: 'text', value: ' và ' },
      { kind: 'math', value: 'x^2', display: false },
      { kind: 'text', value: ', giá 5$' },
    ]);
  });

  it('removes HTML outside formulas but keeps inequalities inside them', () => {
    expect(sanitizeMarkup('<p>Cho <b>x</b><sup>2</sup> &amp; \\(a<b>c\\)</p><script>alert(1)</script>')).toBe(
      'Cho x\\(^{2}\\) & \\(a< b>c\\)', // '<' before a letter gets a space: same formula, never a tag
    );
  });

  it('turns common LaTeX into readable text for paper copies', () => {
    expect(latexToText('\\frac{1}{2} + x^2 - \\sqrt{9} \\le 3 \\cdot 2')).toBe('1/2 + x² - √9 ≤ 3 · 2');
    expect(markupToText('Giá trị \\(\\frac{a+1}{2}\\)')).toBe('Giá trị (a+1)/2');
  });

  it('property: sanitising is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = sanitizeMarkup(s);
        expect(sanitizeMarkup(once)).toBe(once);
        expect(() => markupToText(s)).not.toThrow();
      }),
    );
  });
});

describe('duplicates', () => {
  it('catches a copy with reordered options and different spacing or case', () => {
    const a = q('Thủ đô của Việt Nam là', ['Huế', 'Hà Nội', 'Đà Nẵng', 'Cần Thơ'], 'B');
    const b = q('  thủ đô của  Việt Nam là ', ['Hà Nội', 'Huế', 'Cần Thơ', 'Đà Nẵng']);
    expect(duplicateKey(a)).toBe(duplicateKey(b));
    // diacritics matter
    expect(duplicateKey(q('ba', ['1', '2']))).not.toBe(duplicateKey(q('bà', ['1', '2'])));
  });

  it('finds near duplicates by trigram similarity', () => {
    const a = q('Số nào sau đây là số nguyên tố?', ['1', '2', '4', '9']);
    const b = q('Số nào dưới đây là số nguyên tố?', ['1', '2', '4', '9']);
    const c = q('Thủ đô của Việt Nam là', ['Huế', 'Hà Nội', 'Đà Nẵng', 'Cần Thơ']);
    expect(questionSimilarity(a, b)).toBeGreaterThan(0.6);
    const found = findNearDuplicates({ body: a }, [
      { id: 'b', body: b },
      { id: 'c', body: c },
    ]);
    expect(found.map((f) => f.item.id)).toEqual(['b']);
  });
});

describe('validation and subjects', () => {
  it('checks that the key names an option', () => {
    expect(validateQuestionBody(q('x', ['1', '2'], 'E')).map((i) => i.code)).toEqual(['Q_KEY_UNKNOWN']);
  });
  it('resolves subject names by grade', () => {
    expect(resolveSubjectCode('Toán', 6)).toBe('THCS_TOAN');
    expect(resolveSubjectCode('Toán', 3)).toBe('TH_TOAN');
    expect(resolveSubjectCode('Tiếng Anh', 8)).toBe('THCS_NGOAI_NGU_1');
    expect(resolveSubjectCode('KHTN', 8)).toBe('THCS_KHTN');
    expect(resolveSubjectCode('thcs_ngu_van')).toBe('THCS_NGU_VAN');
    expect(resolveSubjectCode('Bơi lội', 6)).toBeNull();
  });
});

describe('parseQuestionSheet', () => {
  const headers = [
    'Mã',
    'Loại',
    'Câu hỏi',
    'A',
    'B',
    'C',
    'D',
    'Đáp án',
    'Điểm',
    'Mức độ',
    'Chủ đề',
    'Giữ thứ tự',
  ];
  it('reads every type and names the row of each mistake', () => {
    const rows = [
      ['T1', 'MC', 'Số đối của 5 là', '-5', '5', '0', '1', 'A', '0,25', 'NB', 'Số nguyên', ''],
      [
        'T2',
        'DS',
        'Cho số 12',
        'chia hết cho 2',
        'chia hết cho 5',
        'là số chẵn',
        'là số nguyên tố',
        'ĐSĐS',
        '1',
        'TH',
        'Số tự nhiên',
        '',
      ],
      ['T3', 'TLN', 'Tính 1,5 + 2', '', '', '', '', '3,5', '0,5', 'VD', 'Số thập phân', ''],
      ['T4', 'MC', 'Sai đáp án', '1', '2', '3', '4', 'E', '', '', '', ''],
      ['T5', 'TLN', 'Một nửa', '', '', '', '', '1/2', '', '', '', ''],
      ['T6', 'XX', 'Loại lạ', '', '', '', '', '', '', '', '', ''],
      ['T7', 'MR', 'Số chẵn', '2', '3', '4', '5', 'A,C', '', 'VDC', '', 'x'],
      ['T8', 'MC', 'Mức lạ', '1', '2', '3', '4', 'A', '', 'rất khó', '', ''],
    ].map((cells, i) => ({ row: i + 2, cells }));
    const r = parseQuestionSheet(headers, rows);
    expect(r.questions.map((x) => [x.row, x.body.type])).toEqual([
      [2, 'single'],
      [3, 'true_false'],
      [4, 'short_answer'],
      [8, 'multiple'],
    ]);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.row])).toEqual([
      ['Q_KEY_UNKNOWN', 5],
      ['SA_NOT_NUMBER', 6],
      ['XLSX_BAD_TYPE', 7],
      ['META_BAD', 9],
    ]);
    expect(r.issues[0].message).toBe('Dòng 5: đáp án "E" không có trong A–D.');
    expect(r.questions[0]).toMatchObject({ externalId: 'T1', points: 0.25, level: 'NB', topic: 'Số nguyên' });
    const mr = r.questions[3].body;
    expect(mr.type === 'multiple' && mr.content.options.every((o) => o.fixed)).toBe(true);
  });

  it('property: never throws on generated sheets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('Loại', 'Câu hỏi', 'A', 'B', 'Đáp án', 'Mức độ'),
            fc.constant(null),
          ),
        ),
        fc.array(
          fc.record({
            row: fc.nat(),
            cells: fc.array(
              fc.oneof(
                fc.string(),
                fc.constantFrom('MC', 'DS', 'TLN', 'GHEP', 'DK', 'a => b', 'ĐSĐS', '[[1]]'),
                fc.constant(null),
              ),
            ),
          }),
        ),
        (headers, rows) => {
          const r = parseQuestionSheet(headers, rows);
          expect(Array.isArray(r.issues)).toBe(true);
        },
      ),
    );
  });
});
