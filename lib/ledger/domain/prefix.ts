import { PREFIX_LEVELS, splitPrefix, type Level } from '../../rollup/domain/buckets';
import type { Balances } from './types';

/**
 * Balances moved over many stretches of time at once, from prefix sums: what happened in
 * [a, b) is the sum over [origin, b) less the sum over [origin, a). The sums over [origin, t)
 * come from the reads planned by planPrefixes (lib/rollup/domain/buckets.ts): whole days up to
 * t's day, then the hours, minutes and seconds of t's own day, hour and minute, each level
 * read as sums between edges. Exact: bigint additions and subtractions only.
 */

function addInto(into: Balances, b: Balances | undefined, sign: 1n | -1n = 1n): void {
  if (b) for (const [c, v] of b) into.set(c, (into.get(c) ?? 0n) + sign * v);
}

/**
 * Movements dated by the start of the stretch they were summed over (a bucket, a second, the
 * stretch between two edges), running totals of them: a stretch starting before t counts
 * whole, so a bound must be an edge of the stretches.
 */
export class Cumulative {
  private readonly starts: number[] = [];
  private readonly totals: Balances[] = [];

  constructor(entries: Iterable<readonly [number, Balances]>) {
    const sorted = [...entries].sort((a, b) => a[0] - b[0]);
    const running: Balances = new Map();
    for (const [start, b] of sorted) {
      addInto(running, b);
      this.starts.push(start);
      this.totals.push(new Map(running));
    }
  }

  /** The total of the movements dated before t (undefined: none). */
  private totalBefore(t: number): Balances | undefined {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : this.totals[lo - 1];
  }

  /** Adds to `into` the movements dated in [a, b). */
  addBetween(into: Balances, a: number, b: number): void {
    if (a >= b) return;
    addInto(into, this.totalBefore(b));
    addInto(into, this.totalBefore(a), -1n);
  }
}

export class PrefixSums {
  private readonly memo = new Map<number, Balances>();

  /**
   * `levels`: the rollup's movements per stretch as planPrefixes(points) read them, `origin`
   * its origin; `dated`: other movements, from origin to the last point, over stretches
   * between the points (and origin).
   */
  constructor(
    private readonly origin: number,
    private readonly levels: Record<Level | 'live', Cumulative>,
    private readonly dated: Cumulative,
  ) {}

  /** Everything moved in [origin, t), t one of the planned points (do not modify it). */
  at(t: number): Balances {
    const hit = this.memo.get(t);
    if (hit) return hit;
    const split = splitPrefix(this.origin, t);
    const out: Balances = new Map();
    for (const level of PREFIX_LEVELS) this.levels[level].addBetween(out, ...split[level]);
    this.dated.addBetween(out, this.origin, t);
    this.memo.set(t, out);
    return out;
  }

  /** Everything moved in [a, b) (a <= b, both planned points). */
  between(a: number, b: number): Balances {
    const out = new Map(this.at(b));
    addInto(out, this.at(a), -1n);
    return out;
  }
}
