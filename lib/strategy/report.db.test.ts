import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from '../config';
import type { StrategyConfig } from '../config/types';
import { type Fixed, fixedToString } from '../core/money/fixed';
import { normaliseStrategyFills } from '../fills/strategy-fills';
import { reportDays } from '../report/domain/window';
import { readFifoTime } from '../rollup/fifo';
import { readRollupMark } from '../rollup/read';
import { refreshRollup } from '../rollup/refresh';
import { listStrategyFills } from './queries';
import {
  boundaryStates,
  equityOf,
  closesFor,
  loadStrategyReport,
  type BoundaryState,
} from './report';

/**
 * The strategy report's daily P&L from the rollup's FIFO states at the day boundaries against
 * a plain replay of every fill of the history (cash, position and fees summed fill by fill in
 * (time, id) order), on a generated history with a market maker on a USD and a EUR pair, an
 * ETH market maker, an arbitrage and manual trades: identical bigints at every boundary.
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
  seeded = await seededDatabases({ seed: 7, days: 8, end: END });
  ({ trading, dashboards } = seeded);
  await refreshRollup(trading, dashboards, { budgetMs: 120_000, now: NOW, chunkIds: 2_000 });
}, 180_000);

afterAll(async () => {
  await seeded?.close();
});

/** Position, cash (Σ ask − Σ bid) and every fee at each boundary, replaying every fill before it. */
async function replay(config: StrategyConfig, boundaries: number[]): Promise<BoundaryState[]> {
  const rows = await listStrategyFills(trading, {
    actor: config.strategyActor,
    start: new Date(0),
    end: new Date(boundaries[boundaries.length - 1]),
  });
  const fills = normaliseStrategyFills(rows, {
    priceCurrency: config.priceCurrency,
    volumeCurrency: config.volumeCurrency,
  }).fills;
  const out: BoundaryState[] = [];
  let i = 0;
  let s: BoundaryState = { position: 0n, cash: 0n, fee: 0n };
  for (const b of boundaries) {
    while (i < fills.length && fills[i].timeMs < b) {
      const f = fills[i++];
      const bid = f.side === 'BID';
      s = {
        position: s.position + (bid ? f.volume : -f.volume),
        cash: s.cash + (bid ? -f.price : f.price),
        fee: s.fee + f.fee,
      };
    }
    out.push(s);
  }
  return out;
}

const str = (xs: Fixed[]) => xs.map((x) => fixedToString(x, 36));

const cases: Array<[string, Date, Date, Date]> = [
  ['the whole history and beyond', new Date(END.getTime() - 10 * DAY), END, NOW],
  // now in the middle of a day: the last boundary is now, past the FIFO states (read from sums)
  [
    'a window still running',
    new Date(END.getTime() - 5 * DAY),
    END,
    new Date(END.getTime() - 1.4 * DAY),
  ],
  // a start that is not a midnight widens to its day
  [
    'three days from mid-day',
    new Date(END.getTime() - 6 * DAY + 7.5 * 3_600_000),
    new Date(END.getTime() - 3 * DAY),
    NOW,
  ],
];

describe('strategy report: boundaries from the rollup equal a replay of the fills', () => {
  it.each(cases)('%s', async (_, start, end, now) => {
    const mark = await readRollupMark(dashboards);
    const { days, boundaries } = reportDays({ start, end }, now);
    expect(boundaries.length).toBe(days.length + 1);
    // Most boundaries are answered by the FIFO day states (the rest by the rollup's sums).
    const replayed = await readFifoTime(dashboards);
    expect(boundaries.filter((b) => b <= replayed).length).toBeGreaterThanOrEqual(3);
    let moving = 0;
    for (const config of STRATEGIES) {
      const fromRollup = await boundaryStates(
        { trading, dashboards },
        {
          actor: config.strategyActor,
          priceCurrency: config.priceCurrency,
          volumeCurrency: config.volumeCurrency,
          boundaries,
          mark,
        },
      );
      expect(fromRollup, config.key).not.toBeNull();
      const plain = await replay(config, boundaries);
      expect(str(fromRollup!.map((s) => s.position)), config.key).toEqual(
        str(plain.map((s) => s.position)),
      );
      expect(str(fromRollup!.map((s) => s.cash)), config.key).toEqual(
        str(plain.map((s) => s.cash)),
      );
      expect(str(fromRollup!.map((s) => s.fee)), config.key).toEqual(str(plain.map((s) => s.fee)));

      // The page's daily P&L: the same closes, valued on the replayed states.
      const report = await loadStrategyReport(config, { start, end }, now, { trading, dashboards });
      expect(report.available).toBe(true);
      const { closes } = await closesFor(
        trading,
        { priceCurrency: config.priceCurrency, volumeCurrency: config.volumeCurrency },
        boundaries,
        plain,
      );
      const equity = plain.map((s, k) => equityOf(s, closes[k]));
      const daily = days.map((_, i) => fixedToString(equity[i + 1] - equity[i]));
      expect(
        report.pnl.days.map((d) => d.pnl),
        config.key,
      ).toEqual(daily);
      expect(report.pnl.total).toBe(fixedToString(equity[equity.length - 1] - equity[0]));
      if (daily.some((d) => d !== '0')) moving++;
    }
    // The comparison has something to compare: strategies traded in these windows.
    expect(moving).toBeGreaterThan(1);
  });
});

describe('strategy report without the FIFO states', () => {
  // Last: it removes the states of one actor, as before the background has reached it.
  it('a strategy the states have not reached yet is read from the rollup sums, day by day', async () => {
    const config = BUILTIN_STRATEGIES.simple_mm;
    const { boundaries } = reportDays({ start: new Date(END.getTime() - 6 * DAY), end: END }, NOW);
    await dashboards.query('DELETE FROM `rollup_fifo_queue` WHERE `actor` = ?', [
      config.strategyActor.toUpperCase(),
    ]);
    const fromSums = await boundaryStates(
      { trading, dashboards },
      {
        actor: config.strategyActor,
        priceCurrency: config.priceCurrency,
        volumeCurrency: config.volumeCurrency,
        boundaries,
        mark: await readRollupMark(dashboards),
      },
    );
    const plain = await replay(config, boundaries);
    expect(fromSums).not.toBeNull();
    expect(str(fromSums!.map((s) => s.cash))).toEqual(str(plain.map((s) => s.cash)));
    expect(str(fromSums!.map((s) => s.position))).toEqual(str(plain.map((s) => s.position)));
    expect(str(fromSums!.map((s) => s.fee))).toEqual(str(plain.map((s) => s.fee)));
  });
});
