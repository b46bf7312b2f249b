import { addUtcDays, DAY_MS, formatUtcDate, startOfUtcDay } from '../../core/time/calendar';
import { parseTimeWindow, parseTimeZoneParam, type TimeWindow } from '../../core/time/time-window';

/** A report without start and end covers the last 90 whole UTC days (today, unfinished, left out). */
export const DEFAULT_REPORT_DAYS = 90;

type QueryValue = string | string[] | null | undefined;

const absent = (v: QueryValue) =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) ? v.every((x) => x.trim() === '') : v.trim() === '');

/**
 * The report's window: the dashboards' `start`/`end` (parseTimeWindow: same formats, same 400s),
 * or, with neither given, the last 90 whole UTC days ending at today's midnight. The report's days
 * are UTC days whatever the display zone (`tz`, checked here like the other parameters): the
 * rollup's daily rows are UTC days (docs/configuration.md, Time zones).
 */
export function parseReportWindow(
  q: { start?: QueryValue; end?: QueryValue; tz?: QueryValue },
  now: Date,
): TimeWindow {
  parseTimeZoneParam(q);
  if (absent(q.start) && absent(q.end)) {
    const end = startOfUtcDay(now);
    return { start: addUtcDays(end, -DEFAULT_REPORT_DAYS), end };
  }
  return parseTimeWindow(q, now);
}

/**
 * The UTC days a report covers: every day from the window's start day that begins before the
 * window's end and before now. Boundaries: the first day's midnight, then each day's close,
 * which is the next midnight, or now for a day still running.
 */
export interface ReportDays {
  days: string[];
  /** Epoch ms, days.length + 1 of them. */
  boundaries: number[];
}

export function reportDays(window: TimeWindow, now: Date): ReportDays {
  const first = startOfUtcDay(window.start).getTime();
  const stop = Math.min(window.end.getTime(), now.getTime());
  const days: string[] = [];
  const boundaries: number[] = [first];
  for (let d = first; d < stop; d += DAY_MS) {
    days.push(formatUtcDate(new Date(d)));
    boundaries.push(Math.min(d + DAY_MS, now.getTime()));
  }
  return { days, boundaries };
}
