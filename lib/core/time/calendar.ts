/**
 * UTC calendar arithmetic on Dates. Date.UTC maps years 0-99 to 1900-1999, so dates are
 * built with setUTCFullYear instead.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function utcDate(year: number, month0: number, day: number, ms = 0): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  return new Date(d.getTime() + ms);
}

export function daysInUtcMonth(year: number, month0: number): number {
  return utcDate(year, month0 + 1, 0).getUTCDate();
}

export function startOfUtcDay(d: Date): Date {
  return utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function startOfUtcMonth(d: Date): Date {
  return utcDate(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function addUtcDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/**
 * Calendar months later (or earlier), same time of day; the day is clamped to the target
 * month's length: Jan 31 + 1 month = Feb 29 in 2024, Feb 28 in 2023.
 */
export function addUtcMonths(d: Date, months: number): Date {
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInUtcMonth(year, month0));
  return utcDate(year, month0, day, d.getTime() - startOfUtcDay(d).getTime());
}

export function addUtcYears(d: Date, years: number): Date {
  return addUtcMonths(d, years * 12);
}

export function isUtcMidnight(d: Date): boolean {
  return d.getTime() === startOfUtcDay(d).getTime();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2024-03-01" */
export function formatUtcDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2024-03-01T13:00:00Z", with ".250" before the Z only when there are milliseconds. */
export function formatUtcDateTime(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${formatUtcDate(d)}T${time}${ms ? `.${pad(ms, 3)}` : ''}Z`;
}
