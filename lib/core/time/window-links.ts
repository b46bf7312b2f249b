import { DAY_MS, formatUtcDate, formatUtcDateTime, isUtcMidnight } from './calendar';
import {
  type CalendarSettings,
  DEFAULT_CALENDAR,
  thisFiscalYear,
  thisQuarter,
  thisWeek,
  yearToDate,
} from './presets';
import { UTC, isZonedDayStart, wallTime } from './zone';
import { formatZonedIso } from './zoned-calendar';
import {
  type TimeWindow,
  currentDay,
  currentMonth,
  lastDays,
  lastHours,
  sameWindow,
  shiftWindow,
  windowGranularity,
} from './window-shift';

/**
 * The window toggles shown under a dashboard's title, and the window in words. Links keep
 * every other query parameter of the page (Gryphon dropped them), replace start/end, and drop
 * `cursor` because a window change restarts pagination. With a display zone (issue 15) the
 * presets are that zone's calendar units and the URLs carry its offsets
 * (start=2026-03-08T00:00:00-05:00); a `tz=` parameter is kept like any other.
 */
export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

export interface WindowLink {
  key:
    | 'prev'
    | 'next'
    | 'current-day'
    | 'this-week'
    | 'current-month'
    | 'this-quarter'
    | 'this-fiscal-year'
    | 'year-to-date'
    | '1h'
    | '24h'
    | '7d'
    | '30d';
  label: string;
  href: string;
  /** The link leads to the window shown now. */
  active: boolean;
  /** Not offered: Next once the window reaches now (the next one would start in the future). */
  disabled: boolean;
  window: TimeWindow;
}

/**
 * What the links put in the URL. UTC: `2024-03-01` for a midnight, else `2024-03-01T13:00:00Z`.
 * Another zone: always the date-time with that zone's offset, `2026-03-08T00:00:00-05:00` (a
 * bare date would mean UTC midnight to whoever opens the link).
 */
export function windowToQuery(w: TimeWindow, zone: string = UTC): { start: string; end: string } {
  return { start: formatInstant(w.start, zone), end: formatInstant(w.end, zone) };
}

function formatInstant(d: Date, zone: string): string {
  if (zone !== UTC) return formatZonedIso(zone, d);
  return isUtcMidnight(d) ? formatUtcDate(d) : formatUtcDateTime(d);
}

export function buildWindowLinks(
  path: string,
  currentQuery: QueryInput,
  w: TimeWindow,
  now: Date,
  calendar: CalendarSettings = DEFAULT_CALENDAR,
): WindowLink[] {
  const zone = calendar.zone;
  const targets: Array<[WindowLink['key'], string, TimeWindow]> = [
    ['prev', 'Prev', shiftWindow(w, -1, zone)],
    ['next', 'Next', shiftWindow(w, 1, zone)],
    ['current-day', 'Current Day', currentDay(now, zone)],
    ['this-week', 'This week', thisWeek(now, calendar)],
    ['current-month', 'Current Month', currentMonth(now, zone)],
    ['this-quarter', 'This quarter', thisQuarter(now, calendar)],
    ['this-fiscal-year', 'This fiscal year', thisFiscalYear(now, calendar)],
    ['year-to-date', 'Year to date', yearToDate(now, calendar)],
    ['1h', '1 hour', lastHours(now, 1)],
    ['24h', '24 hours', lastHours(now, 24)],
    ['7d', '7 days', lastDays(now, 7)],
    ['30d', '30 days', lastDays(now, 30)],
  ];
  return targets.map(([key, label, target]) => ({
    key,
    label,
    href: windowHref(path, currentQuery, target, zone),
    active: key !== 'prev' && key !== 'next' && sameWindow(target, w),
    disabled: key === 'next' && target.start.getTime() >= now.getTime(),
    window: target,
  }));
}

/** `path` with the page's query, start/end replaced by the window's and no `cursor`. */
export function windowHref(
  path: string,
  currentQuery: QueryInput,
  w: TimeWindow,
  zone: string = UTC,
): string {
  const params = new URLSearchParams();
  const entries =
    currentQuery instanceof URLSearchParams
      ? [...currentQuery.entries()]
      : Object.entries(currentQuery);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') params.append(name, v);
  }
  const q = windowToQuery(w, zone);
  params.set('start', q.start);
  params.set('end', q.end);
  params.delete('cursor');
  // ':' is legal in a query string; leaving it unescaped keeps the URL readable.
  return `${path}?${params.toString().replace(/%3A/gi, ':')}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * words: "2024", "March 2024", "1 March 2024" for whole calendar units; "1 March 2024
 * through 7 March 2024 (7 days)" for other whole days (the last day named is included);
 * otherwise "1 Mar 2024 13:00 to 2 Mar 2024 13:00 UTC (1 day)" (end exclusive).
 * utc: "2024-03-01T00:00:00Z to 2024-03-02T00:00:00Z (end exclusive)".
 * In another zone the days, months and clock times are that zone's, the clock times followed by
 * the zone's name, and `utc` gives both ends with the zone's offsets
 * ("2026-03-08T00:00:00-05:00 to 2026-03-09T00:00:00-04:00 (end exclusive; 23 hours)").
 */
export function describeWindow(w: TimeWindow, zone: string = UTC): { words: string; utc: string } {
  if (zone !== UTC) {
    const wall = { start: toWall(zone, w.start), end: toWall(zone, w.end) };
    const local = describeWindow(wall);
    const midnights = isZonedDayStart(zone, w.start) && isZonedDayStart(zone, w.end);
    const length = describeDuration(w.end.getTime() - w.start.getTime());
    const granularity = windowGranularity(w, zone);
    const words = midnights
      ? // the wall-time description counts 24-hour days: give the real length
        local.words.replace(/\((\d+) days?\)$/, `(${length})`)
      : `${local.words.replace(/ UTC \(.*\)$/, '')} ${zone} (${length})`;
    const lengthNote = granularity === 'custom' || !midnights ? '' : `; ${length}`;
    return {
      words,
      utc: `${formatZonedIso(zone, w.start)} to ${formatZonedIso(zone, w.end)} (end exclusive${lengthNote})`,
    };
  }
  const utc = `${formatUtcDateTime(w.start)} to ${formatUtcDateTime(w.end)} (end exclusive)`;
  const { start, end } = w;
  const granularity = windowGranularity(w);
  const midnights = isUtcMidnight(start) && isUtcMidnight(end);
  const month = `${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}`;
  let words: string;
  if (
    midnights &&
    granularity === 'year' &&
    start.getUTCMonth() === 0 &&
    start.getUTCDate() === 1
  ) {
    words = String(start.getUTCFullYear());
  } else if (midnights && granularity === 'month' && start.getUTCDate() === 1) {
    words = month;
  } else if (midnights && granularity === 'day') {
    words = longDate(start);
  } else if (midnights) {
    words = `${longDate(start)} through ${longDate(new Date(end.getTime() - DAY_MS))} (${describeDuration(end.getTime() - start.getTime())})`;
  } else {
    const duration = describeDuration(end.getTime() - start.getTime());
    words = `${shortDateTime(start)} to ${shortDateTime(end)} UTC (${duration})`;
  }
  return { words, utc };
}

const toWall = (zone: string, d: Date) => new Date(wallTime(zone, d.getTime()));

function longDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function shortDateTime(d: Date): string {
  const time = formatUtcDateTime(d).slice(11, 19);
  const shown = time.endsWith(':00') ? time.slice(0, 5) : time;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()} ${shown}`;
}

/** "1 hour", "7 days", "1 day 6 hours": the two largest non-zero whole units. */
export function describeDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['day', DAY_MS],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  return parts.length > 0 ? parts.join(' ') : `${ms} ms`;
}
