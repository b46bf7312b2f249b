import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { type Fixed, parseFixed } from '../core/money/fixed';
import { toDbDate } from '../db/db-time';
import type { StrategyCurrencies } from '../fills/strategy-fills';
import { ceilTo, DAY_MS, floorTo, HOUR_MS, type Level } from '../rollup/domain/buckets';
import type { BucketSums } from '../rollup/domain/sums';
import { readFillSums, readLevelSumsAboveMark } from '../rollup/read';
import {
  addToBand,
  bandSize,
  bandStart,
  type Bands,
  positionBands,
  type PositionStep,
  type TradeBand,
} from './domain/bands';
import { converted } from './rollup-converted';

/** The coarsest rollup level whose buckets tile a band bucket of `size` ms. */
export function bandLevel(size: number): Level {
  return size % DAY_MS === 0 ? 3 : size % HOUR_MS === 0 ? 2 : 1;
}

/**
 * The bands of a long window from the rollup (domain/bands.ts), equal to bandsFromFills over
 * the window's fills: trade sums per band bucket from the rollup's buckets of one level (and
 * the stretches at the window's ends no bucket covers, as one sum each); the position's range
 * from the FIFO states' per-bucket extremes (rollup_fifo). Where those states do not cover a
 * stretch with fills (an end of the window that is not a whole bucket, or time the states have
 * not replayed yet), its band spans the exact position at the stretch's ends only, and its
 * index is listed in endsOnly.
 */
export async function bandsFromRollup(
  pools: { trading: Pool; dashboards: Pool },
  q: {
    actor: string;
    cur: StrategyCurrencies;
    window: { start: Date; end: Date };
    mark: number;
    opening: Fixed;
    /** Epoch ms up to which the FIFO states are replayed (readFifoTime). */
    frontier: number;
  },
): Promise<Bands | null> {
  const { trading, dashboards } = pools;
  const s = q.window.start.getTime();
  const e = q.window.end.getTime();
  const size = bandSize(e - s);
  const level = bandLevel(size);
  const L = level === 3 ? DAY_MS : level === 2 ? HOUR_MS : 60_000;
  const first = Math.min(ceilTo(s, L), e);
  const last = Math.max(first, floorTo(e, L));
  const fifoEnd = Math.max(first, Math.min(last, floorTo(q.frontier, L)));
  // Same-side flows per bucket in the strategy's volume currency: price null where a bucket
  // holds a fill with a volume whose price or fee cannot be converted.
  const flowsOf = (rows: BucketSums[], at?: number): Flow[] =>
    rows
      .filter((r) => r.volumeCurrency === q.cur.volumeCurrency)
      .map((r) => ({
        at: at ?? (r.bucket as number),
        side: r.side,
        volume: r.volume,
        price: r.volume === 0n ? 0n : (converted(r, q.cur.priceCurrency)?.price ?? null),
        count: r.count,
      }));
  const stretch = async (from: number, to: number): Promise<Flow[]> =>
    from >= to
      ? []
      : flowsOf(
          await readFillSums(trading, dashboards, {
            from: new Date(from),
            to: new Date(to),
            byDay: false,
            actor: q.actor,
            mark: q.mark,
          }),
          from,
        );
  const middle = async (): Promise<Flow[]> => {
    if (first >= last) return [];
    const range = {
      from: new Date(first),
      to: new Date(last),
      level,
      actor: q.actor,
      mark: q.mark,
    };
    const [stored, fresh] = await Promise.all([
      q.mark > 0 ? storedFlows(dashboards, { ...range, cur: q.cur }) : Promise.resolve([]),
      readLevelSumsAboveMark(trading, range),
    ]);
    return [...stored, ...flowsOf(fresh)];
  };
  const [head, mid, tail, fifoRows] = await Promise.all([
    stretch(s, first),
    middle(),
    stretch(last, e),
    first < fifoEnd
      ? dashboards.query<RowDataPacket[]>(
          'SELECT `bucket`, `position`, `pos_min` AS lo, `pos_max` AS hi FROM `rollup_fifo` ' +
            'WHERE `actor` = ? AND `volume_currency` = ? AND `currency` = ? AND `level` = ? AND `bucket` >= ? AND `bucket` < ? ORDER BY `bucket`',
          [
            q.actor,
            q.cur.volumeCurrency,
            q.cur.priceCurrency,
            level,
            toDbDate(new Date(first)),
            toDbDate(new Date(fifoEnd)),
          ],
        )
      : Promise.resolve([[]] as [RowDataPacket[]]),
  ]);

  const trades = new Map<number, TradeBand>();
  // Net volume of the volume currency per stretch the FIFO states do not cover.
  const uncovered = new Map<number, { delta: Fixed; count: number }>();
  for (const r of [...head, ...mid, ...tail]) {
    const at = r.at;
    if (r.volume !== 0n) {
      if (r.price === null) return null;
      addToBand(trades, size, at, r.side, r.volume, r.price);
    }
    if (at >= first && at < fifoEnd) continue;
    const u = uncovered.get(at) ?? { delta: 0n, count: 0 };
    u.delta += r.side === 'BID' ? r.volume : -r.volume;
    u.count += r.count;
    uncovered.set(at, u);
  }

  const steps: Array<PositionStep & { endsOnly: boolean }> = [];
  for (const r of fifoRows[0]) {
    const position = parseFixed(String(r.position));
    steps.push({
      t: Date.parse(`${String(r.bucket).replace(' ', 'T')}Z`),
      min: parseFixed(String(r.lo)),
      max: parseFixed(String(r.hi)),
      close: position,
      endsOnly: false,
    });
  }
  // The uncovered stretches' ends: the position before them plus their net volume.
  steps.sort((a, b) => a.t - b.t);
  const gaps = [...uncovered.entries()].filter(([, u]) => u.count > 0).sort((a, b) => a[0] - b[0]);
  const all: typeof steps = [];
  let value = q.opening;
  let g = 0;
  for (const step of [...steps, null]) {
    while (g < gaps.length && (step === null || gaps[g][0] < step.t)) {
      value += gaps[g][1].delta;
      all.push({ t: gaps[g][0], min: value, max: value, close: value, endsOnly: true });
      g++;
    }
    if (step === null) break;
    value = step.close;
    all.push(step);
  }
  const position = positionBands(q.opening, all, q.window, size);
  const endsOnly = [
    ...new Set(
      all
        .filter((x) => x.endsOnly)
        .map((x) => position.findIndex((b) => b.t === bandStart(x.t, size))),
    ),
  ].filter((i) => i >= 0);
  return {
    size,
    trades: [...trades.values()].sort((a, b) => a.t - b.t),
    position,
    endsOnly,
  };
}

/** One bucket's and side's trades in the strategy's currencies (price null: not convertible). */
interface Flow {
  at: number;
  side: 'BID' | 'ASK';
  volume: Fixed;
  price: Fixed | null;
  count: number;
}

/**
 * The rollup's buckets of [from, to) at a level, summed per bucket and side in SQL (a lean
 * read: two rows a bucket instead of one per key, measured most of a 1-day window's time when
 * every key's sums were parsed): volume, notional in the strategy's price currency (the USD
 * value for other currencies) and how many rows with a volume cannot be converted (converted()).
 */
async function storedFlows(
  dashboards: Pool,
  q: { from: Date; to: Date; level: Level; actor: string; cur: StrategyCurrencies },
): Promise<Flow[]> {
  const pc = q.cur.priceCurrency;
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `bucket`, `side`, SUM(`volume`) AS volume, ' +
      'SUM(CASE WHEN `price_currency` = ? THEN `notional` ELSE `notional_usd` END) AS price, ' +
      'SUM(`volume` <> 0 AND NOT ((`price_currency` = ? AND `fee_unvalued` = 0) OR ' +
      "(? = 'USD' AND `price_currency` <> ? AND `rated` = 1 AND `fee_unvalued_usd` = 0))) AS bad, " +
      'SUM(`fill_count`) AS n FROM `rollup_fill` ' +
      'WHERE `actor` = ? AND `level` = ? AND `bucket` >= ? AND `bucket` < ? AND `volume_currency` = ? ' +
      'GROUP BY `bucket`, `side`',
    [pc, pc, pc, pc, q.actor, q.level, toDbDate(q.from), toDbDate(q.to), q.cur.volumeCurrency],
  );
  return rows.map((r) => ({
    at: Date.parse(`${String(r.bucket).replace(' ', 'T')}Z`),
    side: r.side === 'BID' ? 'BID' : 'ASK',
    volume: parseFixed(String(r.volume)),
    price: Number(r.bad) > 0 ? null : parseFixed(String(r.price)),
    count: Number(r.n),
  }));
}
