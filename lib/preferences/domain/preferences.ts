import { DEFAULT_CALENDAR, type CalendarSettings, type WeekStart } from '../../core/time/presets';
import { UTC, canonicalTimeZone } from '../../core/time/zone';

/**
 * A user's display preferences (issue 15; table user_preference). The time zone, week start and
 * fiscal-year start month drive the dates shown and the window presets; `theme` is stored here
 * for the dark-mode toggle, which reads and writes it.
 */
export type Theme = 'system' | 'light' | 'dark';

export interface Preferences {
  timeZone: string;
  weekStart: WeekStart;
  /** 1-12. */
  fiscalYearStartMonth: number;
  theme: Theme;
}

export const DEFAULT_PREFERENCES: Preferences = {
  timeZone: UTC,
  weekStart: 'monday',
  fiscalYearStartMonth: 1,
  theme: 'system',
};

export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
export const WEEK_STARTS: readonly WeekStart[] = ['monday', 'sunday'];

const isMonth = (n: number) => Number.isInteger(n) && n >= 1 && n <= 12;

/**
 * A stored row as preferences: a value this version does not know (a zone the server's ICU data
 * lacks, a theme written by a newer version) falls back to its default instead of failing pages.
 */
export function preferencesFromRow(
  row: {
    timeZone: string;
    weekStart: string;
    fiscalYearStartMonth: number;
    theme: string;
  } | null,
): Preferences {
  if (row === null) return DEFAULT_PREFERENCES;
  return {
    timeZone: canonicalTimeZone(row.timeZone) ?? UTC,
    weekStart: (WEEK_STARTS as readonly string[]).includes(row.weekStart)
      ? (row.weekStart as WeekStart)
      : DEFAULT_PREFERENCES.weekStart,
    fiscalYearStartMonth: isMonth(row.fiscalYearStartMonth)
      ? row.fiscalYearStartMonth
      : DEFAULT_PREFERENCES.fiscalYearStartMonth,
    theme: (THEMES as readonly string[]).includes(row.theme)
      ? (row.theme as Theme)
      : DEFAULT_PREFERENCES.theme,
  };
}

export type FormResult =
  { ok: true; preferences: Preferences } | { ok: false; field: keyof Preferences; message: string };

/**
 * The /account form's fields (strings; a missing field keeps the current value, so a form that
 * shows only some fields, like the theme toggle, can post just those).
 */
export function parsePreferencesForm(
  fields: Partial<Record<keyof Preferences, string>>,
  current: Preferences,
): FormResult {
  const out = { ...current };
  if (fields.timeZone !== undefined) {
    const zone = canonicalTimeZone(fields.timeZone.trim());
    if (zone === null) {
      return {
        ok: false,
        field: 'timeZone',
        message: `"${fields.timeZone.slice(0, 64)}" is not a time zone this server knows: use UTC or an IANA name such as America/New_York`,
      };
    }
    out.timeZone = zone;
  }
  if (fields.weekStart !== undefined) {
    if (!(WEEK_STARTS as readonly string[]).includes(fields.weekStart)) {
      return { ok: false, field: 'weekStart', message: 'a week starts on monday or sunday' };
    }
    out.weekStart = fields.weekStart as WeekStart;
  }
  if (fields.fiscalYearStartMonth !== undefined) {
    const n = Number(fields.fiscalYearStartMonth);
    if (!/^\d{1,2}$/.test(fields.fiscalYearStartMonth) || !isMonth(n)) {
      return {
        ok: false,
        field: 'fiscalYearStartMonth',
        message: 'the fiscal year starts in a month numbered 1 to 12',
      };
    }
    out.fiscalYearStartMonth = n;
  }
  if (fields.theme !== undefined) {
    if (!(THEMES as readonly string[]).includes(fields.theme)) {
      return { ok: false, field: 'theme', message: 'the theme is system, light or dark' };
    }
    out.theme = fields.theme as Theme;
  }
  return { ok: true, preferences: out };
}

/** The calendar a view uses: the preferences, the zone replaced by a `tz=` given for the view. */
export function calendarOf(p: Preferences, tzOverride: string | null): CalendarSettings {
  return {
    ...DEFAULT_CALENDAR,
    zone: tzOverride ?? p.timeZone,
    weekStart: p.weekStart,
    fiscalYearStartMonth: p.fiscalYearStartMonth,
  };
}
