import { describe, expect, it } from 'vitest';
import {
  FIXED_ONE,
  divRoundHalfEven,
  fixedDiv,
  fixedMul,
  fixedMulDiv,
  fixedToNumber,
  fixedToString,
  parseFixed,
  parseFixedOrZero,
} from './fixed';

describe('parseFixed / fixedToString round trip', () => {
  it.each([
    ['0', '0'],
    ['-0.00000000000000', '0'],
    ['12.50000000000000', '12.5'],
    ['-3.1', '-3.1'],
    ['.5', '0.5'],
    ['-.5', '-0.5'],
    ['+7', '7'],
    ['5.', '5'],
    ['1234567890.12345678901234', '1234567890.12345678901234'.slice(0, 30)],
    ['0.000000000000000001', '0.000000000000000001'],
  ])('%s -> %s', (text, expected) => {
    expect(fixedToString(parseFixed(text), 36)).toBe(expected);
  });

  it('rounds half-even beyond 36 places', () => {
    expect(parseFixed('0.' + '0'.repeat(35) + '15')).toBe(2n);
    expect(parseFixed('0.' + '0'.repeat(35) + '25')).toBe(2n);
    expect(parseFixed('-0.' + '0'.repeat(35) + '35')).toBe(-4n);
  });

  it.each(['', '1e-8', 'abc', '1.2.3', '--1', ' 1', 'NaN'])('rejects %j', (text) => {
    expect(() => parseFixed(text)).toThrow(/Not a decimal number/);
  });

  it('NULL and empty are zero', () => {
    expect(parseFixedOrZero(null)).toBe(0n);
    expect(parseFixedOrZero('')).toBe(0n);
    expect(parseFixedOrZero(undefined)).toBe(0n);
  });

  it('figures round to 18 places by default, half-even', () => {
    expect(fixedToString(fixedDiv(parseFixed('100'), parseFixed('3')))).toBe(
      '33.333333333333333333',
    );
    expect(fixedToString(fixedDiv(parseFixed('200'), parseFixed('3')))).toBe(
      '66.666666666666666667',
    );
    expect(fixedToString(parseFixed('0.125'), 2)).toBe('0.12');
    expect(fixedToString(parseFixed('0.135'), 2)).toBe('0.14');
    expect(fixedToString(parseFixed('-0.001'), 2)).toBe('0');
  });
});

describe('arithmetic', () => {
  it('sums are exact (0.1 + 0.2 = 0.3)', () => {
    expect(parseFixed('0.1') + parseFixed('0.2')).toBe(parseFixed('0.3'));
  });

  it('products of DB-precision values are exact', () => {
    // DECIMAL(24,14) fee × DECIMAL(20,10) fundamental value × DECIMAL(20,10) rate: 34 places
    const fee = parseFixed('0.00012345678901');
    const fv = parseFixed('43210.9876543210');
    const rate = parseFixed('1.0823456789');
    // expected value from Python's Decimal with 80 digits
    expect(fixedToString(fixedMul(fixedMul(fee, fv), rate), 36)).toBe(
      '5.773978437881967167410149701759369',
    );
  });

  it('divRoundHalfEven rounds ties to even in every sign combination', () => {
    expect(divRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divRoundHalfEven(-7n, 2n)).toBe(-4n);
    expect(divRoundHalfEven(5n, -2n)).toBe(-2n);
    expect(divRoundHalfEven(8n, 3n)).toBe(3n);
    expect(divRoundHalfEven(-8n, 3n)).toBe(-3n);
    expect(() => divRoundHalfEven(1n, 0n)).toThrow(RangeError);
  });

  it('mulDiv scales by a ratio with one rounding', () => {
    expect(fixedMulDiv(parseFixed('200'), parseFixed('0.5'), parseFixed('2'))).toBe(
      parseFixed('50'),
    );
  });

  it('converts to a number for drawing', () => {
    expect(fixedToNumber(parseFixed('40123.5'))).toBeCloseTo(40123.5, 9);
    expect(fixedToNumber(FIXED_ONE)).toBe(1);
  });
});
