import { DAY_MS } from '../../core/time/calendar';

/**
 * The fund's time grid. A window [start, end) is cut at every UTC midnight into intervals
 * that each lie inside one day, so that one daily rate values everything in an interval.
 * Boundary k is the start of interval k; boundary n (n = number of intervals) is the end.
 */
export interface FundInterval {
  day: string;
  from: number;
  to: number;
}

export interface FundTimeline {
  start: number;
  end: number;
  intervals: FundInterval[];
  /** Boundary times: intervals' starts, then the end (n + 1 of them). */
  boundaries: number[];
  /** The day whose rates value each boundary (n + 1 of them): the day the instant falls in. */
  boundaryDays: string[];
  /** Every day a rate is needed for, ascending. */
  days: string[];
}

/** 'YYYY-MM-DD' of an epoch-ms instant (UTC). */
export const dayOf = (ms: number): string =>
  new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
export const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const floorDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
export const ceilDay = (ms: number): number => Math.ceil(ms / DAY_MS) * DAY_MS;
export const nextDay = (day: string): string => dayOf(dayStartMs(day) + DAY_MS);

export function buildTimeline(start: number, end: number): FundTimeline {
  const intervals: FundInterval[] = [];
  for (let from = start; from < end;) {
    const to = Math.min(floorDay(from) + DAY_MS, end);
    intervals.push({ day: dayOf(from), from, to });
    from = to;
  }
  const boundaries = [...intervals.map((i) => i.from), end];
  const boundaryDays = boundaries.map(dayOf);
  const days = [...new Set([...intervals.map((i) => i.day), ...boundaryDays])].sort();
  return { start, end, intervals, boundaries, boundaryDays, days };
}

/**
 * How to sum fills over [from, to) from daily checkpoints: whole days come from the
 * checkpoint table (plus the fills it does not cover yet), the rest from live queries.
 */
export interface DayRangePlan {
  /** Days [fromDay, toDay) covered entirely, or null. */
  wholeDays: { fromDay: string; toDay: string } | null;
  /** Epoch-ms ranges [a, b) to read live, at most two. */
  partials: Array<[number, number]>;
}

export function planDayRanges(from: number, to: number): DayRangePlan {
  if (from >= to) return { wholeDays: null, partials: [] };
  const lo = ceilDay(from);
  const hi = floorDay(to);
  if (lo > hi) return { wholeDays: null, partials: [[from, to]] };
  const partials: Array<[number, number]> = [];
  if (from < lo) partials.push([from, lo]);
  if (hi < to) partials.push([hi, to]);
  return { wholeDays: lo < hi ? { fromDay: dayOf(lo), toDay: dayOf(hi) } : null, partials };
}

/**
 * Boundary indices to draw: every one when there are at most `maxPoints`, else every
 * `step`-th (whole days stay whole) and always the last.
 */
export function sampleBoundaries(count: number, maxPoints: number): number[] {
  const step = Math.max(1, Math.ceil(count / Math.max(2, maxPoints - 1)));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  if (out[out.length - 1] !== count - 1) out.push(count - 1);
  return out;
}
