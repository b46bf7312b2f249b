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

export const levelMs = (level: Level): number =>
  level === 3 ? DAY_MS : level === 2 ? HOUR_MS : MINUTE_MS;

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
