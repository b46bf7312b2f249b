import { DAY_MS, addUtcDays, formatUtcDate, formatUtcDateTime, isUtcMidnight } from './calendar';
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
 * `cursor` because a window change restarts pagination.
 */
export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

export interface WindowLink {
  key: 'prev' | 'next' | 'current-day' | 'current-month' | '1h' | '24h' | '7d' | '30d';
  label: string;
  href: string;
  /** The link leads to the window shown now. */
  active: boolean;
  /** Not offered: Next once the window reaches now (the next one would start in the future). */
  disabled: boolean;
  window: TimeWindow;
}

/** `2024-03-01` for a midnight, else `2024-03-01T13:00:00Z`: what the links put in the URL. */
export function windowToQuery(w: TimeWindow): { start: string; end: string } {
  return { start: formatInstant(w.start), end: formatInstant(w.end) };
}

function formatInstant(d: Date): string {
  return isUtcMidnight(d) ? formatUtcDate(d) : formatUtcDateTime(d);
}

export function buildWindowLinks(
  path: string,
  currentQuery: QueryInput,
  w: TimeWindow,
  now: Date,
): WindowLink[] {
  const targets: Array<[WindowLink['key'], string, TimeWindow]> = [
    ['prev', 'Prev', shiftWindow(w, -1)],
    ['next', 'Next', shiftWindow(w, 1)],
    ['current-day', 'Current Day', currentDay(now)],
    ['current-month', 'Current Month', currentMonth(now)],
    ['1h', '1 hour', lastHours(now, 1)],
    ['24h', '24 hours', lastHours(now, 24)],
    ['7d', '7 days', lastDays(now, 7)],
    ['30d', '30 days', lastDays(now, 30)],
  ];
  return targets.map(([key, label, target]) => ({
    key,
    label,
    href: windowHref(path, currentQuery, target),
    active: key !== 'prev' && key !== 'next' && sameWindow(target, w),
    disabled: key === 'next' && target.start.getTime() >= now.getTime(),
    window: target,
  }));
}

/** `path` with the page's query, start/end replaced by the window's and no `cursor`. */
export function windowHref(path: string, currentQuery: QueryInput, w: TimeWindow): string {
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
  const q = windowToQuery(w);
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
 */
export function describeWindow(w: TimeWindow): { words: string; utc: string } {
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
    words = `${longDate(start)} through ${longDate(addUtcDays(end, -1))} (${describeDuration(end.getTime() - start.getTime())})`;
  } else {
    const duration = describeDuration(end.getTime() - start.getTime());
    words = `${shortDateTime(start)} to ${shortDateTime(end)} UTC (${duration})`;
  }
  return { words, utc };
}

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
