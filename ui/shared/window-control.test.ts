import { describe, expect, it } from 'vitest';
import { buildWindowLinks } from '@/lib/core/time/time-window';
import { todayLink } from './window-control';
import { DEFAULT_CALENDAR } from '@/lib/core/time/presets';

const now = new Date('2024-03-15T13:20:00Z');
const at = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

describe('todayLink: where `t` leads', () => {
  it.each([
    ['a past UTC day', at('2024-03-02T00:00:00Z', '2024-03-03T00:00:00Z'), 'current-day'],
    ['a calendar month', at('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'), 'current-month'],
    [
      'February of a leap year',
      at('2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'),
      'current-month',
    ],
    ['one hour', at('2024-03-01T10:00:00Z', '2024-03-01T11:00:00Z'), '1h'],
    ['24 hours across midnight', at('2024-03-01T12:00:00Z', '2024-03-02T12:00:00Z'), '24h'],
    ['seven whole days', at('2024-03-01T00:00:00Z', '2024-03-08T00:00:00Z'), '7d'],
    ['30 days', at('2024-01-01T06:00:00Z', '2024-01-31T06:00:00Z'), '30d'],
    [
      'three days (no quick range)',
      at('2024-03-01T00:00:00Z', '2024-03-04T00:00:00Z'),
      'current-day',
    ],
  ])('%s', (_, w, key) => {
    const links = buildWindowLinks('/fund', {}, w, now);
    expect(todayLink(links, w)?.key).toBe(key);
  });

  it('leads to today itself for the current day', () => {
    const w = at('2024-03-15T00:00:00Z', '2024-03-16T00:00:00Z');
    expect(todayLink(buildWindowLinks('/fund', {}, w, now), w)?.href).toBe(
      '/fund?start=2024-03-15&end=2024-03-16',
    );
  });

  it.each([
    // New York: a day is midnight to midnight local, 23 hours on 8 March 2026
    ['a New York day', at('2026-03-07T05:00:00Z', '2026-03-08T05:00:00Z'), 'current-day'],
    ['the 23-hour New York day', at('2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'), 'current-day'],
    ['a New York month', at('2026-02-01T05:00:00Z', '2026-03-01T05:00:00Z'), 'current-month'],
    ['24 hours from 13:00 New York', at('2026-03-02T18:00:00Z', '2026-03-03T18:00:00Z'), '24h'],
    // a UTC day seen from New York is not a New York day: 24 hours
    ['a UTC day in New York', at('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'), '24h'],
  ])('in New York: %s', (_, w, key) => {
    const zone = 'America/New_York';
    const links = buildWindowLinks('/fund', {}, w, new Date('2026-03-15T13:20:00Z'), {
      ...DEFAULT_CALENDAR,
      zone,
    });
    expect(todayLink(links, w, zone)?.key).toBe(key);
  });
});
