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

/**
 * One pass over the pieces: each two-sided piece adds its duration to the two-sided time and
 * to its spread's summed weight, overall and in every slice it crosses (pieces are in time
 * order); quantiles then sort the distinct spreads only. tests/helpers/quality-plain-uptime.ts
 * is the plain computation (pieces cut per slice, every piece weighted and sorted), which
 * uptime.test.ts compares with this on random quotes.
 */
export function uptimeStats(
  segments: readonly QuoteSegment[],
  from: number,
  to: number,
  slices: number,
): UptimeStats {
  if (to <= from) return { uptime: null, median: null, p90: null, slices: [] };
  const step = Math.max(1000, Math.ceil((to - from) / slices / 1000) * 1000);
  const count = Math.ceil((to - from) / step);
  const up = new Float64Array(count);
  const bySlice = Array.from({ length: count }, () => new Map<number, number>());
  const all = new Map<number, number>();
  let upAll = 0;
  for (const p of pieces(segments, from, to)) {
    if (p.bid === null || p.ask === null) continue;
    const value = fixedToNumber(p.ask - p.bid);
    upAll += p.end - p.start;
    add(all, value, p.end - p.start);
    for (let k = Math.floor((p.start - from) / step); k < count; k++) {
      const s = from + k * step;
      if (s >= p.end) break;
      const w = Math.min(p.end, to, s + step) - Math.max(p.start, s);
      up[k] += w;
      add(bySlice[k], value, w);
    }
  }
  const out: SpreadSlice[] = bySlice.map((sums, k) => {
    const s = from + k * step;
    const [median, p90] = weightedQuantilesOfSums(sums, [0.5, 0.9]);
    return { start: s, uptime: up[k] / (Math.min(to, s + step) - s), median, p90 };
  });
  const [median, p90] = weightedQuantilesOfSums(all, [0.5, 0.9]);
  return { uptime: upAll / (to - from), median, p90, slices: out };
}
