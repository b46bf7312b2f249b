import { describe, expect, it } from 'vitest';
import { describeDisc, formatDrawnAmount, formatUtc } from './disc-tooltip';
import type { DiscRow } from './rows';

const START = Date.parse('2024-05-01T00:00:00Z');
const fill: DiscRow = {
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
};
const merged: DiscRow = {
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
};

describe('the half-disc tooltip', () => {
  const currencies = { priceCurrency: 'USD', volumeCurrency: 'BTC' };
  it('a fill: grouping, BTC trimmed of useless zeros, the price to the cent, its order and time', () => {
    expect(describeDisc(fill, currencies)).toEqual({
      side: 'Bid (buy)',
      exchange: 'BITSTAMP_BTC_USD',
      amount: 'BTC 0.50 @ USD 52,664.66',
      fee: 'Fee: USD 12.04',
      order: 'Order ID: 96287',
      time: '2024-05-01 01:00:00 UTC',
      merged: null,
    });
  });

  it('a merged disc: volume-weighted price, the span of its fills, how many', () => {
    expect(describeDisc(merged, currencies)).toEqual({
      side: 'Ask (sell)',
      exchange: 'BITSTAMP_BTC_USD, KRAKEN_BTC_USD',
      amount: 'BTC 1.23456789 @ USD 61,000.50 (volume-weighted)',
      fee: 'Fee: USD 0.000400',
      order: null,
      time: '2024-05-01 02:00:00 – 02:59:59 UTC',
      merged: '1,234 fills merged',
    });
  });

  it.each([
    [1234567.891, 'USD', 'USD 1,234,567.89'],
    [-3.1, 'USD', 'USD -3.10'],
    [0, 'USD', 'USD 0.00'],
    [0.000000001234, 'BTC', 'BTC 0.00000000123'],
    [12.3456789012, 'ETH', 'ETH 12.34567890'],
  ])('formats %d %s as %s', (value, currency, expected) => {
    expect(formatDrawnAmount(value, currency)).toBe(expected);
  });

  it('prints UTC times without milliseconds', () => {
    expect(formatUtc(Date.parse('2024-05-01T01:02:03.250Z'))).toBe('2024-05-01 01:02:03 UTC');
  });
});
