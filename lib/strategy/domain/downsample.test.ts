import { describe, expect, it } from 'vitest';
import { bucketHalfDiscs, bucketSeries, gridSeries, type SeriesPoint } from './downsample';
import { parseFixed } from '../../core/money/fixed';
import type { StrategyFill } from '../../fills/strategy-fills';
import { BTC_USD, T0, fill } from '@/tests/helpers/fills';

const DAY = { start: new Date(T0), end: new Date(T0 + 86_400_000) };

/** n fills spread over the day, prices 40,000-41,000, volumes 0.001-0.1 with 14 decimals. */
function manyFills(n: number): StrategyFill[] {
  const base = fill(0, 'BID', '1', '1', {}, BTC_USD);
  const out: StrategyFill[] = [];
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < n; i++) {
    const volume = parseFixed((0.001 + random() * 0.099).toFixed(14));
    const unit = parseFixed((40000 + random() * 1000).toFixed(2));
    out.push({
      ...base,
      tradeId: i + 1,
      orderId: i + 1,
      timeMs: T0 + Math.floor((i * 86_400_000) / n),
      side: random() < 0.5 ? 'BID' : 'ASK',
      volume,
      price: (volume * unit) / 10n ** 36n,
      fee: 10n ** 34n,
      exchangeName: i % 3 === 0 ? 'KRAKEN_BTC_USD' : 'BITSTAMP_BTC_USD',
    });
  }
  return out;
}

describe('bucketHalfDiscs', () => {
  it('below the cap: one disc per drawn fill, with exact amounts', () => {
    const fills = [
      fill(1, 'BID', '0.5', '20000.5', { fee: '1.25', orderId: 77 }),
      fill(2, 'ASK', '0.001', '40', { fee: '0' }),
      fill(3, 'ASK', '0.00005', '2'),
    ];
    const r = bucketHalfDiscs(fills, DAY, { volumeThreshold: '0.001' });
    expect(r).toMatchObject({ drawnFills: 1, belowThreshold: 2, merged: false });
    expect(r.discs).toEqual([
      {
        side: 'BID',
        t: fills[0].timeMs,
        count: 1,
        volume: parseFixed('0.5'),
        price: parseFixed('20000.5'),
        fee: parseFixed('1.25'),
        exchanges: ['BITSTAMP_BTC_USD'],
        orderId: 77,
        firstT: null,
        lastT: null,
      },
    ]);
  });

  it('the threshold itself is not drawn', () => {
    const r = bucketHalfDiscs([fill(1, 'BID', '0.01', '400')], DAY, { volumeThreshold: '0.01' });
    expect(r.discs).toHaveLength(0);
  });

  it.each([2001, 50_000])(
    'above the cap (%i fills): at most maxPoints discs, volume kept exactly',
    (n) => {
      const fills = manyFills(n);
      const r = bucketHalfDiscs(fills, DAY, { maxPoints: 2000 });
      expect(r.merged).toBe(true);
      expect(r.discs.length).toBeLessThanOrEqual(2000);
      expect(r.discs.length).toBeGreaterThan(500);
      const total = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
      expect(total(r.discs.map((d) => d.volume))).toBe(total(fills.map((f) => f.volume)));
      expect(r.discs.reduce((a, d) => a + d.count, 0)).toBe(n);
      for (const side of ['BID', 'ASK'] as const) {
        expect(r.discs.filter((d) => d.side === side).reduce((a, d) => a + d.count, 0)).toBe(
          fills.filter((f) => f.side === side).length,
        );
      }
      const times = r.discs.map((d) => d.t);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      for (const d of r.discs) {
        expect(d.price).toBeGreaterThanOrEqual(d.volume * 40000n);
        expect(d.price).toBeLessThanOrEqual(d.volume * 41000n);
        expect(d.t).toBeGreaterThanOrEqual(T0);
        expect(d.t).toBeLessThan(DAY.end.getTime());
      }
    },
  );

  it('a merged disc says how many fills it holds, their span, exchanges and totals', () => {
    const fills = [
      fill(1, 'BID', '1', '100', { fee: '0.1', exchangeName: 'B' }),
      fill(2, 'BID', '3', '312', { fee: '0.3', exchangeName: 'A' }),
      fill(3, 'BID', '1', '100', { fee: '0.1', exchangeName: 'B' }),
    ];
    // a fourth fill far away in price: the grid coarsens until 100-104 share a band
    const far = fill(4, 'BID', '1', '200');
    const r = bucketHalfDiscs([...fills, far], DAY, { maxPoints: 2 });
    expect(r.discs.map((x) => x.count)).toEqual([3, 1]);
    expect(r.discs[1].orderId).toBe(far.orderId);
    const [d] = r.discs;
    expect(d.t).toBeCloseTo((fills[0].timeMs + 3 * fills[1].timeMs + fills[2].timeMs) / 5, 3);
    expect({ ...d, t: 0 }).toEqual({
      side: 'BID',
      t: 0,
      count: 3,
      volume: parseFixed('5'),
      price: parseFixed('512'),
      fee: parseFixed('0.5'),
      exchanges: ['A', 'B'],
      orderId: null,
      firstT: fills[0].timeMs,
      lastT: fills[2].timeMs,
    });
  });

  it('bids and asks never merge', () => {
    const r = bucketHalfDiscs(
      [fill(1, 'BID', '1', '100'), fill(1, 'ASK', '1', '100'), fill(1, 'BID', '1', '100')],
      DAY,
      { maxPoints: 2 },
    );
    expect(r.discs.map((d) => [d.side, d.count])).toEqual([
      ['ASK', 1],
      ['BID', 2],
    ]);
  });
});

describe('bucketSeries', () => {
  const day = (fraction: number) => T0 + fraction * 86_400_000;

  it('returns short series as they are', () => {
    const points: SeriesPoint[] = [
      { t: T0, v: 1 },
      { t: day(0.5), v: 2 },
    ];
    expect(bucketSeries(points, DAY, 10)).toEqual([
      { t: T0, v: 1, min: 1, max: 1 },
      { t: day(0.5), v: 2, min: 2, max: 2 },
    ]);
  });

  it('keeps the first point, then each bucket’s last value and its extremes', () => {
    const points: SeriesPoint[] = [
      { t: T0, v: 5 },
      { t: day(0.1), v: 6 },
      { t: day(0.2), v: 100 },
      { t: day(0.3), v: 7 },
      { t: day(0.6), v: -50 },
      { t: day(0.7), v: 8 },
    ];
    // 3 points: the first, then 2 buckets of half a day
    expect(bucketSeries(points, DAY, 3)).toEqual([
      { t: T0, v: 5, min: 5, max: 5 },
      { t: day(0.3), v: 7, min: 6, max: 100 },
      { t: day(0.7), v: 8, min: -50, max: 8 },
    ]);
  });

  it('caps a million points at maxPoints and keeps a one-point spike', () => {
    const n = 1_000_000;
    const points: SeriesPoint[] = Array.from({ length: n }, (_, i) => ({
      t: T0 + Math.floor((i * 86_400_000) / n),
      v: i === 654_321 ? 1e6 : i % 10,
    }));
    const out = bucketSeries(points, DAY, 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...out.map((p) => p.max))).toBe(1e6);
    expect(out[out.length - 1].v).toBe(points[n - 1].v);
  });
});

it('keeps amounts exact; the drawn numbers are rounded later (drawn.ts)', () => {
  const r = bucketHalfDiscs([fill(1, 'BID', '0.12345678901234', '4938.2715604937')], DAY);
  expect(r.discs[0].volume).toBe(parseFixed('0.12345678901234'));
  expect(r.discs[0].price).toBe(parseFixed('4938.2715604937'));
});

describe('gridSeries', () => {
  it('keeps the first point, then one point a band at its last member, extremes kept', () => {
    const m = 60_000;
    const points: SeriesPoint[] = [
      { t: T0, v: 0 },
      { t: T0 + 1 * m, v: 3 },
      { t: T0 + 2 * m, v: -2 },
      { t: T0 + 4 * m + 59_999, v: 1 },
      { t: T0 + 5 * m, v: 7 },
      { t: T0 + 17 * m, v: 4 },
    ];
    expect(gridSeries(points, 5 * m)).toEqual([
      { t: T0, v: 0, min: 0, max: 0 },
      { t: T0 + 4 * m + 59_999, v: 1, min: -2, max: 3 },
      { t: T0 + 5 * m, v: 7, min: 7, max: 7 },
      { t: T0 + 17 * m, v: 4, min: 4, max: 4 },
    ]);
    // Points that are already one a band pass unchanged; nothing in, nothing out.
    expect(gridSeries(gridSeries(points, 5 * m), 5 * m)).toEqual(gridSeries(points, 5 * m));
    expect(gridSeries([], 5 * m)).toEqual([]);
  });

  it('merges points that are already buckets with their own extremes', () => {
    const h = 3_600_000;
    const r = gridSeries(
      [
        { t: T0, v: 1, min: 1, max: 1 },
        { t: T0 + h, v: 2, min: -5, max: 2 },
        { t: T0 + 2 * h, v: 0, min: 0, max: 9 },
      ],
      3 * h,
    );
    expect(r).toEqual([
      { t: T0, v: 1, min: 1, max: 1 },
      { t: T0 + 2 * h, v: 0, min: -5, max: 9 },
    ]);
  });
});
