import { type Fixed, fixedDiv } from '../../core/money/fixed';
import { quantiles } from './quantiles';

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

function lifetimes(seconds: number[]): LifetimeStats {
  const histogram = LIFETIME_BINS.map(() => 0);
  for (const s of seconds) histogram[LIFETIME_BINS.findIndex((b) => s < b)] += 1;
  const [p10, p50, p90] = quantiles(seconds, [0.1, 0.5, 0.9]);
  return {
    count: seconds.length,
    p10,
    p50,
    p90,
    histogram,
  };
}

export function quotingStats(
  orders: readonly PlacedOrder[],
  toString: (f: Fixed) => string,
): QuotingStats {
  let filled = 0;
  let partly = 0;
  let cancelled = 0;
  let open = 0;
  let volume = 0n;
  let filledVolume = 0n;
  const lifeFilled: number[] = [];
  const lifeCancelled: number[] = [];
  for (const o of orders) {
    volume += o.volume;
    filledVolume += o.filledVolume;
    const life = o.executed === null ? null : (o.executed - o.created) / 1000;
    if (o.filledVolume > 0n && o.filledVolume >= o.volume) filled++;
    else if (o.filledVolume > 0n) partly++;
    else if (o.executed !== null) cancelled++;
    else open++;
    if (life === null) continue;
    if (o.filledVolume > 0n) lifeFilled.push(life);
    else lifeCancelled.push(life);
  }
  return {
    placed: orders.length,
    filled,
    partly,
    cancelled,
    open,
    fillRatioCount: orders.length ? (filled + partly) / orders.length : null,
    fillRatioVolume: volume > 0n ? toString(fixedDiv(filledVolume, volume)) : null,
    lifetimeFilled: lifetimes(lifeFilled),
    lifetimeCancelled: lifetimes(lifeCancelled),
  };
}
