import type { Fixed } from './fixed';
import { fx } from './fund-math';
import type { FundTransaction } from './fund-types';

/**
 * What each transaction does to the fund's assets (every account except BURN).
 *
 * Two legs in different accounts, same currency, one WITHDRAWL and one DEPOSIT, sharing an
 * id in transaction_details (external_transaction_id, exchange_withdrawal_id or
 * transaction_hash) are one transfer:
 * - between two asset accounts it moves money we own: its legs are 'internal' and a 'transit'
 *   correction makes the pair count once while one leg is done and the other is not (the sent
 *   amount counts as in transit until it lands; a deposit recorded before its withdrawal is
 *   not counted twice). Once both are done the pair changes assets by (received − sent),
 *   which is 0 on consistent books and otherwise lands in the discrepancy;
 * - with BURN on one side it pays (or refunds) an operating cost: the asset leg is a
 *   'cost-payment', the BURN leg the operating cost itself.
 * Any other asset-account transaction is a 'capital' flow, or 'drift' when
 * transaction_details says {"drift": true}. Fees on asset accounts are 'fee' events.
 * Only COMPLETED transactions count, at time_completed; IN_TRANSIT ones only take part in
 * pairs (a transfer still under way), CANCELED ones are ignored.
 */
export type AssetEventCategory = 'capital' | 'drift' | 'internal' | 'transit' | 'cost-payment' | 'fee';

export interface AssetEvent {
  time: number;
  /** Account name; '' for the in-transit correction. */
  account: string;
  currency: string;
  amount: Fixed;
  category: AssetEventCategory;
  tx: FundTransaction;
}

export interface CostEvent {
  time: number;
  currency: string;
  /** Positive for a cost, negative for a refund. */
  amount: Fixed;
  description: string | null;
  tx: FundTransaction;
}

export interface TransferPair {
  withdrawal: FundTransaction;
  deposit: FundTransaction;
  kind: 'internal' | 'burn';
}

export interface ClassifiedTransactions {
  assetEvents: AssetEvent[];
  costEvents: CostEvent[];
  pairs: TransferPair[];
  /** Transactions whose exchange_id names no account. */
  unknownAccount: FundTransaction[];
}

export type AccountKind = 'asset' | 'burn';

export function classifyTransactions(
  txs: readonly FundTransaction[],
  kindOf: (account: string) => AccountKind,
): ClassifiedTransactions {
  const live = txs.filter((t) => t.status !== 'OTHER');
  const pairs = pairTransfers(live.filter((t) => t.account !== null), kindOf);
  const pairOf = new Map<number, TransferPair>();
  for (const p of pairs) {
    pairOf.set(p.withdrawal.id, p);
    pairOf.set(p.deposit.id, p);
  }
  const out: ClassifiedTransactions = { assetEvents: [], costEvents: [], pairs, unknownAccount: [] };
  for (const tx of live) {
    if (tx.account === null) {
      out.unknownAccount.push(tx);
      continue;
    }
    if (tx.status !== 'COMPLETED' || tx.completed === null) continue;
    const signed = tx.type === 'DEPOSIT' ? fx(tx.amount) : -fx(tx.amount);
    const pair = pairOf.get(tx.id);
    if (kindOf(tx.account) === 'burn') {
      const other = pair ? (pair.deposit === tx ? pair.withdrawal : pair.deposit) : null;
      out.costEvents.push({ time: tx.completed, currency: tx.currency, amount: signed, description: tx.description ?? other?.description ?? null, tx });
      continue;
    }
    const category: AssetEventCategory = tx.drift ? 'drift' : pair ? (pair.kind === 'internal' ? 'internal' : 'cost-payment') : 'capital';
    out.assetEvents.push({ time: tx.completed, account: tx.account, currency: tx.currency, amount: signed, category, tx });
    const fee = fx(tx.fee);
    if (fee !== 0n) out.assetEvents.push({ time: tx.completed, account: tx.account, currency: tx.feeCurrency, amount: -fee, category: 'fee', tx });
  }
  for (const p of pairs) if (p.kind === 'internal') out.assetEvents.push(...transitCorrection(p));
  return out;
}

/** Cancels each leg of an internal transfer until the other one is done (see above). */
function transitCorrection(p: TransferPair): AssetEvent[] {
  const tW = p.withdrawal.status === 'COMPLETED' ? (p.withdrawal.completed ?? Infinity) : Infinity;
  const tD = p.deposit.status === 'COMPLETED' ? (p.deposit.completed ?? Infinity) : Infinity;
  if (tW === tD) return [];
  const first = tW < tD ? p.withdrawal : p.deposit;
  const amount = tW < tD ? fx(p.withdrawal.amount) : -fx(p.deposit.amount);
  const event = (time: number, a: Fixed): AssetEvent => ({ time, account: '', currency: first.currency, amount: a, category: 'transit', tx: first });
  const events = [event(Math.min(tW, tD), amount)];
  if (Math.max(tW, tD) !== Infinity) events.push(event(Math.max(tW, tD), -amount));
  return events;
}

function pairTransfers(txs: readonly FundTransaction[], kindOf: (account: string) => AccountKind): TransferPair[] {
  const depositsByKey = new Map<string, FundTransaction[]>();
  for (const t of txs) {
    if (t.type !== 'DEPOSIT') continue;
    for (const k of t.transferKeys) depositsByKey.set(k, [...(depositsByKey.get(k) ?? []), t]);
  }
  const taken = new Set<number>();
  const pairs: TransferPair[] = [];
  const withdrawals = txs.filter((t) => t.type === 'WITHDRAWL' && t.transferKeys.length > 0).sort((a, b) => a.created - b.created || a.id - b.id);
  for (const w of withdrawals) {
    const match = w.transferKeys
      .flatMap((k) => depositsByKey.get(k) ?? [])
      .filter((d) => !taken.has(d.id) && d.currency === w.currency && d.account !== w.account)
      .sort((a, b) => a.created - b.created || a.id - b.id)[0];
    if (!match) continue;
    const kinds = [kindOf(w.account as string), kindOf(match.account as string)];
    if (kinds[0] === 'burn' && kinds[1] === 'burn') continue;
    taken.add(match.id);
    pairs.push({ withdrawal: w, deposit: match, kind: kinds.includes('burn') ? 'burn' : 'internal' });
  }
  return pairs;
}
