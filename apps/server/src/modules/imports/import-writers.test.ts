import { describe, expect, it } from 'vitest';
import { BATCH_SIZE, batcher } from './import-writers';

describe('import batcher', () => {
  it('writes every record once, in order, with at most one batch in flight', async () => {
    const written: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const writer = batcher<number>(async (records) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      written.push(...records);
      inFlight--;
    });
    const total = BATCH_SIZE * 3 + 17;
    for (let i = 0; i < total; i++) {
      const waiting = writer.add(i);
      if (waiting) await waiting;
    }
    await writer.flush();
    expect(written).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(maxInFlight).toBe(1);
  });

  it('raises a failed batch at the next batch or at flush, never as an unhandled rejection', async () => {
    let calls = 0;
    const writer = batcher<number>(async () => {
      calls++;
      if (calls === 1) throw new Error('batch 1 failed');
    });
    let raised: unknown = null;
    try {
      for (let i = 0; i < BATCH_SIZE * 2; i++) {
        const waiting = writer.add(i);
        if (waiting) await waiting;
      }
      await writer.flush();
    } catch (err) {
      raised = err;
    }
    expect((raised as Error)?.message).toBe('batch 1 failed');
    expect(calls).toBe(1); // nothing after the failed batch was written
  });
});
