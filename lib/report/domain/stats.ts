/**
 * Risk ratios of a daily series (issue 12 item 7; definitions in docs/report.md). Inputs are
 * plain numbers: a strategy's daily P&L drawn from its exact bigints, or the fund's daily
 * time-weighted returns. Ratios are floats; money stays bigint elsewhere.
 *
 * Crypto markets trade every day, so a year is 365 daily observations: annualised ratios
 * multiply the daily ratio by √365 (not √252 as for exchange-traded equities).
 */
export const DAYS_PER_YEAR = 365;

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n − 1 in the denominator); null under two observations. */
export function sampleStdev(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * Downside deviation with target 0: √(Σ min(x, 0)² / n) over every day (the days above the
 * target count as 0, they are not dropped). Null when there is no day.
 */
export function downsideDeviation(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let ss = 0;
  for (const x of xs) if (x < 0) ss += x * x;
  return Math.sqrt(ss / xs.length);
}

/**
 * Annualised Sharpe ratio with a zero risk-free rate: mean / sample stdev × √365. Null (shown
 * "—") under two days or when every day is the same (stdev 0): a ratio over nothing is not
 * infinite, it is undefined.
 */
export function sharpeRatio(xs: readonly number[]): number | null {
  const m = mean(xs);
  const sd = sampleStdev(xs);
  if (m === null || sd === null || !(sd > 0) || !Number.isFinite(sd)) return null;
  return (m / sd) * Math.sqrt(DAYS_PER_YEAR);
}

/**
 * Annualised Sortino ratio, target 0: mean / downside deviation × √365. Null under two days or
 * without a losing day (downside deviation 0).
 */
export function sortinoRatio(xs: readonly number[]): number | null {
  const m = mean(xs);
  const dd = downsideDeviation(xs);
  if (m === null || dd === null || xs.length < 2 || !(dd > 0)) return null;
  return (m / dd) * Math.sqrt(DAYS_PER_YEAR);
}

export interface WinDays {
  wins: number;
  losses: number;
  flat: number;
  /** wins / (wins + losses): flat days (no P&L at all) are neither; null without either. */
  ratio: number | null;
}

export function winDays<T>(xs: readonly T[], sign: (x: T) => number): WinDays {
  let wins = 0;
  let losses = 0;
  let flat = 0;
  for (const x of xs) {
    const s = sign(x);
    if (s > 0) wins++;
    else if (s < 0) losses++;
    else flat++;
  }
  return { wins, losses, flat, ratio: wins + losses === 0 ? null : wins / (wins + losses) };
}

/** Indices of the largest and the smallest value (first one on ties); null when empty. */
export function bestWorst<T>(
  xs: readonly T[],
  cmp: (a: T, b: T) => number,
): { best: number; worst: number } | null {
  if (xs.length === 0) return null;
  let best = 0;
  let worst = 0;
  for (let i = 1; i < xs.length; i++) {
    if (cmp(xs[i], xs[best]) > 0) best = i;
    if (cmp(xs[i], xs[worst]) < 0) worst = i;
  }
  return { best, worst };
}
