import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  addUtcDays,
  addUtcMonths,
  addUtcYears,
  startOfUtcDay,
  startOfUtcMonth,
} from './calendar';

/**
 * Moving a time window and the preset windows (issue 4 item 2). A window is UTC and its end
 * is exclusive.
 *
 * Granularity is Gryphon's rule (reference §4.2): a window is "a year" when end = start + 1
 * calendar year, else "a month" when end = start + 1 calendar month, else "a day" when it
 * lasts 24 hours; any start time counts, not only midnight. Calendar months clamp the day
 * (Jan 31 + 1 month = Feb 29 in 2024), so [Jan 31, Feb 29) is a month window.
 *
 * Prev = [start − 1 unit, start) and Next = [end, end + 1 unit); other windows move by their
 * own length. Next's start is always the current end and Prev's end the current start, so
 * windows tile without gaps. Windows that start on the 1st (or any day up to the 28th) keep
 * their day of month; one starting on the 29th-31st can drift to a shorter month's last day,
 * the price of clamping.
 */
export interface TimeWindow {
  start: Date;
  /** Exclusive. */
  end: Date;
}

export type WindowGranularity = 'year' | 'month' | 'day' | 'custom';

export function windowGranularity(w: TimeWindow): WindowGranularity {
  const end = w.end.getTime();
  if (addUtcYears(w.start, 1).getTime() === end) return 'year';
  if (addUtcMonths(w.start, 1).getTime() === end) return 'month';
  if (end - w.start.getTime() === DAY_MS) return 'day';
  return 'custom';
}

export function shiftWindow(w: TimeWindow, direction: -1 | 1): TimeWindow {
  const step = stepFor(windowGranularity(w), w.end.getTime() - w.start.getTime());
  return direction === 1
    ? { start: w.end, end: step(w.end, 1) }
    : { start: step(w.start, -1), end: w.start };
}

function stepFor(granularity: WindowGranularity, lengthMs: number): (d: Date, n: number) => Date {
  switch (granularity) {
    case 'year':
      return addUtcYears;
    case 'month':
      return addUtcMonths;
    case 'day':
      return addUtcDays;
    case 'custom':
      return (d, n) => new Date(d.getTime() + n * lengthMs);
  }
}

export function windowLengthMs(w: TimeWindow): number {
  return w.end.getTime() - w.start.getTime();
}

export function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
}

/** [today 00:00 UTC, tomorrow 00:00 UTC) */
export function currentDay(now: Date): TimeWindow {
  const start = startOfUtcDay(now);
  return { start, end: addUtcDays(start, 1) };
}

/** [1st of this month 00:00 UTC, 1st of next month) */
export function currentMonth(now: Date): TimeWindow {
  const start = startOfUtcMonth(now);
  return { start, end: addUtcMonths(start, 1) };
}

/**
 * Quick ranges end at `now` rounded up to the next whole minute: the current minute's fills
 * are inside (the end is exclusive and DB times are whole seconds), and the links stay the
 * same for a minute, so reloading or sharing one gives the same window.
 */
export function quickRangeEnd(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS);
}

export function lastHours(now: Date, hours: number): TimeWindow {
  const end = quickRangeEnd(now);
  return { start: new Date(end.getTime() - hours * HOUR_MS), end };
}

export function lastDays(now: Date, days: number): TimeWindow {
  const end = quickRangeEnd(now);
  return { start: new Date(end.getTime() - days * DAY_MS), end };
}
