/** fast-check generators of valid questions, shared by the property tests (test-only; not exported). */
import fc from 'fast-check';
import type { QuestionBody } from './question';

const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.constantFrom('Hà Nội', 'con mèo', '\\(\\frac{1}{2}\\)', 'x = -1,5', 'Đúng', 'Nhận biết'),
);
const letters = 'ABCDEFGH';

export const arbitraryChoiceBody: fc.Arbitrary<QuestionBody> = fc
  .record({
    n: fc.integer({ min: 2, max: 8 }),
    stem: text,
    multi: fc.boolean(),
    seed: fc.nat(),
    fixed: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .chain(({ n, stem, multi, fixed }) =>
    fc.subarray([...letters.slice(0, n)], { minLength: 1 }).chain((keys) =>
      fc.array(text, { minLength: n, maxLength: n }).map((texts): QuestionBody => {
        const options = texts.map((t, i) => ({
          id: letters[i],
          text: t,
          ...(fixed[i] ? { fixed: true } : {}),
        }));
        return multi
          ? { type: 'multiple', content: { stem, options }, key: { optionIds: keys } }
          : { type: 'single', content: { stem, options }, key: { optionId: keys[0] } };
      }),
    ),
  );

export const arbitraryBody: fc.Arbitrary<QuestionBody> = fc.oneof(
  arbitraryChoiceBody,
  fc
    .record({
      stem: text,
      st: fc.array(text, { minLength: 4, maxLength: 4 }),
      v: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    })
    .map(
      ({ stem, st, v }): QuestionBody => ({
        type: 'true_false',
        content: { stem, statements: st.map((t, i) => ({ id: 'abcd'[i], text: t })) },
        key: { values: Object.fromEntries(v.map((b, i) => ['abcd'[i], b])) },
      }),
    ),
  fc
    .record({
      stem: text,
      value: fc.double({ min: -1000, max: 1000, noNaN: true }),
      tol: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(
      (r): QuestionBody => ({
        type: 'short_answer',
        content: { stem: r.stem },
        key: { value: r.value, tolerance: r.tol },
      }),
    ),
  fc.record({ stem: text, pairs: fc.array(fc.tuple(text, text), { minLength: 2, maxLength: 6 }) }).map(
    ({ stem, pairs }): QuestionBody => ({
      type: 'matching',
      content: {
        stem,
        left: pairs.map((p, i) => ({ id: `L${i + 1}`, text: p[0] })),
        right: pairs.map((p, i) => ({ id: `R${i + 1}`, text: p[1] })),
      },
      key: { pairs: Object.fromEntries(pairs.map((_, i) => [`L${i + 1}`, `R${i + 1}`])) },
    }),
  ),
  fc
    .record({
      stem: text,
      answers: fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    })
    .map(
      ({ stem, answers }): QuestionBody => ({
        type: 'fill_blank',
        content: {
          stem: `${stem} ${answers.map((_, i) => `[[${i + 1}]]`).join(' ')}`,
          blanks: answers.map((_, i) => ({ id: String(i + 1) })),
        },
        key: { blanks: Object.fromEntries(answers.map((a, i) => [String(i + 1), a])) },
      }),
    ),
  fc
    .record({
      stem: text,
      rubric: fc.array(fc.record({ criterion: text, points: fc.double({ min: 0, max: 2, noNaN: true }) }), {
        maxLength: 3,
      }),
    })
    .map(({ stem, rubric }): QuestionBody => ({ type: 'essay', content: { stem, rubric }, key: {} })),
);
