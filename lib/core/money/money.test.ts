import { describe, expect, it } from 'vitest';
import {
  D,
  displayDecimals,
  formatAmount,
  formatMoney,
  sumDecimals,
  toDecimalString,
  toDrawingNumber,
} from './money';

describe('decimal helpers', () => {
  it('sums exactly and prints without exponents', () => {
    expect(sumDecimals(['0.1', '0.2']).toString()).toBe('0.3');
    expect(D('0.00000001').toString()).toBe('0.00000001');
    expect(D('1e21').toString()).toBe('1000000000000000000000');
    // the default decimal.js precision (20) would round this sum
    expect(sumDecimals(['1234567890.12345678901234', '0.00000000000001']).toString()).toBe(
      '1234567890.12345678901235',
    );
  });

  it('toDecimalString trims and rounds half-even', () => {
    expect(toDecimalString('12.5000')).toBe('12.5');
    expect(toDecimalString('-0.000')).toBe('0');
    expect(toDecimalString('2.345', 2)).toBe('2.34');
    expect(toDecimalString('2.355', 2)).toBe('2.36');
    expect(toDrawingNumber('40123.25')).toBe(40123.25);
  });
});

describe('formatMoney', () => {
  it.each<[string, string, object, string]>([
    ['1234.5', 'USD', {}, 'USD 1,234.50'],
    ['1234567.891', 'usd', {}, 'USD 1,234,567.89'],
    ['-3.1', 'EUR', {}, 'EUR -3.10'],
    ['0.123456789', 'BTC', {}, 'BTC 0.12345679'],
    ['1234.5', 'ETH', {}, 'ETH 1,234.50000000'],
    ['12', 'USD', { sign: true }, 'USD +12.00'],
    ['-12', 'USD', { sign: true }, 'USD -12.00'],
    ['-0.001', 'USD', { sign: true }, 'USD 0.00'],
    ['0.125', 'USD', {}, 'USD 0.12'],
    ['999.999', 'CAD', {}, 'CAD 1,000.00'],
    ['1.5', 'BTC', { decimals: 2 }, 'BTC 1.50'],
  ])('%s %s %o -> %s', (value, currency, opts, expected) => {
    expect(formatMoney(value, currency, opts)).toBe(expected);
  });

  it('knows crypto from fiat', () => {
    expect(displayDecimals('BTC')).toBe(8);
    expect(displayDecimals('USD')).toBe(2);
    expect(formatAmount('1000000', 0)).toBe('1,000,000');
  });
});
