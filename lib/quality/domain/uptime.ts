import { type Fixed, fixedToNumber } from '../../core/money/fixed';
import { SPREAD_QUANTILES, type StoredBand, weightedQuantilesMerged } from './quantiles';
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

/** One exchange's stored two-sided time (the rollup of quoting): per slice and overall. */
export interface StoredUptime {
  slices: ReadonlyMap<number, StoredBand>;
  all: StoredBand | null;
}

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
 * the quote segments over sub-spans (addSegments) and the stored two-sided time of a stretch
 * per slice (addStoredBand: its total and the spreads around the quantiles, from the rollup of
 * quoting; weightedQuantilesMerged gives the quantiles of both together). One pass: each two-sided piece adds
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
  private readonly storedSlices: Array<StoredBand | null>;
  private storedAll: StoredBand | null = null;

  constructor(
    private readonly from: number,
    private readonly to: number,
    slices: number,
  ) {
    this.edges = sliceEdges(from, to, slices);
    const count = Math.max(0, this.edges.length - 1);
    this.up = new Float64Array(count);
    this.bySlice = Array.from({ length: count }, () => new Map<number, number>());
    this.storedSlices = Array.from({ length: count }, () => null);
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

  /**
   * The stored two-sided time of slice `k` (or of the whole span, 'all'), known by its total
   * and the band of spreads around the quantiles (the rollup of quoting, computed in SQL with
   * `slack` ≥ the time the segments add there: replayedSlack). Once per slice and for 'all'.
   */
  addStoredBand(k: number | 'all', band: StoredBand): void {
    if (k === 'all') this.storedAll = band;
    else if (k >= 0 && k < this.storedSlices.length) this.storedSlices[k] = band;
  }

  /** An exchange's stored two-sided time (addStoredBand for each slice and overall). */
  addStored(stored: StoredUptime): void {
    for (const [k, band] of stored.slices) this.addStoredBand(k, band);
    if (stored.all) this.addStoredBand('all', stored.all);
  }

  result(): UptimeStats {
    if (this.to <= this.from) return { uptime: null, median: null, p90: null, slices: [] };
    const e = this.edges;
    const out: SpreadSlice[] = this.bySlice.map((sums, k) => {
      const band = this.storedSlices[k];
      const [median, p90] = weightedQuantilesMerged(sums, band, SPREAD_QUANTILES);
      const up = this.up[k] + (band?.total ?? 0);
      return { start: e[k], uptime: up / (e[k + 1] - e[k]), median, p90 };
    });
    const [median, p90] = weightedQuantilesMerged(this.all, this.storedAll, SPREAD_QUANTILES);
    const upAll = this.upAll + (this.storedAll?.total ?? 0);
    return { uptime: upAll / (this.to - this.from), median, p90, slices: out };
  }
}

/**
 * The most two-sided time the replayed `spans` can add to each slice of `edges` (sliceEdges)
 * and to the whole span: the slack of the stored bands (weightedQuantilesMerged).
 */
export function replayedSlack(
  edges: readonly number[],
  spans: ReadonlyArray<readonly [number, number]>,
): { slices: number[]; all: number } {
  const overlap = (lo: number, hi: number) =>
    spans.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, hi) - Math.max(a, lo)), 0);
  return {
    slices: edges.slice(1).map((hi, k) => overlap(edges[k], hi)),
    all: edges.length > 1 ? overlap(edges[0], edges[edges.length - 1]) : 0,
  };
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
