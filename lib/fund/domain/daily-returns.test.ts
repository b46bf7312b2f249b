import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { modifiedDietz } from './daily-returns';

const usd = parseFixed;
const DAY = { from: 0, to: 86_400_000 };

describe('modifiedDietz', () => {
  it('no flow: the change over the start', () => {
    // (1,050 − 1,000) / 1,000 = 5 %
    expect(modifiedDietz(usd('1000'), usd('1050'), { ...DAY, flows: [] })).toBe(0.05);
  });

  it('a deposit is not a gain; weighted by the part of the day it was in', () => {
    // 500 deposited at 06:00 (weight 18/24 = 0.75): gain = 1,560 − 1,000 − 500 = 60;
    // base = 1,000 + 0.75 × 500 = 1,375; r = 60 / 1,375 = 0.04363636…
    const r = modifiedDietz(usd('1000'), usd('1560'), {
      ...DAY,
      flows: [{ time: 6 * 3_600_000, usd: usd('500') }],
    });
    expect(r).toBeCloseTo(60 / 1375, 12);
  });

  it('a withdrawal at the end of the day leaves the base whole', () => {
    // −300 at the day's end (weight 0): gain = 690 − 1,000 + 300 = −10; base 1,000 → −1 %
    const r = modifiedDietz(usd('1000'), usd('690'), {
      ...DAY,
      flows: [{ time: DAY.to, usd: usd('-300') }],
    });
    expect(r).toBeCloseTo(-0.01, 12);
  });

  it('nothing invested: no return', () => {
    expect(modifiedDietz(0n, usd('5'), { ...DAY, flows: [] })).toBeNull();
    // the first deposit at the day's end: base 0
    expect(
      modifiedDietz(0n, usd('100'), { ...DAY, flows: [{ time: DAY.to, usd: usd('100') }] }),
    ).toBeNull();
  });
});
