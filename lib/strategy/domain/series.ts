/**
 * Shapes shared by fifo.ts and the downsamplers. Drawing values are JS numbers; times are
 * epoch milliseconds (UTC), ready for a numeric time axis.
 */
export const DEFAULT_MAX_POINTS = 2000;

export interface SeriesPoint {
  t: number;
  v: number;
}

/** `v` is the bucket's last value (what a step line shows next); min/max keep spikes visible. */
export interface BucketedPoint extends SeriesPoint {
  min: number;
  max: number;
}

export interface WindowLike {
  start: Date;
  end: Date;
}

/** Index in [0, buckets) of the equal-width time bucket holding `t`; outside times clamp. */
export function timeBucket(t: number, startMs: number, lengthMs: number, buckets: number): number {
  const index = Math.floor(((t - startMs) * buckets) / lengthMs);
  return index < 0 ? 0 : index >= buckets ? buckets - 1 : index;
}
