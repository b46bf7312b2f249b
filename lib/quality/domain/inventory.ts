import { type Fixed, fixedToNumber } from '../../core/money/fixed';

/**
 * The position over [from, to) (docs/quality.md#inventory): opening position plus each fill's
 * signed volume (bid +, ask −) from its instant on. Time-weighted histogram, time-weighted mean
 * absolute position, share of time outside the configured range, and the inventory half-life:
 * the position sampled every `step` ms, x(k+1) = a + φ x(k) fitted by least squares, half-life
 * = −ln 2 / ln φ × step when 0 < φ < 1 (no mean reversion seen otherwise). Floats: statistics.
 */
export interface PositionChange {
  time: number;
  delta: Fixed;
}

export interface InventoryStats {
  meanAbs: number | null;
  min: number | null;
  max: number | null;
  /** Bins of equal width over [min, max] (or the configured range when wider). */
  histogram: Array<{ from: number; to: number; share: number }>;
  outsideRange: number | null;
  halfLife: { seconds: number | null; phi: number | null; samples: number; stepSeconds: number };
}

/** Positions as steps: [time, position from then on], starting at `from`. */
export function positionSteps(
  opening: Fixed,
  changes: readonly PositionChange[],
  from: number,
  to: number,
): Array<{ time: number; position: Fixed }> {
  const out = [{ time: from, position: opening }];
  let pos = opening;
  for (const c of changes) {
    if (c.time >= to) break;
    pos += c.delta;
    const t = Math.max(from, c.time);
    const last = out[out.length - 1];
    if (last.time === t) last.position = pos;
    else out.push({ time: t, position: pos });
  }
  return out;
}

/** Samples x(from), x(from + step), … strictly before `to`. */
export function samplePositions(
  steps: ReadonlyArray<{ time: number; position: number }>,
  from: number,
  to: number,
  step: number,
): number[] {
  const out: number[] = [];
  let i = 0;
  for (let t = from; t < to; t += step) {
    while (i + 1 < steps.length && steps[i + 1].time <= t) i++;
    out.push(steps[i].position);
  }
  return out;
}

/** φ and the half-life in units of the sampling step; null when there is no mean reversion. */
export function fitHalfLife(xs: readonly number[]): {
  phi: number | null;
  halfLife: number | null;
} {
  const n = xs.length - 1;
  if (n < 3) return { phi: null, halfLife: null };
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < n; k++) {
    sx += xs[k];
    sy += xs[k + 1];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (xs[k] - mx) * (xs[k + 1] - my);
    sxx += (xs[k] - mx) ** 2;
  }
  if (sxx === 0) return { phi: null, halfLife: null };
  const phi = sxy / sxx;
  if (!(phi > 0 && phi < 1)) return { phi, halfLife: null };
  return { phi, halfLife: -Math.LN2 / Math.log(phi) };
}

/** Sampling step: one minute, coarser for long spans so that at most 20,000 samples are fitted. */
export function halfLifeStep(spanMs: number): number {
  return Math.max(60_000, Math.ceil(spanMs / 20_000 / 60_000) * 60_000);
}

export function inventoryStats(
  opening: Fixed,
  changes: readonly PositionChange[],
  from: number,
  to: number,
  range: { min: number; max: number } | null,
  bins = 20,
): InventoryStats {
  const stepMs = halfLifeStep(to - from);
  const empty: InventoryStats = {
    meanAbs: null,
    min: null,
    max: null,
    histogram: [],
    outsideRange: null,
    halfLife: { seconds: null, phi: null, samples: 0, stepSeconds: stepMs / 1000 },
  };
  if (to <= from) return empty;
  const steps = positionSteps(opening, changes, from, to).map((s) => ({
    time: s.time,
    position: fixedToNumber(s.position),
  }));
  const spans = steps.map((s, i) => ({
    position: s.position,
    weight: (i + 1 < steps.length ? steps[i + 1].time : to) - s.time,
  }));
  const total = to - from;
  let abs = 0;
  let outside = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const s of spans) {
    abs += Math.abs(s.position) * s.weight;
    min = Math.min(min, s.position);
    max = Math.max(max, s.position);
    if (range && (s.position < range.min || s.position > range.max)) outside += s.weight;
  }
  const lo = range ? Math.min(min, range.min) : min;
  const hi = range ? Math.max(max, range.max) : max;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const histogram = Array.from({ length: hi > lo ? bins : 1 }, (_, k) => ({
    from: lo + k * width,
    to: hi > lo ? lo + (k + 1) * width : lo,
    share: 0,
  }));
  for (const s of spans) {
    const k = hi > lo ? Math.min(bins - 1, Math.floor((s.position - lo) / width)) : 0;
    histogram[k].share += s.weight / total;
  }
  const samples = samplePositions(steps, from, to, stepMs);
  const fit = fitHalfLife(samples);
  return {
    meanAbs: abs / total,
    min,
    max,
    histogram,
    outsideRange: range ? outside / total : null,
    halfLife: {
      seconds: fit.halfLife === null ? null : (fit.halfLife * stepMs) / 1000,
      phi: fit.phi,
      samples: samples.length,
      stepSeconds: stepMs / 1000,
    },
  };
}
