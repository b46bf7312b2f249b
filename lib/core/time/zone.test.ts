import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  instantOfWall,
  offsetMinutes,
  startOfZonedDate,
  startOfZonedDay,
  zonedFields,
} from './zone';
import { addZonedDays, addZonedMonths, formatOffset, formatZonedIso } from './zoned-calendar';

/**
 * Hand-worked from the zones' rules (tzdata): New York changes on the second Sunday of March at
 * 02:00 EST (07:00Z) and the first Sunday of November at 02:00 EDT (06:00Z); London on the last
 * Sundays of March and October at 01:00Z; Kolkata is +05:30 all year; Lord Howe Island moves by
 * 30 minutes, +10:30 to +11:00 on the first Sunday of October at 02:00 and back on the first
 * Sunday of April at 02:00. In 2026: 8 March, 1 November, 29 March, 25 October, 4 October, 5 April.
 */
const H = 3_600_000;
const at = (iso: string) => new Date(iso).getTime();
const dayStart = (zone: string, y: number, m: number, d: number) =>
  startOfZonedDate(zone, y, m - 1, d).toISOString();
const dayHours = (zone: string, y: number, m: number, d: number) =>
  (startOfZonedDate(zone, y, m - 1, d + 1).getTime() -
    startOfZonedDate(zone, y, m - 1, d).getTime()) /
  H;

describe('calendar days in a zone', () => {
  it.each([
    // zone, date, first instant (UTC), hours in the day
    ['America/New_York', [2026, 3, 7], '2026-03-07T05:00:00.000Z', 24],
    ['America/New_York', [2026, 3, 8], '2026-03-08T05:00:00.000Z', 23],
    ['America/New_York', [2026, 3, 9], '2026-03-09T04:00:00.000Z', 24],
    ['America/New_York', [2026, 11, 1], '2026-11-01T04:00:00.000Z', 25],
    ['America/New_York', [2026, 11, 2], '2026-11-02T05:00:00.000Z', 24],
    ['Europe/London', [2026, 3, 29], '2026-03-29T00:00:00.000Z', 23],
    ['Europe/London', [2026, 3, 30], '2026-03-29T23:00:00.000Z', 24],
    ['Europe/London', [2026, 10, 25], '2026-10-24T23:00:00.000Z', 25],
    ['Asia/Kolkata', [2026, 3, 8], '2026-03-07T18:30:00.000Z', 24],
    ['Australia/Lord_Howe', [2026, 4, 5], '2026-04-04T13:00:00.000Z', 24.5],
    ['Australia/Lord_Howe', [2026, 10, 4], '2026-10-03T13:30:00.000Z', 23.5],
    ['UTC', [2026, 3, 8], '2026-03-08T00:00:00.000Z', 24],
    // Santiago skips midnight (00:00 -> 01:00 on 6 September 2026): the day starts at 01:00 -03
    ['America/Santiago', [2026, 9, 6], '2026-09-06T04:00:00.000Z', 23],
  ] as const)('%s %j starts at %s and lasts %d hours', (zone, [y, m, d], first, hours) => {
    expect(dayStart(zone, y, m, d)).toBe(first);
    expect(dayHours(zone, y, m, d)).toBe(hours);
  });

  it('reads offsets at an instant, either side of a change', () => {
    expect(offsetMinutes('America/New_York', at('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(offsetMinutes('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(offsetMinutes('Asia/Kolkata', at('2026-06-01T00:00:00Z'))).toBe(330);
    expect(offsetMinutes('Australia/Lord_Howe', at('2026-04-04T14:59:59Z'))).toBe(660);
    expect(offsetMinutes('Australia/Lord_Howe', at('2026-04-04T15:00:00Z'))).toBe(630);
  });

  it('turns wall times into instants: a skipped time moves on by the gap, a repeated one is the earlier', () => {
    const ny = 'America/New_York';
    // 02:30 on 8 March does not exist: 03:30 EDT = 07:30Z
    expect(new Date(instantOfWall(ny, Date.UTC(2026, 2, 8, 2, 30))).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // 01:30 on 1 November happens twice (EDT 05:30Z, then EST 06:30Z): the first
    expect(new Date(instantOfWall(ny, Date.UTC(2026, 10, 1, 1, 30))).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(new Date(instantOfWall('Asia/Kolkata', Date.UTC(2026, 2, 8))).toISOString()).toBe(
      '2026-03-07T18:30:00.000Z',
    );
  });

  it('gives the local fields and the day of an instant', () => {
    // 03:00Z on 8 March is 22:00 on Saturday 7 March in New York
    expect(zonedFields('America/New_York', at('2026-03-08T03:00:00Z'))).toEqual({
      year: 2026,
      month0: 2,
      day: 7,
      weekday: 6,
      sinceMidnight: 22 * H,
    });
    expect(
      startOfZonedDay('America/New_York', new Date('2026-03-08T03:00:00Z')).toISOString(),
    ).toBe('2026-03-07T05:00:00.000Z');
  });

  it('steps local days and months at the same wall time', () => {
    const ny = 'America/New_York';
    const noon = new Date('2026-03-07T17:00:00Z'); // 12:00 EST
    expect(addZonedDays(ny, noon, 1).toISOString()).toBe('2026-03-08T16:00:00.000Z'); // 12:00 EDT
    expect(addZonedDays(ny, new Date('2026-03-08T16:00:00Z'), -1).toISOString()).toBe(
      noon.toISOString(),
    );
    // 31 January -> 28 February (clamped), midnight to midnight
    expect(addZonedMonths(ny, new Date('2026-01-31T05:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T05:00:00.000Z',
    );
    // 1 March EST -> 1 April EDT
    expect(addZonedMonths(ny, new Date('2026-03-01T05:00:00Z'), 1).toISOString()).toBe(
      '2026-04-01T04:00:00.000Z',
    );
  });

  it('writes ISO 8601 with the zone offset', () => {
    expect(formatZonedIso('America/New_York', new Date('2026-03-08T05:00:00Z'))).toBe(
      '2026-03-08T00:00:00-05:00',
    );
    expect(formatZonedIso('America/New_York', new Date('2026-03-09T04:00:00Z'))).toBe(
      '2026-03-09T00:00:00-04:00',
    );
    expect(formatZonedIso('Asia/Kolkata', new Date('2026-03-07T18:30:00.250Z'))).toBe(
      '2026-03-08T00:00:00.250+05:30',
    );
    expect(formatZonedIso('UTC', new Date('2026-03-08T00:00:00Z'))).toBe('2026-03-08T00:00:00Z');
    expect(formatOffset(-570)).toBe('-09:30');
  });
});

describe('canonicalTimeZone', () => {
  it.each([
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['America/New_York', 'America/New_York'],
    ['america/new_york', 'America/New_York'],
    ['Australia/Lord_Howe', 'Australia/Lord_Howe'],
    ['GMT', 'UTC'],
    // ICU calls it Asia/Calcutta; the name chosen is kept
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
  ])('%s -> %s', (name, zone) => expect(canonicalTimeZone(name)).toBe(zone));

  it.each([
    '',
    'Mars/Olympus_Mons',
    'America/New York',
    '+05:00',
    '__proto__',
    'x'.repeat(65),
    'Z',
  ])('refuses %j', (name) => expect(canonicalTimeZone(name)).toBeNull());
});
