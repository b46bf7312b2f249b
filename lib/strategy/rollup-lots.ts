import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { Fixed } from '../core/money/fixed';
import { openingLots } from '../fills/opening-lots';
import {
  normaliseStrategyFills,
  type StrategyCurrencies,
  type StrategyFill,
} from '../fills/strategy-fills';
import { DAY_MS, floorTo, HOUR_MS, type Level, levelMs, MINUTE_MS } from '../rollup/domain/buckets';
import type { BucketSums } from '../rollup/domain/sums';
import { lotSearchStart, readLevelSums } from '../rollup/read';
import { converted } from './rollup-converted';
import { listSameSideFillsNewestFirst } from './queries';

/**
 * The sums of the lots open at an instant (FIFO leaves open the newest same-side fills summing
 * to the position, the oldest of them partly: lib/fills/opening-lots.ts), without reading
 * those fills: the lots of a busy market maker are tens of thousands of fills (measured: 0.2 to
 * 0.4 s each instant on the 10-million-fill history, most of a long window's time).
 *
 * Walking back from the instant, newest first: the fills of its own partial minute (read live),
 * then the rollup's minutes of its hour, hours of its day and days before (lotSearchStart
 * finds how far), each bucket's same-side volume summed (exact: readLevelSums includes the
 * fills above the rollup's mark). The bucket in which the lots reach the position is opened
 * at the next finer level, down to one minute, whose fills are read live and cut exactly as
 * openingLots cuts them. Every bucket newer than that minute is wholly open: its sums are the
 * rollup's. Equal to summing openingLots' lots (proven in rollup-path.db.test.ts).
 */
export interface LotSums {
  side: 'BID' | 'ASK';
  volume: Fixed;
  /** Σ price of the lots (their notional in the price currency), fees, volume-currency fees. */
  price: Fixed;
  fee: Fixed;
  feeInVolumeCurrency: Fixed;
}

/** The lot sums as one lot, to value at a mark (computeFifoPnl's open figures are sums). */
export function asOneLot(s: LotSums): StrategyFill {
  return {
    tradeId: 0,
    orderId: 0,
    timeMs: 0,
    side: s.side,
    volume: s.volume,
    price: s.price,
    fee: s.fee,
    feeInVolumeCurrency: s.feeInVolumeCurrency,
    exchangeName: '',
  };
}

interface Bucket {
  from: number;
  level: Level;
  rows: BucketSums[];
}

/** Null: the history does not explain the position, or a fee or price cannot be converted. */
export async function openLotSums(
  pools: { trading: Pool; dashboards: Pool },
  q: { actor: string; cur: StrategyCurrencies; at: Date; position: Fixed; mark: number },
): Promise<LotSums | null> {
  const { trading, dashboards } = pools;
  const side = q.position > 0n ? 'BID' : 'ASK';
  const needed = q.position > 0n ? q.position : -q.position;
  const sums: LotSums = { side, volume: 0n, price: 0n, fee: 0n, feeInVolumeCurrency: 0n };
  if (needed === 0n) return sums;
  const atMs = q.at.getTime();
  const signed = (v: Fixed) => (side === 'BID' ? v : -v);

  /** Lots among live fills of [from, to), after `covered` of newer volume; true when the cut is found. */
  const fromFills = async (from: number, to: number, covered: Fixed): Promise<boolean | null> => {
    const rows = await listSameSideFillsNewestFirst(trading, {
      actor: q.actor,
      volumeCurrency: q.cur.volumeCurrency,
      side,
      from: new Date(from),
      before: new Date(to),
    });
    const opened = openingLots(normaliseStrategyFills(rows, q.cur).fills, signed(needed - covered));
    for (const l of opened.lots) {
      if (l.unpriced) continue;
      sums.volume += l.volume;
      sums.price += l.price;
      sums.fee += l.fee;
      sums.feeInVolumeCurrency += l.feeInVolumeCurrency;
    }
    return opened.unexplainedVolume === 0n;
  };
  const own = (r: BucketSums) => r.volumeCurrency === q.cur.volumeCurrency && r.side === side;
  /** Same-side rows of [from, to) at a level, per bucket, newest first. */
  const buckets = async (from: number, to: number, level: Level): Promise<Bucket[]> => {
    if (from >= to) return [];
    const rows = await readLevelSums(trading, dashboards, {
      from: new Date(from),
      to: new Date(to),
      level,
      actor: q.actor,
      mark: q.mark,
    });
    const by = new Map<number, Bucket>();
    for (const r of rows) {
      if (!own(r)) continue;
      const at = r.bucket as number;
      const b = by.get(at) ?? { from: at, level, rows: [] };
      b.rows.push(r);
      by.set(at, b);
    }
    return [...by.values()].sort((a, b) => b.from - a.from);
  };

  let covered = 0n;
  /**
   * Walks buckets newest first, adding the wholly open ones; opens the one where the lots
   * reach the position. True: cut found; false: not reached; null: not convertible.
   */
  const walk = async (list: Bucket[]): Promise<boolean | null> => {
    for (const b of list) {
      const v = b.rows.reduce((s, r) => s + r.volume, 0n);
      if (covered + v >= needed) {
        if (b.level === 1) return fromFills(b.from, b.from + MINUTE_MS, covered);
        const finer = (b.level - 1) as Level;
        return walk(await buckets(b.from, b.from + levelMs(b.level), finer));
      }
      for (const r of b.rows) {
        const c = converted(r, q.cur.priceCurrency);
        if (c === null) return null;
        sums.volume += r.volume;
        sums.price += c.price;
        sums.fee += c.fee;
        sums.feeInVolumeCurrency += r.volumeCurrencyFee;
      }
      covered += v;
    }
    return false;
  };

  const minute = floorTo(atMs, MINUTE_MS);
  const hour = floorTo(atMs, HOUR_MS);
  const day = floorTo(atMs, DAY_MS);
  const [tail, minutes, hours] = await Promise.all([
    // The instant's own partial minute, fill by fill (under a minute of fills).
    minute < atMs
      ? listSameSideFillsNewestFirst(trading, {
          actor: q.actor,
          volumeCurrency: q.cur.volumeCurrency,
          side,
          from: new Date(minute),
          before: q.at,
        })
      : Promise.resolve([]),
    buckets(hour, minute, 1),
    buckets(day, hour, 2),
  ]);
  if (tail.length > 0) {
    const opened = openingLots(normaliseStrategyFills(tail, q.cur).fills, signed(needed));
    for (const l of opened.lots) {
      if (l.unpriced) continue;
      sums.volume += l.volume;
      sums.price += l.price;
      sums.fee += l.fee;
      sums.feeInVolumeCurrency += l.feeInVolumeCurrency;
      covered += l.volume;
    }
    if (opened.unexplainedVolume === 0n) return sums;
  }
  let found = await walk([...minutes, ...hours]);
  if (found === null) return null;
  if (found) return sums;
  const from = await lotSearchStart(dashboards, {
    actor: q.actor,
    volumeCurrency: q.cur.volumeCurrency,
    side,
    needed,
    covered,
    beforeDay: new Date(day),
  });
  found = await walk(await buckets(from.getTime(), day, 3));
  return found === true ? sums : null;
}
