import { describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from '../config/builtins';
import { parseFixed } from '../core/money/fixed';
import type { StrategyFill } from '../fills/strategy-fills';
import { T0, fill } from '@/tests/helpers/fills';
import type { StrategyDashboard } from './dashboard';
import { computeFifoPnl } from './domain/fifo';
import { type Drawn, drawnFromBuckets, drawnFromFills } from './domain/drawn';
import type { HalfDisc } from './domain/half-discs';
import type { BucketedPoint } from './domain/series';

/**
 * Issue 10 item 4: the strategy JSON (the object the page renders) stays under 300 KB for any
 * window. Worst cases on purpose: volumes with 14 decimals, prices on a random walk, fees with
 * long decimals, so every drawn number takes its 10 significant digits.
 */
const DAY_MS = 86_400_000;
const MAX_POINTS = 2000;

function randomFills(n: number, days: number): StrategyFill[] {
  const base = fill(0, 'BID', '1', '1');
  let seed = 11;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let price = 52_000;
  return Array.from({ length: n }, (_, i) => {
    price += (random() - 0.5) * 20;
    const volume = parseFixed((0.001 + random() * 0.5).toFixed(14));
    const notional = (volume * parseFixed(price.toFixed(2))) / 10n ** 36n;
    return {
      ...base,
      tradeId: i + 1,
      orderId: 4_000_000 + i,
      timeMs: T0 + Math.floor((i * days * DAY_MS) / n),
      side: random() < 0.5 ? 'BID' : 'ASK',
      volume,
      price: notional,
      fee: (notional * 25n) / 10_000n,
      exchangeName: i % 3 === 0 ? 'KRAKEN_BTC_USD' : 'BITSTAMP_BTC_USD',
    };
  });
}

/** The page's object around the drawn part, figures as the FIFO gives them. */
function payload(days: number, drawn: Drawn, fills: readonly StrategyFill[]): StrategyDashboard {
  const pnl = computeFifoPnl({ start: T0, openingLots: [], fills, markPrice: '52000' });
  const { key, displayName, strategyActor, priceCurrency, volumeCurrency, basePointRadius } =
    BUILTIN_STRATEGIES.simple_mm;
  return {
    strategy: {
      ...{ key, displayName, strategyActor, priceCurrency, volumeCurrency, basePointRadius },
      graphVolumeThreshold: '0.00001',
      positionGraphMin: '-2',
      positionGraphMax: '2',
      source: 'builtin',
      inferred: [],
    },
    window: {
      start: new Date(T0).toISOString(),
      end: new Date(T0 + days * DAY_MS).toISOString(),
    },
    figures: {
      fillCount: pnl.fillCount,
      openingPosition: pnl.openingPosition,
      closingPosition: pnl.closingPosition,
      totalVolume: pnl.totalVolume,
      bidVolume: pnl.bidVolume,
      askVolume: pnl.askVolume,
      matchedVolume: pnl.matchedVolume,
      revenue: pnl.revenue,
      fees: pnl.fees,
      profit: pnl.profit,
      volumeCurrencyFees: pnl.volumeCurrencyFees,
      openPosition: pnl.openPosition,
      unrealizedPnl: pnl.unrealizedPnl,
      unexplainedOpeningVolume: pnl.unexplainedOpeningVolume,
      markPrice: '52000',
      markSource: 'fundamental',
      otherVolumeCurrencyFills: 0,
      placeholderFundamentalFills: 0,
    },
    ...drawn,
    notes: ['A sentence about the window, as the page shows them, long enough to count.'],
    timings: { rollup: 3, sqlFills: 400, normalise: 50, fifo: 20, downsample: 30 },
  };
}

function expectEqualColumns(columns: Record<string, unknown[]>) {
  const lengths = Object.values(columns).map((c) => c.length);
  expect(new Set(lengths).size, JSON.stringify(Object.keys(columns))).toBe(1);
  return lengths[0];
}

function expectCompact(p: StrategyDashboard) {
  const size = JSON.stringify(p).length;
  expect(size).toBeLessThan(300_000);
  const discs = expectEqualColumns({ ...p.trades.discs });
  expect(discs).toBeLessThanOrEqual(MAX_POINTS);
  for (const i of p.trades.discs.exchange) expect(p.trades.exchanges[i]).toBeTypeOf('string');
  for (const s of [p.series.position, p.series.revenue, p.series.profit])
    expect(expectEqualColumns({ ...s })).toBeLessThanOrEqual(MAX_POINTS + 2);
  return size;
}

describe('the strategy JSON stays under 300 KB', () => {
  it.each([1, 30])('20,000 drawn fills over %i days', (days) => {
    const fills = randomFills(20_000, days);
    const window = { start: new Date(T0), end: new Date(T0 + days * DAY_MS) };
    const pnl = computeFifoPnl({ start: T0, openingLots: [], fills });
    const drawn = drawnFromFills(fills, pnl, window, {
      maxPoints: MAX_POINTS,
      volumeThreshold: '0.00001',
    });
    const p = payload(days, drawn, fills);
    expectCompact(p);
    expect(p.trades).toMatchObject({ drawnFills: 20_000, belowThreshold: 0, merged: true });
    expect(p.trades.discs.count.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(p.series.position.t).toHaveLength(MAX_POINTS);
  });

  it('2,000 fills: every fill its own disc, every step drawn', () => {
    const fills = randomFills(2000, 1);
    const window = { start: new Date(T0), end: new Date(T0 + DAY_MS) };
    const pnl = computeFifoPnl({ start: T0, openingLots: [], fills });
    const drawn = drawnFromFills(fills, pnl, window, {
      maxPoints: MAX_POINTS,
      volumeThreshold: '0',
    });
    expectCompact(payload(1, drawn, fills));
    expect(drawn.trades.merged).toBe(false);
    expect(drawn.trades.discs.t).toHaveLength(2000);
    expect(drawn.trades.discs.orderId[5]).toBe(fills[5].orderId);
  });

  it.each([
    ['83 days by the hour', 83 * DAY_MS, 3_600_000],
    ['33 hours by the minute', 33 * 3_600_000, 60_000],
    ['10 years by the day', 3652 * DAY_MS, DAY_MS],
  ])('from the rollup: %s, both sides every bucket', (_, span, size) => {
    const window = { start: new Date(T0), end: new Date(T0 + span) };
    const { discs, series } = rollupBuckets(span, size);
    const drawn = drawnFromBuckets(
      { trades: { discs, drawnFills: discs.length * 10, belowThreshold: 0, merged: true }, series },
      window,
      MAX_POINTS,
    );
    expectCompact(payload(span / DAY_MS, drawn, []));
    const totalVolume = (xs: readonly HalfDisc[]) => xs.reduce((v, d) => v + d.volume, 0n);
    const drawnVolume = drawn.trades.discs.volume.reduce((a, b) => a + b, 0);
    expect(drawnVolume / (Number(totalVolume(discs)) / 1e36)).toBeCloseTo(1, 9);
    expect(drawn.trades.discs.count.reduce((a, b) => a + b, 0)).toBe(
      discs.reduce((n, d) => n + d.count, 0),
    );
    // the window's last point stays, exactly at the end
    expect(drawn.series.revenue.t.at(-1)).toBe(span / 1000);
  });
});

/** What the rollup path gives for a busy strategy: a disc per bucket and side, a point per bucket. */
function rollupBuckets(span: number, size: number) {
  let seed = 5;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const position: BucketedPoint[] = [];
  const revenue: BucketedPoint[] = [];
  const profit: BucketedPoint[] = [];
  const discs: HalfDisc[] = [];
  let pos = 0;
  let rev = 0;
  const point = (t: number, v: number, min = v, max = v) => ({ t, v, min, max });
  for (let at = T0; at <= T0 + span; at += size) {
    pos = Number((pos + (random() - 0.5) * 3).toFixed(8));
    rev += (random() - 0.3) * 500.123456789;
    const t = Math.min(T0 + span, at);
    position.push(point(t, pos, pos - Number((random() * 2).toFixed(8)), pos + random()));
    revenue.push(point(t, rev));
    profit.push(point(t, rev * 0.9987654321));
    if (at === T0 + span) break;
    for (const side of ['BID', 'ASK'] as const) {
      const volume = parseFixed((random() * 30).toFixed(14));
      const price = (volume * parseFixed((52_000 + random() * 1000).toFixed(2))) / 10n ** 36n;
      discs.push({
        side,
        t: at + size / 2,
        count: 1 + Math.floor(random() * 300),
        volume,
        price,
        fee: price / 397n,
        exchanges: random() < 0.5 ? ['BITSTAMP_BTC_USD'] : ['BITSTAMP_BTC_USD', 'KRAKEN_BTC_USD'],
        orderId: null,
        firstT: at,
        lastT: at + size - 1000,
      });
    }
  }
  return { discs, series: { position, revenue, profit } };
}
