/**
 * Keeping what the browser draws small (issue 4 item 8): at most about `maxPoints` points per
 * series however many fills the window holds. Values here are JS numbers because they are the
 * drawn values; exact figures come from fifo.ts over all fills, never from these samples.
 * Times are epoch milliseconds (UTC), ready for a numeric time axis.
 */
import {
  type BucketedPoint,
  DEFAULT_MAX_POINTS,
  type SeriesPoint,
  type WindowLike,
  timeBucket,
} from './series';

export { bucketHalfDiscs, type HalfDisc, type HalfDiscs } from './half-discs';

export {
  DEFAULT_MAX_POINTS,
  type BucketedPoint,
  type SeriesPoint,
  type WindowLike,
} from './series';

/**
 * Up to `maxPoints` as they are; beyond that the first point (the value at the window start)
 * is kept and the rest fall into maxPoints − 1 equal time buckets over the window, each
 * giving one point at its last member's time. Points must be in time order; points outside
 * the window go to the first or last bucket. Points that are already buckets (the rollup's,
 * with their own min and max) merge with their extremes kept.
 */
export function bucketSeries(
  points: readonly (SeriesPoint | BucketedPoint)[],
  window: WindowLike,
  maxPoints: number = DEFAULT_MAX_POINTS,
): BucketedPoint[] {
  if (points.length <= maxPoints) return points.map(asBucket);
  if (maxPoints < 2) throw new RangeError('maxPoints must be at least 2');
  const startMs = window.start.getTime();
  const length = Math.max(1, window.end.getTime() - startMs);
  const buckets = maxPoints - 1;
  return merged(points, (t) => timeBucket(t, startMs, length, buckets));
}

/**
 * One point per band of `size` ms, aligned as the bands are (domain/bands.ts): what a window
 * drawn as bands shows of its revenue and profit. The first point (the value at the window
 * start) is kept; each band's points merge into its last, with their extremes kept.
 */
export function gridSeries(
  points: readonly (SeriesPoint | BucketedPoint)[],
  size: number,
): BucketedPoint[] {
  if (points.length === 0) return [];
  return merged(points, (t) => Math.floor(t / size));
}

/** The first point as it is, then the points of each run of one bucket index merged. */
function merged(
  points: readonly (SeriesPoint | BucketedPoint)[],
  bucketOf: (t: number) => number,
): BucketedPoint[] {
  const out: BucketedPoint[] = [asBucket(points[0])];
  let current: BucketedPoint | null = null;
  let currentIndex = -1;
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    const index = bucketOf(p.t);
    if (current === null || index !== currentIndex) {
      if (current !== null) out.push(current);
      current = asBucket(p);
      currentIndex = index;
      continue;
    }
    current.t = p.t;
    current.v = p.v;
    const min = 'min' in p ? p.min : p.v;
    const max = 'max' in p ? p.max : p.v;
    if (min < current.min) current.min = min;
    if (max > current.max) current.max = max;
  }
  if (current !== null) out.push(current);
  return out;
}

function asBucket(p: SeriesPoint | BucketedPoint): BucketedPoint {
  return 'min' in p
    ? { t: p.t, v: p.v, min: p.min, max: p.max }
    : { t: p.t, v: p.v, min: p.v, max: p.v };
}
