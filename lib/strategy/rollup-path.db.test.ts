import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from '../config';
import type { StrategyConfig } from '../config/types';
import { fixedToNumber, fixedToString, parseFixed } from '../core/money/fixed';
import { openingLots } from '../fills/opening-lots';
import { normaliseStrategyFills } from '../fills/strategy-fills';
import { levelMs } from '../rollup/domain/buckets';
import { readRollupMark } from '../rollup/read';
import { refreshRollup } from '../rollup/refresh';
import { loadStrategyDashboard } from './dashboard';
import { computeFifoPnl } from './domain/fifo';
import { openingPosition } from './position';
import { listSameSideFillsNewestFirst, listStrategyFills } from './queries';
import { lotSearchStart } from '../rollup/read';
import { round10, timeOrigin } from './domain/drawn-columns';
import { seriesLevel, strategyFromRollup } from './rollup-path';

/**
 * The strategy page from the rollup (no fill of the window read) against the page from the
 * window's fills, on a generated history with a market maker on a USD and a EUR pair, an ETH
 * market maker, an arbitrage and manual trades: every figure identical, every series point the
 * exact FIFO value at its instant, the half-discs' volumes the fills' volumes per bucket.
 */
const END = new Date('2025-06-13T00:00:00Z');
const DAY = 86_400_000;
const NOW = new Date(END.getTime() + DAY);
const ETH: StrategyConfig = {
  ...BUILTIN_STRATEGIES.simple_mm,
  key: 'eth',
  strategyActor: 'SIMPLEMARKETMAKINGETH',
  volumeCurrency: 'ETH',
};
const STRATEGIES = [
  BUILTIN_STRATEGIES.simple_mm,
  BUILTIN_STRATEGIES.simple_arb,
  BUILTIN_STRATEGIES.manual,
  ETH,
];

let seeded: SeededDatabases;
let trading: Pool;
let dashboards: Pool;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 5, days: 8, end: END });
  ({ trading, dashboards } = seeded);
  // Small chunks: the FIFO states carry over from chunk to chunk many times.
  await refreshRollup(trading, dashboards, { budgetMs: 120_000, now: NOW, chunkIds: 1_500 });
}, 180_000);

afterAll(async () => {
  await seeded?.close();
});

/** The exact FIFO over the window's fills with time < t: what a series point at t must show. */
async function exactAt(config: StrategyConfig, start: Date, t: number) {
  const currencies = { priceCurrency: config.priceCurrency, volumeCurrency: config.volumeCurrency };
  const rows = await listStrategyFills(trading, {
    actor: config.strategyActor,
    start,
    end: new Date(t),
  });
  const fills = normaliseStrategyFills(rows, currencies).fills;
  const mark = await readRollupMark(dashboards);
  const opening = await openingPosition(trading, dashboards, {
    actor: config.strategyActor,
    volumeCurrency: config.volumeCurrency,
    at: start,
    mark,
  });
  let lots = openingLots([], 0n).lots;
  if (opening.position !== 0n) {
    const side = opening.position > 0n ? 'BID' : 'ASK';
    const from = await lotSearchStart(dashboards, {
      actor: config.strategyActor,
      volumeCurrency: config.volumeCurrency,
      side,
      needed: opening.position > 0n ? opening.position : -opening.position,
      covered: side === 'BID' ? opening.partialDay.bid : opening.partialDay.ask,
      beforeDay: opening.dayStart,
    });
    const candidates = await listSameSideFillsNewestFirst(trading, {
      actor: config.strategyActor,
      volumeCurrency: config.volumeCurrency,
      side,
      from,
      before: start,
    });
    lots = openingLots(normaliseStrategyFills(candidates, currencies).fills, opening.position).lots;
  }
  return { pnl: computeFifoPnl({ start, openingLots: lots, fills }), fills };
}

const windows: Array<[string, Date, Date]> = [
  [
    'three days cut mid-hour',
    new Date(END.getTime() - 6 * DAY + 5.3 * 3_600_000),
    new Date(END.getTime() - 3 * DAY + 0.77 * 3_600_000),
  ],
  ['one day on day edges', new Date(END.getTime() - 4 * DAY), new Date(END.getTime() - 3 * DAY)],
  [
    'half a day, sub-second ends',
    new Date(END.getTime() - 2 * DAY + 123_456.789),
    new Date(END.getTime() - 1.5 * DAY + 999.5),
  ],
  ['the whole history and beyond', new Date(END.getTime() - 10 * DAY), END],
];

describe('the strategy page from the rollup equals the page from the fills', () => {
  it.each(windows)('%s: every figure identical, for every strategy', async (_, start, end) => {
    for (const config of STRATEGIES) {
      const window = { start, end };
      const fills = await loadStrategyDashboard(
        config,
        window,
        NOW,
        { trading, dashboards },
        { path: 'fills' },
      );
      const rolled = await loadStrategyDashboard(
        config,
        window,
        NOW,
        { trading, dashboards },
        { path: 'rollup' },
      );
      expect(rolled.notes.join(' '), config.key).toContain('from the rollup');
      const { placeholderFundamentalFills: _p, ...rest } = fills.figures;
      void _p;
      expect(rolled.figures, config.key).toEqual({ ...rest, placeholderFundamentalFills: 0 });
      if (config.key === 'simple_mm') expect(Number(fills.figures.fillCount)).toBeGreaterThan(100);
    }
  });

  it.each(windows)(
    '%s: series points are the exact FIFO values at their instants',
    async (_, start, end) => {
      for (const config of STRATEGIES) {
        const rolled = await loadStrategyDashboard(
          config,
          { start, end },
          NOW,
          { trading, dashboards },
          { path: 'rollup' },
        );
        const size = levelMs(seriesLevel(end.getTime() - start.getTime(), 2000));
        // Times are seconds since the window start's whole second; bucket ends are exact.
        const position = rolled.series.position;
        const ms = (t: number) => timeOrigin(start.getTime()) + t * 1000;
        const inner = position.t.map((_, i) => i).slice(1, -1);
        // A sample of the inner points (each recomputed from scratch), and the last one.
        const sample = inner.filter((_, k) => k % Math.max(1, Math.floor(inner.length / 6)) === 0);
        for (const i of sample) {
          const t = ms(position.t[i]);
          const { pnl, fills } = await exactAt(config, start, t);
          const num = (v: string) => round10(fixedToNumber(parseFixed(v)));
          expect(
            [position.v[i], rolled.series.revenue.v[i], rolled.series.profit.v[i]],
            `${config.key} at ${new Date(t).toISOString()}`,
          ).toEqual([num(pnl.closingPosition), num(pnl.revenue), num(pnl.profit)]);
          expect(rolled.series.revenue.t[i]).toBe(position.t[i]);
          // The position's range within the bucket: over the positions after each of its fills.
          const inBucket = pnl.positionSeries
            .filter((q, k) => k > 0 && q.t >= t - size && q.t < t)
            .map((q) => q.v);
          if (inBucket.length > 0)
            expect([position.min[i], position.max[i]]).toEqual(
              [Math.min(...inBucket), Math.max(...inBucket)].map(round10),
            );
          if (config.key === 'simple_mm') expect(fills.length).toBeGreaterThan(0);
        }
        expect(ms(rolled.series.revenue.t.at(-1)!)).toBe(
          timeOrigin(start.getTime()) +
            Math.round((end.getTime() - timeOrigin(start.getTime())) / 1000) * 1000,
        );
      }
    },
  );

  it('draws every fill of the window in the half-discs, per bucket', async () => {
    const [, start, end] = windows[0];
    for (const config of STRATEGIES) {
      const fills = await loadStrategyDashboard(
        config,
        { start, end },
        NOW,
        { trading, dashboards },
        { path: 'fills' },
      );
      const rolled = await loadStrategyDashboard(
        config,
        { start, end },
        NOW,
        { trading, dashboards },
        { path: 'rollup' },
      );
      // Exact per side in the rollup's half-discs; to 10 significant digits in the columns drawn.
      const fromRollup = await strategyFromRollup(
        { trading, dashboards },
        {
          actor: config.strategyActor,
          currencies: config,
          window: { start, end },
          mark: await readRollupMark(dashboards),
          maxPoints: 2000,
        },
      );
      const exact = (side: 'BID' | 'ASK') =>
        fromRollup!.trades.discs.filter((d) => d.side === side).reduce((v, d) => v + d.volume, 0n);
      expect(
        [exact('BID'), exact('ASK')].map((v) => fixedToString(v)),
        config.key,
      ).toEqual([fills.figures.bidVolume, fills.figures.askVolume]);
      const drawn = rolled.trades.discs;
      const total = (side: 'BID' | 'ASK') =>
        drawn.volume.reduce((v, x, i) => (drawn.side[i] === side ? v + x : v), 0);
      expect(total('BID') / Number(fills.figures.bidVolume)).toBeCloseTo(1, 9);
      expect(total('ASK') / Number(fills.figures.askVolume)).toBeCloseTo(1, 9);
      expect(drawn.count.reduce((n, c) => n + c, 0)).toBe(fills.figures.fillCount);
    }
  });

  it('is chosen by itself above the fill limit, and falls back to the fills where it cannot answer', async () => {
    const [, start, end] = windows[3];
    const auto = await loadStrategyDashboard(BUILTIN_STRATEGIES.simple_mm, { start, end }, NOW, {
      trading,
      dashboards,
    });
    // 8 days of the demo's market maker: under the limit, so drawn fill by fill.
    expect(auto.notes.join(' ')).not.toContain('from the rollup');
    const eur: StrategyConfig = { ...BUILTIN_STRATEGIES.simple_mm, priceCurrency: 'EUR' };
    // Priced in EUR while it also trades a USD pair: no rollup state; the fills say why.
    await expect(
      loadStrategyDashboard(eur, { start, end }, NOW, { trading, dashboards }, { path: 'rollup' }),
    ).rejects.toThrow(/EUR/);
  });
});
