import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BadRequestError } from '@/lib/core/errors';
import {
  buildWindowLinks,
  currentDay,
  currentMonth,
  describeWindow,
  parseTimeWindow,
  shiftWindow,
  type TimeWindow,
  windowGranularity,
  windowToQuery,
} from './time-window';
import {
  type CalendarSettings,
  thisFiscalYear,
  thisQuarter,
  thisWeek,
  yearToDate,
} from './presets';
import { startOfZonedDate, startOfZonedDay, zonedFields } from './zone';

const NY = 'America/New_York';
const show = (w: TimeWindow) => [w.start.toISOString(), w.end.toISOString()];
const hours = (w: TimeWindow) => (w.end.getTime() - w.start.getTime()) / 3_600_000;
/** Sunday 8 March 2026 12:00Z = 08:00 EDT, after New York's 02:00 change. */
const SPRING = new Date('2026-03-08T12:00:00Z');
const nyMonday: CalendarSettings = { zone: NY, weekStart: 'monday', fiscalYearStartMonth: 4 };

describe('presets in New York across the March change', () => {
  it('Current Day is 23 hours and its URL carries both offsets', () => {
    const day = currentDay(SPRING, NY);
    expect(show(day)).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect(hours(day)).toBe(23);
    expect(windowToQuery(day, NY)).toEqual({
      start: '2026-03-08T00:00:00-05:00',
      end: '2026-03-09T00:00:00-04:00',
    });
    expect(describeWindow(day, NY)).toEqual({
      words: '8 March 2026',
      utc: '2026-03-08T00:00:00-05:00 to 2026-03-09T00:00:00-04:00 (end exclusive; 23 hours)',
    });
    // the URL reads back as the same window
    expect(show(parseTimeWindow(windowToQuery(day, NY), SPRING))).toEqual(show(day));
  });

  it('Current Day on 1 November is 25 hours', () => {
    const day = currentDay(new Date('2026-11-01T15:00:00Z'), NY);
    expect(show(day)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect(hours(day)).toBe(25);
  });

  it('the evening before, in UTC already the 8th, is still the 7th in New York', () => {
    const day = currentDay(new Date('2026-03-08T03:00:00Z'), NY);
    expect(show(day)).toEqual(['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z']);
  });

  it('Prev and Next step local days: 24, 23, 24 hours', () => {
    const day = currentDay(SPRING, NY);
    expect(windowGranularity(day, NY)).toBe('day');
    expect(windowGranularity(day)).toBe('custom'); // in UTC it is not a day
    const prev = shiftWindow(day, -1, NY);
    const next = shiftWindow(day, 1, NY);
    expect(show(prev)).toEqual(['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z']);
    expect(show(next)).toEqual(['2026-03-09T04:00:00.000Z', '2026-03-10T04:00:00.000Z']);
  });

  it('Current Month, This week (Monday or Sunday), quarter and fiscal year from April, year to date', () => {
    expect(show(currentMonth(SPRING, NY))).toEqual([
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ]);
    // 8 March 2026 is a Sunday: Monday weeks began on the 2nd, Sunday weeks begin that day
    const week = thisWeek(SPRING, nyMonday);
    expect(show(week)).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect(hours(week)).toBe(167);
    expect(windowGranularity(week, NY)).toBe('week');
    expect(show(thisWeek(SPRING, { ...nyMonday, weekStart: 'sunday' }))).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-15T04:00:00.000Z',
    ]);
    // fiscal quarters from April: Jan-Mar is the fourth
    expect(show(thisQuarter(SPRING, nyMonday))).toEqual([
      '2026-01-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ]);
    expect(show(thisQuarter(new Date('2026-05-10T12:00:00Z'), nyMonday))).toEqual([
      '2026-04-01T04:00:00.000Z',
      '2026-07-01T04:00:00.000Z',
    ]);
    expect(show(thisFiscalYear(SPRING, nyMonday))).toEqual([
      '2025-04-01T04:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ]);
    expect(show(yearToDate(SPRING, nyMonday))).toEqual([
      '2026-01-01T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
  });

  it('the links: presets in order, URLs with offsets, the one in force marked, tz kept', () => {
    const day = currentDay(SPRING, NY);
    const links = buildWindowLinks('/fund', { tz: NY }, day, SPRING, nyMonday);
    expect(links.map((l) => l.key)).toEqual([
      'prev',
      'next',
      'current-day',
      'this-week',
      'current-month',
      'this-quarter',
      'this-fiscal-year',
      'year-to-date',
      '1h',
      '24h',
      '7d',
      '30d',
    ]);
    expect(links.filter((l) => l.active).map((l) => l.key)).toEqual(['current-day']);
    expect(links.find((l) => l.key === 'current-day')?.href).toBe(
      '/fund?tz=America%2FNew_York&start=2026-03-08T00:00:00-05:00&end=2026-03-09T00:00:00-04:00',
    );
  });
});

describe('the tz parameter', () => {
  it('chooses the day a missing start falls back to', () => {
    expect(show(parseTimeWindow({ tz: NY }, SPRING))).toEqual(show(currentDay(SPRING, NY)));
    expect(show(parseTimeWindow({ tz: 'Asia/Kolkata' }, SPRING))).toEqual([
      '2026-03-07T18:30:00.000Z',
      '2026-03-08T18:30:00.000Z',
    ]);
    // A start without an offset is UTC whatever the zone (a link means one window to everyone);
    // the missing end is a local day later: 19:00 EST on the 7th to 19:00 EDT on the 8th, 23 h.
    expect(show(parseTimeWindow({ tz: NY, start: '2026-03-08' }, SPRING))).toEqual([
      '2026-03-08T00:00:00.000Z',
      '2026-03-08T23:00:00.000Z',
    ]);
  });

  it.each([['Mars/Olympus_Mons'], ['+05:00'], [['UTC', 'UTC']]])('refuses %j, naming tz', (tz) => {
    let thrown: unknown;
    try {
      parseTimeWindow({ tz }, SPRING);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BadRequestError);
    expect((thrown as BadRequestError).param).toBe('tz');
    expect((thrown as BadRequestError).example).toBe('America/New_York');
  });
});

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Kiritimati',
  'America/St_Johns',
];
const instant = fc
  .integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms));
const zone = fc.constantFrom(...ZONES);
const calendar = fc.record({
  zone,
  weekStart: fc.constantFrom('monday' as const, 'sunday' as const),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
});
const within = (inner: TimeWindow, outer: TimeWindow) =>
  outer.start.getTime() <= inner.start.getTime() && inner.end.getTime() <= outer.end.getTime();

describe('properties', () => {
  it("every instant lies in its zone day, which lasts 22 to 26 hours and is that instant's local date", () => {
    fc.assert(
      fc.property(instant, zone, (t, z) => {
        const day = currentDay(t, z);
        expect(day.start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(day.end.getTime());
        expect(hours(day)).toBeGreaterThanOrEqual(22);
        expect(hours(day)).toBeLessThanOrEqual(26);
        const f = zonedFields(z, t.getTime());
        const s = zonedFields(z, day.start.getTime());
        expect([s.year, s.month0, s.day]).toEqual([f.year, f.month0, f.day]);
        expect(startOfZonedDay(z, day.start).getTime()).toBe(day.start.getTime());
      }),
      { seed: 15, numRuns: 400 },
    );
  });

  it('day starts increase, and Next from a day is the following day', () => {
    fc.assert(
      fc.property(instant, zone, (t, z) => {
        const f = zonedFields(z, t.getTime());
        const starts = [-1, 0, 1, 2].map((k) =>
          startOfZonedDate(z, f.year, f.month0, f.day + k).getTime(),
        );
        for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]);
        const day = currentDay(t, z);
        expect(day.end.getTime()).toBe(starts[2]);
        expect(shiftWindow(day, 1, z).start.getTime()).toBe(starts[2]);
        expect(shiftWindow(day, 1, z).end.getTime()).toBe(starts[3]);
        expect(shiftWindow(day, -1, z).start.getTime()).toBe(starts[0]);
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('preset windows nest: day in week; day in month in quarter in fiscal year; day in year to date', () => {
    fc.assert(
      fc.property(instant, calendar, (t, c) => {
        const day = currentDay(t, c.zone);
        const month = currentMonth(t, c.zone);
        const quarter = thisQuarter(t, c);
        const fiscal = thisFiscalYear(t, c);
        expect(within(day, thisWeek(t, c))).toBe(true);
        expect(within(day, month)).toBe(true);
        expect(within(month, quarter)).toBe(true);
        expect(within(quarter, fiscal)).toBe(true);
        expect(within(day, yearToDate(t, c))).toBe(true);
        expect(yearToDate(t, c).end.getTime()).toBe(day.end.getTime());
        expect(windowGranularity(quarter, c.zone)).toBe('quarter');
        expect(windowGranularity(fiscal, c.zone)).toBe('year');
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
