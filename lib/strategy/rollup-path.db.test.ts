import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from '../config';
import type { StrategyConfig } from '../config/types';
import { fixedToNumber, fixedToString, parseFixed } from '../core/money/fixed';
import { openingLots } from '../fills/opening-lots';
import { normaliseStrategyFills } from '../fills/strategy-fills';
import { levelMs } from '../rollup/domain/buckets';
import { readRollupMark } from '../rollup/read';
import { readFifoTime } from '../rollup/fifo';
import { refreshRollup } from '../rollup/refresh';
import { loadStrategyDashboard } from './dashboard';
import { computeFifoPnl } from './domain/fifo';
import { openingPosition } from './position';
import {
  latestFillOfPair,
  latestFillOfPairFromRollup,
  listSameSideFillsNewestFirst,
  listStrategyFills,
} from './queries';
import { lotSearchStart } from '../rollup/read';
import { round10, timeOrigin } from './domain/drawn-columns';
import { bandLevel } from './rollup-bands';
import { instant, seriesLevel, strategyFromRollup } from './rollup-path';
import { type LotSums, openLotSums } from './rollup-lots';
import { toDbDate } from '../db/db-time';
import { connectUrl } from '../../tests/helpers/sql';

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
        // Drawn as bands: one point a band, at its end; else one a bucket of the series level.
        const bands = rolled.series.positionBands;
        const size = bands
          ? bands.size * 1000
          : levelMs(seriesLevel(end.getTime() - start.getTime(), 2000));
        const L = bands ? levelMs(bandLevel(size)) : size;
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
          // The position's range within the band or bucket (its rollup buckets inside the
          // window): over the positions after each of its fills.
          const from = Math.max(
            Math.floor((t - 1) / size) * size,
            Math.ceil(start.getTime() / L) * L,
          );
          const inBucket = pnl.positionSeries
            .filter((q, k) => k > 0 && q.t >= from && q.t < t)
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
      if (rolled.trades.bands !== null) {
        // Past the disc limit: no disc, every fill in the bands, exactly.
        expect(fromRollup!.trades.discs, config.key).toEqual([]);
        const b = rolled.trades.bands;
        const sum = (xs: string[]) => fixedToString(xs.reduce((v, x) => v + parseFixed(x), 0n));
        expect([sum(b.bidVolume), sum(b.askVolume)], config.key).toEqual([
          fills.figures.bidVolume,
          fills.figures.askVolume,
        ]);
        continue;
      }
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

  it.each([
    ...windows,
    [
      'five days, ends mid-minute',
      new Date(END.getTime() - 7 * DAY + 1_817_250),
      new Date(END.getTime() - 2 * DAY + 11_561_000),
    ] as [string, Date, Date],
  ])('%s: the bands from the rollup equal the bands from every fill', async (_, start, end) => {
    let compared = 0;
    let endsOnlySeen = 0;
    for (const config of STRATEGIES) {
      const load = (path: 'fills' | 'rollup') =>
        loadStrategyDashboard(config, { start, end }, NOW, { trading, dashboards }, { path });
      const [fills, rolled] = [await load('fills'), await load('rollup')];
      expect(rolled.trades.bands === null, config.key).toBe(fills.trades.bands === null);
      if (fills.trades.bands === null) continue;
      compared++;
      expect(rolled.notes.join(' ')).toContain('volume-weighted prices');
      expect(rolled.trades.bands, config.key).toEqual(fills.trades.bands);
      const [a, b] = [rolled.series.positionBands!, fills.series.positionBands!];
      expect(b.endsOnly).toEqual([]);
      expect(a.t).toEqual(b.t);
      expect(a.close, config.key).toEqual(b.close);
      for (let i = 0; i < a.t.length; i++) {
        if (a.endsOnly.includes(i)) {
          // A stretch the FIFO states do not cover: the range of its ends, within the true one.
          const n = (v: string) => Number(v);
          expect(n(a.min[i])).toBeGreaterThanOrEqual(n(b.min[i]));
          expect(n(a.max[i])).toBeLessThanOrEqual(n(b.max[i]));
        } else {
          expect([a.min[i], a.max[i]], `${config.key} bucket ${i}`).toEqual([b.min[i], b.max[i]]);
        }
      }
      // Whole buckets are exact: only the window's uneven ends can be ends-only.
      expect(a.endsOnly.every((i) => i === 0 || i === a.t.length - 1)).toBe(true);
      endsOnlySeen += a.endsOnly.length;
    }
    // Half a day holds too few fills for bands; the other windows draw them for simple_mm.
    if (end.getTime() - start.getTime() >= DAY) expect(compared).toBeGreaterThan(0);
    console.log(`[bands] ${_}: ${compared} strategies compared, ${endsOnlySeen} ends-only buckets`);
  });

  it('a window ending just after a fill mid-minute: its last band spans the exact ends of that stretch', async () => {
    const config = BUILTIN_STRATEGIES.simple_mm;
    const day = new Date(END.getTime() - 3 * DAY);
    const rows = await listStrategyFills(trading, {
      actor: config.strategyActor,
      start: new Date(day.getTime() + 12 * 3_600_000),
      end: new Date(day.getTime() + 13 * 3_600_000),
    });
    const fill = normaliseStrategyFills(rows, config).fills.find(
      (f) => f.timeMs % 60_000 < 50_000,
    )!;
    const window = { start: new Date(END.getTime() - 6 * DAY), end: new Date(fill.timeMs + 1_000) };
    const load = (path: 'fills' | 'rollup') =>
      loadStrategyDashboard(config, window, NOW, { trading, dashboards }, { path });
    const [fills, rolled] = [await load('fills'), await load('rollup')];
    const [a, b] = [rolled.series.positionBands!, fills.series.positionBands!];
    const last = a.t.length - 1;
    expect(a.endsOnly).toEqual([last]);
    expect(rolled.trades.bands).toEqual(fills.trades.bands);
    expect(a.close).toEqual(b.close);
    expect(a.close[last]).toBe(fills.figures.closingPosition);
    expect([a.min.slice(0, last), a.max.slice(0, last)]).toEqual([
      b.min.slice(0, last),
      b.max.slice(0, last),
    ]);
    expect(Number(a.min[last])).toBeGreaterThanOrEqual(Number(b.min[last]));
    expect(Number(a.max[last])).toBeLessThanOrEqual(Number(b.max[last]));
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

describe('the lots open at an instant, from the rollup', () => {
  /** The plain computation: every fill before `at`, the position, openingLots, their sums. */
  /** A lot's sums as the exact strings plainLotSums gives. */
  const lotStrings = (l: LotSums) => ({
    volume: fixedToString(l.volume),
    price: fixedToString(l.price),
    fee: fixedToString(l.fee),
    feeInVolumeCurrency: fixedToString(l.feeInVolumeCurrency),
  });
  const upperCurrencies = (config: StrategyConfig) => ({
    priceCurrency: config.priceCurrency.toUpperCase(),
    volumeCurrency: config.volumeCurrency.toUpperCase(),
  });

  async function plainLotSums(config: StrategyConfig, at: Date) {
    const currencies = {
      priceCurrency: config.priceCurrency,
      volumeCurrency: config.volumeCurrency,
    };
    const rows = await listStrategyFills(trading, {
      actor: config.strategyActor,
      start: new Date(0),
      end: at,
    });
    const fills = normaliseStrategyFills(rows, currencies).fills;
    const position = fills.reduce((p, f) => p + (f.side === 'BID' ? f.volume : -f.volume), 0n);
    const newestFirst = fills.filter((f) => f.side === (position > 0n ? 'BID' : 'ASK')).reverse();
    const opened = openingLots(newestFirst, position);
    const sum = (k: 'volume' | 'price' | 'fee' | 'feeInVolumeCurrency') =>
      fixedToString(opened.lots.reduce((v, l) => v + l[k], 0n));
    return {
      position,
      unexplained: opened.unexplainedVolume,
      sums: {
        volume: sum('volume'),
        price: sum('price'),
        fee: sum('fee'),
        feeInVolumeCurrency: sum('feeInVolumeCurrency'),
      },
    };
  }

  it('equal the sums of the lots openingLots cuts from every fill, at random instants and edges', async () => {
    const [[first]] = await trading.query<RowDataPacket[]>(
      'SELECT MIN(`time_created`) AS a FROM `trade`',
    );
    const t0 = Date.parse(`${String(first.a).replace(' ', 'T')}Z`);
    // A fixed pseudo-random sequence (LCG): the same instants on every run.
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instants: number[] = [END.getTime() - 4 * DAY, END.getTime() - 2 * DAY + 3 * 3_600_000];
    for (let i = 0; i < 10; i++) {
      const t = t0 + Math.floor(rand() * (END.getTime() - t0));
      // Any millisecond, its second's start, its minute's end and 1 ms before it (straddling).
      instants.push(t, t - (t % 1000), t - (t % 60_000) + 60_000, t - (t % 60_000) + 59_999);
    }
    // Just before and just after a fill's second (the fill itself excluded, then included).
    const [fills] = await trading.query<RowDataPacket[]>(
      'SELECT `time_created` AS t FROM `trade` ORDER BY `trade_id` LIMIT 5 OFFSET 2000',
    );
    for (const f of fills) {
      const t = Date.parse(`${String(f.t).replace(' ', 'T')}Z`);
      instants.push(t, t + 1000, t + 500);
    }
    const mark = await readRollupMark(dashboards);
    let compared = 0;
    for (const config of [BUILTIN_STRATEGIES.simple_mm, ETH]) {
      const cur = upperCurrencies(config);
      for (const at of instants) {
        const plain = await plainLotSums(config, new Date(at));
        const rolled = await openLotSums(
          { trading, dashboards },
          {
            actor: config.strategyActor.toUpperCase(),
            cur,
            at: new Date(at),
            position: plain.position,
            mark,
          },
        );
        const where = `${config.key} at ${new Date(at).toISOString()}`;
        if (plain.unexplained > 0n) {
          expect(rolled, where).toBeNull();
          continue;
        }
        expect(rolled, where).not.toBeNull();
        expect(lotStrings(rolled!), where).toEqual(plain.sums);
        if (plain.position !== 0n) compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('at a whole minute: taken from the FIFO state without a search, equal to the lots cut from every fill', async () => {
    const mark = await readRollupMark(dashboards);
    const frontier = await readFifoTime(dashboards);
    let seed = 777;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instants = [END.getTime() - 3 * DAY, END.getTime() - DAY + 17 * 60_000];
    for (let i = 0; i < 12; i++) {
      const t = END.getTime() - 10 * DAY + Math.floor(rand() * 10 * DAY);
      instants.push(t - (t % 60_000));
    }
    let fromState = 0;
    for (const config of [BUILTIN_STRATEGIES.simple_mm, ETH]) {
      const cur = upperCurrencies(config);
      for (const at of instants) {
        const where = `${config.key} at ${new Date(at).toISOString()}`;
        const plain = await plainLotSums(config, new Date(at));
        const rolled = await instant(trading, dashboards, {
          actor: config.strategyActor.toUpperCase(),
          cur,
          at: new Date(at),
          mark,
          frontier,
        });
        expect(rolled, where).not.toBeNull();
        expect(fixedToString(rolled!.totals.position), where).toBe(fixedToString(plain.position));
        if (plain.position === 0n) {
          expect(rolled!.lots, where).toBeNull();
          continue;
        }
        expect(rolled!.lotsFrom, where).toBe('state');
        fromState++;
        const lots = rolled!.lots!;
        expect(lots.side, where).toBe(plain.position > 0n ? 'BID' : 'ASK');
        expect(lotStrings(lots), where).toEqual(plain.sums);
      }
    }
    expect(fromState).toBeGreaterThan(15);
  });
});

describe('the strategy page from the rollup, while the rollup lags', () => {
  const figuresOf = async (config: StrategyConfig, start: Date, end: Date) => {
    const window = { start, end };
    const pools = { trading, dashboards };
    const fills = await loadStrategyDashboard(config, window, NOW, pools, { path: 'fills' });
    const rolled = await loadStrategyDashboard(config, window, NOW, pools, { path: 'rollup' });
    expect(rolled.notes.join(' '), config.key).toContain('from the rollup');
    return { fills: { ...fills.figures, placeholderFundamentalFills: 0 }, rolled: rolled.figures };
  };
  const windowsToCheck: Array<[Date, Date]> = [
    [new Date(END.getTime() - 5 * DAY + 7_777_777), new Date(END.getTime() - 2 * DAY + 1_234_567)],
    [new Date(END.getTime() - 3 * DAY), new Date(END.getTime() - DAY)],
  ];

  it('FIFO states replayed only up to an earlier time: figures still identical, bands exact where covered', async () => {
    const [[row]] = await dashboards.query<RowDataPacket[]>(
      "SELECT `value` FROM `sync_state` WHERE `name` = 'rollup.fifo_time'",
    );
    const lagged = END.getTime() - 4 * DAY + 1_000 * 3_333;
    await dashboards.query(
      "UPDATE `sync_state` SET `value` = ? WHERE `name` = 'rollup.fifo_time'",
      [String(lagged)],
    );
    try {
      for (const config of [BUILTIN_STRATEGIES.simple_mm, ETH])
        for (const [start, end] of windowsToCheck) {
          const { fills, rolled } = await figuresOf(config, start, end);
          expect(rolled, `${config.key} ${start.toISOString()}`).toEqual(fills);
        }
      // The bands past the states' time: trades summed per rollup bucket, each such bucket
      // with fills an ends-only step; the closes exact, every range within the true one.
      let endsOnly = 0;
      for (const [start, end] of windowsToCheck) {
        const load = (path: 'fills' | 'rollup') =>
          loadStrategyDashboard(
            BUILTIN_STRATEGIES.simple_mm,
            { start, end },
            NOW,
            { trading, dashboards },
            { path },
          );
        const [fills, rolled] = [await load('fills'), await load('rollup')];
        expect(rolled.trades.bands).not.toBeNull();
        expect(rolled.trades.bands).toEqual(fills.trades.bands);
        const [a, b] = [rolled.series.positionBands!, fills.series.positionBands!];
        expect(a.t).toEqual(b.t);
        expect(a.close).toEqual(b.close);
        const origin = timeOrigin(start.getTime());
        for (let i = 0; i < a.t.length; i++) {
          expect(Number(a.min[i])).toBeGreaterThanOrEqual(Number(b.min[i]));
          expect(Number(a.max[i])).toBeLessThanOrEqual(Number(b.max[i]));
          // Exact wherever the states cover the band whole.
          if (origin + (a.t[i] + a.size) * 1000 <= lagged && i > 0)
            expect([a.min[i], a.max[i]]).toEqual([b.min[i], b.max[i]]);
          else if (a.endsOnly.includes(i)) endsOnly++;
        }
      }
      expect(endsOnly).toBeGreaterThan(10);
    } finally {
      await dashboards.query(
        "UPDATE `sync_state` SET `value` = ? WHERE `name` = 'rollup.fifo_time'",
        [String(row.value)],
      );
    }
  });

  it('a fill recorded late (above the mark, dated inside the replayed time): figures still identical', async () => {
    // The app's trading pool only reads: the test writes through its own connection.
    const conn = await connectUrl(seeded.dbs.tradingWriteUrl!);
    const [[top]] = await conn.query<RowDataPacket[]>('SELECT MAX(`trade_id`) AS id FROM `trade`');
    const id = Number(top.id) + 1;
    // A copy of one of the market maker's bids, dated in the middle of the windows.
    const [[model]] = await conn.query<RowDataPacket[]>(
      'SELECT t.`trade_id` AS id FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
        "WHERE UPPER(o.`actor`) = 'SIMPLEMARKETMAKING' AND t.`volume_currency` = 'BTC' AND t.`price_currency` = 'USD' " +
        'ORDER BY t.`trade_id` LIMIT 1',
    );
    try {
      await conn.query(
        'CREATE TEMPORARY TABLE `late_fill` AS SELECT * FROM `trade` WHERE `trade_id` = ?',
        [model.id],
      );
      await conn.query('UPDATE `late_fill` SET `trade_id` = ?, `time_created` = ?, `volume` = ?', [
        id,
        toDbDate(new Date(END.getTime() - 3 * DAY + 3_600_000 + 12_345)),
        '7.5',
      ]);
      await conn.query('INSERT INTO `trade` SELECT * FROM `late_fill`');
      for (const config of [BUILTIN_STRATEGIES.simple_mm])
        for (const [start, end] of windowsToCheck) {
          const { fills, rolled } = await figuresOf(config, start, end);
          expect(rolled, `${config.key} ${start.toISOString()}`).toEqual(fills);
        }
    } finally {
      await conn.query('DELETE FROM `trade` WHERE `trade_id` = ?', [id]);
      await conn.end();
    }
  });
});

describe("a pair's latest fill, from the rollup", () => {
  it('equals the walk down the time index, for every pair at random instants and edges', async () => {
    const [pairs] = await trading.query<RowDataPacket[]>(
      'SELECT DISTINCT o.`exchange_name` AS name, UPPER(t.`volume_currency`) AS vc FROM `trade` t ' +
        'JOIN `order` o ON o.`order_id` = t.`order_id` WHERE o.`exchange_name` IS NOT NULL',
    );
    const mark = await readRollupMark(dashboards);
    let seed = 777;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instants = [END.getTime(), END.getTime() + 40 * DAY, END.getTime() - 9 * DAY];
    for (let i = 0; i < 8; i++) {
      const t = END.getTime() - Math.floor(rand() * 8 * DAY);
      instants.push(t, t - (t % 60_000), t - (t % 60_000) + 999);
    }
    let found = 0;
    for (const p of pairs)
      for (const at of instants) {
        const q = {
          exchangeName: String(p.name),
          volumeCurrency: String(p.vc),
          before: new Date(at),
        };
        const walked = await latestFillOfPair(trading, q);
        const rolled = await latestFillOfPairFromRollup(trading, dashboards, { ...q, mark });
        expect(rolled, `${p.name} ${p.vc} before ${new Date(at).toISOString()}`).toEqual(walked);
        if (walked) found++;
      }
    expect(found).toBeGreaterThan(20);
  });
});
