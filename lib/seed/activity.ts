import type { Prng } from './prng';

/** Relative trading activity per UTC hour: quiet Asian night, busy European and US sessions. */
const HOUR_WEIGHTS = [
  0.55, 0.5, 0.45, 0.45, 0.5, 0.6, 0.75, 0.9, 1.05, 1.15, 1.2, 1.2, 1.3, 1.45, 1.6, 1.65, 1.6, 1.45,
  1.3, 1.15, 1.0, 0.85, 0.7, 0.6,
];

/**
 * Spreads exactly `total` fills over `minutes` one-minute steps, following the time of day,
 * quieter weekends and a random activity level per day. quota(i) is the number of fills in
 * minute i; the quotas add up to `total` exactly, so `--trades N` gives N fills.
 */
export class ActivityQuota {
  private readonly dayFactors: number[];
  private readonly totalWeight: number;
  private cumulative = 0;
  private assigned = 0;

  constructor(
    rng: Prng,
    private readonly start: number,
    private readonly minutes: number,
    private readonly total: number,
  ) {
    const days = Math.ceil(minutes / 1440) + 1;
    this.dayFactors = Array.from({ length: days }, () => rng.range(0.5, 1.6));
    let sum = 0;
    for (let i = 0; i < minutes; i++) sum += this.weight(i);
    this.totalWeight = sum;
  }

  private weight(i: number): number {
    const t = this.start + i * 60;
    const day = Math.floor(i / 1440);
    const utcDay = Math.floor(t / 86_400);
    // 1970-01-01 was a Thursday: day 2 and 3 of the week (mod 7) are Saturday and Sunday.
    const weekend = utcDay % 7 === 2 || utcDay % 7 === 3;
    const hour = Math.floor((t % 86_400) / 3600);
    return HOUR_WEIGHTS[hour] * this.dayFactors[day] * (weekend ? 0.6 : 1);
  }

  /** Fills in minute `i`; must be called for i = 0, 1, 2, ... in order. */
  quota(i: number): number {
    this.cumulative += this.weight(i);
    const target =
      i === this.minutes - 1
        ? this.total
        : Math.floor((this.total * this.cumulative) / this.totalWeight);
    const q = Math.max(0, target - this.assigned);
    this.assigned += q;
    return q;
  }
}
