/**
 * The rollup's time buckets (lib/rollup/): three levels, each bucket [start, start + size)
 * aligned on UTC minutes, hours or days. A window [from, to) is covered by whole buckets,
 * the largest that fit, plus at most a minute's worth at each end that no bucket covers and
 * is read live from the trading database. Times are epoch milliseconds.
 */
export type Level = 1 | 2 | 3;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Coarsest first. */
export const LEVELS: ReadonlyArray<{ level: Level; ms: number }> = [
  { level: 3, ms: DAY_MS },
  { level: 2, ms: HOUR_MS },
  { level: 1, ms: MINUTE_MS },
];

/**
 * The levels stored in the rollup: the three above, and level 4, 5-minute buckets (added in
 * migration 0028). planWindow never uses level 4; it is read where a window is drawn in bands
 * of 5, 15 or 30 minutes (lib/strategy/rollup-bands.ts): a day's 288 bands then read one bucket
 * a band instead of five minutes' rows (4.3 times fewer rows for the benchmark's busiest day).
 */
export type StoredLevel = Level | 4;
export const FIVE_MINUTES_MS = 300_000;

/** Every stored level, finest first. */
export const STORED_LEVELS: readonly StoredLevel[] = [1, 4, 2, 3];

export const levelMs = (level: StoredLevel): number =>
  level === 3 ? DAY_MS : level === 2 ? HOUR_MS : level === 4 ? FIVE_MINUTES_MS : MINUTE_MS;

export const floorTo = (ms: number, size: number): number => Math.floor(ms / size) * size;
export const ceilTo = (ms: number, size: number): number => Math.ceil(ms / size) * size;

export interface BucketRange {
  level: Level;
  /** First bucket's start (inclusive) and the end of the last one (exclusive). */
  from: number;
  to: number;
}

export interface WindowPlan {
  /** Whole buckets, in time order, never overlapping. */
  buckets: BucketRange[];
  /** Stretches no bucket covers (under a minute each), in time order. */
  live: Array<[number, number]>;
}

/** Covers [from, to) by the largest whole buckets that fit, finer ones at the ends. */
export function planWindow(from: number, to: number): WindowPlan {
  const plan: WindowPlan = { buckets: [], live: [] };
  cover(from, to, 0, plan);
  plan.buckets.sort((a, b) => a.from - b.from);
  return plan;
}

function cover(from: number, to: number, index: number, plan: WindowPlan): void {
  if (from >= to) return;
  if (index === LEVELS.length) {
    plan.live.push([from, to]);
    return;
  }
  const { level, ms } = LEVELS[index];
  const start = ceilTo(from, ms);
  const end = floorTo(to, ms);
  if (start >= end) {
    cover(from, to, index + 1, plan);
    return;
  }
  cover(from, start, index + 1, plan);
  plan.buckets.push({ level, from: start, to: end });
  cover(end, to, index + 1, plan);
}

/** [from, to) in epoch milliseconds. */
export type MsRange = readonly [number, number];

/**
 * How the sums over [origin, t) split for one point t (origin a UTC day's start, at or before
 * t): the whole days [origin, t's day), the whole hours of t's day before t's hour, the whole
 * minutes of t's hour before t's minute, and the stretch of t's minute before t (read live).
 */
export function splitPrefix(origin: number, t: number): Record<Level | 'live', MsRange> {
  const day = floorTo(t, DAY_MS);
  const hour = floorTo(t, HOUR_MS);
  const minute = floorTo(t, MINUTE_MS);
  return { 3: [origin, day], 2: [day, hour], 1: [hour, minute], live: [minute, t] };
}

/** What to read of one level for a set of prefixes. */
export interface LevelRead {
  /** The stretches to read: the points' own ranges, merged, in time order. */
  ranges: MsRange[];
  /**
   * Every end of the points' ranges, ascending: read the sums per stretch between consecutive
   * edges, and each point's range is a run of whole stretches (a prefix-sum difference).
   */
  edges: number[];
}

export interface PrefixPlan {
  /** The first point's UTC day: every prefix starts there. */
  origin: number;
  reads: Record<Level | 'live', LevelRead>;
}

/**
 * The reads that give the sums over [origin, t) for every t of `points` (epoch ms) at once:
 * each point's split (splitPrefix), level by level. The days are one stretch; the finer
 * levels only the parts of the points' own day, hour and minute; and grouped between edges,
 * every level returns a few rows per point, however long the span.
 */
export function planPrefixes(points: readonly number[]): PrefixPlan {
  const split: Record<Level | 'live', MsRange[]> = { 3: [], 2: [], 1: [], live: [] };
  const origin = points.length ? floorTo(Math.min(...points), DAY_MS) : 0;
  for (const t of points) {
    const parts = splitPrefix(origin, t);
    for (const level of PREFIX_LEVELS) split[level].push(parts[level]);
  }
  const read = (ranges: MsRange[]): LevelRead => {
    const open = ranges.filter(([a, b]) => a < b);
    return {
      ranges: mergeRanges(open),
      edges: [...new Set(open.flat())].sort((x, y) => x - y),
    };
  };
  return {
    origin,
    reads: { 3: read(split[3]), 2: read(split[2]), 1: read(split[1]), live: read(split.live) },
  };
}

export const PREFIX_LEVELS = [3, 2, 1, 'live'] as const;

/** Non-empty ranges, sorted, overlapping or touching ones joined. */
export function mergeRanges(ranges: readonly MsRange[]): MsRange[] {
  const sorted = ranges.filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
