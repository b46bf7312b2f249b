import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { plainUptimeStats } from '@/tests/helpers/quality-plain-uptime';
import { quantile, quantiles, weightedQuantile, weightedQuantilesOfSums } from './quantiles';
import { type OwnQuote, quoteSegments } from './reference-price';
import { uptimeStats } from './uptime';

/** A small deterministic generator (mulberry32): the same random cases on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const S = 1000;

function randomQuotes(r: () => number, n: number, span: number): OwnQuote[] {
  return Array.from({ length: n }, () => {
    const open = Math.floor(r() * span) * S;
    const life = Math.floor(r() * r() * span * 0.3) * S;
    return {
      side: r() < 0.5 ? ('BID' as const) : ('ASK' as const),
      // Few distinct prices (ticks): spreads repeat, as in real quoting.
      price: parseFixed(String(100 + Math.floor(r() * 12) / 4)),
      open,
      close: r() < 0.1 ? null : open + life,
    };
  });
}

describe('uptimeStats', () => {
  it('gives what the plain computation gives on random quotes and windows', () => {
    const r = prng(42);
    let twoSided = 0;
    for (let c = 0; c < 60; c++) {
      const span = 200 + Math.floor(r() * 20_000);
      const segments = quoteSegments(randomQuotes(r, 1 + Math.floor(r() * 300), span));
      const from = Math.floor(r() * span * 0.3) * S + (c % 3 === 0 ? 0 : Math.floor(r() * 999));
      const to = from + Math.floor(1 + r() * span) * S + (c % 4 === 0 ? 0 : 17);
      const slices = [1, 7, 48][c % 3];
      const fast = uptimeStats(segments, from, to, slices);
      expect(fast).toEqual(plainUptimeStats(segments, from, to, slices));
      if (fast.median !== null) twoSided++;
    }
    expect(twoSided).toBeGreaterThan(30);
    expect(uptimeStats([], 10, 10, 48)).toEqual(plainUptimeStats([], 10, 10, 48));
  });
});

describe('quantiles', () => {
  it('quantiles and weightedQuantilesOfSums answer as quantile and weightedQuantile', () => {
    const r = prng(7);
    const qs = [0, 0.1, 0.5, 0.9, 1];
    for (let c = 0; c < 200; c++) {
      const n = Math.floor(r() * 40);
      const values = Array.from({ length: n }, () => Math.floor(r() * 10) / 2);
      expect(quantiles(values, qs)).toEqual(qs.map((q) => quantile(values, q)));
      const items = values.map((value) => ({ value, weight: Math.floor(r() * 5) * 1000 }));
      const sums = new Map<number, number>();
      for (const i of items) sums.set(i.value, (sums.get(i.value) ?? 0) + i.weight);
      expect(weightedQuantilesOfSums(sums, qs)).toEqual(qs.map((q) => weightedQuantile(items, q)));
    }
    expect(quantiles([3, 1, 2], [0.5])).toEqual([2]);
    expect(
      weightedQuantilesOfSums(
        new Map([
          [5, 1],
          [1, 3],
        ]),
        [0.5, 0.9],
      ),
    ).toEqual([1, 5]);
  });
});
