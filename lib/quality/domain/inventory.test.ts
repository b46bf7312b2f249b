import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { fitHalfLife, inventoryStats } from './inventory';

const MIN = 60_000;

describe('inventory', () => {
  it('mean absolute position, histogram and time outside the range, by hand', () => {
    // 2 over the first quarter, −2 over the next half, 0 over the last quarter.
    const s = inventoryStats(
      parseFixed('2'),
      [
        { time: 25 * MIN, delta: parseFixed('-4') },
        { time: 75 * MIN, delta: parseFixed('2') },
      ],
      0,
      100 * MIN,
      { min: -1, max: 1 },
      4,
    );
    expect(s.meanAbs).toBeCloseTo(1.5, 12);
    expect([s.min, s.max]).toEqual([-2, 2]);
    expect(s.outsideRange).toBeCloseTo(0.75, 12);
    // Bins of width 1 over [−2, 2]: −2 half the time, 0 a quarter, 2 a quarter (the top bin).
    expect(s.histogram.map((b) => b.share)).toEqual([0.5, 0, 0.25, 0.25]);
  });

  it('fits the half-life of an exact exponential decay', () => {
    const xs = Array.from({ length: 50 }, (_, k) => 8 * 2 ** (-k / 10));
    const fit = fitHalfLife(xs);
    expect(fit.halfLife).toBeCloseTo(10, 9);
    expect(fit.phi).toBeCloseTo(2 ** -0.1, 12);
    expect(fitHalfLife([1, 1, 1, 1, 1]).halfLife).toBeNull();
  });

  it('half-life from fills: a position decaying with a 10-minute half-life, sampled each minute', () => {
    // Fills each minute bring the position from 8 × 2^(−k/10) to 8 × 2^(−(k+1)/10).
    const pos = (k: number) => parseFixed((8 * 2 ** (-k / 10)).toFixed(14));
    const changes = Array.from({ length: 120 }, (_, k) => ({
      time: (k + 1) * MIN,
      delta: pos(k + 1) - pos(k),
    }));
    const s = inventoryStats(pos(0), changes, 0, 121 * MIN, null);
    expect(s.halfLife.stepSeconds).toBe(60);
    expect(s.halfLife.seconds! / 60).toBeCloseTo(10, 6);
  });
});
