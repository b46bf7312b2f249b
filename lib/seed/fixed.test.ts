import { describe, expect, it } from 'vitest';
import { formatTrimmed, formatUnits, mulUnits, toLedger } from './fixed';
import { Prng } from './prng';

describe('fixed-point amounts', () => {
  it.each([
    [12345, 2, '123.45'],
    [5, 2, '0.05'],
    [-5, 8, '-0.00000005'],
    [0, 8, '0.00000000'],
    [123456789012345n, 10, '12345.6789012345'],
    [42, 0, '42'],
  ])('formatUnits(%s, %s) = %s', (units, scale, expected) => {
    expect(formatUnits(units, scale)).toBe(expected);
  });

  it.each([
    [914157000000000n, 2, '91415.70'],
    [91517148800n, 8, '9.15171488'],
    [123456789012n, 2, '12.3456789012'],
    [-100n, 2, '-0.00000001'],
  ])('formatTrimmed(%s, 10, %s) = %s', (units, min, expected) => {
    expect(formatTrimmed(units, 10, min)).toBe(expected);
  });

  it('multiplies exactly or refuses', () => {
    expect(BigInt(mulUnits(6_412_345, 123_456_789))).toBe(6_412_345n * 123_456_789n);
    expect(() => mulUnits(2 ** 30, 2 ** 30)).toThrow(RangeError);
    expect(toLedger(150, 2)).toBe(15_000_000_000n);
  });
});

describe('Prng', () => {
  it('repeats for a seed, and stays in range', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const xs = Array.from({ length: 1000 }, () => a.float());
    expect(Array.from({ length: 1000 }, () => b.float())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Prng(8).float()).not.toBe(xs[0]);
    const ints = Array.from({ length: 1000 }, () => a.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(a.hex()).toMatch(/^[0-9a-f]{32}$/);
    expect(a.hex(32)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives normals with mean ~0 and variance ~1', () => {
    const r = new Prng(1);
    const zs = Array.from({ length: 20_000 }, () => r.normal());
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
