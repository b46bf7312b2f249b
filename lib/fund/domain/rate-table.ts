import type { Fixed } from '../../core/money/fixed';
import { FIXED_ONE } from '../../core/money/fixed';
import type { RateCandidate } from './rates';
import type { RateSource } from './types';

/** How one currency was valued on one day. `rate` is 0 only when `source` is 'none'. */
export interface ResolvedRate {
  rate: Fixed;
  source: RateSource | 'usd' | 'carried' | 'none';
  /** For carried rates: the day and source the rate comes from. */
  from?: { day: string; source: RateSource };
}

export interface RateTable {
  get(currency: string, day: string): ResolvedRate;
  rate(currency: string, day: string): Fixed;
}

export interface NearbyRate {
  day: string;
  candidate: RateCandidate;
}

/**
 * Every (currency, day) of `days` resolved: its own rate, else the last earlier one (from the
 * days themselves or `before`, the latest rate before the first day), else the first later
 * one (`after`), else none. Days must be ascending.
 */
export function resolveRates(opts: {
  currencies: Iterable<string>;
  days: readonly string[];
  candidates: Map<string, Map<string, RateCandidate>>;
  before?: Map<string, NearbyRate>;
  after?: Map<string, NearbyRate>;
}): RateTable {
  const table = new Map<string, Map<string, ResolvedRate>>();
  for (const cur of opts.currencies) {
    const resolved = new Map<string, ResolvedRate>();
    table.set(cur, resolved);
    if (cur === 'USD') {
      for (const d of opts.days) resolved.set(d, { rate: FIXED_ONE, source: 'usd' });
      continue;
    }
    const own = opts.candidates.get(cur) ?? new Map<string, RateCandidate>();
    let last: NearbyRate | undefined = opts.before?.get(cur);
    const pendingBack: string[] = [];
    for (const d of opts.days) {
      const c = own.get(d);
      if (c) {
        for (const p of pendingBack.splice(0)) resolved.set(p, carried(c, d));
        resolved.set(d, { rate: c.rate, source: c.source });
        last = { day: d, candidate: c };
      } else if (last) {
        resolved.set(d, carried(last.candidate, last.day));
      } else {
        pendingBack.push(d);
      }
    }
    const next = opts.after?.get(cur);
    for (const p of pendingBack)
      resolved.set(p, next ? carried(next.candidate, next.day) : { rate: 0n, source: 'none' });
  }
  const none: ResolvedRate = { rate: 0n, source: 'none' };
  return {
    get: (cur, day) => table.get(cur)?.get(day) ?? none,
    rate: (cur, day) => table.get(cur)?.get(day)?.rate ?? 0n,
  };
}

function carried(c: RateCandidate, day: string): ResolvedRate {
  return { rate: c.rate, source: 'carried', from: { day, source: c.source } };
}
