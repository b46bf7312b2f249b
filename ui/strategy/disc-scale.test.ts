import { describe, expect, it } from 'vitest';
import { discScale } from './charts';

describe('discScale: half-disc sizes relative to what is drawn', () => {
  it('keeps the configured radius while the largest disc stays small', () => {
    expect(discScale(10, [0.01, 0.5, 2])).toBe(10); // 10 × √2 ≈ 14 px < 24 px
  });
  it('caps the largest disc, area still proportional to volume', () => {
    const s = discScale(10, [500, 125]); // per-day sums of a long window
    expect(s * Math.sqrt(500)).toBeCloseTo(24);
    expect((s * Math.sqrt(125)) ** 2 / (s * Math.sqrt(500)) ** 2).toBeCloseTo(0.25);
  });
  it('shrinks the cap as discs get many', () => {
    const volumes = Array.from({ length: 2000 }, () => 100);
    expect(discScale(10, volumes) * Math.sqrt(100)).toBeCloseTo(600 / Math.sqrt(2000));
  });
});
