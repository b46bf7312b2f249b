import { BadRequestError } from '@/lib/core/errors';
import { ownQueryValue } from '../query';
import { addUtcDays, addUtcYears, formatUtcDate } from '@/lib/core/time/calendar';
import { UTC, canonicalTimeZone, startOfZonedDay } from '@/lib/core/time/zone';
import { addZonedDays } from '@/lib/core/time/zoned-calendar';
import { parseIsoInstant } from '@/lib/core/time/iso-instant';
import type { TimeWindow } from '@/lib/core/time/window-shift';
import { windowToQuery } from '@/lib/core/time/window-links';

/**
 * The time window every dashboard shows: `start` and `end` query parameters -> a UTC
 * window with an exclusive end (issue 4 item 2, reference §4). One import for pages:
 *   parseTimeWindow(searchParams, now)        the window, or a BadRequestError (-> 400)
 *   windowGranularity / shiftWindow           Prev/Next, calendar-aware (window-shift.ts)
 *   currentDay / currentMonth / lastHours / lastDays    presets ending relative to `now`
 *   windowToQuery / buildWindowLinks / describeWindow   URLs and words (window-links.ts)
 * Accepted formats are in domain/iso-instant.ts. Nothing here reads the clock: pass `now`.
 * `tz` (issue 15): the display zone, an IANA name or UTC (parseTimeZoneParam); it decides which
 * calendar day a missing start or end falls back to, never how a given start/end is read (a
 * value without an offset is UTC, so a shared link means the same window to everyone).
 */
export { type IsoInstantResult, parseIsoInstant } from '@/lib/core/time/iso-instant';
export {
  type TimeWindow,
  type WindowGranularity,
  currentDay,
  currentMonth,
  lastDays,
  lastHours,
  quickRangeEnd,
  sameWindow,
  shiftWindow,
  windowGranularity,
  windowLengthMs,
} from '@/lib/core/time/window-shift';
export {
  type QueryInput,
  type WindowLink,
  buildWindowLinks,
  describeDuration,
  describeWindow,
  windowHref,
  windowToQuery,
} from '@/lib/core/time/window-links';

export const MAX_WINDOW_YEARS = 10;

type QueryValue = string | string[] | null | undefined;

/**
 * Missing start: today 00:00 UTC. Missing end: start + 1 day. Only end given: start =
 * end − 1 day (Gryphon used today 00:00, which is after an end in the past and made an
 * empty, inverted window). Empty strings count as missing. Throws BadRequestError naming
 * the parameter, with a valid example, when a value does not parse, when start is not
 * before end, or when the window is longer than 10 years.
 */
export function parseTimeWindow(
  q: { start?: QueryValue; end?: QueryValue; tz?: QueryValue },
  now: Date,
): TimeWindow {
  const zone = parseTimeZoneParam(q) ?? UTC;
  const startText = single(ownQueryValue(q, 'start'), 'start');
  const endText = single(ownQueryValue(q, 'end'), 'end');
  const parsedStart = startText === null ? null : parseParam(startText, 'start');
  const parsedEnd = endText === null ? null : parseParam(endText, 'end');
  const start =
    parsedStart ??
    (parsedEnd === null ? startOfZonedDay(zone, now) : addZonedDays(zone, parsedEnd, -1));
  const end = parsedEnd ?? addZonedDays(zone, start, 1);
  if (end.getTime() <= start.getTime()) {
    throw new BadRequestError(
      `end (${windowToQuery({ start, end }).end}) must be after start (${windowToQuery({ start, end }).start}); the end is exclusive`,
      'end',
      windowToQuery({ start, end: addUtcDays(start, 1) }).end,
    );
  }
  if (end.getTime() > addUtcYears(start, MAX_WINDOW_YEARS).getTime()) {
    throw new BadRequestError(
      `The window from ${formatUtcDate(start)} to ${formatUtcDate(end)} is longer than ${MAX_WINDOW_YEARS} years; choose an end at most ${MAX_WINDOW_YEARS} years after start`,
      'end',
      windowToQuery({ start, end: addUtcYears(start, 1) }).end,
    );
  }
  return { start, end };
}

const EXAMPLES = {
  start: '2024-03-01',
  end: '2024-03-02T13:00:00Z',
  tz: 'America/New_York',
} as const;

/**
 * The `tz` query parameter: null when absent or empty, else the zone as Intl names it ('UTC' or
 * an IANA name such as Europe/London); anything else is a BadRequestError naming `tz`.
 */
export function parseTimeZoneParam(q: { tz?: QueryValue }): string | null {
  const text = single(ownQueryValue(q, 'tz'), 'tz');
  if (text === null) return null;
  const zone = canonicalTimeZone(text);
  if (zone !== null) return zone;
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new BadRequestError(
    `Invalid tz "${shown}": not a time zone this server knows. Use UTC or an IANA name such as America/New_York, Europe/London or Asia/Kolkata`,
    'tz',
    EXAMPLES.tz,
  );
}

function parseParam(text: string, param: 'start' | 'end'): Date {
  const result = parseIsoInstant(text);
  if (result.ok) return result.date;
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new BadRequestError(
    `Invalid ${param} "${shown}": ${result.reason}. Use an ISO 8601 date or date-time, UTC unless it has an offset, e.g. ${EXAMPLES.start}, 2024-03-01T13:00:00Z or 2024-03-01T13:00:00+02:00`,
    param,
    EXAMPLES[param],
  );
}

/** Trimmed value, null when absent or empty; a repeated parameter is an error. */
function single(value: QueryValue, param: 'start' | 'end' | 'tz'): string | null {
  if (Array.isArray(value)) {
    if (value.length > 1) {
      throw new BadRequestError(
        `${param} is given ${value.length} times; give it once`,
        param,
        EXAMPLES[param],
      );
    }
    value = value[0];
  }
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
