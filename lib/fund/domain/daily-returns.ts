import type { Fixed } from '../../core/money/fixed';

/**
 * The fund's daily time-weighted return by Modified Dietz (docs/report.md):
 *   r = (NA_end − NA_start − F) / (NA_start + Σ w_i F_i),   w_i = (day end − t_i) / (day end − day start)
 * F the day's capital flows in USD (deposits positive, withdrawals negative), each weighted by
 * the part of the day it was in the fund: a deposit at the day's start counts whole in the
 * base, one at its end not at all. Net assets and flows are exact; the ratio is a float.
 * Null when the base is not positive (nothing invested: no return to speak of).
 */
export interface DayFlows {
  from: number;
  to: number;
  flows: ReadonlyArray<{ time: number; usd: Fixed }>;
}

const SCALE = 10n ** 18n;

export function modifiedDietz(naStart: Fixed, naEnd: Fixed, day: DayFlows): number | null {
  let total = 0n;
  let weighted = 0n;
  const span = BigInt(Math.max(1, day.to - day.from));
  for (const f of day.flows) {
    total += f.usd;
    weighted += (f.usd * BigInt(Math.max(0, day.to - f.time))) / span;
  }
  const base = naStart + weighted;
  if (base <= 0n) return null;
  return Number(((naEnd - naStart - total) * SCALE) / base) / 1e18;
}
