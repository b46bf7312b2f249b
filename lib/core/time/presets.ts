import { UTC, startOfZonedDate, zonedFields } from './zone';
import type { TimeWindow } from './window-shift';

/**
 * How a person's calendar runs (issue 15 items 1-2; their /account preferences, `tz=` overriding
 * the zone): the zone whose calendar days the presets use, the first day of a week and the
 * first month of a fiscal year.
 */
export type WeekStart = 'monday' | 'sunday';

export interface CalendarSettings {
  zone: string;
  weekStart: WeekStart;
  /** 1-12; 1 = the fiscal year is the calendar year. */
  fiscalYearStartMonth: number;
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  zone: UTC,
  weekStart: 'monday',
  fiscalYearStartMonth: 1,
};

/** [the first day of this week, the first of the next) in the zone: 7 local days. */
export function thisWeek(now: Date, c: CalendarSettings): TimeWindow {
  const f = zonedFields(c.zone, now.getTime());
  const first = c.weekStart === 'monday' ? 1 : 0;
  const back = (f.weekday - first + 7) % 7;
  return {
    start: startOfZonedDate(c.zone, f.year, f.month0, f.day - back),
    end: startOfZonedDate(c.zone, f.year, f.month0, f.day - back + 7),
  };
}

/** The months (0-11) since the fiscal year began: 0 in its first month. */
function monthsIntoFiscalYear(month0: number, c: CalendarSettings): number {
  return (month0 - (c.fiscalYearStartMonth - 1) + 12) % 12;
}

/**
 * The quarter holding now, quarters counted from the fiscal year's start (with an April fiscal
 * year: April-June, July-September, ...; with January, the calendar quarters).
 */
export function thisQuarter(now: Date, c: CalendarSettings): TimeWindow {
  const f = zonedFields(c.zone, now.getTime());
  const firstMonth = f.month0 - (monthsIntoFiscalYear(f.month0, c) % 3);
  return {
    start: startOfZonedDate(c.zone, f.year, firstMonth, 1),
    end: startOfZonedDate(c.zone, f.year, firstMonth + 3, 1),
  };
}

/** The fiscal year holding now: 12 months from its start month's 1st. */
export function thisFiscalYear(now: Date, c: CalendarSettings): TimeWindow {
  const f = zonedFields(c.zone, now.getTime());
  const firstMonth = f.month0 - monthsIntoFiscalYear(f.month0, c);
  return {
    start: startOfZonedDate(c.zone, f.year, firstMonth, 1),
    end: startOfZonedDate(c.zone, f.year, firstMonth + 12, 1),
  };
}

/**
 * [1 January, the start of tomorrow) in the zone: the calendar year so far, today included in
 * whole, so the link stays the same all day.
 */
export function yearToDate(now: Date, c: CalendarSettings): TimeWindow {
  const f = zonedFields(c.zone, now.getTime());
  return {
    start: startOfZonedDate(c.zone, f.year, 0, 1),
    end: startOfZonedDate(c.zone, f.year, f.month0, f.day + 1),
  };
}
