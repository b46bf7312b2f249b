import { describe, expect, it } from 'vitest';
import { jobStatuses, registerJob, runDueJobs } from './registry';

describe('the background job registry', () => {
  it('runs due jobs in order, keeps going after a failure, and waits for notAtStart jobs', async () => {
    const ran: string[] = [];
    const log: string[] = [];
    let clock = Date.now();
    const now = () => new Date(clock);
    registerJob({ name: 'test a', everyMs: 60_000, run: async () => void ran.push('a') });
    registerJob({
      name: 'test b',
      everyMs: 60_000,
      run: async () => {
        ran.push('b');
        throw new Error('boom');
      },
    });
    registerJob({
      name: 'test daily',
      everyMs: 86_400_000,
      notAtStart: true,
      run: async () => void ran.push('daily'),
    });
    await runDueJobs((l) => log.push(l), now);
    expect(ran).toEqual(['a', 'b']);
    expect(log).toEqual(['test b failed (will retry): boom']);
    expect(jobStatuses().find((s) => s.name === 'test b')?.lastError).toBe('boom');

    clock += 30_000; // not due yet
    await runDueJobs(() => undefined, now);
    expect(ran).toEqual(['a', 'b']);

    clock += 86_400_000; // everything due, the daily job too
    await Promise.all([runDueJobs(() => undefined, now), runDueJobs(() => undefined, now)]); // one run shared
    expect(ran).toEqual(['a', 'b', 'a', 'b', 'daily']);
  });
});
