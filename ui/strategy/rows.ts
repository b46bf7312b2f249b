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

/** One bucket of a dense window's trading graph (lib/strategy/domain/bands.ts). */
export interface TradeBandRow {
  /** Epoch ms of the bucket's middle, where it is drawn; its start and end. */
  t: number;
  from: number;
  to: number;
  /** Volume-weighted unit prices; null for a side without fills in the bucket. */
  bidVwap: number | null;
  askVwap: number | null;
  /** [bid VWAP, ask VWAP] when both sides filled: the shaded gap. */
  gap: [number, number] | null;
  bidVolume: number;
  askVolume: number;
}

/** Exact strings to drawn numbers: VWAP = notional / volume, divided here, in the browser. */
export function tradeBandRows(
  bands: NonNullable<DrawnTrades['bands']>,
  windowStartMs: number,
): TradeBandRow[] {
  const origin = timeOrigin(windowStartMs);
  const size = bands.size * 1000;
  return bands.t.map((t, i) => {
    const from = origin + t * 1000;
    const bidVolume = Number(bands.bidVolume[i]);
    const askVolume = Number(bands.askVolume[i]);
    const bidVwap = bidVolume > 0 ? Number(bands.bidNotional[i]) / bidVolume : null;
    const askVwap = askVolume > 0 ? Number(bands.askNotional[i]) / askVolume : null;
    return {
      t: from + size / 2,
      from,
      to: from + size,
      bidVwap,
      askVwap,
      gap: bidVwap !== null && askVwap !== null ? [bidVwap, askVwap] : null,
      bidVolume,
      askVolume,
    };
  });
}

/**
 * A dense window's position graph: per bucket, the range [min, max] drawn across the bucket
 * (a point at its start and one just before its end) and the close at its end; buckets from
 * `untilMs` on (the future) are left out. Revenue and profit keep their own points.
 */
export function positionBandRows(
  series: DrawnSeries,
  windowStartMs: number,
  untilMs: number,
): SeriesRow[] {
  const bands = series.positionBands;
  if (bands === null) return seriesRows(series, windowStartMs, untilMs);
  const origin = timeOrigin(windowStartMs);
  const size = bands.size * 1000;
  const rows = new Map<number, SeriesRow>();
  const at = (ms: number) => {
    let row = rows.get(ms);
    if (row === undefined) rows.set(ms, (row = { t: ms }));
    return row;
  };
  const first = series.position.v[0];
  if (first !== undefined) at(Math.max(origin, windowStartMs)).position = first;
  bands.t.forEach((t, i) => {
    const from = Math.max(origin + t * 1000, windowStartMs);
    if (from >= untilMs) return;
    const to = Math.min(origin + t * 1000 + size, untilMs);
    const range: [number, number] = [Number(bands.min[i]), Number(bands.max[i])];
    at(from).positionRange = range;
    at(to - 1).positionRange = range;
    at(to).position = Number(bands.close[i]);
  });
  const held = (ts: number[], vs: number[], key: 'revenue' | 'profit') => {
    ts.forEach((t, i) => (at(origin + t * 1000)[key] = vs[i]));
    const last = ts.length - 1;
    if (last >= 0 && origin + ts[last] * 1000 < untilMs) at(untilMs)[key] = vs[last];
  };
  held(series.revenue.t, series.revenue.v, 'revenue');
  held(series.profit.t, series.profit.v, 'profit');
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/**
 * The position axis (issue "first hour" item 2): the configured position_graph_min/max is the
 * range shown at least, widened to every drawn position (the opening one included). Ends and
 * ticks are round numbers (1, 2 or 5 × 10^k apart), so a widened axis still reads well.
 * Without configuration and without data: Recharts' own.
 */
export function positionAxis(
  values: readonly number[],
  configured: { min?: number; max?: number },
): { domain: [number, number]; ticks: number[] } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // The configured range is shown at least, unless the position uses under a tenth of it
  // (the manual strategy's ±100 would flatten a position of a few units): then the axis fits
  // the data and the limit lines out of view are not drawn.
  const { min, max } = configured;
  const span = min !== undefined && max !== undefined ? max - min : null;
  const tiny =
    span !== null && span > 0 && lo <= hi && lo >= min! && hi <= max! && hi - lo < span / 10;
  if (!tiny)
    for (const v of [min ?? NaN, max ?? NaN]) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo > hi) return null;
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const rough = (hi - lo) / 8;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/** Every position value drawn: points, their ranges and the bands. */
export function positionValues(series: DrawnSeries): number[] {
  const p = series.position;
  const b = series.positionBands;
  return [...p.v, ...p.min, ...p.max, ...(b ? [...b.min, ...b.max, ...b.close].map(Number) : [])];
}
