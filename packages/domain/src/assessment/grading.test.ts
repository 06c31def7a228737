import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StudentAnswer, scoreAnswer, TRUE_FALSE_SHARE } from './grading';
import type { GradableQuestion } from './question';
import { arbitraryBody } from './test-arbitraries';

const single: GradableQuestion = {
  type: 'single',
  points: 0.25,
  content: {
    stem: '2 + 3 = ?',
    options: [
      { id: 'A', text: '4' },
      { id: 'B', text: '5' },
      { id: 'C', text: '6' },
      { id: 'D', text: '7' },
    ],
  },
  key: { optionId: 'B' },
};
const tf: GradableQuestion = {
  type: 'true_false',
  points: 1,
  content: {
    stem: 'Cho hàm số \\(y = 2x + 1\\).',
    statements: [
      { id: 'a', text: 'Đồ thị đi qua điểm (0; 1).' },
      { id: 'b', text: 'Hàm số nghịch biến.' },
      { id: 'c', text: 'Hệ số góc bằng 2.' },
      { id: 'd', text: 'Đồ thị cắt trục hoành tại x = 1.' },
    ],
  },
  key: { values: { a: true, b: false, c: true, d: false } },
};

describe('scoreAnswer', () => {
  it('single choice: all or nothing', () => {
    expect(scoreAnswer(single, { optionId: 'B' })).toEqual({
      score: 0.25,
      maxScore: 0.25,
      status: 'correct',
    });
    expect(scoreAnswer(single, { optionId: 'A' }).score).toBe(0);
    expect(scoreAnswer(single, {}).status).toBe('unanswered');
  });

  it('true/false uses the 2025 table: 1 → 0.1, 2 → 0.25, 3 → 0.5, 4 → 1 of the points', () => {
    const right = { a: true, b: false, c: true, d: false };
    const wrong = { a: false, b: true, c: false, d: true };
    const mix = (n: number) =>
      Object.fromEntries(Object.keys(right).map((k, i) => [k, i < n ? right[k as 'a'] : wrong[k as 'a']]));
    expect([0, 1, 2, 3, 4].map((n) => scoreAnswer(tf, { values: mix(n) }).score)).toEqual([
      0, 0.1, 0.25, 0.5, 1,
    ]);
    expect(scoreAnswer({ ...tf, points: 2 }, { values: mix(3) }).score).toBe(1);
    expect(TRUE_FALSE_SHARE).toEqual([0, 0.1, 0.25, 0.5, 1]);
    // unanswered statements count as wrong
    expect(scoreAnswer(tf, { values: { a: true, b: false } }).score).toBe(0.25);
  });

  it('short answer accepts a decimal comma or point', () => {
    const q: GradableQuestion = {
      type: 'short_answer',
      points: 0.5,
      content: { stem: 'Nghiệm của \\(2x + 3 = 0\\)?' },
      key: { value: -1.5, tolerance: 0 },
    };
    expect(scoreAnswer(q, { text: '-1,5' }).score).toBe(0.5);
    expect(scoreAnswer(q, { text: ' -1.5 ' }).score).toBe(0.5);
    expect(scoreAnswer(q, { text: '-3/2' }).score).toBe(0);
  });

  it('multiple response: all or nothing, or partial credit', () => {
    const q: GradableQuestion = {
      type: 'multiple',
      points: 1,
      content: {
        stem: 'Số nguyên tố?',
        options: ['2', '4', '5', '9'].map((t, i) => ({ id: 'ABCD'[i], text: t })),
      },
      key: { optionIds: ['A', 'C'] },
    };
    expect(scoreAnswer(q, { optionIds: ['C', 'A'] }).score).toBe(1);
    expect(scoreAnswer(q, { optionIds: ['A'] }).score).toBe(0);
    const partial = { ...q, key: { optionIds: ['A', 'C'], partial: true } } as GradableQuestion;
    expect(scoreAnswer(partial, { optionIds: ['A'] }).score).toBe(0.5);
    expect(scoreAnswer(partial, { optionIds: ['A', 'B'] }).score).toBe(0);
  });

  it('matching and fill-in score per correct pair or blank', () => {
    const m: GradableQuestion = {
      type: 'matching',
      points: 1,
      content: {
        stem: 'Nối',
        left: [
          { id: 'L1', text: 'cat' },
          { id: 'L2', text: 'dog' },
        ],
        right: [
          { id: 'R1', text: 'con mèo' },
          { id: 'R2', text: 'con chó' },
        ],
      },
      key: { pairs: { L1: 'R1', L2: 'R2' } },
    };
    expect(scoreAnswer(m, { pairs: { L1: 'R1', L2: 'R1' } }).score).toBe(0.5);
    const f: GradableQuestion = {
      type: 'fill_blank',
      points: 1,
      content: { stem: 'Thủ đô của Việt Nam là [[1]].', blanks: [{ id: '1' }] },
      key: { blanks: { '1': ['Hà Nội', 'Ha Noi'] } },
    };
    expect(scoreAnswer(f, { blanks: { '1': '  hà   nội ' } }).score).toBe(1);
  });

  it('essays are left to a person', () => {
    const e: GradableQuestion = {
      type: 'essay',
      points: 2,
      content: { stem: 'Viết đoạn văn', rubric: [] },
      key: {},
    };
    expect(scoreAnswer(e, { text: 'bài làm' }).status).toBe('manual');
  });

  it('property: any answer scores within [0, points] and never throws', () => {
    const answer: fc.Arbitrary<StudentAnswer> = fc.record(
      {
        optionId: fc.oneof(fc.constantFrom('A', 'B', 'C', 'D'), fc.string(), fc.constant(null)),
        optionIds: fc.array(fc.oneof(fc.constantFrom('A', 'B', 'C', 'D'), fc.string())),
        values: fc.dictionary(
          fc.constantFrom('a', 'b', 'c', 'd', 'x'),
          fc.oneof(fc.boolean(), fc.constant(null)),
        ),
        text: fc.oneof(fc.string(), fc.double().map(String)),
        pairs: fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })),
        blanks: fc.dictionary(fc.string({ maxLength: 3 }), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        arbitraryBody,
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        answer,
        (body, points, a) => {
          const r = scoreAnswer({ ...body, points } as GradableQuestion, a);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(points + 1e-9);
        },
      ),
      { numRuns: 500 },
    );
    // garbage in place of an answer object
    fc.assert(
      fc.property(arbitraryBody, fc.anything(), (body, a) => {
        const r = scoreAnswer({ ...body, points: 1 } as GradableQuestion, a as StudentAnswer);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
