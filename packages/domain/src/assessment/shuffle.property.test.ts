import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawBlueprint, type PoolQuestion } from './blueprint';
import type { QuestionBody } from './question';
import {
  applyOptionOrder,
  displayKey,
  planVersion,
  shuffleOptionIds,
  shuffleSeeded,
  versionCodes,
} from './shuffle';
import { arbitraryBody, arbitraryChoiceBody } from './test-arbitraries';

const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('seeded shuffles', () => {
  it('property: a shuffle is a permutation and the same seed gives the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.nat(), (xs, seed) => {
        const a = shuffleSeeded(xs, seed);
        expect(sorted(a)).toEqual(sorted(xs));
        expect(shuffleSeeded(xs, seed)).toEqual(a);
      }),
    );
  });

  it('different seeds give different orders (for lists long enough)', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const orders = new Set([1, 2, 3, 4, 5].map((s) => shuffleSeeded(xs, s).join(',')));
    expect(orders.size).toBe(5);
  });

  it('property: fixed options stay in place, the rest is a permutation', () => {
    fc.assert(
      fc.property(arbitraryChoiceBody, fc.nat(), (body, seed) => {
        if (body.type !== 'single' && body.type !== 'multiple') return;
        const order = shuffleOptionIds(body.content.options, seed);
        expect(sorted(order)).toEqual(sorted(body.content.options.map((o) => o.id)));
        body.content.options.forEach((o, i) => {
          if (o.fixed) expect(order[i]).toBe(o.id);
        });
      }),
    );
  });

  it('property: a version keeps every item once, keeps parts in order, and keys follow the options', () => {
    fc.assert(
      fc.property(fc.array(arbitraryBody, { minLength: 1, maxLength: 12 }), fc.nat(), (bodies, seed) => {
        const items = bodies.map((body) => ({ body }));
        const plan = planVersion(items, { seed, shuffleQuestions: true, shuffleOptions: true });
        expect(sorted(plan.order)).toEqual(items.map((_, i) => i));
        expect(planVersion(items, { seed, shuffleQuestions: true, shuffleOptions: true })).toEqual(plan);
        // an item never moves into another part
        const parts = items.map((it) => it.body.type);
        const runs = (xs: string[]) => xs.filter((x, i) => i === 0 || xs[i - 1] !== x);
        expect(runs(plan.order.map((i) => parts[i]))).toEqual(runs(parts));
        plan.order.forEach((i) => {
          const shown: QuestionBody = applyOptionOrder(items[i].body, plan.optionOrders[i] ?? undefined);
          if (shown.type === 'single') {
            const letter = displayKey(shown);
            const idx = 'ABCDEFGH'.indexOf(letter);
            expect(shown.content.options[idx].id).toBe(shown.key.optionId);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('version codes start at 101', () => {
    expect(versionCodes(4)).toEqual(['101', '102', '103', '104']);
  });
});

describe('drawBlueprint', () => {
  const pool: PoolQuestion[] = [
    ...Array.from({ length: 5 }, (_, i) => ({
      id: `nb${i}`,
      topic: 'Phân số',
      level: 'NB' as const,
      type: 'single' as const,
    })),
    ...Array.from({ length: 2 }, (_, i) => ({
      id: `th${i}`,
      topic: 'phân  số',
      level: 'TH' as const,
      type: 'single' as const,
    })),
    { id: 'tf', topic: 'Phân số', level: 'TH', type: 'true_false' },
  ];

  it('draws the asked number per cell, deterministically per seed', () => {
    const cells = [
      { topic: 'Phân số', level: 'NB' as const, count: 3, pointsEach: 0.25 },
      { topic: 'Phân số', level: 'TH' as const, count: 1, pointsEach: 1, type: 'true_false' as const },
    ];
    const a = drawBlueprint(cells, pool, 7);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.picks.filter((p) => p.cell === 0)).toHaveLength(3);
    expect(a.picks.find((p) => p.cell === 1)?.id).toBe('tf');
    expect(drawBlueprint(cells, pool, 7)).toEqual(a);
  });

  it('reports every cell that lacks questions and draws nothing', () => {
    const r = drawBlueprint(
      [
        { topic: 'Phân số', level: 'TH', count: 3, pointsEach: 0.25, type: 'single' },
        { topic: 'Số nguyên', level: 'VD', count: 1, pointsEach: 1 },
      ],
      pool,
      1,
    );
    expect(r).toEqual({
      ok: false,
      shortages: [
        { cell: 0, topic: 'Phân số', level: 'TH', type: 'single', needed: 3, available: 2 },
        { cell: 1, topic: 'Số nguyên', level: 'VD', needed: 1, available: 0 },
      ],
    });
  });

  it('property: never picks a question twice and respects the cells', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            topic: fc.constantFrom('A', 'B'),
            level: fc.constantFrom('NB' as const, 'TH' as const),
            type: fc.constantFrom('single' as const, 'essay' as const),
          }),
          { maxLength: 30 },
        ),
        fc.array(
          fc.record({
            topic: fc.constantFrom('A', 'B'),
            level: fc.constantFrom('NB' as const, 'TH' as const),
            count: fc.integer({ min: 0, max: 4 }),
            pointsEach: fc.constant(1),
          }),
          { maxLength: 4 },
        ),
        fc.nat(),
        (qs, cells, seed) => {
          const p = qs.map((q, i) => ({ ...q, id: `q${i}` }));
          const r = drawBlueprint(cells, p, seed);
          if (!r.ok) return;
          expect(new Set(r.picks.map((x) => x.id)).size).toBe(r.picks.length);
          for (const pick of r.picks) {
            const q = p.find((x) => x.id === pick.id)!;
            expect(q.topic).toBe(cells[pick.cell].topic);
            expect(q.level).toBe(cells[pick.cell].level);
          }
        },
      ),
    );
  });
});
