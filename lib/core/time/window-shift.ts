import { DAY_MS, HOUR_MS, MINUTE_MS } from './calendar';
import { UTC, startOfZonedDate, startOfZonedDay, zonedFields } from './zone';
import { addZonedDays, addZonedMonths, addZonedYears } from './zoned-calendar';

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
 *
 * With a display zone (issue 15) the units are that zone's calendar units: a day window in New
 * York on 8 March 2026 lasts 23 hours and Next from it gives 9 March, 24 hours. A week (7 local
 * days) and a quarter (3 months) are units too, so This week and This quarter step by theirs.
 * Without a zone everything is UTC, as before.
 */
export interface TimeWindow {
  start: Date;
  /** Exclusive. */
  end: Date;
}

export type WindowGranularity = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'custom';

export function windowGranularity(w: TimeWindow, zone: string = UTC): WindowGranularity {
  const end = w.end.getTime();
  if (addZonedYears(zone, w.start, 1).getTime() === end) return 'year';
  if (addZonedMonths(zone, w.start, 3).getTime() === end) return 'quarter';
  if (addZonedMonths(zone, w.start, 1).getTime() === end) return 'month';
  if (addZonedDays(zone, w.start, 7).getTime() === end) return 'week';
  if (addZonedDays(zone, w.start, 1).getTime() === end) return 'day';
  return 'custom';
}

export function shiftWindow(w: TimeWindow, direction: -1 | 1, zone: string = UTC): TimeWindow {
  const step = stepFor(zone, windowGranularity(w, zone), w.end.getTime() - w.start.getTime());
  return direction === 1
    ? { start: w.end, end: step(w.end, 1) }
    : { start: step(w.start, -1), end: w.start };
}

function stepFor(
  zone: string,
  granularity: WindowGranularity,
  lengthMs: number,
): (d: Date, n: number) => Date {
  switch (granularity) {
    case 'year':
      return (d, n) => addZonedYears(zone, d, n);
    case 'quarter':
      return (d, n) => addZonedMonths(zone, d, 3 * n);
    case 'month':
      return (d, n) => addZonedMonths(zone, d, n);
    case 'week':
      return (d, n) => addZonedDays(zone, d, 7 * n);
    case 'day':
      return (d, n) => addZonedDays(zone, d, n);
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

/** [today's first instant, tomorrow's) in the zone (UTC by default): 23 to 25 hours. */
export function currentDay(now: Date, zone: string = UTC): TimeWindow {
  const start = startOfZonedDay(zone, now);
  const f = zonedFields(zone, now.getTime());
  return { start, end: startOfZonedDate(zone, f.year, f.month0, f.day + 1) };
}

/** [the 1st of this month, the 1st of next month) in the zone (UTC by default). */
export function currentMonth(now: Date, zone: string = UTC): TimeWindow {
  const f = zonedFields(zone, now.getTime());
  return {
    start: startOfZonedDate(zone, f.year, f.month0, 1),
    end: startOfZonedDate(zone, f.year, f.month0 + 1, 1),
  };
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
