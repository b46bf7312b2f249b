import { describe, expect, it } from 'vitest';
import {
  axisTickFormatter,
  formatAmount,
  formatBasisPoints,
  formatCompact,
  formatCompactMoney,
  formatCount,
  formatDate,
  formatDecimal,
  formatDuration,
  formatMoney,
  formatMoneyShown,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatRate,
  formatTime,
  formatTimeRange,
  zoneHeading,
} from './format';

// Expectations written by hand from the rules in format.ts (docs/formatting.md).
describe('money, fixed decimals (tables)', () => {
  it.each([
    ['-104709.91', 'USD', 'USD -104,709.91'],
    ['-4076736.1043210305', 'USD', 'USD -4,076,736.10'],
    ['2.04979', 'BTC', 'BTC 2.04979000'],
    ['-0.001', 'USD', 'USD 0.00'],
  ])('%s %s -> %s', (v, c, want) => {
    expect(formatMoney(v, c)).toBe(want);
    expect(formatAmount(v, c)).toBe(want);
  });
});

describe('money shown in figures and tooltips', () => {
  it.each([
    ['-6365.482818373521', 'USD', {}, 'USD -6,365.48'],
    ['0.0004', 'USD', {}, 'USD 0.000400'],
    ['12.5', 'USD', { sign: true }, 'USD +12.50'],
    ['-12.5', 'USD', { sign: true }, 'USD -12.50'],
    ['0', 'USD', { sign: true }, 'USD 0.00'],
    ['0.000000001234', 'BTC', {}, 'BTC 0.00000000123'],
  ])('%s %s %o -> %s', (v, c, opts, want) => {
    expect(formatMoneyShown(v, c, opts)).toBe(want);
  });
});

describe('quantities: crypto trimmed to between 2 and 8 decimals', () => {
  it.each([
    ['0.5', 'BTC', 'BTC 0.50'],
    ['3.000009', 'BTC', 'BTC 3.000009'],
    ['1234.123456789', 'ETH', 'ETH 1,234.12345679'],
    ['0', 'BTC', 'BTC 0.00'],
    ['-2.5', 'BTC', 'BTC -2.50'],
    ['1500', 'USD', 'USD 1,500.00'],
    ['0.000000001234', 'BTC', 'BTC 0.00000000123'],
  ])('%s %s -> %s', (v, c, want) => {
    expect(formatQuantity(v, c)).toBe(want);
  });
});

describe('prices: the precision that tells them apart', () => {
  it.each([
    [52664.6636582, 'USD', 'USD 52,664.66'],
    ['0.0123456', 'USD', 'USD 0.01235'],
    ['0.5', 'EUR', 'EUR 0.50'],
    ['0.031234567', 'BTC', 'BTC 0.03123457'],
    ['0.0312', 'BTC', 'BTC 0.0312'],
  ])('%s %s -> %s', (v, c, want) => {
    expect(formatPrice(v, c)).toBe(want);
  });
});

describe('plain numbers', () => {
  it.each([
    [() => formatDecimal('1234567.125', 0, 2), '1,234,567.12'],
    [() => formatDecimal('-0.004', 0, 2), '0'],
    [() => formatDecimal('5', 0, 2, { sign: true }), '+5'],
    [() => formatRate('52664.66365820001'), '52,664.66366'],
    [() => formatRate('1.08'), '1.08'],
    [() => formatRate('1'), '1.00'],
    [() => formatPercent(0.01234), '1.23%'],
    [() => formatPercent('-0.5', 1), '-50.0%'],
    [() => formatPercent(0.1, 0, { sign: true }), '+10%'],
    [() => formatBasisPoints('0.00123'), '12.3 bps'],
    [() => formatCount(1234567), '1,234,567'],
    [() => formatCount(12n), '12'],
    [() => formatDuration(90_000_000), '1 day 1 hour'],
  ])('%#: %s', (f, want) => {
    expect(f()).toBe(want);
  });
});

describe('times: UTC, to the second', () => {
  const t = Date.parse('2026-11-29T14:03:07.000Z');
  it.each([
    [() => formatTime(t), '2026-11-29 14:03:07 UTC'],
    [() => formatTime(new Date(t + 250)), '2026-11-29 14:03:07 UTC'],
    [() => formatTime(t, { zone: false }), '2026-11-29 14:03:07'],
    [() => formatTime('2026-11-29T14:03:07.000Z'), '2026-11-29 14:03:07 UTC'],
    [() => formatDate(t), '2026-11-29'],
    [() => formatTimeRange(t, t + 3_600_000), '2026-11-29 14:03:07 – 15:03:07 UTC'],
    [() => formatTimeRange(t, t + 86_400_000), '2026-11-29 14:03:07 – 2026-11-30 14:03:07 UTC'],
  ])('%#: %s', (f, want) => {
    expect(f()).toBe(want);
  });
});

describe('times in a display zone (issue 15)', () => {
  const NY = 'America/New_York';
  it.each([
    // 05:00Z on 8 March is midnight EST; 07:00Z is the change to EDT (03:00 local)
    [() => formatTime('2026-03-08T05:00:00Z', { tz: NY }), '2026-03-08 00:00:00 UTC-05:00'],
    [() => formatTime('2026-03-08T07:00:00Z', { tz: NY }), '2026-03-08 03:00:00 UTC-04:00'],
    [() => formatTime('2026-03-08T07:00:00Z', { tz: NY, zone: false }), '2026-03-08 03:00:00'],
    [() => formatTime('2026-03-08T07:00:00Z', { tz: 'UTC' }), '2026-03-08 07:00:00 UTC'],
    [
      () => formatTime('2026-03-07T18:30:00Z', { tz: 'Asia/Kolkata' }),
      '2026-03-08 00:00:00 UTC+05:30',
    ],
    [() => formatDate('2026-03-08T03:00:00Z', { tz: NY }), '2026-03-07'],
    [
      () => formatTimeRange('2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z', { tz: NY }),
      '2026-03-08 01:30:00 UTC-05:00 – 03:30:00 UTC-04:00',
    ],
    [() => zoneHeading(NY), NY],
    [() => zoneHeading(undefined), 'UTC'],
  ])('%#', (f, expected) => expect(f()).toBe(expected));
});

describe('compact labels for axes and bars', () => {
  it.each([
    [52664.66, '52.665k'],
    [52620, '52.62k'],
    [-104709.91, '-104.71k'],
    [1_234_567, '1.235M'],
    [2_500_000_000, '2.5B'],
    [250, '250'],
    [2, '2'],
    [-2, '-2'],
    [0.031234, '0.0312'],
    [0, '0'],
  ])('%d -> %s', (v, want) => {
    expect(formatCompact(v)).toBe(want);
  });
  it('axis ticks: one unit and the decimals that tell ticks apart', () => {
    const price = axisTickFormatter(52_600, 52_700);
    expect([52_600, 52_620, 52_640.7].map(price)).toEqual(['52.600k', '52.620k', '52.641k']);
    const usd = axisTickFormatter(-2_000_000, 13_000_000, '$');
    expect([-2_000_000, 0, 12_500_000].map(usd)).toEqual(['-$2.0M', '$0.0M', '$12.5M']);
    expect(axisTickFormatter(-0.004, 0.001)(-0.0004)).toBe('-0.0004');
  });

  it.each([
    [-104709.91, 'USD', '-$104.71k'],
    [12.5, 'USD', '$12.5'],
    [-5.8284, 'USD', '-$5.83'],
    [0.00000000637, 'USD', '$0'],
    [0.00000637, 'BTC', 'BTC 0.00000637'],
    [1_500_000, 'EUR', 'EUR 1.5M'],
  ])('%d %s -> %s', (v, c, want) => {
    expect(formatCompactMoney(v, c)).toBe(want);
  });
});
