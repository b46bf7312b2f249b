import { fixedDiv, fixedToNumber } from '../../core/money/fixed';
import type { FillSide } from '../../fills/strategy-fills';
import type { HalfDisc } from './half-discs';
import type { BucketedPoint } from './series';

/**
 * The columns the strategy page draws from (drawn.ts): one entry per point or half-disc at the
 * same index in every column of an object; numbers rounded to 10 significant digits; times
 * whole seconds since the window start's whole second (timeOrigin). Fills, rollup buckets and
 * windows given to the second are whole seconds, so they stay exact; a merged disc's mean time
 * (or the end of a window given to the millisecond) moves by under a second: the same pixel.
 */
export interface SeriesColumns {
  t: number[];
  v: number[];
}

/** `v` is the value at `t` (a bucket's last); min and max its extremes within the bucket. */
export interface RangeSeriesColumns extends SeriesColumns {
  min: number[];
  max: number[];
}

/**
 * Volume in the volume currency; unit price (volume-weighted for a merged disc) and fee in the
 * price currency. `exchange` indexes the trades' `exchanges`. A disc of one fill has its
 * orderId and null firstT and lastT (its time is t); a merged disc (or a rollup bucket's) has
 * a null orderId and the span of its fills in firstT and lastT.
 */
export interface HalfDiscColumns {
  t: number[];
  side: FillSide[];
  unitPrice: number[];
  volume: number[];
  count: number[];
  fee: number[];
  exchange: number[];
  orderId: (number | null)[];
  firstT: (number | null)[];
  lastT: (number | null)[];
}

/** A drawn number to 10 significant digits: 52664.659999999996 becomes 52664.66. */
export function round10(x: number): number {
  return x === 0 || !Number.isFinite(x) ? 0 : Number(x.toPrecision(10));
}

/** Epoch ms of time 0 of the time columns: the window start, rounded down to the second. */
export function timeOrigin(windowStartMs: number): number {
  return Math.floor(windowStartMs / 1000) * 1000;
}

/** Epoch ms to whole seconds since `originMs`: the unit of every time column. */
export type Seconds = (ms: number) => number;

export function secondsSince(originMs: number): Seconds {
  return (ms) => Math.round((ms - originMs) / 1000);
}

export function valueColumns(points: readonly BucketedPoint[], time: Seconds): SeriesColumns {
  return { t: points.map((p) => time(p.t)), v: points.map((p) => round10(p.v)) };
}

export function rangeColumns(points: readonly BucketedPoint[], time: Seconds): RangeSeriesColumns {
  return {
    ...valueColumns(points, time),
    min: points.map((p) => round10(p.min)),
    max: points.map((p) => round10(p.max)),
  };
}

/** The discs as columns, with the list of exchange names (or ", "-joined names) they index. */
export function discColumns(
  discs: readonly HalfDisc[],
  time: Seconds,
): { discs: HalfDiscColumns; exchanges: string[] } {
  const exchanges: string[] = [];
  const indexOf = new Map<string, number>();
  const exchangeIndex = (names: readonly string[]) => {
    const label = names.join(', ');
    let i = indexOf.get(label);
    if (i === undefined) {
      i = exchanges.push(label) - 1;
      indexOf.set(label, i);
    }
    return i;
  };
  const number = (v: bigint) => round10(fixedToNumber(v));
  const orNull = (ms: number | null) => (ms === null ? null : time(ms));
  return {
    discs: {
      t: discs.map((d) => time(d.t)),
      side: discs.map((d) => d.side),
      unitPrice: discs.map((d) => (d.volume === 0n ? 0 : number(fixedDiv(d.price, d.volume)))),
      volume: discs.map((d) => number(d.volume)),
      count: discs.map((d) => d.count),
      fee: discs.map((d) => number(d.fee)),
      exchange: discs.map((d) => exchangeIndex(d.exchanges)),
      orderId: discs.map((d) => d.orderId),
      firstT: discs.map((d) => orNull(d.firstT)),
      lastT: discs.map((d) => orNull(d.lastT)),
    },
    exchanges,
  };
}
