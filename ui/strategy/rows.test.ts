import { describe, expect, it } from 'vitest';
import type { DrawnSeries, DrawnTrades } from '@/lib/strategy/domain/drawn';
import { discRows, positionAxis, positionBandRows, seriesRows, tradeBandRows } from './rows';

const START = Date.parse('2024-05-01T00:00:00Z');

const trades: DrawnTrades = {
  discs: {
    t: [3600, 9000],
    side: ['BID', 'ASK'],
    unitPrice: [52664.66, 61000.5],
    volume: [0.5, 1.23456789],
    count: [1, 1234],
    fee: [12.04, 0.0004],
    exchange: [0, 1],
    orderId: [96287, null],
    firstT: [null, 7200],
    lastT: [null, 10799],
  },
  exchanges: ['BITSTAMP_BTC_USD', 'BITSTAMP_BTC_USD, KRAKEN_BTC_USD'],
  drawnFills: 1235,
  belowThreshold: 0,
  merged: true,
  bands: null,
};

describe('discRows', () => {
  it('one object per disc, times back to epoch ms, exchange names from the list', () => {
    expect(discRows(trades, START)).toEqual([
      {
        t: START + 3_600_000,
        side: 'BID',
        unitPrice: 52664.66,
        volume: 0.5,
        count: 1,
        fee: 12.04,
        exchange: 'BITSTAMP_BTC_USD',
        orderId: 96287,
        firstT: null,
        lastT: null,
      },
      {
        t: START + 9_000_000,
        side: 'ASK',
        unitPrice: 61000.5,
        volume: 1.23456789,
        count: 1234,
        fee: 0.0004,
        exchange: 'BITSTAMP_BTC_USD, KRAKEN_BTC_USD',
        orderId: null,
        firstT: START + 7_200_000,
        lastT: START + 10_799_000,
      },
    ]);
  });
});

describe('seriesRows', () => {
  const series: DrawnSeries = {
    position: { t: [0, 600, 1200], v: [0.8, 1.1, 0.1], min: [0.8, 0.5, 0.1], max: [0.8, 1.3, 0.1] },
    revenue: { t: [0, 1200], v: [0, 22] },
    profit: { t: [0, 1200], v: [0, 19.75] },
    positionBands: null,
  };

  it('merges the series on one time axis and holds each last value until the end', () => {
    const end = START + 3_600_000;
    expect(seriesRows(series, START, end)).toEqual([
      { t: START, position: 0.8, positionRange: [0.8, 0.8], revenue: 0, profit: 0 },
      { t: START + 600_000, position: 1.1, positionRange: [0.5, 1.3] },
      {
        t: START + 1_200_000,
        position: 0.1,
        positionRange: [0.1, 0.1],
        revenue: 22,
        profit: 19.75,
      },
      { t: end, position: 0.1, positionRange: [0.1, 0.1], revenue: 22, profit: 19.75 },
    ]);
  });

  it('adds no point when the series already reach the end', () => {
    expect(seriesRows(series, START, START + 1_200_000)).toHaveLength(3);
  });
});

describe('positionAxis: the configured range at least, widened to the data, round ends', () => {
  it('keeps the configured range when the data stays inside it', () => {
    expect(positionAxis([-1.2, 0.4, 1.9], { min: -2, max: 2 })).toEqual({
      domain: [-2, 2],
      ticks: [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2],
    });
  });
  it('widens to a position from -8.7 to +6 (the opening one included)', () => {
    const axis = positionAxis([-8.7, 6, 0.3], { min: -2, max: 2 })!;
    expect(axis.domain[0]).toBeLessThanOrEqual(-8.7);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(6);
    expect(axis.ticks).toEqual([-10, -8, -6, -4, -2, 0, 2, 4, 6]);
  });
  it('shows ±100 when the position uses it; fits a position under a tenth of it', () => {
    // a position using a good part of the range: the range is shown
    expect(positionAxis([-30, 45], { min: -100, max: 100 })!.domain).toEqual([-100, 100]);
    // under a tenth of it (the manual strategy's ±100 would flatten the line): fit the data
    expect(positionAxis([0.5, 1.5], { min: -100, max: 100 })!.domain).toEqual([0.4, 1.6]);
    // beyond the range: the range and the data
    expect(positionAxis([99, 101], { min: -100, max: 100 })!.domain[0]).toBeLessThanOrEqual(-100);
  });
  it('without configuration: the data, rounded out', () => {
    expect(positionAxis([0.013, 0.087], {})).toEqual({
      domain: [0.01, 0.09],
      ticks: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09],
    });
    expect(positionAxis([], {})).toBeNull();
  });
});

describe('band rows', () => {
  it('divides exact notional by volume per side; a side without fills has no price', () => {
    const rows = tradeBandRows(
      {
        size: 3600,
        t: [0, 3600],
        bidVolume: ['2', '0'],
        bidNotional: ['100001', '0'],
        askVolume: ['0.5', '1'],
        askNotional: ['25001', '50010'],
      },
      START,
    );
    expect(rows[0]).toEqual({
      t: START + 1_800_000,
      from: START,
      to: START + 3_600_000,
      bidVwap: 50000.5,
      askVwap: 50002,
      gap: [50000.5, 50002],
      bidVolume: 2,
      askVolume: 0.5,
    });
    expect(rows[1]).toMatchObject({ bidVwap: null, askVwap: 50010, gap: null });
  });

  it('draws each position bucket across its span, its close at its end, nothing after now', () => {
    const series: DrawnSeries = {
      position: { t: [0], v: [1], min: [1], max: [1] },
      revenue: { t: [0], v: [0] },
      profit: { t: [0], v: [0] },
      positionBands: {
        size: 3600,
        t: [0, 3600, 7200],
        min: ['-8.7', '0', '1'],
        max: ['6', '2', '1'],
        close: ['0.5', '1', '1'],
        endsOnly: [],
      },
    };
    const rows = positionBandRows(series, START, START + 5_400_000);
    expect(rows).toEqual([
      { t: START, position: 1, positionRange: [-8.7, 6], revenue: 0, profit: 0 },
      { t: START + 3_599_999, positionRange: [-8.7, 6] },
      { t: START + 3_600_000, position: 0.5, positionRange: [0, 2] },
      { t: START + 5_399_999, positionRange: [0, 2] },
      { t: START + 5_400_000, position: 1, revenue: 0, profit: 0 },
    ]);
  });
});
