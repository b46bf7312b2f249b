import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { type Fixed, parseFixed } from '../core/money/fixed';
import { parseDbDate, toDbDate } from '../db/db-time';
import type { StrategyCurrencies } from '../fills/strategy-fills';
import {
  ceilTo,
  DAY_MS,
  FIVE_MINUTES_MS,
  floorTo,
  HOUR_MS,
  levelMs,
  MINUTE_MS,
  type StoredLevel,
} from '../rollup/domain/buckets';
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

/** The coarsest rollup level whose buckets tile a band bucket of `size` ms (5-minute buckets: level 4). */
export function bandLevel(size: number): StoredLevel {
  if (size % DAY_MS === 0) return 3;
  if (size % HOUR_MS === 0) return 2;
  return size % FIVE_MINUTES_MS === 0 ? 4 : 1;
}

/**
 * The FIFO state at the end of a band (and the position's extremes over its buckets): one
 * series point a band, at `end`.
 */
export interface BandState {
  /** The band's first rollup bucket with fills (epoch ms), and the band's end (or the states'). */
  start: number;
  end: number;
  position: Fixed;
  lo: Fixed;
  hi: Fixed;
  cash: Fixed;
  fee: Fixed;
  openCash: Fixed;
  openFee: Fixed;
}

/**
 * The bands of a long window from the rollup (domain/bands.ts), equal to bandsFromFills over
 * the window's fills: trade sums per band bucket from the rollup's buckets of one level (and
 * the stretches at the window's ends no bucket covers, as one sum each); the position's range
 * from the FIFO states' per-bucket extremes (rollup_fifo). Where those states do not cover a
 * stretch with fills (an end of the window that is not a whole bucket, or time the states have
 * not replayed yet), its band spans the exact position at the stretch's ends only, and its
 * index is listed in endsOnly. Both reads are summed per band in MariaDB (a 1-day window's 5-
 * minute bands: 288 FIFO rows and 576 flows instead of 1,440 and 2,871), and the FIFO states
 * at the bands' ends are returned for the series (one point a band: what the graph can show).
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
): Promise<{ bands: Bands; states: BandState[]; level: StoredLevel } | null> {
  const { trading, dashboards } = pools;
  const s = q.window.start.getTime();
  const e = q.window.end.getTime();
  const size = bandSize(e - s);
  const level = bandLevel(size);
  const L = levelMs(level);
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
    const stored = (from: number, to: number, per: number) =>
      q.mark > 0 && from < to
        ? storedFlows(dashboards, {
            ...range,
            from: new Date(from),
            to: new Date(to),
            cur: q.cur,
            per,
          })
        : Promise.resolve([]);
    // Per band where the FIFO states cover the buckets (each flow at its band's first bucket
    // in that stretch); per bucket past them (uncovered stretches, each its own ends-only step).
    const [covered, beyond, fresh] = await Promise.all([
      stored(first, fifoEnd, size),
      stored(fifoEnd, last, L),
      readLevelSumsAboveMark(trading, range),
    ]);
    return [...covered, ...beyond, ...flowsOf(fresh)];
  };
  const [head, mid, tail, states] = await Promise.all([
    stretch(s, first),
    middle(),
    stretch(last, e),
    first < fifoEnd
      ? bandStates(dashboards, { ...q, level, size, from: first, to: fifoEnd })
      : Promise.resolve([]),
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

  // One step a band (its buckets' extremes and the last one's close, at its first bucket);
  // the uncovered stretches' ends: the position before them plus their net volume.
  const steps: Array<PositionStep & { endsOnly: boolean }> = states.map((b) => ({
    t: b.start,
    min: b.lo,
    max: b.hi,
    close: b.position,
    endsOnly: false,
  }));
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
  const firstBand = position.length > 0 ? position[0].t : 0;
  const endsOnly = [
    ...new Set(all.filter((x) => x.endsOnly).map((x) => (bandStart(x.t, size) - firstBand) / size)),
  ].filter((i) => i >= 0 && i < position.length);
  return {
    bands: {
      size,
      trades: [...trades.values()].sort((a, b) => a.t - b.t),
      position,
      endsOnly,
    },
    states,
    level,
  };
}

/** TIMESTAMPDIFF's unit for a level's buckets, and its length. */
const UNIT: Record<StoredLevel, [string, number]> = {
  1: ['MINUTE', MINUTE_MS],
  4: ['MINUTE', MINUTE_MS],
  2: ['HOUR', HOUR_MS],
  3: ['DAY', DAY_MS],
};

/** The band (or bucket) index of a rollup bucket, `per` ms long: whole buckets since the epoch. */
const groupSql = (level: StoredLevel, per: number) =>
  `TIMESTAMPDIFF(${UNIT[level][0]}, '1970-01-01 00:00:00', \`bucket\`) DIV ${Math.round(per / UNIT[level][1])}`;

const msOf = (v: unknown) => parseDbDate(String(v))!.getTime();

/**
 * The FIFO states of [from, to) (whole buckets of the level) per band of `size` ms: the
 * position's extremes over the band's buckets, and the state at the end of its last one.
 */
export async function bandStates(
  dashboards: Pool,
  q: {
    actor: string;
    cur: StrategyCurrencies;
    level: StoredLevel;
    size: number;
    from: number;
    to: number;
  },
): Promise<BandState[]> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT ${groupSql(q.level, q.size)} AS g, MIN(\`bucket\`) AS t0, MAX(\`bucket\`) AS t1, ` +
      'MIN(`pos_min`) AS lo, MAX(`pos_max`) AS hi, ' +
      "SUBSTRING_INDEX(GROUP_CONCAT(CONCAT_WS(' ', `position`, `cash`, `fee`, `open_cash`, `open_fee`) " +
      "ORDER BY `bucket` DESC SEPARATOR ';'), ';', 1) AS close " +
      'FROM `rollup_fifo` WHERE `actor` = ? AND `volume_currency` = ? AND `currency` = ? AND `level` = ? ' +
      'AND `bucket` >= ? AND `bucket` < ? GROUP BY g ORDER BY g',
    [
      q.actor,
      q.cur.volumeCurrency,
      q.cur.priceCurrency,
      q.level,
      toDbDate(new Date(q.from)),
      toDbDate(new Date(q.to)),
    ],
  );
  return rows.map((r) => {
    const [position, cash, fee, openCash, openFee] = String(r.close).split(' ').map(parseFixed);
    return {
      start: msOf(r.t0),
      // The state after its last bucket holds until the band's end (no fill of the strategy
      // in this currency between them: it would have its own bucket), or the states' end.
      end: Math.min((Number(r.g) + 1) * q.size, q.to),
      position,
      lo: parseFixed(String(r.lo)),
      hi: parseFixed(String(r.hi)),
      cash,
      fee,
      openCash,
      openFee,
    };
  });
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
 * The rollup's buckets of [from, to) at a level, summed per band (or bucket) and side in SQL (a
 * lean read: two rows a band instead of one per bucket and key, measured most of a 1-day
 * window's time when every key's sums were parsed): volume, notional in the strategy's price currency (the USD
 * value for other currencies) and how many rows with a volume cannot be converted (converted()).
 */
async function storedFlows(
  dashboards: Pool,
  q: {
    from: Date;
    to: Date;
    level: StoredLevel;
    actor: string;
    cur: StrategyCurrencies;
    /** Summed per this many ms (a band, or the level's bucket): each flow at its group's first bucket. */
    per: number;
  },
): Promise<Flow[]> {
  const pc = q.cur.priceCurrency;
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT ${groupSql(q.level, q.per)} AS g, MIN(\`bucket\`) AS bucket, \`side\`, SUM(\`volume\`) AS volume, ` +
      'SUM(CASE WHEN `price_currency` = ? THEN `notional` ELSE `notional_usd` END) AS price, ' +
      'SUM(`volume` <> 0 AND NOT ((`price_currency` = ? AND `fee_unvalued` = 0) OR ' +
      "(? = 'USD' AND `price_currency` <> ? AND `rated` = 1 AND `fee_unvalued_usd` = 0))) AS bad, " +
      'SUM(`fill_count`) AS n FROM `rollup_fill` ' +
      'WHERE `actor` = ? AND `level` = ? AND `bucket` >= ? AND `bucket` < ? AND `volume_currency` = ? ' +
      'GROUP BY g, `side`',
    [pc, pc, pc, pc, q.actor, q.level, toDbDate(q.from), toDbDate(q.to), q.cur.volumeCurrency],
  );
  return rows.map((r) => ({
    at: msOf(r.bucket),
    side: r.side === 'BID' ? 'BID' : 'ASK',
    volume: parseFixed(String(r.volume)),
    price: Number(r.bad) > 0 ? null : parseFixed(String(r.price)),
    count: Number(r.n),
  }));
}
