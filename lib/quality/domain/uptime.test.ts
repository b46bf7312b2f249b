import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { plainUptimeStats } from '@/tests/helpers/quality-plain-uptime';
import {
  SPREAD_QUANTILES,
  type StoredBand,
  quantile,
  quantiles,
  storedSpreadBand,
  weightedQuantile,
  weightedQuantilesMerged,
  weightedQuantilesOfSums,
} from './quantiles';
import { type OwnQuote, quoteSegments } from './reference-price';
import {
  UptimeAccumulator,
  replayedSlack,
  sliceEdges,
  twoSidedByMinute,
  uptimeStats,
} from './uptime';
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

/** A distribution (value → Σ weight) as the rollup returns it: its total and band. */
function bandOf(sums: ReadonlyMap<number, number>, slack: number): StoredBand {
  const rows: Array<[number, number, number]> = [];
  let before = 0;
  for (const v of [...sums.keys()].sort((a, b) => a - b)) {
    rows.push([v, sums.get(v)!, before]);
    before += sums.get(v)!;
  }
  return { total: before, rows: storedSpreadBand(rows, before, slack, SPREAD_QUANTILES) };
}

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
      // The stored stretch per slice and overall, cut to the bands the rollup's SQL returns.
      const edges = sliceEdges(from, to, 48);
      const perSlice = new Map<number, Map<number, number>>();
      const all = new Map<number, number>();
      for (const [minute, sums] of twoSidedByMinute(segments, cs, ce)) {
        const k = edges.findLastIndex((e, i) => i < edges.length - 1 && e <= minute);
        if (!perSlice.has(k)) perSlice.set(k, new Map());
        for (const [spread, ms] of sums) {
          const v = fixedToNumber(spread);
          perSlice.get(k)!.set(v, (perSlice.get(k)!.get(v) ?? 0) + ms);
          all.set(v, (all.get(v) ?? 0) + ms);
        }
      }
      const slack = replayedSlack(edges, [
        [from, cs],
        [ce, to],
      ]);
      const slices = new Map<number, StoredBand>();
      for (const [k, sums] of perSlice) slices.set(k, bandOf(sums, slack.slices[k]));
      acc.addStored({ slices, all: all.size ? bandOf(all, slack.all) : null });
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

describe('weightedQuantilesMerged', () => {
  it('a stored band plus live weights = weightedQuantilesOfSums of the union', () => {
    const r = prng(13);
    let cut = 0;
    for (let c = 0; c < 500; c++) {
      const stored = new Map<number, number>();
      const live = new Map<number, number>();
      const n = 1 + Math.floor(r() * 300);
      for (let i = 0; i < n; i++) {
        // Few or many distinct values; live values among and beyond the stored ones.
        const v = Math.floor(r() * (r() < 0.5 ? 20 : 5000)) / 4;
        const w = 1 + Math.floor(r() * 60_000);
        const into = r() < 0.1 ? live : stored;
        into.set(v, (into.get(v) ?? 0) + w);
      }
      const liveTotal = [...live.values()].reduce((a, b) => a + b, 0);
      const slack = liveTotal + Math.floor(r() * 3) * Math.floor(r() * 10_000);
      const band = bandOf(stored, slack);
      if (band.rows.length < stored.size) cut++;
      const union = new Map(stored);
      for (const [v, w] of live) union.set(v, (union.get(v) ?? 0) + w);
      expect(weightedQuantilesMerged(live, band, SPREAD_QUANTILES)).toEqual(
        weightedQuantilesOfSums(union, SPREAD_QUANTILES),
      );
    }
    // Most bands are a small part of their distribution.
    expect(cut).toBeGreaterThan(400);
  });

  it('by hand: stored 1:3 s, 2:1 s, 5:4 s, 9:2 s (10 s); live 4:2 s', () => {
    // Union: 1:3, 2:1, 4:2, 5:4, 9:2 (12 s). Median: 6 s reached at 4 (3 + 1 + 2);
    // p90: 10.8 s reached at 9 (12).
    const rows: Array<[number, number, number]> = [
      [1, 3000, 0],
      [2, 1000, 3000],
      [5, 4000, 4000],
      [9, 2000, 8000],
    ];
    const live = new Map([[4, 2000]]);
    const band = { total: 10_000, rows: storedSpreadBand(rows, 10_000, 2000, SPREAD_QUANTILES) };
    // Median band: cum ≥ 5000 − 2002 and before ≤ 6002: rows 1, 2, 5; p90: cum ≥ 6998 and
    // before ≤ 10_802: rows 5, 9.
    expect(band.rows.map((x) => x[0])).toEqual([1, 2, 5, 9]);
    // With no slack (nothing live): the median needs row 5 only.
    const tight = storedSpreadBand(rows, 10_000, 0, [0.5]);
    expect(tight.map((x) => x[0])).toEqual([5]);
    expect(weightedQuantilesMerged(new Map(), { total: 10_000, rows: tight }, [0.5])).toEqual([5]);
    expect(weightedQuantilesMerged(live, band, SPREAD_QUANTILES)).toEqual([4, 9]);
    expect(weightedQuantilesMerged(new Map(), { total: 10_000, rows }, [0.5, 0.9])).toEqual([5, 9]);
  });
});
