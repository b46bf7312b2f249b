import { type Fixed, fixedDiv } from '../../core/money/fixed';
import type { FillSide } from '../../fills/rules';
import { HORIZONS, type MarkoutSums, type MarkoutTable, emptySums, mergeSums } from './markouts';

/**
 * Means with 95 % confidence intervals (docs/quality.md#confidence-intervals): fill-weighted,
 * mean ± 1.96 s / √n with s the sample standard deviation; size-weighted (weights = volume),
 * the weighted mean ± 1.96 √(v / n_eff) with v the weighted variance corrected by
 * n_eff / (n_eff − 1) and n_eff = (Σw)² / Σw². Statistics are floats; money stays exact.
 */
export interface MeanCi {
  mean: number;
  /** Half-width of the 95 % interval; null when it cannot be estimated (n < 2). */
  ci: number | null;
}

export function fillWeighted(n: number, sum: number, sum2: number): MeanCi | null {
  if (n === 0) return null;
  const mean = sum / n;
  if (n < 2) return { mean, ci: null };
  const variance = Math.max(0, (sum2 - n * mean * mean) / (n - 1));
  return { mean, ci: 1.96 * Math.sqrt(variance / n) };
}

export function sizeWeighted(w: number, w2: number, wx: number, wx2: number): MeanCi | null {
  if (!(w > 0)) return null;
  const mean = wx / w;
  const nEff = (w * w) / w2;
  if (!(nEff > 1)) return { mean, ci: null };
  const variance = Math.max(0, wx2 / w - mean * mean) * (nEff / (nEff - 1));
  return { mean, ci: 1.96 * Math.sqrt(variance / nEff) };
}

export interface MarkoutRow {
  horizon: string;
  label: string;
  side: FillSide | 'ALL';
  fills: number;
  /** Decimal strings: volume (volume currency), money (price currency). */
  volume: string;
  /** Σ markout × volume at this horizon; `adverse` = spread captured − this, same fills. */
  money: string;
  adverse: string;
  /** Size-weighted mean per unit, exact: money / volume. */
  perUnitExact: string | null;
  perUnit: { size: MeanCi | null; fill: MeanCi | null };
  bps: { size: MeanCi | null; fill: MeanCi | null };
  sources: MarkoutSums['sources'];
  pending: number;
  unpriced: number;
}

function row(
  s: MarkoutSums,
  i: number,
  side: MarkoutRow['side'],
  t: MarkoutTable,
  toString: (f: Fixed) => string,
): MarkoutRow {
  const wm = Number(toString(s.money));
  return {
    horizon: HORIZONS[i].key,
    label: HORIZONS[i].label,
    side,
    fills: s.fills,
    volume: toString(s.volume),
    money: toString(s.money),
    adverse: toString(s.spreadMoney - s.money),
    perUnitExact: s.volume > 0n ? toString(fixedDiv(s.money, s.volume)) : null,
    perUnit: { size: sizeWeighted(s.w, s.w2, wm, s.wm2), fill: fillWeighted(s.fills, s.m, s.m2) },
    bps: {
      size: sizeWeighted(s.w, s.w2, s.wbps, s.wbps2),
      fill: fillWeighted(s.fills, s.bps, s.bps2),
    },
    sources: s.sources,
    pending: t.pending[i],
    unpriced: t.unpriced[i],
  };
}

/** One row per horizon and side (ALL, BID, ASK), horizons in order. */
export function markoutRows(t: MarkoutTable, toString: (f: Fixed) => string): MarkoutRow[] {
  const out: MarkoutRow[] = [];
  HORIZONS.forEach((_, i) => {
    const all = emptySums();
    mergeSums(all, t.bySide.BID[i]);
    mergeSums(all, t.bySide.ASK[i]);
    out.push(row(all, i, 'ALL', t, toString));
    out.push(row(t.bySide.BID[i], i, 'BID', t, toString));
    out.push(row(t.bySide.ASK[i], i, 'ASK', t, toString));
  });
  return out;
}
