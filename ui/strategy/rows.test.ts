import { describe, expect, it } from 'vitest';
import type { DrawnSeries, DrawnTrades } from '@/lib/strategy/domain/drawn';
import { discRows, seriesRows } from './rows';

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
