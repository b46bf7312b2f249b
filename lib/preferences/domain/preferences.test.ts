import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  calendarOf,
  parsePreferencesForm,
  preferencesFromRow,
} from './preferences';

describe('preferences', () => {
  it('reads the form: zone names canonical, months 1-12, a missing field kept', () => {
    expect(
      parsePreferencesForm(
        { timeZone: 'america/new_york', weekStart: 'sunday', fiscalYearStartMonth: '4' },
        DEFAULT_PREFERENCES,
      ),
    ).toEqual({
      ok: true,
      preferences: {
        timeZone: 'America/New_York',
        weekStart: 'sunday',
        fiscalYearStartMonth: 4,
        theme: 'system',
      },
    });
    expect(parsePreferencesForm({ theme: 'dark' }, DEFAULT_PREFERENCES)).toEqual({
      ok: true,
      preferences: { ...DEFAULT_PREFERENCES, theme: 'dark' },
    });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ weekStart: 'friday' }, 'weekStart'],
    [{ fiscalYearStartMonth: '13' }, 'fiscalYearStartMonth'],
    [{ fiscalYearStartMonth: '0' }, 'fiscalYearStartMonth'],
    [{ fiscalYearStartMonth: '4.5' }, 'fiscalYearStartMonth'],
    [{ theme: 'sepia' }, 'theme'],
  ] as const)('refuses %j naming %s', (fields, field) => {
    const r = parsePreferencesForm(fields, DEFAULT_PREFERENCES);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe(field);
  });

  it('a stored value this version does not know reads as the default', () => {
    expect(
      preferencesFromRow({
        timeZone: 'Asia/Kolkata',
        weekStart: 'friday',
        fiscalYearStartMonth: 7,
        theme: 'dark',
      }),
    ).toEqual({
      timeZone: 'Asia/Kolkata',
      weekStart: 'monday',
      fiscalYearStartMonth: 7,
      theme: 'dark',
    });
    expect(preferencesFromRow(null)).toEqual(DEFAULT_PREFERENCES);
  });

  it('tz= overrides the zone only', () => {
    const p = {
      ...DEFAULT_PREFERENCES,
      timeZone: 'America/New_York',
      weekStart: 'sunday' as const,
    };
    expect(calendarOf(p, 'Europe/London')).toEqual({
      zone: 'Europe/London',
      weekStart: 'sunday',
      fiscalYearStartMonth: 1,
    });
    expect(calendarOf(p, null).zone).toBe('America/New_York');
  });
});
