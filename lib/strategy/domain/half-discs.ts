import { DEFAULT_MAX_POINTS, type WindowLike, timeBucket } from './series';
import { type Fixed, fixedToNumber, parseFixed } from '../../core/money/fixed';
import type { FillSide, StrategyFill } from '../../fills/strategy-fills';
import { type Cell, addFill, addToCells, cellKey, newCell } from './half-disc-cells';

/**
 * The trading graph's half-discs (issue 4 items 4 and 8). Fills with volume at or below the
 * threshold are not drawn. Up to `maxPoints` drawn fills give one disc each; beyond that,
 * fills merge per (time bucket, side, price band) into one disc whose volume is their exact
 * total, drawn at their volume-weighted mean time and price, with `count` saying how many.
 * The grid starts fine (maxPoints time buckets × 32 price bands) and is halved, price bands
 * and time buckets in turn, until the occupied cells fit. Each halving at most halves the
 * count, so a grid that had to be coarsened still gives more than maxPoints / 2 discs.
 * The page gets them as columns of rounded numbers (drawn.ts).
 */
export interface HalfDisc {
  side: FillSide;
  /** Where it is drawn: epoch ms (volume-weighted mean time for a merged disc, may be fractional). */
  t: number;
  count: number;
  /** Exact totals: volume in the volume currency; price (notional) and fee in the price currency. */
  volume: Fixed;
  price: Fixed;
  fee: Fixed;
  /** Distinct exchange (account) names, sorted. */
  exchanges: string[];
  /** The fill's order; null for a merged disc. */
  orderId: number | null;
  /** Epoch ms of the first and last fill of a merged disc (or the bucket's span); null for one fill. */
  firstT: number | null;
  lastT: number | null;
}

export interface HalfDiscs {
  discs: HalfDisc[];
  drawnFills: number;
  belowThreshold: number;
  merged: boolean;
}

const FINEST_BANDS = 32;

export function bucketHalfDiscs(
  fills: readonly StrategyFill[],
  window: WindowLike,
  opts: { maxPoints?: number; volumeThreshold?: Fixed | string } = {},
): HalfDiscs {
  const maxPoints = opts.maxPoints ?? DEFAULT_MAX_POINTS;
  if (maxPoints < 2) throw new RangeError('maxPoints must be at least 2');
  const threshold = toFixed(opts.volumeThreshold ?? 0n);
  const drawn = fills.filter((f) => f.volume > threshold && !f.unpriced);
  const belowThreshold = fills.length - drawn.length;
  if (drawn.length <= maxPoints) {
    return {
      discs: drawn.map(singleDisc),
      drawnFills: drawn.length,
      belowThreshold,
      merged: false,
    };
  }
  const startMs = window.start.getTime();
  const length = Math.max(1, window.end.getTime() - startMs);
  const volumes = drawn.map((f) => fixedToNumber(f.volume));
  const prices = drawn.map((f, i) => fixedToNumber(f.price) / volumes[i]);
  let low = Infinity;
  let high = -Infinity;
  for (const p of prices) {
    if (p < low) low = p;
    if (p > high) high = p;
  }
  let timeBuckets = maxPoints;
  let bands = FINEST_BANDS;
  const span = high - low;
  let cells = new Map<number, Cell>();
  for (let i = 0; i < drawn.length; i++) {
    const fill = drawn[i];
    const timeIndex = timeBucket(fill.timeMs, startMs, length, timeBuckets);
    const bandIndex =
      span > 0 ? Math.min(bands - 1, Math.floor(((prices[i] - low) * bands) / span)) : 0;
    const key = cellKey(timeIndex, bandIndex, bands, fill.side);
    const cell = cells.get(key);
    if (cell === undefined)
      cells.set(key, newCell(fill, volumes[i], timeIndex, bandIndex, startMs));
    else addFill(cell, fill, volumes[i], startMs);
  }
  for (let halveBands = true; cells.size > maxPoints; halveBands = !halveBands) {
    if (bands === 1) halveBands = false;
    if (halveBands) bands = Math.ceil(bands / 2);
    else timeBuckets = Math.ceil(timeBuckets / 2);
    const coarser = new Map<number, Cell>();
    for (const cell of cells.values()) {
      if (halveBands) cell.bandIndex >>= 1;
      else cell.timeIndex >>= 1;
      addToCells(coarser, bands, cell);
    }
    cells = coarser;
  }
  const discs = [...cells.values()].map((c) => mergedDisc(c, startMs));
  discs.sort((a, b) => a.t - b.t || (a.side < b.side ? -1 : a.side > b.side ? 1 : 0));
  return { discs, drawnFills: drawn.length, belowThreshold, merged: true };
}

function singleDisc(fill: StrategyFill): HalfDisc {
  return {
    side: fill.side,
    t: fill.timeMs,
    count: 1,
    volume: fill.volume,
    price: fill.price,
    fee: fill.fee,
    exchanges: [fill.exchangeName],
    orderId: fill.orderId,
    firstT: null,
    lastT: null,
  };
}

function mergedDisc(cell: Cell, startMs: number): HalfDisc {
  if (cell.count === 1) return singleDisc(cell.first);
  return {
    side: cell.side,
    t: startMs + cell.weightedOffset / cell.volumeNumber,
    count: cell.count,
    volume: cell.volume,
    price: cell.price,
    fee: cell.fee,
    exchanges: [...cell.exchanges].sort(),
    orderId: null,
    firstT: cell.firstMs,
    lastT: cell.lastMs,
  };
}

function toFixed(value: Fixed | string): Fixed {
  return typeof value === 'bigint' ? value : parseFixed(value);
}
