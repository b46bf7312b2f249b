import { describe, expect, it } from 'vitest';
import { BusyError, createLimiter } from './limiter';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('createLimiter', () => {
  it('runs at most `running` tasks, queues `queued`, refuses the rest, then drains in order', async () => {
    const limiter = createLimiter({ running: 2, queued: 3 });
    const gates = Array.from({ length: 8 }, deferred);
    const started: number[] = [];
    const results = gates.map((g, i) =>
      limiter
        .run(async () => {
          started.push(i);
          await g.promise;
          return i;
        })
        .catch((err: unknown) => err),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1]);
    expect(limiter.stats()).toEqual({ running: 2, queued: 3 });
    // 5, 6, 7 found the queue full
    for (const i of [5, 6, 7]) expect(await results[i]).toBeInstanceOf(BusyError);
    gates[0].resolve();
    expect(await results[0]).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    expect(await Promise.all(results.slice(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createLimiter({ running: 1, queued: 0 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });
});
