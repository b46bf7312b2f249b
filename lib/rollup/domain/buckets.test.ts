import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS, planWindow } from './buckets';

const t = (s: string) => Date.parse(`${s}Z`);
const show = (ms: number) => new Date(ms).toISOString().replace('.000Z', '');

describe('planWindow: whole buckets, the largest that fit, live reads only at the ends', () => {
  it.each([
    [
      'a few days cut mid-day and mid-minute',
      '2024-03-01T10:15:30.250',
      '2024-03-04T02:00:45',
      {
        buckets: [
          '1 2024-03-01T10:16:00..2024-03-01T11:00:00',
          '2 2024-03-01T11:00:00..2024-03-02T00:00:00',
          '3 2024-03-02T00:00:00..2024-03-04T00:00:00',
          '2 2024-03-04T00:00:00..2024-03-04T02:00:00',
        ],
        live: [
          '2024-03-01T10:15:30.250Z..2024-03-01T10:16:00',
          '2024-03-04T02:00:00..2024-03-04T02:00:45',
        ],
      },
    ],
    [
      'inside one minute',
      '2024-03-01T10:15:01',
      '2024-03-01T10:15:59.999',
      { buckets: [], live: ['2024-03-01T10:15:01..2024-03-01T10:15:59.999Z'] },
    ],
    [
      'exactly whole days',
      '2024-03-01T00:00:00',
      '2024-03-03T00:00:00',
      { buckets: ['3 2024-03-01T00:00:00..2024-03-03T00:00:00'], live: [] },
    ],
    [
      'an hour straddling midnight',
      '2024-03-01T23:30:00',
      '2024-03-02T00:30:00',
      { buckets: ['1 2024-03-01T23:30:00..2024-03-02T00:30:00'], live: [] },
    ],
    ['empty', '2024-03-01T10:00:00', '2024-03-01T10:00:00', { buckets: [], live: [] }],
  ])('%s', (_, from, to, expected) => {
    const plan = planWindow(t(from), t(to));
    expect({
      buckets: plan.buckets.map((b) => `${b.level} ${show(b.from)}..${show(b.to)}`),
      live: plan.live.map(([a, b]) => `${show(a)}..${show(b)}`),
    }).toEqual(expected);
  });

  it('covers every millisecond of random windows exactly once, with at most a minute live at each end', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const from = t('2024-01-01T00:00:00') + Math.floor(rand() * 400 * DAY_MS);
      const to = from + Math.floor(rand() ** 3 * 400 * DAY_MS);
      const plan = planWindow(from, to);
      const pieces = [
        ...plan.buckets.map((b) => [b.from, b.to] as [number, number]),
        ...plan.live,
      ].sort((a, b) => a[0] - b[0]);
      let at = from;
      for (const [a, b] of pieces) {
        expect(a).toBe(at);
        expect(b).toBeGreaterThan(a);
        at = b;
      }
      expect(at).toBe(Math.max(from, to));
      expect(plan.live.length).toBeLessThanOrEqual(2);
      for (const [a, b] of plan.live) expect(b - a).toBeLessThan(MINUTE_MS);
      for (const b of plan.buckets) {
        const size = b.level === 3 ? DAY_MS : b.level === 2 ? HOUR_MS : MINUTE_MS;
        expect(b.from % size).toBe(0);
        expect(b.to % size).toBe(0);
      }
      // at most 2 finer ranges on each side of the coarsest one
      expect(plan.buckets.length).toBeLessThanOrEqual(5);
    }
  });
});
