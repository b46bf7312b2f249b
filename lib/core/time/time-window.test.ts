import { describe, expect, it } from 'vitest';
import { BadRequestError } from '@/lib/core/errors';
import {
  buildWindowLinks,
  currentDay,
  currentMonth,
  describeWindow,
  lastDays,
  lastHours,
  parseTimeWindow,
  shiftWindow,
  type TimeWindow,
  windowGranularity,
  windowToQuery,
} from '@/lib/core/time/time-window';

const NOW = new Date('2024-03-15T10:20:30.500Z');
const iso = (d: Date) => d.toISOString();
const win = (start: string, end: string): TimeWindow => ({
  start: new Date(start),
  end: new Date(end),
});
const show = (w: TimeWindow) => [iso(w.start), iso(w.end)];

describe('parseTimeWindow: accepted forms', () => {
  it.each([
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T13:00', '2024-03-01T13:00:00.000Z'],
    ['2024-03-01T13:00:05', '2024-03-01T13:00:05.000Z'],
    ['2024-03-01 13:00:05', '2024-03-01T13:00:05.000Z'],
    ['2024-03-01T13:00:05Z', '2024-03-01T13:00:05.000Z'],
    ['2024-03-01t13:00:05z', '2024-03-01T13:00:05.000Z'],
    ['2024-03-01T13:00:05.25Z', '2024-03-01T13:00:05.250Z'],
    ['2024-03-01T13:00:05.123456789', '2024-03-01T13:00:05.123Z'],
    ['2024-03-01T13:00:05+02:00', '2024-03-01T11:00:05.000Z'],
    ['2024-03-01T13:00:05-0500', '2024-03-01T18:00:05.000Z'],
    ['2024-03-01T01:00+02', '2024-02-29T23:00:00.000Z'],
    ['2024-03-01 13:00:00+00:00', '2024-03-01T13:00:00.000Z'],
    // an unencoded "+" in a URL arrives as a space
    ['2024-03-01T13:00:00 02:00', '2024-03-01T11:00:00.000Z'],
    ['  2024-03-01  ', '2024-03-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0099-06-01', '0099-06-01T00:00:00.000Z'],
  ])('start=%s -> %s', (text, expected) => {
    expect(iso(parseTimeWindow({ start: text }, NOW).start)).toBe(expected);
  });
});

describe('parseTimeWindow: defaults', () => {
  it.each<[string, { start?: string | null; end?: string | null }, [string, string]]>([
    ['nothing: today UTC', {}, ['2024-03-15T00:00:00.000Z', '2024-03-16T00:00:00.000Z']],
    [
      'empty strings count as missing',
      { start: '', end: ' ' },
      ['2024-03-15T00:00:00.000Z', '2024-03-16T00:00:00.000Z'],
    ],
    [
      'nulls count as missing',
      { start: null, end: null },
      ['2024-03-15T00:00:00.000Z', '2024-03-16T00:00:00.000Z'],
    ],
    [
      'start only: one day',
      { start: '2016-06-01' },
      ['2016-06-01T00:00:00.000Z', '2016-06-02T00:00:00.000Z'],
    ],
    [
      'start time only: 24 hours',
      { start: '2016-06-01T13:30' },
      ['2016-06-01T13:30:00.000Z', '2016-06-02T13:30:00.000Z'],
    ],
    [
      'end only: the day before it',
      { end: '2016-06-02' },
      ['2016-06-01T00:00:00.000Z', '2016-06-02T00:00:00.000Z'],
    ],
    [
      'both',
      { start: '2024-01-01', end: '2024-02-01T12:00Z' },
      ['2024-01-01T00:00:00.000Z', '2024-02-01T12:00:00.000Z'],
    ],
    [
      'exactly 10 years',
      { start: '2014-03-01', end: '2024-03-01' },
      ['2014-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ],
  ])('%s', (_, q, expected) => {
    expect(show(parseTimeWindow(q, NOW))).toEqual(expected);
  });

  it('takes a single-element array (a Next.js searchParams value)', () => {
    expect(show(parseTimeWindow({ start: ['2024-03-01'] }, NOW))[0]).toBe(
      '2024-03-01T00:00:00.000Z',
    );
  });
});

describe('parseTimeWindow: bad input names the parameter and gives an example', () => {
  it.each<[string, { start?: string | string[]; end?: string }, 'start' | 'end', RegExp]>([
    [
      'prose date',
      { start: 'June 16 2016' },
      'start',
      /Invalid start "June 16 2016": it is not an ISO 8601/,
    ],
    ['month 13', { start: '2024-13-01' }, 'start', /month must be 01 to 12/],
    ['Feb 30', { start: '2024-02-30' }, 'start', /2024-02 has no day 30/],
    ['Feb 29 of a common year', { end: '2023-02-29' }, 'end', /2023-02 has no day 29/],
    ['hour 24', { start: '2024-03-01T24:00' }, 'start', /00:00:00 to 23:59:59/],
    ['offset out of range', { start: '2024-03-01T10:00+24:00' }, 'start', /offset/],
    ['offset on a date alone', { start: '2024-03-01Z' }, 'start', /not an ISO 8601/],
    ['epoch number', { end: '1709251200' }, 'end', /Invalid end/],
    ['two-digit year', { start: '24-03-01' }, 'start', /Invalid start/],
    ['garbage end', { start: '2024-03-01', end: 'tomorrow' }, 'end', /Invalid end "tomorrow"/],
    [
      'end before start',
      { start: '2024-03-02', end: '2024-03-01' },
      'end',
      /end \(2024-03-01\) must be after start \(2024-03-02\)/,
    ],
    [
      'end equal to start',
      { start: '2024-03-01T10:00Z', end: '2024-03-01T12:00+02:00' },
      'end',
      /must be after start/,
    ],
    [
      'longer than 10 years',
      { start: '2014-03-01', end: '2024-03-01T00:00:01Z' },
      'end',
      /longer than 10 years/,
    ],
    ['repeated parameter', { start: ['2024-03-01', '2024-03-02'] }, 'start', /given 2 times/],
  ])('%s', (_, q, param, message) => {
    let caught: unknown;
    try {
      parseTimeWindow(q, NOW);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BadRequestError);
    const err = caught as BadRequestError;
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
    // the example is itself a valid value
    expect(() => parseTimeWindow({ [param]: err.example }, NOW)).not.toThrow();
  });
});

describe('windowGranularity and shiftWindow', () => {
  it.each<[string, TimeWindow, string, [string, string], [string, string]]>([
    [
      'a day',
      win('2024-03-01', '2024-03-02'),
      'day',
      ['2024-02-29', '2024-03-01'],
      ['2024-03-02', '2024-03-03'],
    ],
    [
      '24 hours off midnight',
      win('2024-03-01T13:00Z', '2024-03-02T13:00Z'),
      'day',
      ['2024-02-29T13:00Z', '2024-03-01T13:00Z'],
      ['2024-03-02T13:00Z', '2024-03-03T13:00Z'],
    ],
    [
      'March',
      win('2024-03-01', '2024-04-01'),
      'month',
      ['2024-02-01', '2024-03-01'],
      ['2024-04-01', '2024-05-01'],
    ],
    [
      'February, leap year',
      win('2024-02-01', '2024-03-01'),
      'month',
      ['2024-01-01', '2024-02-01'],
      ['2024-03-01', '2024-04-01'],
    ],
    [
      'February, common year',
      win('2023-02-01', '2023-03-01'),
      'month',
      ['2023-01-01', '2023-02-01'],
      ['2023-03-01', '2023-04-01'],
    ],
    [
      'December into January',
      win('2023-12-01', '2024-01-01'),
      'month',
      ['2023-11-01', '2023-12-01'],
      ['2024-01-01', '2024-02-01'],
    ],
    [
      'month from the 31st clamps',
      win('2024-01-31', '2024-02-29'),
      'month',
      ['2023-12-31', '2024-01-31'],
      ['2024-02-29', '2024-03-29'],
    ],
    [
      'month from the 15th, 13:00',
      win('2024-01-15T13:00Z', '2024-02-15T13:00Z'),
      'month',
      ['2023-12-15T13:00Z', '2024-01-15T13:00Z'],
      ['2024-02-15T13:00Z', '2024-03-15T13:00Z'],
    ],
    [
      'a year',
      win('2024-01-01', '2025-01-01'),
      'year',
      ['2023-01-01', '2024-01-01'],
      ['2025-01-01', '2026-01-01'],
    ],
    [
      'a year from Feb 29',
      win('2024-02-29', '2025-02-28'),
      'year',
      ['2023-02-28', '2024-02-29'],
      ['2025-02-28', '2026-02-28'],
    ],
    [
      '7 days (a week: 7 calendar days)',
      win('2024-03-01', '2024-03-08'),
      'week',
      ['2024-02-23', '2024-03-01'],
      ['2024-03-08', '2024-03-15'],
    ],
    [
      '1 hour',
      win('2024-03-01T23:30Z', '2024-03-02T00:30Z'),
      'custom',
      ['2024-03-01T22:30Z', '2024-03-01T23:30Z'],
      ['2024-03-02T00:30Z', '2024-03-02T01:30Z'],
    ],
    [
      '30 days is not a month',
      win('2024-03-01', '2024-03-31'),
      'custom',
      ['2024-01-31', '2024-03-01'],
      ['2024-03-31', '2024-04-30'],
    ],
    [
      'three months (a quarter)',
      win('2024-01-01', '2024-04-01'),
      'quarter',
      ['2023-10-01', '2024-01-01'],
      ['2024-04-01', '2024-07-01'],
    ],
    [
      'two months',
      win('2024-01-01', '2024-03-01'),
      'custom',
      ['2023-11-02', '2024-01-01'],
      ['2024-03-01', '2024-04-30'],
    ],
  ])('%s', (_, w, granularity, prev, next) => {
    expect(windowGranularity(w)).toBe(granularity);
    expect(show(shiftWindow(w, -1))).toEqual(show(win(...prev)));
    expect(show(shiftWindow(w, 1))).toEqual(show(win(...next)));
  });

  it('Prev then Next returns to an aligned month', () => {
    const march = win('2024-03-01', '2024-04-01');
    expect(show(shiftWindow(shiftWindow(march, -1), 1))).toEqual(show(march));
  });
});

describe('presets', () => {
  it('current day and month are calendar units in UTC', () => {
    expect(show(currentDay(NOW))).toEqual(['2024-03-15T00:00:00.000Z', '2024-03-16T00:00:00.000Z']);
    expect(show(currentMonth(NOW))).toEqual([
      '2024-03-01T00:00:00.000Z',
      '2024-04-01T00:00:00.000Z',
    ]);
    expect(show(currentMonth(new Date('2024-12-31T23:59:59Z')))).toEqual([
      '2024-12-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ]);
  });

  it('quick ranges end at now rounded up to the minute', () => {
    expect(show(lastHours(NOW, 1))).toEqual([
      '2024-03-15T09:21:00.000Z',
      '2024-03-15T10:21:00.000Z',
    ]);
    expect(show(lastDays(NOW, 7))).toEqual([
      '2024-03-08T10:21:00.000Z',
      '2024-03-15T10:21:00.000Z',
    ]);
    const onTheMinute = new Date('2024-03-15T10:20:00Z');
    expect(iso(lastHours(onTheMinute, 24).end)).toBe('2024-03-15T10:20:00.000Z');
  });
});

describe('windowToQuery and describeWindow', () => {
  it.each<[TimeWindow, { start: string; end: string }, string]>([
    [win('2024-03-01', '2024-03-02'), { start: '2024-03-01', end: '2024-03-02' }, '1 March 2024'],
    [win('2024-03-01', '2024-04-01'), { start: '2024-03-01', end: '2024-04-01' }, 'March 2024'],
    [win('2024-01-01', '2025-01-01'), { start: '2024-01-01', end: '2025-01-01' }, '2024'],
    [
      win('2024-03-01', '2024-03-08'),
      { start: '2024-03-01', end: '2024-03-08' },
      '1 March 2024 through 7 March 2024 (7 days)',
    ],
    [
      win('2024-01-15', '2024-02-15'),
      { start: '2024-01-15', end: '2024-02-15' },
      '15 January 2024 through 14 February 2024 (31 days)',
    ],
    [
      win('2024-03-01T13:00Z', '2024-03-02T13:00Z'),
      { start: '2024-03-01T13:00:00Z', end: '2024-03-02T13:00:00Z' },
      '1 Mar 2024 13:00 to 2 Mar 2024 13:00 UTC (1 day)',
    ],
    [
      win('2024-03-15T09:21Z', '2024-03-15T10:21:05Z'),
      { start: '2024-03-15T09:21:00Z', end: '2024-03-15T10:21:05Z' },
      '15 Mar 2024 09:21 to 15 Mar 2024 10:21:05 UTC (1 hour 5 seconds)',
    ],
    [
      win('2024-03-01T00:00:00.250Z', '2024-03-02'),
      { start: '2024-03-01T00:00:00.250Z', end: '2024-03-02' },
      '1 Mar 2024 00:00 to 2 Mar 2024 00:00 UTC (23 hours 59 minutes)',
    ],
  ])('%o', (w, query, words) => {
    expect(windowToQuery(w)).toEqual(query);
    expect(describeWindow(w).words).toBe(words);
    // what the links write parses back to the same window
    expect(show(parseTimeWindow(query, NOW))).toEqual(show(w));
  });

  it('states the exact UTC window', () => {
    expect(describeWindow(win('2024-03-01', '2024-03-02')).utc).toBe(
      '2024-03-01T00:00:00Z to 2024-03-02T00:00:00Z (end exclusive)',
    );
  });
});

describe('buildWindowLinks', () => {
  const march = win('2024-03-01', '2024-04-01');

  it('stops Next at now: offered while the next window starts before now, not after', () => {
    const next = (w: ReturnType<typeof win>) =>
      buildWindowLinks('/fund', {}, w, NOW).find((l) => l.key === 'next')!;
    // March 2024 contains NOW (15 March): April would start in the future
    expect(next(march).disabled).toBe(true);
    // 14 March: the next window is 15 March, which has begun
    expect(next(win('2024-03-14', '2024-03-15')).disabled).toBe(false);
    // the day of NOW: the next day starts after now
    expect(next(win('2024-03-15', '2024-03-16')).disabled).toBe(true);
    // nothing else is ever disabled
    expect(buildWindowLinks('/fund', {}, march, NOW).filter((l) => l.disabled)).toHaveLength(1);
  });

  it('lists the toggles in order and marks the one in force', () => {
    const links = buildWindowLinks('/strategy/multi', {}, march, NOW);
    expect(links.map((l) => l.label)).toEqual([
      'Prev',
      'Next',
      'Current Day',
      'This week',
      'Current Month',
      'This quarter',
      'This fiscal year',
      'Year to date',
      '1 hour',
      '24 hours',
      '7 days',
      '30 days',
    ]);
    expect(links.filter((l) => l.active).map((l) => l.key)).toEqual(['current-month']);
    expect(links[0].href).toBe('/strategy/multi?start=2024-02-01&end=2024-03-01');
    expect(links[1].href).toBe('/strategy/multi?start=2024-04-01&end=2024-05-01');
    expect(links.find((l) => l.key === '1h')?.href).toBe(
      '/strategy/multi?start=2024-03-15T09:21:00Z&end=2024-03-15T10:21:00Z',
    );
  });

  it('keeps other parameters, replaces start/end, drops cursor', () => {
    const query = new URLSearchParams(
      'exchanges=bitstamp&start=2024-03-01&exchanges=kraken&cursor=abc&end=2024-04-01',
    );
    const [prev] = buildWindowLinks('/ledger/BITSTAMP', query, march, NOW);
    expect(prev.href).toBe(
      '/ledger/BITSTAMP?exchanges=bitstamp&start=2024-02-01&exchanges=kraken&end=2024-03-01',
    );
  });

  it('takes a Next.js searchParams record, arrays included', () => {
    const links = buildWindowLinks(
      '/fund',
      { currency: 'USD', tag: ['a b', 'c&d'], start: '2024-03-01', skip: undefined },
      march,
      NOW,
    );
    expect(links[2].href).toBe(
      '/fund?currency=USD&tag=a+b&tag=c%26d&start=2024-03-15&end=2024-03-16',
    );
  });

  it('a quick range is active when it is the window shown', () => {
    const links = buildWindowLinks('/s', {}, lastDays(NOW, 7), NOW);
    expect(links.filter((l) => l.active).map((l) => l.key)).toEqual(['7d']);
  });
});
