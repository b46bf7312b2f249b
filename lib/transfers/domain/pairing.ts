import { type Fixed, fixedMul, parseFixed, parseFixedOrZero } from '../../core/money/fixed';

/**
 * Which deposit and withdrawal rows are the two legs of one transfer between our accounts
 * (reference §15). Gryphon writes transfers in two ways:
 * - `record_withdrawal` (crypto): both legs share `transaction_hash`, `exchange_withdrawal_id`
 *   or `deposit_address` in transaction_details; we pair on the first two (and on our own
 *   `external_transaction_id`), as an address alone is reused by many transfers;
 * - `record_fiat_withdrawal` (bank wires, and the bank bot's burns and reverse burns): both
 *   legs are created in the same call with the SAME details dict, often only
 *   `{"description": ...}`, `{}` or `{"exchange_rate": ...}`, and no shared id. The source's
 *   fee is taken out of the sent amount; a deposit in another currency carries the rate
 *   (sent / received) in the details.
 *
 * So a withdrawal and a deposit are legs of one transfer when they share an id, or else when
 * they are on different accounts, carry identical details (no drift correction), were created
 * within PAIR_WINDOW_MS of each other, and their amounts agree: equal up to the two legs'
 * fees plus AMOUNT_SLACK of the amount, after converting the deposit with the details'
 * exchange_rate when the currencies differ. Several fitting candidates are resolved
 * deterministically (nearest creation time, then withdrawal id, then deposit id) and the
 * pair is flagged ambiguous, listing the other candidates, so a reader can check it.
 */
export const PAIR_WINDOW_MS = 5_000;
/** 1 %: a wire that lands short by more than that is not taken for the same wire. */
const AMOUNT_SLACK_PERCENT = 1n;

export interface TransferLeg {
  id: number;
  /** The account's name; null when exchange_id names no account (never paired). */
  account: string | null;
  type: 'DEPOSIT' | 'WITHDRAWL';
  /** OTHER (cancelled, unknown) legs are never paired. */
  status: 'COMPLETED' | 'IN_TRANSIT' | 'OTHER';
  /** time_created, epoch ms. */
  created: number;
  amount: string;
  currency: string;
  fee: string | null;
  feeCurrency: string;
  drift: boolean;
  /** Shared ids (`key:value`) that pair two legs whatever else they say. */
  transferKeys: string[];
  /** The details JSON in a canonical form (keys sorted); '{}' for none. */
  detailsKey: string;
  /** details.exchange_rate (sent per received unit) as a decimal string, when given. */
  exchangeRate: string | null;
}

/** A whole transaction as lib/transfers/queries.ts reads it: a leg plus what pages show. */
export interface TransactionRecord extends TransferLeg {
  /** time_completed, or time_created for a COMPLETED row without one (Gryphon's rule). */
  completed: number | null;
  /** details.description, else details.notes. */
  description: string | null;
}

export interface LegPair<T extends TransferLeg> {
  withdrawal: T;
  deposit: T;
  /** What paired them: a shared id, or Gryphon's record_fiat_withdrawal shape. */
  by: 'id' | 'details';
  /** Ids of other legs that fitted either leg as well (empty: unambiguous). */
  alternatives: number[];
}

export function pairTransferLegs<T extends TransferLeg>(
  legs: readonly T[],
  canPair: (withdrawal: T, deposit: T) => boolean = () => true,
): Array<LegPair<T>> {
  const live = legs.filter((t) => t.account !== null && t.status !== 'OTHER');
  const taken = new Set<number>();
  const pairs: Array<LegPair<T>> = [];

  // 1. Shared ids: the earliest fitting deposit for each withdrawal, in creation order.
  const depositsByKey = new Map<string, T[]>();
  for (const t of live) {
    if (t.type !== 'DEPOSIT') continue;
    for (const k of t.transferKeys) depositsByKey.set(k, [...(depositsByKey.get(k) ?? []), t]);
  }
  const keyed = live
    .filter((t) => t.type === 'WITHDRAWL' && t.transferKeys.length > 0)
    .sort(byCreated);
  for (const w of keyed) {
    const match = w.transferKeys
      .flatMap((k) => depositsByKey.get(k) ?? [])
      .filter(
        (d) =>
          !taken.has(d.id) && d.currency === w.currency && d.account !== w.account && canPair(w, d),
      )
      .sort(byCreated)[0];
    if (!match) continue;
    taken.add(w.id).add(match.id);
    pairs.push({ withdrawal: w, deposit: match, by: 'id', alternatives: [] });
  }

  // 2. The rest by Gryphon's record_fiat_withdrawal shape, nearest in time first.
  const rest = live.filter((t) => !taken.has(t.id) && !t.drift).sort(byCreated);
  const edges: Array<{ w: T; d: T; gap: number }> = [];
  const deposits = rest.filter((t) => t.type === 'DEPOSIT');
  let from = 0;
  for (const w of rest) {
    if (w.type !== 'WITHDRAWL') continue;
    while (from < deposits.length && deposits[from].created < w.created - PAIR_WINDOW_MS) from++;
    for (
      let i = from;
      i < deposits.length && deposits[i].created <= w.created + PAIR_WINDOW_MS;
      i++
    ) {
      const d = deposits[i];
      if (
        d.account !== w.account &&
        d.detailsKey === w.detailsKey &&
        amountsAgree(w, d) &&
        canPair(w, d)
      ) {
        edges.push({ w, d, gap: Math.abs(d.created - w.created) });
      }
    }
  }
  edges.sort((a, b) => a.gap - b.gap || a.w.id - b.w.id || a.d.id - b.d.id);
  for (const e of edges) {
    if (taken.has(e.w.id) || taken.has(e.d.id)) continue;
    taken.add(e.w.id).add(e.d.id);
    const alternatives = edges
      .filter((o) => o !== e && (o.w === e.w || o.d === e.d))
      .map((o) => (o.w === e.w ? o.d.id : o.w.id));
    pairs.push({
      withdrawal: e.w,
      deposit: e.d,
      by: 'details',
      alternatives: [...new Set(alternatives)].sort((a, b) => a - b),
    });
  }
  return pairs.sort((a, b) => byCreated(a.withdrawal, b.withdrawal));
}

const byCreated = (a: TransferLeg, b: TransferLeg) => a.created - b.created || a.id - b.id;

/** Sent and received agree up to both legs' fees and AMOUNT_SLACK_PERCENT (see above). */
function amountsAgree(w: TransferLeg, d: TransferLeg): boolean {
  const sent = parseFixedOrZero(w.amount);
  let received = parseFixedOrZero(d.amount);
  let receivedFee = d.feeCurrency === d.currency ? parseFixedOrZero(d.fee) : 0n;
  if (d.currency !== w.currency) {
    const rate = parseRate(w.exchangeRate);
    if (rate === null) return false;
    received = fixedMul(received, rate);
    receivedFee = fixedMul(receivedFee, rate);
  }
  const sentFee = w.feeCurrency === w.currency ? parseFixedOrZero(w.fee) : 0n;
  const tolerance = abs(sentFee) + abs(receivedFee) + (abs(sent) * AMOUNT_SLACK_PERCENT) / 100n;
  return abs(sent - received) <= tolerance;
}

function parseRate(text: string | null): Fixed | null {
  if (text === null) return null;
  try {
    const rate = parseFixed(text);
    return rate > 0n ? rate : null;
  } catch {
    return null;
  }
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** `transaction_details` in a canonical form: parsed, keys sorted; unreadable text as it is. */
export function canonicalDetails(json: string | null): string {
  if (json === null || json.trim() === '') return '{}';
  try {
    return JSON.stringify(sortKeys(JSON.parse(json)));
  } catch {
    return json;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sortKeys(o[k])]),
  );
}
