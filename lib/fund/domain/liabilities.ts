import type { Fixed } from '../../core/money/fixed';
import { addTo, fx, type CurrencyAmounts } from './math';
import type { TimelineIndex } from './timeline-index';
import type { FundLiability } from './types';

/**
 * Liabilities (table `liability`) active at each boundary. Like every other event, a start or
 * a repayment at time τ is part of the state at t when τ < t: a liability is active at t when
 * time_started < t <= time_repayed (Gryphon wrote started <= t < repayed; the two differ only
 * at the exact second, and this way a loan and its proceeds, written with the same time,
 * always enter a window together).
 */
export interface LiabilityTimeline {
  /** n + 1 maps: currency -> total amount active at each boundary. */
  atBoundary: CurrencyAmounts[];
  /** Per interval: amounts taken on (+) and repaid (−), per currency. */
  changes: Array<Map<string, Fixed>>;
  /** Liabilities active at some point of the window, for the table. */
  rows: Array<
    FundLiability & {
      activeAtStart: boolean;
      activeAtEnd: boolean;
      startedInWindow: boolean;
      repaidInWindow: boolean;
    }
  >;
}

export function computeLiabilities(
  liabilities: readonly FundLiability[],
  index: TimelineIndex,
): LiabilityTimeline {
  const n = index.n;
  const opening: CurrencyAmounts = new Map();
  const changes: Array<Map<string, Fixed>> = Array.from({ length: n }, () => new Map());
  const rows: LiabilityTimeline['rows'] = [];
  for (const l of liabilities) {
    const amount = fx(l.amount);
    const ks = index.ofTime(l.started);
    const kr = l.repaid === null ? n : index.ofTime(l.repaid);
    // started < S  <=> ks = -1 (ofTime puts S itself in interval 0)
    const activeAtStart = ks < 0 && kr >= 0;
    const activeAtEnd = ks < n && kr >= n;
    if (activeAtStart) addTo(opening, l.currency, amount);
    const startedInWindow = ks >= 0 && ks < n;
    const repaidInWindow = kr >= 0 && kr < n && ks < n;
    if (startedInWindow) addTo(changes[ks], l.currency, amount);
    if (repaidInWindow) addTo(changes[kr], l.currency, -amount);
    if (activeAtStart || activeAtEnd || startedInWindow || repaidInWindow) {
      rows.push({ ...l, activeAtStart, activeAtEnd, startedInWindow, repaidInWindow });
    }
  }
  const atBoundary: CurrencyAmounts[] = [opening];
  for (let k = 0; k < n; k++) {
    const next = new Map(atBoundary[k]);
    for (const [cur, a] of changes[k]) addTo(next, cur, a);
    atBoundary.push(next);
  }
  rows.sort((a, b) => a.started - b.started || a.id - b.id);
  return { atBoundary, changes, rows };
}
