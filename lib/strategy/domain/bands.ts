import { fixedToString, type Fixed } from '../../core/money/fixed';
import type { FillSide, StrategyFill } from '../../fills/strategy-fills';
import type { WindowLike } from './series';

/**
 * Long, busy windows (issue "first hour" item 1): beyond DISC_LIMIT fills, half-discs cover each
 * other, so the trading graph draws per time bucket the bid and ask volume-weighted prices
 * (the gap between them is what a market maker reads in the discs) and the volumes, and the
 * position graph the position's range within each bucket with its value at the bucket's end.
 * Everything here is exact (Fixed); the JSON carries decimal strings, the browser divides.
 */
export const DISC_LIMIT = 600;

/** Half-discs up to DISC_LIMIT fills drawn (about one per 2 px of a 1,200 px chart); bands beyond. */
export const drawsBands = (drawnFills: number): boolean => drawnFills > DISC_LIMIT;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Whole minutes, hours or days, so that a bucket is whole buckets of one rollup level. */
const SIZES = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  28 * DAY,
];
/** At most this many buckets across the window: about 3 px each on a 1,200 px chart. */
export const MAX_BANDS = 400;

/** The bucket length (ms) for a window: the shortest that gives at most MAX_BANDS buckets. */
export function bandSize(spanMs: number): number {
  return SIZES.find((s) => spanMs / s <= MAX_BANDS) ?? SIZES[SIZES.length - 1];
}

/** Buckets are aligned on multiples of their size since the epoch (UTC minutes, hours, days). */
export const bandStart = (ms: number, size: number): number => Math.floor(ms / size) * size;

/** Exact sums of one bucket and side: VWAP = notional / volume. */
export interface SideSums {
  volume: Fixed;
  notional: Fixed;
}

export interface TradeBand {
  /** Bucket start, epoch ms. */
  t: number;
  bid: SideSums;
  ask: SideSums;
}

/** Adds a side's sums to the bucket holding `atMs`; buckets are kept in a map by start. */
export function addToBand(
  bands: Map<number, TradeBand>,
  size: number,
  atMs: number,
  side: FillSide,
  volume: Fixed,
  notional: Fixed,
): void {
  const t = bandStart(atMs, size);
  let band = bands.get(t);
  if (band === undefined) {
    band = { t, bid: { volume: 0n, notional: 0n }, ask: { volume: 0n, notional: 0n } };
    bands.set(t, band);
  }
  const s = side === 'BID' ? band.bid : band.ask;
  s.volume += volume;
  s.notional += notional;
}

export function tradeBandsFromFills(fills: readonly StrategyFill[], size: number): TradeBand[] {
  const bands = new Map<number, TradeBand>();
  for (const f of fills) {
    if (f.unpriced) continue;
    addToBand(bands, size, f.timeMs, f.side, f.volume, f.price);
  }
  return [...bands.values()].sort((a, b) => a.t - b.t);
}

/**
 * What is known of the position within a stretch: after one fill (min = max = close), or over
 * a rollup bucket (its extremes after each of its fills, and its close). `t` is the fill's time
 * or the stretch's start, epoch ms.
 */
export interface PositionStep {
  t: number;
  min: Fixed;
  max: Fixed;
  close: Fixed;
}

/**
 * The position per bucket: min and max over its value at the bucket's start and after each of
 * its fills, and its value at the bucket's end (close). Every bucket from the window's start
 * to its end is given, quiet ones as their flat value.
 */
export interface PositionBand {
  t: number;
  min: Fixed;
  max: Fixed;
  close: Fixed;
}

export function positionBands(
  opening: Fixed,
  steps: readonly PositionStep[],
  window: WindowLike,
  size: number,
): PositionBand[] {
  const out: PositionBand[] = [];
  const end = window.end.getTime();
  let value = opening;
  let i = 0;
  for (let t = bandStart(window.start.getTime(), size); t < end; t += size) {
    let min = value;
    let max = value;
    for (; i < steps.length && steps[i].t < t + size; i++) {
      const s = steps[i];
      if (s.min < min) min = s.min;
      if (s.max > max) max = s.max;
      value = s.close;
    }
    out.push({ t, min, max, close: value });
  }
  return out;
}

/** Steps of single fills (time order): the position after each. */
export function fillSteps(opening: Fixed, fills: readonly StrategyFill[]): PositionStep[] {
  let p = opening;
  return fills.map((f) => {
    p += f.side === 'BID' ? f.volume : -f.volume;
    return { t: f.timeMs, min: p, max: p, close: p };
  });
}

/** The JSON columns: bucket starts in seconds since the window's time origin, amounts exact. */
export interface TradeBandColumns {
  /** Bucket length in seconds. */
  size: number;
  t: number[];
  bidVolume: string[];
  bidNotional: string[];
  askVolume: string[];
  askNotional: string[];
}

export interface PositionBandColumns {
  size: number;
  t: number[];
  min: string[];
  max: string[];
  close: string[];
  /** Buckets (indexes) whose range is only the position at their two ends (see rollup-bands.ts). */
  endsOnly: number[];
}

const exact = (v: Fixed) => fixedToString(v, 36);

export function tradeBandColumns(
  bands: readonly TradeBand[],
  size: number,
  time: (ms: number) => number,
): TradeBandColumns {
  return {
    size: size / 1000,
    t: bands.map((b) => time(b.t)),
    bidVolume: bands.map((b) => exact(b.bid.volume)),
    bidNotional: bands.map((b) => exact(b.bid.notional)),
    askVolume: bands.map((b) => exact(b.ask.volume)),
    askNotional: bands.map((b) => exact(b.ask.notional)),
  };
}

export function positionBandColumns(
  bands: readonly PositionBand[],
  size: number,
  time: (ms: number) => number,
  endsOnly: readonly number[] = [],
): PositionBandColumns {
  return {
    size: size / 1000,
    t: bands.map((b) => time(b.t)),
    min: bands.map((b) => exact(b.min)),
    max: bands.map((b) => exact(b.max)),
    close: bands.map((b) => exact(b.close)),
    endsOnly: [...endsOnly],
  };
}

/** Both graphs' buckets for one window. */
export interface Bands {
  size: number;
  trades: TradeBand[];
  position: PositionBand[];
  endsOnly: number[];
}

/** The plain path: every fill of the window (time order) and the exact opening position. */
export function bandsFromFills(
  fills: readonly StrategyFill[],
  opening: Fixed,
  window: WindowLike,
): Bands {
  const size = bandSize(window.end.getTime() - window.start.getTime());
  const priced = fills.filter((f) => !f.unpriced);
  return {
    size,
    trades: tradeBandsFromFills(priced, size),
    position: positionBands(opening, fillSteps(opening, priced), window, size),
    endsOnly: [],
  };
}

/** "5 minutes", "hour", "3 hours", "day", "7 days": for the page's note. */
export function bandWords(size: number): string {
  const [unit, n] =
    size % DAY === 0
      ? ['day', size / DAY]
      : size % HOUR === 0
        ? ['hour', size / HOUR]
        : ['minute', size / MINUTE];
  return n === 1 ? unit : `${n} ${unit}s`;
}

/** The sentence the page shows when it draws bands. */
export function bandsNote(fillCount: number, size: number, fromRollup: boolean): string {
  return (
    `${fillCount.toLocaleString('en-US')} fills, too many to tell half-discs apart: the graphs show per ${bandWords(size)} ` +
    `the bid and ask volume-weighted prices, the volumes, and the position's range and closing value${fromRollup ? ' (from the rollup)' : ''}.`
  );
}
