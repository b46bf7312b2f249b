import type { Fixed } from '../../core/money/fixed';
import type { StatementRow } from './statement';
import type { LedgerRow } from './types';

/**
 * Matches our ledger rows with an exchange statement's movements:
 *  1. by external id (exchange_trade_id, the transfer's id at the exchange): per id and
 *     currency the net of each side, equal = matched, else an amount mismatch;
 *  2. the rest by currency, exact amount and time within `toleranceSeconds`, nearest first.
 * Everything left is unmatched on its side. A statement line with a fee is two movements:
 * its amount, and the fee as a debit.
 */
export interface Movement {
  side: 'ours' | 'theirs';
  time: number;
  currency: string;
  amount: Fixed;
  externalId: string | null;
  /** Our row key (encoded by the caller) or the statement line. */
  ref: string;
  label: string;
}

export interface IdGroup {
  externalId: string;
  currency: string;
  time: number;
  ours: Fixed;
  theirs: Fixed;
  ourRefs: string[];
  theirRefs: string[];
}

export interface Reconciliation {
  matchedById: IdGroup[];
  mismatched: IdGroup[];
  matchedByTime: Array<{ ours: Movement; theirs: Movement }>;
  unmatchedOurs: Movement[];
  unmatchedTheirs: Movement[];
}

export function ourMovements(
  rows: readonly LedgerRow[],
  refOf: (r: LedgerRow) => string,
): Movement[] {
  return rows.map((r) => ({
    side: 'ours',
    time: r.key.time,
    currency: r.currency,
    amount: r.amount,
    externalId: r.externalId,
    ref: refOf(r),
    label: r.description,
  }));
}

export function theirMovements(rows: readonly StatementRow[]): Movement[] {
  const out: Movement[] = [];
  for (const r of rows) {
    const base = {
      side: 'theirs' as const,
      time: r.time,
      currency: r.currency,
      externalId: r.externalId,
      ref: `line ${r.line}`,
    };
    out.push({ ...base, amount: r.amount, label: r.type ?? '' });
    if (r.fee !== 0n) out.push({ ...base, amount: -r.fee, label: `${r.type ?? ''} fee`.trim() });
  }
  return out;
}

export function reconcile(
  ours: readonly Movement[],
  theirs: readonly Movement[],
  toleranceSeconds: number,
): Reconciliation {
  const ids = new Set(ours.filter((m) => m.externalId).map((m) => m.externalId as string));
  const theirIds = new Set(
    theirs.filter((m) => m.externalId && ids.has(m.externalId)).map((m) => m.externalId as string),
  );
  const groups = new Map<string, IdGroup>();
  const rest: { ours: Movement[]; theirs: Movement[] } = { ours: [], theirs: [] };
  for (const m of [...ours, ...theirs]) {
    if (!m.externalId || !theirIds.has(m.externalId)) {
      rest[m.side].push(m);
      continue;
    }
    const k = `${m.externalId}\u0000${m.currency}`;
    let g = groups.get(k);
    if (!g)
      groups.set(
        k,
        (g = {
          externalId: m.externalId,
          currency: m.currency,
          time: m.time,
          ours: 0n,
          theirs: 0n,
          ourRefs: [],
          theirRefs: [],
        }),
      );
    g.time = Math.min(g.time, m.time);
    g[m.side] += m.amount;
    (m.side === 'ours' ? g.ourRefs : g.theirRefs).push(m.ref);
  }
  const all = [...groups.values()].sort(
    (a, b) =>
      a.time - b.time ||
      a.externalId.localeCompare(b.externalId) ||
      a.currency.localeCompare(b.currency),
  );
  const byTime = matchByTime(rest.ours, rest.theirs, toleranceSeconds);
  return {
    matchedById: all.filter((g) => g.ours === g.theirs),
    mismatched: all.filter((g) => g.ours !== g.theirs),
    ...byTime,
  };
}

function matchByTime(ours: Movement[], theirs: Movement[], tolerance: number) {
  const pools = new Map<string, Movement[]>();
  for (const m of [...ours].sort((a, b) => a.time - b.time)) {
    const k = `${m.currency}\u0000${m.amount}`;
    (pools.get(k) ?? pools.set(k, []).get(k)!).push(m);
  }
  const used = new Set<Movement>();
  const matched: Reconciliation['matchedByTime'] = [];
  const unmatchedTheirs: Movement[] = [];
  for (const t of [...theirs].sort((a, b) => a.time - b.time)) {
    const candidates = pools.get(`${t.currency}\u0000${t.amount}`) ?? [];
    let best: Movement | null = null;
    // Binary search the first candidate in range, then take the nearest unused one.
    let lo = 0;
    let hi = candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[mid].time < t.time - tolerance) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < candidates.length && candidates[i].time <= t.time + tolerance; i++) {
      const c = candidates[i];
      if (!used.has(c) && (!best || Math.abs(c.time - t.time) < Math.abs(best.time - t.time)))
        best = c;
    }
    if (best) {
      used.add(best);
      matched.push({ ours: best, theirs: t });
    } else unmatchedTheirs.push(t);
  }
  return {
    matchedByTime: matched,
    unmatchedOurs: ours.filter((m) => !used.has(m)),
    unmatchedTheirs,
  };
}

/**
 * Where the two running balances part: both sides start from the same balance and matched
 * pairs cancel, so the difference (ours − theirs) per currency moves only at mismatches and
 * unmatched movements. The first instant it is nonzero in any currency, and the difference
 * per currency at the end of the statement.
 */
export interface Divergence {
  time: number;
  currency: string;
  difference: Fixed;
}

export function findDivergence(r: Reconciliation): {
  first: Divergence | null;
  final: Map<string, Fixed>;
} {
  const events: Array<{ time: number; currency: string; delta: Fixed }> = [
    ...r.mismatched.map((g) => ({ time: g.time, currency: g.currency, delta: g.ours - g.theirs })),
    ...r.unmatchedOurs.map((m) => ({ time: m.time, currency: m.currency, delta: m.amount })),
    ...r.unmatchedTheirs.map((m) => ({ time: m.time, currency: m.currency, delta: -m.amount })),
  ].sort((a, b) => a.time - b.time);
  const running = new Map<string, Fixed>();
  let first: Divergence | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    running.set(e.currency, (running.get(e.currency) ?? 0n) + e.delta);
    // Judge an instant only after all of its events: a missing row and its late twin at the same second cancel.
    if (first || (i + 1 < events.length && events[i + 1].time === e.time)) continue;
    const off = [...running].find(([, v]) => v !== 0n);
    if (off) first = { time: e.time, currency: off[0], difference: off[1] };
  }
  return { first, final: running };
}
