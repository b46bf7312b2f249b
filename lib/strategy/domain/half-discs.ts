import { DEFAULT_MAX_POINTS, type WindowLike, timeBucket } from './series';
import {
  type Fixed,
  fixedDiv,
  fixedToNumber,
  fixedToString,
  parseFixed,
} from '../../core/money/fixed';
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
 */
export interface HalfDiscTooltip {
  /** Exchange name; for a merged disc the distinct names, comma separated. */
  exchange: string;
  /** Decimal strings: volume in the volume currency, unit price (volume-weighted for a merged disc) and fee in the price currency. */
  volume: string;
  unitPrice: string;
  fee: string;
  /** Null for a merged disc. */
  orderId: number | null;
  /** ISO 8601 UTC of the (first) fill; lastTime of the last one for a merged disc. */
  time: string;
  lastTime: string | null;
  count: number;
}

export interface HalfDisc {
  side: FillSide;
  /** Drawing values: epoch ms, unit price, volume (radius = base_point_radius × √volume). */
  t: number;
  unitPrice: number;
  volume: number;
  count: number;
  tooltip: HalfDiscTooltip;
}

export interface HalfDiscs {
  discs: HalfDisc[];
  drawnFills: number;
  belowThreshold: number;
  merged: boolean;
}

const FINEST_BANDS = 32;
const PRICE_DECIMALS = 10;

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
  const time = new Date(fill.timeMs).toISOString();
  return {
    side: fill.side,
    t: fill.timeMs,
    unitPrice: fixedToNumber(fill.price) / fixedToNumber(fill.volume),
    volume: fixedToNumber(fill.volume),
    count: 1,
    tooltip: {
      exchange: fill.exchangeName,
      volume: fixedToString(fill.volume),
      unitPrice: fixedToString(fixedDiv(fill.price, fill.volume), PRICE_DECIMALS),
      fee: fixedToString(fill.fee),
      orderId: fill.orderId,
      time,
      lastTime: null,
      count: 1,
    },
  };
}

function mergedDisc(cell: Cell, startMs: number): HalfDisc {
  if (cell.count === 1) return singleDisc(cell.first);
  return {
    side: cell.side,
    t: startMs + cell.weightedOffset / cell.volumeNumber,
    unitPrice: fixedToNumber(cell.price) / fixedToNumber(cell.volume),
    volume: cell.volumeNumber,
    count: cell.count,
    tooltip: {
      exchange: [...cell.exchanges].sort().join(', '),
      volume: fixedToString(cell.volume),
      unitPrice: fixedToString(fixedDiv(cell.price, cell.volume), PRICE_DECIMALS),
      fee: fixedToString(cell.fee),
      orderId: null,
      time: new Date(cell.firstMs).toISOString(),
      lastTime: new Date(cell.lastMs).toISOString(),
      count: cell.count,
    },
  };
}

function toFixed(value: Fixed | string): Fixed {
  return typeof value === 'bigint' ? value : parseFixed(value);
}
