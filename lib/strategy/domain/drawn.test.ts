import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { T0 } from '@/tests/helpers/fills';
import { discColumns, round10, secondsSince } from './drawn-columns';
import { drawnFromBuckets } from './drawn';
import type { HalfDisc } from './half-discs';
import { mergeDiscsInTime } from './merge-discs';

const DAY = { start: new Date(T0), end: new Date(T0 + 86_400_000) };
const HOUR = 3_600_000;

function disc(
  over: Omit<Partial<HalfDisc>, 'volume' | 'price'> & { volume: string; price: string },
): HalfDisc {
  return {
    side: 'BID',
    t: T0,
    count: 1,
    fee: 0n,
    exchanges: ['BITSTAMP_BTC_USD'],
    orderId: 7,
    firstT: null,
    lastT: null,
    ...over,
    volume: parseFixed(over.volume),
    price: parseFixed(over.price),
  };
}

describe('round10', () => {
  it.each([
    [52664.659999999996, 52664.66],
    [0.1 + 0.2, 0.3],
    [-1.0000000000000002, -1],
    [1234567890123, 1234567890000],
    [0.000012345678901234, 0.0000123456789],
    [-0, 0],
    [Number.NaN, 0],
  ])('%d -> %d', (x, expected) => expect(round10(x)).toBe(expected));
});

describe('discColumns', () => {
  it('one entry per disc in every column: seconds since the start, rounded numbers, exchange indexes', () => {
    const single = disc({
      t: T0 + 90_000,
      volume: '0.5',
      price: '26332.33',
      fee: parseFixed('1.25'),
    });
    const merged = disc({
      side: 'ASK',
      t: T0 + 2.5 * HOUR + 0.4,
      count: 3,
      volume: '3',
      price: '157993.98',
      fee: parseFixed('0.000123456789012'),
      exchanges: ['A', 'B'],
      orderId: null,
      firstT: T0 + 2 * HOUR,
      lastT: T0 + 3 * HOUR - 1000,
    });
    const again = disc({ t: T0 + 4 * HOUR, volume: '1', price: '1', exchanges: ['A', 'B'] });
    expect(discColumns([single, merged, again], secondsSince(T0))).toEqual({
      discs: {
        t: [90, 9000, 14400],
        side: ['BID', 'ASK', 'BID'],
        unitPrice: [52664.66, 52664.66, 1],
        volume: [0.5, 3, 1],
        count: [1, 3, 1],
        fee: [1.25, 0.000123456789, 0],
        exchange: [0, 1, 1],
        orderId: [7, null, 7],
        firstT: [null, 7200, null],
        lastT: [null, 10799, null],
      },
      exchanges: ['BITSTAMP_BTC_USD', 'A, B'],
    });
  });
});

describe('mergeDiscsInTime', () => {
  it('leaves maxPoints discs or fewer as they are', () => {
    const discs = [disc({ volume: '1', price: '100' })];
    expect(mergeDiscsInTime(discs, DAY, 2)).toEqual(discs);
  });

  it('merges per side and time bucket with exact totals, the span of its members and their volume-weighted time', () => {
    const bucket = (h: number, side: 'BID' | 'ASK', volume: string, price: string) =>
      disc({
        side,
        t: T0 + (h + 0.5) * HOUR,
        count: 2,
        volume,
        price,
        fee: parseFixed('0.1'),
        exchanges: [h === 1 ? 'B' : 'A'],
        orderId: null,
        firstT: T0 + h * HOUR,
        lastT: T0 + (h + 1) * HOUR - 1000,
      });
    const discs = [
      bucket(0, 'BID', '1', '100'),
      bucket(0, 'ASK', '1', '110'),
      bucket(1, 'BID', '3', '312'),
      bucket(13, 'BID', '2', '210'),
    ];
    const out = mergeDiscsInTime(discs, DAY, 3);
    expect(out.map((d) => [d.side, d.count])).toEqual([
      ['ASK', 2],
      ['BID', 4],
      ['BID', 2],
    ]);
    const merged = out[1];
    expect(merged).toMatchObject({
      volume: parseFixed('4'),
      price: parseFixed('412'),
      fee: parseFixed('0.2'),
      exchanges: ['A', 'B'],
      orderId: null,
      firstT: T0,
      lastT: T0 + 2 * HOUR - 1000,
    });
    expect(merged.t).toBeCloseTo(T0 + ((0.5 * 1 + 1.5 * 3) / 4) * HOUR, 3);
  });
});

describe('drawnFromBuckets', () => {
  it('thins a rollup series beyond maxPoints keeping each bucket’s extremes', () => {
    const points = Array.from({ length: 24 }, (_, h) => ({
      t: T0 + (h + 1) * HOUR,
      v: h,
      min: h === 5 ? -100 : h,
      max: h === 17 ? 100 : h,
    }));
    const series = {
      position: [{ t: T0, v: 0, min: 0, max: 0 }, ...points],
      revenue: [],
      profit: [],
    };
    const trades = { discs: [], drawnFills: 0, belowThreshold: 0, merged: true };
    const { position } = drawnFromBuckets({ trades, series }, DAY, 5).series;
    expect(position.t.length).toBeLessThanOrEqual(5);
    expect(Math.min(...position.min)).toBe(-100);
    expect(Math.max(...position.max)).toBe(100);
    expect(position.t.at(-1)).toBe(86_400);
    expect(position.v.at(-1)).toBe(23);
  });
});
