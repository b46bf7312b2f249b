import {
  addUtcDays,
  addUtcMonths,
  daysInUtcMonth,
  formatUtcDate,
  formatUtcDateTime,
  utcDate,
} from './calendar';
import { UTC, instantOfWall, offsetMinutes, startOfZonedDate, wallTime, zonedFields } from './zone';

/**
 * Calendar steps in a zone: the same wall-clock time a number of local days or months later. A
 * local day is 23, 24 or 25 hours long (23.5 or 24.5 on Lord Howe Island), so a day step is not
 * 24 hours. In UTC these are calendar.ts's functions. The first instant of a day steps to the
 * first instant of the target day, which is not the same wall time where a zone skips midnight
 * (Santiago's spring-forward day starts at 01:00).
 */
export function addZonedDays(zone: string, d: Date, days: number): Date {
  if (zone === UTC) return addUtcDays(d, days);
  const f = zonedFields(zone, d.getTime());
  return atWall(zone, d, f, f.year, f.month0, f.day + days);
}

function atWall(
  zone: string,
  d: Date,
  f: ReturnType<typeof zonedFields>,
  year: number,
  month0: number,
  day: number,
): Date {
  const dayStart = startOfZonedDate(zone, f.year, f.month0, f.day).getTime() === d.getTime();
  if (dayStart) return startOfZonedDate(zone, year, month0, day);
  return new Date(instantOfWall(zone, utcDate(year, month0, day, f.sinceMidnight).getTime()));
}

/** Months later, the day clamped to the target month's length (Jan 31 + 1 month = Feb 28). */
export function addZonedMonths(zone: string, d: Date, months: number): Date {
  if (zone === UTC) return addUtcMonths(d, months);
  const f = zonedFields(zone, d.getTime());
  const total = f.year * 12 + f.month0 + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  return atWall(zone, d, f, year, month0, Math.min(f.day, daysInUtcMonth(year, month0)));
}

export function addZonedYears(zone: string, d: Date, years: number): Date {
  return addZonedMonths(zone, d, years * 12);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** "+05:30", "-04:00"; "Z" for UTC itself. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * ISO 8601 with the zone's offset at that instant: "2026-03-08T00:00:00-05:00" (".250" when
 * there are milliseconds). In UTC: "2026-03-08T00:00:00Z", as before.
 */
export function formatZonedIso(zone: string, d: Date): string {
  if (zone === UTC) return formatUtcDateTime(d);
  const wall = new Date(wallTime(zone, d.getTime()));
  return formatUtcDateTime(wall).replace(/Z$/, formatOffset(offsetMinutes(zone, d.getTime())));
}

/** The local date "2026-03-08" of an instant. */
export function formatZonedDate(zone: string, d: Date): string {
  return formatUtcDate(new Date(wallTime(zone, d.getTime())));
}
