import { type Fixed, fixedToNumber } from '@/lib/core/money/fixed';
import { weightedQuantile } from '@/lib/quality/domain/quantiles';
import type { QuoteSegment } from '@/lib/quality/domain/reference-price';
import { type SpreadSlice, type UptimeStats, sliceEdges } from '@/lib/quality/domain/uptime';

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

function summarize(ps: Piece[], span: number) {
  let up = 0;
  const spreads: Array<{ value: number; weight: number }> = [];
  for (const p of ps) {
    if (p.bid === null || p.ask === null) continue;
    up += p.end - p.start;
    spreads.push({ value: fixedToNumber(p.ask - p.bid), weight: p.end - p.start });
  }
  return {
    uptime: span > 0 ? up / span : null,
    median: weightedQuantile(spreads, 0.5),
    p90: weightedQuantile(spreads, 0.9),
  };
}

/**
 * The plain computation of domain/uptime.ts's uptimeStats (its first version): pieces cut at
 * every slice edge, each slice's pieces weighted and sorted. uptime.test.ts compares the fast
 * one with it.
 */
export function plainUptimeStats(
  segments: readonly QuoteSegment[],
  from: number,
  to: number,
  slices: number,
): UptimeStats {
  if (to <= from) return { uptime: null, median: null, p90: null, slices: [] };
  const all = pieces(segments, from, to);
  const edges = sliceEdges(from, to, slices);
  const count = edges.length - 1;
  // One pass: each piece cut at the slice edges it crosses (pieces are in time order).
  const bySlice: Piece[][] = Array.from({ length: count }, () => []);
  for (const p of all) {
    for (let k = 0; k < count; k++) {
      const s = edges[k];
      const e = edges[k + 1];
      if (s >= p.end) break;
      if (e <= p.start) continue;
      bySlice[k].push({ ...p, start: Math.max(p.start, s), end: Math.min(p.end, e) });
    }
  }
  const out: SpreadSlice[] = bySlice.map((ps, k) => {
    const s = edges[k];
    const sum = summarize(ps, edges[k + 1] - s);
    return { start: s, uptime: sum.uptime ?? 0, median: sum.median, p90: sum.p90 };
  });
  return { ...summarize(all, to - from), slices: out };
}
