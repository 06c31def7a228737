import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DocBlock, type DocParagraph, type DocRun, parseWordQuestions } from './word-import';

type RunSpec = string | DocRun;
const p = (...runs: RunSpec[]): DocParagraph => ({
  kind: 'paragraph',
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});
const u = (text: string): DocRun => ({ text, underline: true });
const red = (text: string): DocRun => ({ text, color: 'FF0000' });
const lines = (...texts: string[]) => texts.map((t) => p(t));

describe('parseWordQuestions', () => {
  it('reads the 2025 three-part paper with every way of marking answers', () => {
    const blocks: DocBlock[] = [
      p('SỞ GIÁO DỤC VÀ ĐÀO TẠO LAI CHÂU'),
      p('ĐỀ KIỂM TRA GIỮA KÌ I — Môn: Toán, Lớp: 6'),
      p('[Chủ đề: Số tự nhiên] [Mức độ: NB]'),
      p('PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn'),
      p('Câu 1: Số nào sau đây là số nguyên tố?'),
      p('A. 1'),
      p(u('B.'), ' 2'),
      p('C. 4'),
      p('D. 9'),
      p('Câu 2: Kết quả của phép tính \\(2^3\\) là'),
      p('A. 6    ', red('B. 8'), '    C. 9    D. 5'),
      p('Câu 3: ƯCLN(12, 18) bằng'),
      p('A. 2  B. 3  *C. 6  D. 36'),
      p('[Mức độ: TH] [Điểm: 0,5]'),
      p('Câu 4: Số đối của −5 là'),
      ...lines('A. 5', 'B. −5', 'C. 0', 'D. 1/5', 'Đáp án: A'),
      p('PHẦN II. Câu trắc nghiệm đúng sai'),
      p('Câu 5: Cho các số 12, 15, 20.'),
      p(u('a)'), ' 12 chia hết cho 3.'),
      p('b) 15 là số chẵn.'),
      p(u('c) 20 chia hết cho 5.')),
      p('d) Cả ba số đều chia hết cho 2.'),
      p('PHẦN III. Câu trắc nghiệm trả lời ngắn'),
      p('Câu 6: Tính \\(1{,}5 + 2{,}25\\).'),
      p('Đáp án: 3,75'),
      p('Lời giải: 1,5 + 2,25 = 3,75.'),
      p('--- HẾT ---'),
    ];
    const r = parseWordQuestions(blocks);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.questions.map((q) => [q.number, q.body.type])).toEqual([
      [1, 'single'],
      [2, 'single'],
      [3, 'single'],
      [4, 'single'],
      [5, 'true_false'],
      [6, 'short_answer'],
    ]);
    const [q1, q2, q3, q4, q5, q6] = r.questions;
    expect(q1.body.key).toEqual({ optionId: 'B' });
    expect(q1.subject).toBe('Toán');
    expect(q1.grade).toBe(6);
    expect(q1.topic).toBe('Số tự nhiên');
    expect(q1.level).toBe('NB');
    expect(q2.body.key).toEqual({ optionId: 'B' });
    expect(q2.body.content.stem).toBe('Kết quả của phép tính \\(2^3\\) là');
    expect(q3.body.key).toEqual({ optionId: 'C' });
    expect(q3.level).toBe('TH');
    expect(q3.points).toBe(0.5);
    expect(q4.body.key).toEqual({ optionId: 'A' });
    expect(q5.body.key).toEqual({ values: { a: true, b: false, c: true, d: false } });
    expect(q6.body.key).toEqual({ value: 3.75, tolerance: 0 });
    expect(q6.explanation).toBe('1,5 + 2,25 = 3,75.');
    // "3,75" has 4 characters: no warning; the answer sheet has 4 cells.
    expect(r.issues.filter((i) => i.code === 'SA_TOO_LONG')).toEqual([]);
  });

  it('reports each mistake by question number and keeps the good questions', () => {
    const blocks: DocBlock[] = [
      p('PHẦN I'),
      p('Câu 1: Thủ đô của Việt Nam là'),
      ...lines('A. Huế', 'B. Hà Nội', 'C. Đà Nẵng'),
      p('Câu 2: Câu không có đáp án'),
      ...lines('A. 1', 'B. 2', 'C. 3', 'D. 4'),
      p('Câu 3: Hai đáp án'),
      p('A. 1'),
      p(u('B. 2')),
      p('C. 3'),
      p(u('D. 4')),
      p('Câu 4: Đúng'),
      p('A. 1'),
      p(u('B. 2')),
      p('C. 3'),
      p('D. 4'),
      p('Câu 5: Mâu thuẫn'),
      p('A. 1'),
      p(u('B. 2')),
      p('C. 3'),
      p('D. 4'),
      p('[Mức độ: VDC2]'),
      p('Câu 7: Nhảy số'),
      ...lines('A. 1', '*B. 2', 'C. 3', 'D. 4'),
      p('PHẦN II'),
      p('Câu 8: Thiếu ý'),
      ...lines('a) x', 'b) y', 'c) z'),
      p('Câu 9: Thiếu Đ/S'),
      ...lines('a) x', 'b) y', 'c) z', 'd) t', 'Đáp án: a-Đ, b-S, d-Đ'),
      p('PHẦN III'),
      p('Câu 10: Một nửa bằng bao nhiêu?'),
      p('Đáp án: 1/2'),
      p('Câu 11: Giá trị của \\(\\pi\\) làm tròn đến hàng phần trăm'),
      p('Đáp án: 3,14'),
      p('Câu 12: Số quá dài'),
      p('Đáp án: -12,25'),
      p('HẾT'),
      p('BẢNG ĐÁP ÁN'),
      p('1-B 5-C 41-A'),
    ];
    const r = parseWordQuestions(blocks);
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.question]);
    expect(errors).toEqual([
      ['Q_OPTION_COUNT', 1],
      ['Q_NO_KEY', 2],
      ['Q_MULTI_KEY', 3],
      ['META_BAD', 5],
      ['Q_KEY_CONFLICT', 5],
      ['TF_COUNT', 8],
      ['TF_MISSING', 9],
      ['SA_NOT_NUMBER', 10],
      ['KEY_ORPHAN', 41],
    ]);
    expect(r.questions.map((q) => q.number)).toEqual([4, 7, 11, 12]);
    const messages = r.issues.map((i) => i.message);
    expect(messages).toContain('Câu 1 (Phần I): có 3 phương án, cần 4.');
    expect(messages).toContain('Câu 3 (Phần I): có 2 đáp án đúng (B, D).');
    expect(messages).toContain('Câu 5 (Phần I): bảng đáp án ghi C, phương án được đánh dấu là B.');
    expect(messages).toContain('Câu 8 (Phần II): cần 4 ý a)–d), có 3.');
    expect(messages).toContain('Câu 9 (Phần II): ý c) chưa có Đúng/Sai.');
    expect(messages).toContain('Câu 10 (Phần III): "1/2" không phải là số.');
    const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => [i.code, i.question]);
    expect(warnings).toContainEqual(['NUM_SEQUENCE', 7]);
    expect(warnings).toContainEqual(['SA_TOO_LONG', 12]);
  });

  it('reads a key table after HẾT, italic letters as "do not shuffle" and bold as a last resort', () => {
    const table: DocBlock = {
      kind: 'table',
      rows: [
        [[p('Câu')], [p('1')], [p('2')]],
        [[p('Đáp án')], [p('C')], [p('A')]],
      ],
    };
    const r = parseWordQuestions([
      p('Câu 1: Chọn'),
      p('A. x'),
      p('B. y'),
      p('C. z'),
      p({ text: 'D.', italic: true }, ' Cả ba phương án trên'),
      p('Câu 2: In đậm'),
      p({ text: 'A. đậm', bold: true }),
      p('B. thường'),
      p('HẾT'),
      p('BẢNG ĐÁP ÁN'),
      table,
    ]);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.questions[0].body.key).toEqual({ optionId: 'C' });
    const q1 = r.questions[0].body;
    if (q1.type !== 'single') throw new Error('single expected');
    expect(q1.content.options[3]).toEqual({ id: 'D', text: 'Cả ba phương án trên', fixed: true });
    expect(r.questions[1].body.key).toEqual({ optionId: 'A' });
  });

  it('makes several marked options outside Phần I a multiple-response question', () => {
    const r = parseWordQuestions([
      p('Câu 1: Chọn các số chẵn'),
      p(u('A. 2')),
      p('B. 3'),
      p(u('C. 4')),
      p('D. 5'),
    ]);
    expect(r.questions[0].body).toMatchObject({ type: 'multiple', key: { optionIds: ['A', 'C'] } });
  });

  it('reads an essay with a rubric', () => {
    const r = parseWordQuestions([
      p('PHẦN II. Tự luận'),
      p('Câu 1: Giải phương trình \\(2x - 4 = 0\\).'),
      p('Hướng dẫn chấm:'),
      p('- Chuyển vế đúng: \\(2x = 4\\) (0,5 điểm)'),
      p('- Tìm được \\(x = 2\\) (0,5 điểm)'),
    ]);
    expect(r.questions[0].body).toEqual({
      type: 'essay',
      content: {
        stem: 'Giải phương trình \\(2x - 4 = 0\\).',
        rubric: [
          { criterion: 'Chuyển vế đúng: \\(2x = 4\\)', points: 0.5 },
          { criterion: 'Tìm được \\(x = 2\\)', points: 0.5 },
        ],
      },
      key: {},
    });
  });

  it('reports an empty document', () => {
    expect(parseWordQuestions([]).issues[0].code).toBe('NO_QUESTIONS');
  });

  it('property: never throws on generated documents', () => {
    const token = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'Câu 1:',
        'Câu 2.',
        'A.',
        'B)',
        '*C.',
        'D.',
        'a)',
        'b)',
        'Đáp án:',
        'HẾT',
        'BẢNG ĐÁP ÁN',
        'PHẦN II',
        '[Mức độ: X]',
        'Lời giải:',
        '1-A',
        'ĐSĐS',
        '-1,5',
        'I.',
        'LỜI GIẢI',
      ),
    );
    const run: fc.Arbitrary<DocRun> = fc.record({
      text: fc.array(token, { maxLength: 4 }).map((x) => x.join(' ')),
      underline: fc.boolean(),
      color: fc.constantFrom(null, 'FF0000', '000000', 'zz'),
      bold: fc.boolean(),
      italic: fc.boolean(),
    });
    const para: fc.Arbitrary<DocParagraph> = fc.record({
      kind: fc.constant('paragraph' as const),
      runs: fc.array(run, { maxLength: 4 }),
      images: fc.array(fc.record({ ref: fc.string(), floating: fc.boolean() }), { maxLength: 1 }),
    });
    const block: fc.Arbitrary<DocBlock> = fc.oneof(
      { weight: 5, arbitrary: para },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.array(fc.array(para, { maxLength: 2 }), { maxLength: 3 }), { maxLength: 3 })
          .map((rows): DocBlock => ({ kind: 'table', rows })),
      },
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 40 }), (blocks) => {
        const r = parseWordQuestions(blocks);
        expect(Array.isArray(r.questions)).toBe(true);
        for (const q of r.questions) expect(q.body.content.stem.length).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
    // not even a block list
    expect(() => parseWordQuestions(null as unknown as DocBlock[])).not.toThrow();
    expect(() =>
      parseWordQuestions([{ kind: 'paragraph', runs: null } as unknown as DocBlock]),
    ).not.toThrow();
  });
});
