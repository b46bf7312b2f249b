import type { DrawnSeries, DrawnTrades } from '@/lib/strategy/domain/drawn';
import { timeOrigin } from '@/lib/strategy/domain/drawn-columns';
import type { FillSide } from '@/lib/fills/strategy-fills';

/**
 * The strategy JSON carries columns with times in seconds since the window start's whole
 * second (lib/strategy/domain/drawn-columns.ts); Recharts wants one object per point with
 * epoch ms. Built in the browser so the page's payload stays small.
 */
export interface DiscRow {
  /** Epoch ms. */
  t: number;
  side: FillSide;
  unitPrice: number;
  volume: number;
  count: number;
  fee: number;
  exchange: string;
  orderId: number | null;
  /** Epoch ms of the first and last fill of a merged disc; null for one fill. */
  firstT: number | null;
  lastT: number | null;
}

export function discRows(trades: DrawnTrades, windowStartMs: number): DiscRow[] {
  const d = trades.discs;
  const origin = timeOrigin(windowStartMs);
  const ms = (s: number | null) => (s === null ? null : origin + s * 1000);
  return d.t.map((t, i) => ({
    t: origin + t * 1000,
    side: d.side[i],
    unitPrice: d.unitPrice[i],
    volume: d.volume[i],
    count: d.count[i],
    fee: d.fee[i],
    exchange: trades.exchanges[d.exchange[i]] ?? '',
    orderId: d.orderId[i],
    firstT: ms(d.firstT[i]),
    lastT: ms(d.lastT[i]),
  }));
}

export interface SeriesRow {
  /** Epoch ms. */
  t: number;
  position?: number;
  positionRange?: [number, number];
  revenue?: number;
  profit?: number;
}

/**
 * The three series on one time axis; each keeps its own points (no interpolation) and holds
 * its last value until `untilMs` (the window end, or now for a window still running).
 */
export function seriesRows(
  series: DrawnSeries,
  windowStartMs: number,
  untilMs: number,
): SeriesRow[] {
  const origin = timeOrigin(windowStartMs);
  const rows = new Map<number, SeriesRow>();
  const at = (t: number) => {
    const ms = origin + t * 1000;
    let row = rows.get(ms);
    if (row === undefined) rows.set(ms, (row = { t: ms }));
    return row;
  };
  // A held value is the last value, without its bucket's range.
  const held = (ts: number[], set: (row: SeriesRow, i: number, held: boolean) => void) => {
    ts.forEach((t, i) => set(at(t), i, false));
    const last = ts.length - 1;
    if (last >= 0 && origin + ts[last] * 1000 < untilMs) {
      let row = rows.get(untilMs);
      if (row === undefined) rows.set(untilMs, (row = { t: untilMs }));
      set(row, last, true);
    }
  };
  const p = series.position;
  held(p.t, (row, i, heldOnly) => {
    row.position = p.v[i];
    row.positionRange = heldOnly ? [p.v[i], p.v[i]] : [p.min[i], p.max[i]];
  });
  held(series.revenue.t, (row, i) => (row.revenue = series.revenue.v[i]));
  held(series.profit.t, (row, i) => (row.profit = series.profit.v[i]));
  return [...rows.values()].sort((a, b) => a.t - b.t);
}
