import { describe, expect, it } from 'vitest';
import { createEventBus } from './events';

declare module './events' {
  interface EventMap {
    'test.happened': { n: number };
  }
}

describe('event bus', () => {
  it('delivers to every handler and isolates failures', async () => {
    const errors: string[] = [];
    const bus = createEventBus((name) => errors.push(name));
    const seen: number[] = [];
    bus.on('test.happened', () => {
      throw new Error('boom');
    });
    bus.on('test.happened', ({ n }) => {
      seen.push(n);
    });
    await bus.emit('test.happened', { n: 7 });
    expect(seen).toEqual([7]);
    expect(errors).toEqual(['test.happened']);
  });
});
