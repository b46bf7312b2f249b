import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { plainUptimeStats } from '@/tests/helpers/quality-plain-uptime';
import { quantile, quantiles, weightedQuantile, weightedQuantilesOfSums } from './quantiles';
import { type OwnQuote, quoteSegments } from './reference-price';
import { UptimeAccumulator, sliceEdges, twoSidedByMinute, uptimeStats } from './uptime';
import { fixedToNumber } from '../../core/money/fixed';

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
      const span = 200 + Math.floor(r() * (c % 2 === 0 ? 20_000 : 80_000));
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

describe('UptimeAccumulator', () => {
  it('live ends plus stored minutes (the rollup path) give uptimeStats exactly', () => {
    const r = prng(5);
    const M = 60_000;
    let withMinuteEdges = 0;
    for (let c = 0; c < 40; c++) {
      const span = 3_600 + Math.floor(r() * 100_000);
      const segments = quoteSegments(randomQuotes(r, 1 + Math.floor(r() * 400), span));
      const from = Math.floor(r() * span * 0.2) * S + Math.floor(r() * 999);
      const to = from + Math.floor(600 + r() * span) * S + 17;
      // The covered stretch: whole minutes inside the window.
      const cs = Math.ceil(from / M) * M + Math.floor(r() * 30) * M;
      const ce = Math.max(cs, Math.floor(to / M) * M - Math.floor(r() * 30) * M);
      const acc = new UptimeAccumulator(from, to, 48);
      acc.addSegments(segments, from, cs);
      if (to - from >= 8 * 3_600_000) withMinuteEdges++;
      for (const [minute, sums] of twoSidedByMinute(segments, cs, ce))
        acc.addStoredBucket(
          minute,
          new Map([...sums].map(([spread, ms]) => [fixedToNumber(spread), ms])),
        );
      acc.addSegments(segments, ce, to);
      const plain = plainUptimeStats(segments, from, to, 48);
      if (to - from >= 8 * 3_600_000) expect(acc.result()).toEqual(plain);
      else {
        const got = acc.result();
        // Shorter windows: slice edges are not whole minutes, only the overall figures agree.
        expect([got.uptime, got.median, got.p90]).toEqual([plain.uptime, plain.median, plain.p90]);
      }
    }
    expect(withMinuteEdges).toBeGreaterThan(10);
  });

  it('slice edges: whole minutes inside windows of 8 h or more, by hand', () => {
    // 10 h from 00:00:30 in 48 slices: 750 s steps; interior edges floored to minutes.
    const from = 30 * S;
    const e = sliceEdges(from, from + 36_000 * S, 48);
    expect(e.length).toBe(49);
    expect(e.slice(0, 4)).toEqual([30 * S, 780 * S, 1500 * S, 2280 * S]);
    expect(e[48]).toBe(36_030 * S);
    // 300 s in 3 slices: edges as computed, no rounding.
    expect(sliceEdges(0, 300 * S, 3)).toEqual([0, 100 * S, 200 * S, 300 * S]);
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
