import { describe, expect, it } from 'vitest';
import { formatWallInput, instantsOfWall, parseWallInput } from './wall-input';

/**
 * Hand-worked: New York is EST (-05:00) until 02:00 on Sunday 8 March 2026, when clocks jump to
 * 03:00 EDT (-04:00) at 07:00Z, so that day has 23 hours and 02:00-02:59 never happens; on
 * Sunday 1 November 2026 at 02:00 EDT (06:00Z) clocks go back to 01:00 EST, so 01:00-01:59
 * happens twice (05:00Z-05:59Z in EDT, then 06:00Z-06:59Z in EST). Kolkata is +05:30 all year.
 */
const NY = 'America/New_York';
const parsed = (zone: string, text: string, offset?: number) => {
  const r = parseWallInput(zone, text, offset);
  return r.ok ? { iso: r.date.toISOString(), kind: r.kind } : r.reason;
};

describe('the Custom… fields in a display zone', () => {
  it.each([
    // zone, instant, what the field shows
    [NY, '2026-03-08T05:00:00Z', '2026-03-08T00:00'], // the 23-hour day's first instant
    [NY, '2026-03-09T04:00:00Z', '2026-03-09T00:00'], // its end: midnight EDT
    [NY, '2026-03-08T07:00:00Z', '2026-03-08T03:00'], // the first instant of EDT
    [NY, '2026-11-01T05:30:00Z', '2026-11-01T01:30'], // 01:30 EDT
    [NY, '2026-11-01T06:30:00Z', '2026-11-01T01:30'], // 01:30 EST: the same wall time
    ['Asia/Kolkata', '2026-03-07T18:30:00Z', '2026-03-08T00:00'],
    ['Asia/Kolkata', '2026-03-08T00:00:00Z', '2026-03-08T05:30'],
    ['Asia/Kolkata', '2026-03-08T00:00:05Z', '2026-03-08T05:30:05'],
    ['UTC', '2026-03-08T00:00:00Z', '2026-03-08T00:00'],
  ])('%s: %s shows as %s', (zone, iso, shown) => {
    expect(formatWallInput(zone, new Date(iso))).toBe(shown);
  });

  it.each([
    // an ordinary time reads back to the instant it showed
    [NY, '2026-03-08T00:00', undefined, '2026-03-08T05:00:00.000Z', 'exact'],
    [NY, '2026-03-09T00:00', undefined, '2026-03-09T04:00:00.000Z', 'exact'],
    [NY, '2026-03-08T01:59', undefined, '2026-03-08T06:59:00.000Z', 'exact'],
    [NY, '2026-03-08T03:00', undefined, '2026-03-08T07:00:00.000Z', 'exact'],
    // skipped: moved on by the hour's gap, 02:30 -> 03:30 EDT = 07:30Z
    [NY, '2026-03-08T02:30', undefined, '2026-03-08T07:30:00.000Z', 'skipped'],
    [NY, '2026-03-08T02:00', -300, '2026-03-08T07:00:00.000Z', 'skipped'],
    // repeated: the earlier (EDT) unless the form says it was showing EST
    [NY, '2026-11-01T01:30', undefined, '2026-11-01T05:30:00.000Z', 'repeated'],
    [NY, '2026-11-01T01:30', -240, '2026-11-01T05:30:00.000Z', 'repeated'],
    [NY, '2026-11-01T01:30', -300, '2026-11-01T06:30:00.000Z', 'repeated'],
    [NY, '2026-11-01T01:30', 60, '2026-11-01T05:30:00.000Z', 'repeated'],
    // the offset only decides a repeated time
    [NY, '2026-11-01T03:00', -240, '2026-11-01T08:00:00.000Z', 'exact'],
    ['Asia/Kolkata', '2026-03-08T05:30', undefined, '2026-03-08T00:00:00.000Z', 'exact'],
    ['Asia/Kolkata', '2026-03-08 00:00:30.5', undefined, '2026-03-07T18:30:30.500Z', 'exact'],
    ['UTC', '2026-03-08T02:30', undefined, '2026-03-08T02:30:00.000Z', 'exact'],
  ])('%s: %s (offset %s) is %s', (zone, text, offset, iso, kind) => {
    expect(parsed(zone, text, offset)).toEqual({ iso, kind });
  });

  it('round-trips every quarter hour of both change days in New York', () => {
    for (const [from, hours] of [
      ['2026-03-08T05:00:00Z', 23],
      ['2026-11-01T04:00:00Z', 25],
    ] as const) {
      for (let q = 0; q < hours * 4; q++) {
        const d = new Date(Date.parse(from) + q * 900_000);
        const offset = d.getTime() < Date.parse('2026-11-01T06:00:00Z') ? -240 : -300;
        const shown = formatWallInput(NY, d);
        const back = parseWallInput(NY, shown, from.startsWith('2026-11') ? offset : undefined);
        expect(back.ok && back.date.toISOString()).toBe(d.toISOString());
      }
    }
  });

  it('lists both instants of a repeated wall time and none of a skipped one', () => {
    expect(instantsOfWall(NY, Date.parse('2026-11-01T01:30:00Z')).map((t) => new Date(t))).toEqual([
      new Date('2026-11-01T05:30:00Z'),
      new Date('2026-11-01T06:30:00Z'),
    ]);
    expect(instantsOfWall(NY, Date.parse('2026-03-08T02:30:00Z'))).toEqual([]);
  });

  it.each([
    ['2026-03-08', 'it is not a date and time YYYY-MM-DDTHH:MM'],
    ['2026-03-08T01:30Z', 'it is not a date and time YYYY-MM-DDTHH:MM'],
    ['2026-02-29T00:00', '2026-02 has no day 29'],
    ['2026-13-01T00:00', 'the month must be 01 to 12'],
    ['2026-03-08T24:00', 'the time must be 00:00 to 23:59'],
  ])('refuses %s: %s', (text, reason) => {
    expect(parsed(NY, text)).toBe(reason);
  });
});
