import { describe, expect, it } from 'vitest';
import { type Fixed, fixedToString } from '../core/money/fixed';
import {
  fillAmount,
  fillCode,
  fillFeeCurrency,
  fillNotionalUsd,
  fillSide,
  fillUnitPrice,
  fillUsdRate,
} from './rules';

const str = (v: Fixed | null) => (v === null ? null : fixedToString(v, 36));

describe('fillSide', () => {
  it.each<[string | null, string | null, 'BID' | 'ASK']>([
    ['BID', 'ASK', 'BID'],
    ['ASK', 'BID', 'ASK'],
    ['bid', null, 'BID'],
    ['Bid ', null, 'BID'],
    [' BID', null, 'ASK'],
    [null, 'BID', 'BID'],
    [null, 'bid', 'BID'],
    [null, 'ASK', 'ASK'],
    [null, null, 'ASK'],
    ['', 'BID', 'ASK'],
    ['other', 'BID', 'ASK'],
    ['BUY', null, 'ASK'],
  ])('trade_type %j, order_type %j: %s', (tradeType, orderType, side) => {
    expect(fillSide(tradeType, orderType)).toBe(side);
  });
});

describe('fillCode and fillFeeCurrency', () => {
  it.each<[string | null, string]>([
    [null, ''],
    ['', ''],
    ['usd', 'USD'],
    ['Bitstamp_btc_usd', 'BITSTAMP_BTC_USD'],
    ['eu ', 'EU '],
  ])('fillCode(%j) = %j', (value, code) => {
    expect(fillCode(value)).toBe(code);
  });

  it.each<[string | null, string | null, string]>([
    ['BTC', 'USD', 'BTC'],
    ['btc', 'usd', 'BTC'],
    [null, 'usd', 'USD'],
    ['', 'EUR', 'EUR'],
    ['  ', 'EUR', 'EUR'],
    [null, null, ''],
    ['', null, ''],
  ])('fee currency %j, price currency %j: %j', (fee, price, currency) => {
    expect(fillFeeCurrency(fee, price)).toBe(currency);
  });
});

describe('fillUsdRate and fillNotionalUsd', () => {
  it.each<[string | null, string | null, string | null]>([
    ['1.0850000000', 'EUR', '1.085'],
    ['1.0850000000', 'USD', '1.085'],
    [null, 'USD', '1'],
    [null, 'usd ', '1'],
    ['0.0000000000', 'USD', '1'],
    ['-1.0000000000', 'USD', '1'],
    [null, 'EUR', null],
    ['0.0000000000', 'EUR', null],
    ['-2.0000000000', 'EUR', null],
    [null, null, null],
  ])('exchange_rate %j, price currency %j: %j', (rate, currency, expected) => {
    expect(str(fillUsdRate(rate, currency))).toBe(expected);
  });

  it.each<[string | null, string | null, string | null, string | null]>([
    ['100.00000000000000', '1.0850000000', 'EUR', '108.5'],
    ['0.00000000000001', '1.0000000001', 'EUR', '0.000000000000010000000001'],
    [
      '9999999999.99999999999999',
      '9999999999.9999999999',
      'EUR',
      '99999999999999999998.999900000000000000000001',
    ],
    [null, '1.0850000000', 'EUR', '0'],
    ['100', null, 'USD', '100'],
    ['100', null, 'EUR', null],
  ])('notional %j at %j (%j): %j USD', (notional, rate, currency, expected) => {
    expect(str(fillNotionalUsd(notional, rate, currency))).toBe(expected);
  });
});

describe('fillUnitPrice', () => {
  it.each<[string | null, string | null, string | null]>([
    ['100.00000000000000', '2.00000000000000', '50'],
    ['2', '3', '0.666666666666666667'],
    ['-2', '3', '-0.666666666666666667'],
    ['1', '7', '0.142857142857142857'],
    // exactly half a unit of the 18th decimal rounds away from zero (half-even would give 0)
    ['0.00000000000001', '20000', '0.000000000000000001'],
    ['-0.00000000000001', '20000', '-0.000000000000000001'],
    ['0.00000000000001', '-20000', '-0.000000000000000001'],
    ['0.00000000000003', '20000', '0.000000000000000002'],
    ['0.00000000000001', '200000000', '0'],
    ['9999999999.99999999999999', '0.00000000000001', '999999999999999999999999'],
    [null, '2', '0'],
    ['100', '0.00000000000000', null],
    ['100', null, null],
  ])('%j / %j = %j', (notional, volume, expected) => {
    expect(str(fillUnitPrice(notional, volume))).toBe(expected);
  });

  it('reads amounts with NULL as zero', () => {
    expect(fillAmount(null)).toBe(0n);
    expect(str(fillAmount('1.50000000000000'))).toBe('1.5');
  });
});
