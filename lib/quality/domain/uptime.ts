import { type Fixed, fixedToNumber } from '../../core/money/fixed';
import { weightedQuantilesOfSums } from './quantiles';
import type { QuoteSegment } from './reference-price';

/**
 * Two-sided uptime and our quoted spread on one exchange over [from, to)
 * (docs/quality.md#uptime-and-quoted-spread): from our best bid and ask as a step function
 * (quoteSegments). Uptime = the share of the span with at least one bid and one ask of ours
 * open. Quoted spread = best ask − best bid while two-sided, its median and p90 weighted by
 * time, overall and per slice of the span (`slices` equal slices).
 */
export interface SpreadSlice {
  start: number;
  uptime: number;
  median: number | null;
  p90: number | null;
}
export interface UptimeStats {
  uptime: number | null;
  median: number | null;
  p90: number | null;
  slices: SpreadSlice[];
}

type Piece = { start: number; end: number; bid: Fixed | null; ask: Fixed | null };

function pieces(segments: readonly QuoteSegment[], from: number, to: number): Piece[] {
  const out: Piece[] = [];
  let cur: { bid: Fixed | null; ask: Fixed | null } = { bid: null, ask: null };
  let at = from;
  for (const s of segments) {
    if (s.time <= from) {
      cur = s;
      continue;
    }
    if (s.time >= to) break;
    out.push({ start: at, end: s.time, ...pick(cur) });
    cur = s;
    at = s.time;
  }
  if (at < to) out.push({ start: at, end: to, ...pick(cur) });
  return out;
}
const pick = (s: { bid: Fixed | null; ask: Fixed | null }) => ({ bid: s.bid, ask: s.ask });

const add = (sums: Map<number, number>, value: number, weight: number) => {
  if (weight > 0) sums.set(value, (sums.get(value) ?? 0) + weight);
};

/** Windows at least this long have their interior slice edges on whole minutes. */
export const MINUTE_EDGES_MIN_WINDOW_MS = 8 * 3_600_000;

/**
 * The edges of the window's slices: [from, e1, …, to). The step is the window over `slices`,
 * rounded up to a whole second; for windows of MINUTE_EDGES_MIN_WINDOW_MS or more (a step of
 * 10 minutes or more) the interior edges are floored to whole minutes, so that every minute of
 * the window lies in one slice and the rollup's minute buckets give each slice exactly
 * (slices then differ in length by under a minute).
 */
export function sliceEdges(from: number, to: number, slices: number): number[] {
  if (to <= from) return [];
  const step = Math.max(1000, Math.ceil((to - from) / slices / 1000) * 1000);
  const count = Math.ceil((to - from) / step);
  const minutes = to - from >= MINUTE_EDGES_MIN_WINDOW_MS;
  const edges = [from];
  for (let k = 1; k < count; k++) {
    const e = from + k * step;
    edges.push(minutes ? Math.floor(e / 60_000) * 60_000 : e);
  }
  edges.push(to);
  return edges;
}

/**
 * Uptime and quoted spread of one exchange over [from, to), accumulated from pieces of time:
 * the quote segments over sub-spans (addSegments) and stored two-sided durations per spread
 * (addStoredBucket: a rollup bucket lying within one slice). One pass: each two-sided piece adds
 * its duration to the two-sided time and to its spread's summed weight, overall and in every
 * slice it crosses (pieces are in time order); quantiles then sort the distinct spreads only.
 * Durations are integer ms, so the sums do not depend on how the span was cut.
 */
export class UptimeAccumulator {
  private readonly edges: number[];
  private readonly up: Float64Array;
  private readonly bySlice: Array<Map<number, number>>;
  private readonly all = new Map<number, number>();
  private upAll = 0;

  constructor(
    private readonly from: number,
    private readonly to: number,
    slices: number,
  ) {
    this.edges = sliceEdges(from, to, slices);
    const count = Math.max(0, this.edges.length - 1);
    this.up = new Float64Array(count);
    this.bySlice = Array.from({ length: count }, () => new Map<number, number>());
  }

  /** The slice holding instant t (from ≤ t < to). */
  private sliceOf(t: number): number {
    const e = this.edges;
    let lo = 0;
    let hi = e.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (e[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The segments' two-sided pieces within [a, b) (inside [from, to)). */
  addSegments(segments: readonly QuoteSegment[], a: number, b: number): void {
    const lo = Math.max(a, this.from);
    const hi = Math.min(b, this.to);
    if (hi <= lo) return;
    const e = this.edges;
    for (const p of pieces(segments, lo, hi)) {
      if (p.bid === null || p.ask === null) continue;
      const value = fixedToNumber(p.ask - p.bid);
      this.upAll += p.end - p.start;
      add(this.all, value, p.end - p.start);
      for (let k = this.sliceOf(p.start); k < this.up.length; k++) {
        if (e[k] >= p.end) break;
        const w = Math.min(p.end, e[k + 1]) - Math.max(p.start, e[k]);
        this.up[k] += w;
        add(this.bySlice[k], value, w);
      }
    }
  }

  /** A stored bucket starting at `start` (within one slice): spread → two-sided ms. */
  addStoredBucket(start: number, sums: ReadonlyMap<number, number>): void {
    if (start < this.from || start >= this.to) return;
    const k = this.sliceOf(start);
    const slice = this.bySlice[k];
    for (const [spread, ms] of sums) {
      this.upAll += ms;
      add(this.all, spread, ms);
      this.up[k] += ms;
      add(slice, spread, ms);
    }
  }

  result(): UptimeStats {
    if (this.to <= this.from) return { uptime: null, median: null, p90: null, slices: [] };
    const e = this.edges;
    const out: SpreadSlice[] = this.bySlice.map((sums, k) => {
      const [median, p90] = weightedQuantilesOfSums(sums, [0.5, 0.9]);
      return { start: e[k], uptime: this.up[k] / (e[k + 1] - e[k]), median, p90 };
    });
    const [median, p90] = weightedQuantilesOfSums(this.all, [0.5, 0.9]);
    return { uptime: this.upAll / (this.to - this.from), median, p90, slices: out };
  }
}

/** Uptime and quoted spread from the segments over [from, to) (`slices` slices). */
export function uptimeStats(
  segments: readonly QuoteSegment[],
  from: number,
  to: number,
  slices: number,
): UptimeStats {
  const acc = new UptimeAccumulator(from, to, slices);
  acc.addSegments(segments, from, to);
  return acc.result();
}

/**
 * Two-sided time per minute and spread over [from, to) (whole minutes): what the rollup of
 * quoting stores (rollup_uptime), keyed by the exact spread (ask − bid).
 */
export function twoSidedByMinute(
  segments: readonly QuoteSegment[],
  from: number,
  to: number,
): Map<number, Map<Fixed, number>> {
  const out = new Map<number, Map<Fixed, number>>();
  for (const p of pieces(segments, from, to)) {
    if (p.bid === null || p.ask === null) continue;
    const spread = p.ask - p.bid;
    for (let m = Math.floor(p.start / 60_000) * 60_000; m < p.end; m += 60_000) {
      const w = Math.min(p.end, m + 60_000) - Math.max(p.start, m);
      if (w <= 0) continue;
      if (!out.has(m)) out.set(m, new Map());
      const sums = out.get(m)!;
      sums.set(spread, (sums.get(spread) ?? 0) + w);
    }
  }
  return out;
}
