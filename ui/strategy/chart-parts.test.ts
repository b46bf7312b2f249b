import { describe, expect, it } from 'vitest';
import { timeTick, timeTicks } from './chart-parts';

const DAY = 86_400_000;
const labels = (start: string, days: number, zone = 'UTC') => {
  const s = Date.parse(start);
  const e = s + days * DAY;
  return timeTicks(s, e, zone).map(timeTick(e - s, zone));
};

describe('the strategy graphs’ time axis', () => {
  it('labels a week’s 12-hour ticks with the time between the dates, each date once', () => {
    const l = labels('2025-12-25T00:00:00Z', 7);
    expect(l.slice(0, 4)).toEqual(['12-25', '12:00', '12-26', '12:00']);
    expect(l.at(-1)).toBe('01-01');
    const dates = l.filter((x) => x.includes('-'));
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('labels three days’ 6-hour ticks with times, the date at each midnight', () => {
    expect(labels('2025-12-29T00:00:00Z', 3).slice(0, 5)).toEqual([
      '12-29',
      '06:00',
      '12:00',
      '18:00',
      '12-30',
    ]);
  });

  it('keeps a day’s hours, a month’s dates and a long window’s months', () => {
    expect(labels('2025-12-31T00:00:00Z', 1).slice(0, 3)).toEqual(['12-31', '02:00', '04:00']);
    const month = labels('2025-12-01T00:00:00Z', 30);
    expect(month.every((x) => /^\d\d-\d\d$/.test(x))).toBe(true);
    expect(new Set(month).size).toBe(month.length);
    expect(labels('2024-01-01T00:00:00Z', 730).every((x) => /^\d{4}-\d\d$/.test(x))).toBe(true);
  });

  it('in a display zone, puts the dates at its local midnights', () => {
    const l = labels('2025-12-25T05:00:00Z', 7, 'America/New_York');
    expect(l.slice(0, 2)).toEqual(['12-25', '12:00']);
  });
});
