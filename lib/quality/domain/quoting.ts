import { type Fixed, fixedDiv } from '../../core/money/fixed';

/**
 * Our orders placed in the window (created in it) and what became of them
 * (docs/quality.md#quoting). An order is `filled` when its fills reach its volume, `partly`
 * when it has fills but not all, `cancelled` (untouched) when it was closed (time_executed set)
 * without a fill, `open` when it is still open without a fill. Lifetime: time_executed −
 * time_created, for orders closed by the window's end.
 */
export interface PlacedOrder {
  created: number;
  executed: number | null;
  volume: Fixed;
  filledVolume: Fixed;
}

export interface LifetimeStats {
  count: number;
  /** Seconds. */
  p10: number | null;
  p50: number | null;
  p90: number | null;
  /** Counts per bin of LIFETIME_BINS (upper bounds, seconds; the last is unbounded). */
  histogram: number[];
}

export const LIFETIME_BINS = [1, 10, 60, 300, 3600, 86400, Infinity];

export interface QuotingStats {
  placed: number;
  filled: number;
  partly: number;
  cancelled: number;
  open: number;
  /** (filled + partly) / placed; null without orders. */
  fillRatioCount: number | null;
  /** Σ filled volume / Σ order volume, exact decimal string. */
  fillRatioVolume: string | null;
  lifetimeFilled: LifetimeStats;
  lifetimeCancelled: LifetimeStats;
}

/**
 * The sufficient statistics of quotingStats: counts by outcome, the volumes, and each closed
 * order's lifetime in ms as a multiset (lifetime → how many), so sums of disjoint sets of orders
 * merge into exactly the figures of the union (quantiles included: the rollup of quoting,
 * docs/quality.md#the-rollup-of-quoting). Lifetimes are whole milliseconds (datetimes).
 */
export interface QuotingSums {
  placed: number;
  filled: number;
  partly: number;
  cancelled: number;
  open: number;
  volume: Fixed;
  filledVolume: Fixed;
  lifeFilled: Map<number, number>;
  lifeCancelled: Map<number, number>;
}

export function emptyQuotingSums(): QuotingSums {
  return {
    placed: 0,
    filled: 0,
    partly: 0,
    cancelled: 0,
    open: 0,
    volume: 0n,
    filledVolume: 0n,
    lifeFilled: new Map(),
    lifeCancelled: new Map(),
  };
}

const bump = (m: Map<number, number>, k: number, n: number) => m.set(k, (m.get(k) ?? 0) + n);

export function addPlacedOrder(s: QuotingSums, o: PlacedOrder): void {
  s.placed++;
  s.volume += o.volume;
  s.filledVolume += o.filledVolume;
  if (o.filledVolume > 0n && o.filledVolume >= o.volume) s.filled++;
  else if (o.filledVolume > 0n) s.partly++;
  else if (o.executed !== null) s.cancelled++;
  else s.open++;
  if (o.executed === null) return;
  bump(o.filledVolume > 0n ? s.lifeFilled : s.lifeCancelled, o.executed - o.created, 1);
}

export function mergeQuotingSums(into: QuotingSums, add: QuotingSums): void {
  into.placed += add.placed;
  into.filled += add.filled;
  into.partly += add.partly;
  into.cancelled += add.cancelled;
  into.open += add.open;
  into.volume += add.volume;
  into.filledVolume += add.filledVolume;
  for (const [k, n] of add.lifeFilled) bump(into.lifeFilled, k, n);
  for (const [k, n] of add.lifeCancelled) bump(into.lifeCancelled, k, n);
}

/**
 * Lifetime statistics of a multiset of lifetimes (ms → count), in seconds: the quantiles are
 * quantiles()' answers on the expanded list (the same index, ⌈q·n − n·1e-12⌉ − 1, found by
 * walking the counts of the sorted distinct values), so exact.
 */
function lifetimes(counts: ReadonlyMap<number, number>): LifetimeStats {
  const histogram = LIFETIME_BINS.map(() => 0);
  const keys = Float64Array.from(counts.keys()).sort();
  let n = 0;
  for (const k of keys) {
    const c = counts.get(k)!;
    n += c;
    histogram[LIFETIME_BINS.findIndex((b) => k / 1000 < b)] += c;
  }
  const at = (q: number): number | null => {
    if (n === 0) return null;
    const i = Math.min(n - 1, Math.max(0, Math.ceil(q * n - n * 1e-12) - 1));
    let acc = 0;
    for (const k of keys) {
      acc += counts.get(k)!;
      if (acc > i) return k / 1000;
    }
    return keys[keys.length - 1] / 1000;
  };
  return { count: n, p10: at(0.1), p50: at(0.5), p90: at(0.9), histogram };
}

export function quotingStatsOfSums(s: QuotingSums, toString: (f: Fixed) => string): QuotingStats {
  return {
    placed: s.placed,
    filled: s.filled,
    partly: s.partly,
    cancelled: s.cancelled,
    open: s.open,
    fillRatioCount: s.placed ? (s.filled + s.partly) / s.placed : null,
    fillRatioVolume: s.volume > 0n ? toString(fixedDiv(s.filledVolume, s.volume)) : null,
    lifetimeFilled: lifetimes(s.lifeFilled),
    lifetimeCancelled: lifetimes(s.lifeCancelled),
  };
}

export function quotingStats(
  orders: readonly PlacedOrder[],
  toString: (f: Fixed) => string,
): QuotingStats {
  const s = emptyQuotingSums();
  for (const o of orders) addPlacedOrder(s, o);
  return quotingStatsOfSums(s, toString);
}
