import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate, toDbDate } from '../db/db-time';
import { parseFixedOrZero } from '../core/money/fixed';
import { ORDER_MAX_AGE_MS, type PairFill, type PairOrder } from './domain/reference-price';
import type { QualityFill } from './domain/view';
import { listPairFills, listPairOrders } from './queries';
import { planWindow } from '../rollup/domain/buckets';

/**
 * A pair's orders and fills where references are asked for: `needed` stretches of time
 * (epoch ms). Orders: the stretches are merged when their order look-backs (ORDER_MAX_AGE_MS)
 * would overlap, and each merged stretch [a, b) reads orders from a − ORDER_MAX_AGE_MS. Fills:
 * each stretch (merged only when they touch) reads its own fills with the last one before it,
 * that one dropped when it lies before the previous stretch's end (it is then read already);
 * so a day's window whose two ends are a day apart reads the fills at its ends, not the whole
 * day's. A reference at any instant of a stretch is what a load of the whole span would give
 * (domain/reference-price.ts bounds every input's age relative to the instant).
 */
export async function loadPairSpans(
  trading: Pool,
  exchange: string,
  needed: ReadonlyArray<[number, number]>,
): Promise<{ orders: PairOrder[]; fills: PairFill[] }> {
  const sorted = needed.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merge = (gap: number) => {
    const out: Array<[number, number]> = [];
    for (const [a, b] of sorted) {
      const last = out[out.length - 1];
      if (last && a - gap <= last[1]) last[1] = Math.max(last[1], b);
      else out.push([a, b]);
    }
    return out;
  };
  const forFills = merge(0);
  const [orders, fills] = await Promise.all([
    Promise.all(
      merge(ORDER_MAX_AGE_MS).map(([a, b]) =>
        listPairOrders(trading, {
          exchange,
          from: new Date(a - ORDER_MAX_AGE_MS),
          to: new Date(b),
        }),
      ),
    ),
    Promise.all(
      forFills.map(([a, b]) =>
        listPairFills(trading, { exchange, from: new Date(a), to: new Date(b) }),
      ),
    ),
  ]);
  return {
    orders: orders.flat(),
    fills: fills.flatMap((fs, i) =>
      i === 0 ? fs : fs.filter((f) => f.time >= forFills[i][0] || f.time >= forFills[i - 1][1]),
    ),
  };
}

/**
 * The actor's fills of one pair's currencies in [from, to) (whole minutes, below the rollup's
 * mark), summed per minute, side and account from rollup_fill: as one fill per row at the
 * minute's start, for the position and the cash flows (not for markouts: `unitPrice` is 0).
 * Read through the (actor, level, bucket) index, grouped in its order (its rows continue with
 * the primary key's account, side, …): no temporary table or sort. The optimizer otherwise
 * scans every actor's minutes by primary key and sorts (30 days of the bench history: 2.3-2.7 s
 * against 0.8-1.1 s). The order within a minute does not matter (sums, then a position).
 */
export async function readMinuteFlows(
  dashboards: Pool,
  q: { actor: string; vc: string; pc: string; from: number; to: number },
): Promise<{ fills: QualityFill[]; unvaluedFees: number }> {
  if (q.to <= q.from) return { fills: [], unvaluedFees: 0 };
  const [rows] = await dashboards.query<RowDataPacket[]>({
    sql:
      'SELECT `bucket`, `side`, `account`, SUM(`volume`), SUM(`notional`), SUM(`fee_value`), SUM(`fee_unvalued`), SUM(`fill_count`) ' +
      'FROM `rollup_fill` FORCE INDEX (`rollup_fill_actor`) WHERE `actor` = ? AND `level` = 1 ' +
      'AND `bucket` >= ? AND `bucket` < ? AND `volume_currency` = ? AND `price_currency` = ? ' +
      'GROUP BY `bucket`, `account`, `side` ORDER BY `bucket`, `account`, `side`',
    values: [
      q.actor.toUpperCase(),
      toDbDate(new Date(q.from)),
      toDbDate(new Date(q.to)),
      q.vc,
      q.pc,
    ],
    rowsAsArray: true,
  });
  let unvaluedFees = 0;
  const fills = (
    rows as unknown as Array<[string, string, string, string, string, string, string, string]>
  ).map((r) => {
    unvaluedFees += Number(r[6]);
    return {
      time: parseDbDate(r[0])!.getTime(),
      side: r[1] === 'BID' ? ('BID' as const) : ('ASK' as const),
      volume: parseFixedOrZero(r[3]),
      unitPrice: 0n,
      notional: parseFixedOrZero(r[4]),
      fee: parseFixedOrZero(r[5]),
      exchange: r[2],
      count: Number(r[7]),
    };
  });
  return { fills, unvaluedFees };
}

/**
 * The actor's position changes and cash flows of one pair's currencies over [from, to) (whole
 * minutes before the quality time), without reading each minute's rows of rollup_fill: the
 * position's change per minute from rollup_position (its primary key: one contiguous range),
 * as one entry per minute at the minute's start (no notional, no fee, no fill count); and the
 * notional, fees and fill counts per account and side summed over the stretch from
 * rollup_fill's largest whole buckets (planWindow: days, then hours and minutes at the ends),
 * as entries of no volume at `from`. Position, cash flow, fees and fills per exchange are
 * those of readMinuteFlows exactly (the same rows of rollup_fill, summed).
 */
export async function readCoveredFlows(
  dashboards: Pool,
  q: { actor: string; vc: string; pc: string; from: number; to: number },
): Promise<{ fills: QualityFill[]; unvaluedFees: number }> {
  if (q.to <= q.from) return { fills: [], unvaluedFees: 0 };
  const actor = q.actor.toUpperCase();
  const plan = planWindow(q.from, q.to).buckets;
  const [[deltas], [totals]] = await Promise.all([
    dashboards.query<RowDataPacket[]>({
      sql:
        'SELECT `bucket`, `volume` FROM `rollup_position` WHERE `actor` = ? AND `volume_currency` = ? ' +
        'AND `price_currency` = ? AND `bucket` >= ? AND `bucket` < ? ORDER BY `bucket`',
      values: [actor, q.vc, q.pc, toDbDate(new Date(q.from)), toDbDate(new Date(q.to))],
      rowsAsArray: true,
    }),
    dashboards.query<RowDataPacket[]>({
      sql:
        'SELECT `side`, `account`, SUM(`notional`), SUM(`fee_value`), SUM(`fee_unvalued`), SUM(`fill_count`) ' +
        'FROM `rollup_fill` FORCE INDEX (`rollup_fill_actor`) WHERE `actor` = ? AND (' +
        plan.map(() => '(`level` = ? AND `bucket` >= ? AND `bucket` < ?)').join(' OR ') +
        ') AND `volume_currency` = ? AND `price_currency` = ? GROUP BY `account`, `side`',
      values: [
        actor,
        ...plan.flatMap((b) => [b.level, toDbDate(new Date(b.from)), toDbDate(new Date(b.to))]),
        q.vc,
        q.pc,
      ],
      rowsAsArray: true,
    }),
  ]);
  const fills: QualityFill[] = [];
  let unvaluedFees = 0;
  for (const r of totals as unknown as string[][]) {
    unvaluedFees += Number(r[4]);
    fills.push({
      time: q.from,
      side: r[0] === 'BID' ? 'BID' : 'ASK',
      volume: 0n,
      unitPrice: 0n,
      notional: parseFixedOrZero(r[2]),
      fee: parseFixedOrZero(r[3]),
      exchange: r[1],
      count: Number(r[5]),
    });
  }
  for (const r of deltas as unknown as string[][]) {
    const d = parseFixedOrZero(r[1]);
    fills.push({
      time: parseDbDate(r[0])!.getTime(),
      side: d < 0n ? 'ASK' : 'BID',
      volume: d < 0n ? -d : d,
      unitPrice: 0n,
      notional: 0n,
      fee: 0n,
      exchange: '',
      count: 0,
    });
  }
  return { fills, unvaluedFees };
}
