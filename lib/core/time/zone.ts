import { DAY_MS, HOUR_MS, MINUTE_MS, utcDate } from './calendar';

/**
 * Wall-clock arithmetic in an IANA time zone (issue 15 item 1), on the platform's Intl data: the
 * offset of a zone at an instant is read from Intl.DateTimeFormat (the zone's local date and time
 * of that instant, minus the instant), so no zone database ships with the app. 'UTC' short-cuts
 * to plain arithmetic and gives exactly what the UTC-only code gave before.
 *
 * A "wall" time is a zone's local date and time written as if it were UTC (epoch ms): 00:00 on
 * 8 March 2026 in New York is the wall time Date.UTC(2026, 2, 8). Converting a wall time back to
 * an instant follows Temporal's 'compatible' rule: a time repeated when clocks go back is its
 * earlier instant; a time skipped when clocks go forward moves on by the gap (02:30 on the New
 * York spring-forward day is 03:30 EDT). A day therefore starts at its first instant, even in
 * zones that skip midnight.
 */
export const UTC = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The zone name to keep, or null when Intl does not know it: 'UTC' for UTC and its aliases; the
 * name as given when Intl knows it under that spelling (Node's ICU resolves Asia/Kolkata to the
 * older Asia/Calcutta, and the user chose Kolkata); its letter case corrected when it matches
 * Intl's own spelling ('america/new_york' -> 'America/New_York').
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length === 0 || name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) {
    return null;
  }
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'].includes(resolved)) return UTC;
  if (name.toLowerCase() === resolved.toLowerCase()) return resolved;
  const listed = Intl.supportedValuesOf('timeZone').find(
    (z) => z.toLowerCase() === name.toLowerCase(),
  );
  return listed ?? name;
}

/** The zone's wall time at an instant (see above), to the millisecond. */
export function wallTime(zone: string, instant: number): number {
  if (zone === UTC) return instant;
  const ms = ((instant % 1000) + 1000) % 1000;
  const parts = formatterFor(zone).formatToParts(new Date(instant - ms));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  const sinceMidnight = ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + ms;
  return utcDate(year, get('month') - 1, get('day'), sinceMidnight).getTime();
}

/** Minutes east of UTC in force at the instant: -300 for New York in winter, 330 for Kolkata. */
export function offsetMinutes(zone: string, instant: number): number {
  return Math.round((wallTime(zone, instant) - instant) / MINUTE_MS);
}

/**
 * The instant a wall time names (the rule for repeated and skipped times is above). The offsets
 * that can apply are those in force within 14 hours (the widest offset) either side.
 */
export function instantOfWall(zone: string, wall: number): number {
  if (zone === UTC) return wall;
  const offsets = new Set(
    [wall - 15 * HOUR_MS, wall, wall + 15 * HOUR_MS].map((t) => offsetMinutes(zone, t) * MINUTE_MS),
  );
  const candidates = [...offsets].map((o) => wall - o);
  const exact = candidates.filter((t) => wallTime(zone, t) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // skipped: the earlier offset, which lands after the gap
  return Math.max(...candidates);
}

/** Local calendar fields of an instant; month0 0-11, weekday 0 = Sunday. */
export interface ZonedFields {
  year: number;
  month0: number;
  day: number;
  weekday: number;
  /** ms since local midnight (the wall clock). */
  sinceMidnight: number;
}

export function zonedFields(zone: string, instant: number): ZonedFields {
  const w = new Date(wallTime(zone, instant));
  const midnight = utcDate(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate()).getTime();
  return {
    year: w.getUTCFullYear(),
    month0: w.getUTCMonth(),
    day: w.getUTCDate(),
    weekday: w.getUTCDay(),
    sinceMidnight: w.getTime() - midnight,
  };
}

/** The first instant of a local calendar date; month0 and day may overflow (day 0, month 12). */
export function startOfZonedDate(zone: string, year: number, month0: number, day: number): Date {
  return new Date(instantOfWall(zone, utcDate(year, month0, day).getTime()));
}

export function startOfZonedDay(zone: string, d: Date): Date {
  const f = zonedFields(zone, d.getTime());
  return startOfZonedDate(zone, f.year, f.month0, f.day);
}

/** Whether the instant is the first of its local day. */
export function isZonedDayStart(zone: string, d: Date): boolean {
  return startOfZonedDay(zone, d).getTime() === d.getTime();
}

/** The local day (YYYY-MM-DD as a UTC midnight's epoch ms) holding the instant. */
export function zonedDayOf(zone: string, instant: number): number {
  return Math.floor(wallTime(zone, instant) / DAY_MS) * DAY_MS;
}
