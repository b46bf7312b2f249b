import type { FundTimeline } from './days';

/**
 * Where an instant or a day falls on the timeline: -1 before the window, the interval index
 * inside it, n (the number of intervals) at or after its end.
 */
export interface TimelineIndex {
  ofTime(ms: number): number;
  /** Interval index of a day inside the window, or undefined. */
  ofDay(day: string): number | undefined;
  n: number;
}

export function indexTimeline(timeline: FundTimeline): TimelineIndex {
  const { intervals } = timeline;
  const n = intervals.length;
  const byDay = new Map(intervals.map((iv, k) => [iv.day, k]));
  return {
    n,
    ofDay: (day) => byDay.get(day),
    ofTime(ms) {
      if (ms < timeline.start) return -1;
      if (ms >= timeline.end) return n;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (intervals[mid].from <= ms) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}
