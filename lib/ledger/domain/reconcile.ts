import { FIXED_SCALE, type Fixed } from '../../core/money/fixed';
import type { StatementRow } from './statement';
import type { LedgerRow } from './types';

/**
 * Matches our ledger rows with an exchange statement's movements:
 *  1. by external id (exchange_trade_id, the transfer's id at the exchange): per id and
 *     currency the net of each side; equal within the amount tolerance times the number of
 *     statement movements in the group = matched, else an amount mismatch. An id and currency
 *     present on one side only goes on to step 2;
 *  2. the rest by currency, amount within the tolerance and time within `toleranceSeconds`,
 *     nearest time first (then nearest amount).
 * Everything left is unmatched on its side. A statement line with a fee is two movements:
 * its amount, and the fee as a debit.
 *
 * The amount tolerance is per statement movement and per currency: by default half a unit of
 * the statement's own precision (a statement writing cents matches our 10-decimal amounts
 * when |ours − theirs| ≤ 0.005), since the exchange rounds each line it prints.
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
  /** Ours: our own id of the row ("trade 123", "transaction 45"). */
  ourId?: string;
}

/** Amount tolerance per statement movement, by currency (Fixed, ≥ 0). */
export type AmountTolerance = (currency: string) => Fixed;

/** Half a unit of the last of `decimals` places: 2 -> 0.005. */
export function halfUnit(decimals: number): Fixed {
  const d = Math.min(Math.max(0, Math.trunc(decimals)), FIXED_SCALE - 1);
  return 5n * 10n ** BigInt(FIXED_SCALE - d - 1);
}

const abs = (v: Fixed) => (v < 0n ? -v : v);

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
    ourId: r.tradeId !== null ? `trade ${r.tradeId}` : `transaction ${r.transactionId}`,
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
  amountTolerance: AmountTolerance = () => 0n,
): Reconciliation {
  const ids = new Set(ours.filter((m) => m.externalId).map((m) => m.externalId as string));
  const theirIds = new Set(
    theirs.filter((m) => m.externalId && ids.has(m.externalId)).map((m) => m.externalId as string),
  );
  const groups = new Map<string, IdGroup & { movements: Movement[] }>();
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
          movements: [],
        }),
      );
    g.time = Math.min(g.time, m.time);
    g[m.side] += m.amount;
    (m.side === 'ours' ? g.ourRefs : g.theirRefs).push(m.ref);
    g.movements.push(m);
  }
  const all: IdGroup[] = [];
  for (const { movements, ...g } of groups.values()) {
    // One side only (the statement has this id in another currency): matched like a row without id.
    if (g.ourRefs.length === 0 || g.theirRefs.length === 0) {
      for (const m of movements) rest[m.side].push(m);
    } else all.push(g);
  }
  all.sort(
    (a, b) =>
      a.time - b.time ||
      a.externalId.localeCompare(b.externalId) ||
      a.currency.localeCompare(b.currency),
  );
  const within = (g: IdGroup) =>
    abs(g.ours - g.theirs) <= amountTolerance(g.currency) * BigInt(g.theirRefs.length);
  const byTime = matchByTime(rest.ours, rest.theirs, toleranceSeconds, amountTolerance);
  return {
    matchedById: all.filter(within),
    mismatched: all.filter((g) => !within(g)),
    ...byTime,
  };
}

/** floor(a / b) for b > 0 (bigint division truncates toward zero). */
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/**
 * Ours are pooled by currency and amount bucket (width twice the tolerance, so every amount
 * within the tolerance of a statement movement is in its bucket or the next), each pool in time
 * order: a statement movement looks at two pools and binary-searches the time range.
 */
function matchByTime(
  ours: Movement[],
  theirs: Movement[],
  tolerance: number,
  amountTolerance: AmountTolerance,
) {
  const bucketOf = (currency: string, amount: Fixed) => {
    const tol = amountTolerance(currency);
    return tol === 0n ? amount : floorDiv(amount, 2n * tol);
  };
  const pools = new Map<string, Movement[]>();
  for (const m of [...ours].sort((a, b) => a.time - b.time)) {
    const k = `${m.currency}\u0000${bucketOf(m.currency, m.amount)}`;
    (pools.get(k) ?? pools.set(k, []).get(k)!).push(m);
  }
  const used = new Set<Movement>();
  const matched: Reconciliation['matchedByTime'] = [];
  const unmatchedTheirs: Movement[] = [];
  for (const t of [...theirs].sort((a, b) => a.time - b.time)) {
    const tol = amountTolerance(t.currency);
    const first = bucketOf(t.currency, t.amount - tol);
    const last = bucketOf(t.currency, t.amount + tol);
    let best: Movement | null = null;
    const better = (c: Movement, b: Movement) => {
      const dc = Math.abs(c.time - t.time);
      const db = Math.abs(b.time - t.time);
      if (dc !== db) return dc < db;
      const ac = abs(c.amount - t.amount);
      const ab = abs(b.amount - t.amount);
      return ac < ab || (ac === ab && c.time < b.time);
    };
    for (let bucket = first; bucket <= last; bucket++) {
      const candidates = pools.get(`${t.currency}\u0000${bucket}`) ?? [];
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
        if (used.has(c) || abs(c.amount - t.amount) > tol) continue;
        if (!best || better(c, best)) best = c;
      }
      if (tol === 0n) break;
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
  /** Our row where it happens (a mismatch's or an unmatched row's), if one of ours is there. */
  ourRef: string | null;
  /** The statement line where it happens, if one is there. */
  theirRef: string | null;
}

export function findDivergence(r: Reconciliation): {
  first: Divergence | null;
  final: Map<string, Fixed>;
} {
  type Event = {
    time: number;
    currency: string;
    delta: Fixed;
    ourRef: string | null;
    theirRef: string | null;
  };
  const events: Event[] = [
    ...r.mismatched.map((g) => ({
      time: g.time,
      currency: g.currency,
      delta: g.ours - g.theirs,
      ourRef: g.ourRefs[0] ?? null,
      theirRef: g.theirRefs[0] ?? null,
    })),
    ...r.unmatchedOurs.map((m) => ({
      time: m.time,
      currency: m.currency,
      delta: m.amount,
      ourRef: m.ref,
      theirRef: null,
    })),
    ...r.unmatchedTheirs.map((m) => ({
      time: m.time,
      currency: m.currency,
      delta: -m.amount,
      ourRef: null,
      theirRef: m.ref,
    })),
  ].sort((a, b) => a.time - b.time);
  const running = new Map<string, Fixed>();
  let first: Divergence | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    running.set(e.currency, (running.get(e.currency) ?? 0n) + e.delta);
    // Judge an instant only after all of its events: a missing row and its late twin at the same second cancel.
    if (first || (i + 1 < events.length && events[i + 1].time === e.time)) continue;
    const off = [...running].find(([, v]) => v !== 0n);
    if (!off) continue;
    const here = events.filter((x) => x.time === e.time && x.currency === off[0]);
    first = {
      time: e.time,
      currency: off[0],
      difference: off[1],
      ourRef: here.find((x) => x.ourRef)?.ourRef ?? null,
      theirRef: here.find((x) => x.theirRef)?.theirRef ?? null,
    };
  }
  return { first, final: running };
}
