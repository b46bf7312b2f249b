import type { Fixed } from '../../core/money/fixed';
import { fx } from './math';
import type { FundTransaction } from './types';
import { pairTransferLegs, type LegPair } from '../../transfers/domain/pairing';

/**
 * What each transaction does to the fund's assets (every account except BURN).
 *
 * A WITHDRAWL and a DEPOSIT that transfer-pairing.ts finds to be the two legs of one transfer
 * (a shared id, or Gryphon's record_fiat_withdrawal shape: identical details, same seconds,
 * amounts agreeing up to fees or the details' exchange_rate) are one transfer:
 * - between two asset accounts it moves money we own: its legs are 'internal' and a 'transit'
 *   correction makes the pair count once while one leg is done and the other is not (the sent
 *   amount counts as in transit until it lands; a deposit recorded before its withdrawal is
 *   not counted twice). Once both are done the pair changes assets by (received − sent),
 *   which is 0 on consistent books and otherwise lands in the discrepancy. A pair in two
 *   currencies (a wire converted on the way) is 'conversion' instead: received − sent, each
 *   at its day rate, is what the conversion gained or lost, part of the FX revaluation;
 * - with BURN on one side it pays (or refunds) an operating cost: the asset leg is a
 *   'cost-payment', the BURN leg the operating cost itself (a BURN withdrawal: a refund).
 * Any other asset-account transaction is a 'capital' flow, or 'drift' when
 * transaction_details says {"drift": true}. Fees on asset accounts are 'fee' events.
 * Only COMPLETED transactions count, at time_completed; IN_TRANSIT ones only take part in
 * pairs (a transfer still under way), CANCELED ones are ignored.
 */
export type AssetEventCategory =
  'capital' | 'drift' | 'internal' | 'conversion' | 'transit' | 'cost-payment' | 'fee';

export interface AssetEvent {
  time: number;
  /** Account name; '' for the in-transit correction. */
  account: string;
  currency: string;
  amount: Fixed;
  category: AssetEventCategory;
  tx: FundTransaction;
  /** On 'conversion' events: the currency the transfer was converted into (its deposit's). */
  convertedInto?: string;
}

export interface CostEvent {
  time: number;
  currency: string;
  /** Positive for a cost, negative for a refund. */
  amount: Fixed;
  description: string | null;
  tx: FundTransaction;
}

export interface TransferPair extends LegPair<FundTransaction> {
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
  const pairs = pairTransfers(
    live.filter((t) => t.account !== null),
    kindOf,
  );
  const pairOf = new Map<number, TransferPair>();
  for (const p of pairs) {
    pairOf.set(p.withdrawal.id, p);
    pairOf.set(p.deposit.id, p);
  }
  const out: ClassifiedTransactions = {
    assetEvents: [],
    costEvents: [],
    pairs,
    unknownAccount: [],
  };
  for (const tx of live) {
    if (tx.account === null) {
      out.unknownAccount.push(tx);
      continue;
    }
    const pair = pairOf.get(tx.id);
    if (kindOf(tx.account) === 'burn') {
      // The cost is paid when the money leaves (or comes back to) our asset account, even if
      // the BURN leg is still marked in transit.
      const other = pair ? (pair.deposit === tx ? pair.withdrawal : pair.deposit) : null;
      const paid = other ?? tx;
      if (paid.status !== 'COMPLETED' || paid.completed === null) continue;
      const signed = tx.type === 'DEPOSIT' ? fx(tx.amount) : -fx(tx.amount);
      out.costEvents.push({
        time: paid.completed,
        currency: tx.currency,
        amount: signed,
        description: tx.description ?? other?.description ?? null,
        tx,
      });
      continue;
    }
    if (tx.status !== 'COMPLETED' || tx.completed === null) continue;
    const signed = tx.type === 'DEPOSIT' ? fx(tx.amount) : -fx(tx.amount);
    const category: AssetEventCategory = tx.drift ? 'drift' : pair ? pairCategory(pair) : 'capital';
    const convertedInto = category === 'conversion' ? pair?.deposit.currency : undefined;
    out.assetEvents.push({
      time: tx.completed,
      account: tx.account,
      currency: tx.currency,
      amount: signed,
      category,
      tx,
      ...(convertedInto ? { convertedInto } : {}),
    });
    const fee = fx(tx.fee);
    if (fee !== 0n)
      out.assetEvents.push({
        time: tx.completed,
        account: tx.account,
        currency: tx.feeCurrency,
        amount: -fee,
        category: 'fee',
        tx,
      });
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
  const conversion = pairCategory(p) === 'conversion';
  const event = (time: number, a: Fixed): AssetEvent => ({
    time,
    account: '',
    currency: first.currency,
    amount: a,
    category: conversion ? 'conversion' : 'transit',
    tx: first,
    ...(conversion ? { convertedInto: p.deposit.currency } : {}),
  });
  const events = [event(Math.min(tW, tD), amount)];
  if (Math.max(tW, tD) !== Infinity) events.push(event(Math.max(tW, tD), -amount));
  return events;
}

function pairCategory(p: TransferPair): AssetEventCategory {
  if (p.kind === 'burn') return 'cost-payment';
  return p.withdrawal.currency === p.deposit.currency ? 'internal' : 'conversion';
}

function pairTransfers(
  txs: readonly FundTransaction[],
  kindOf: (account: string) => AccountKind,
): TransferPair[] {
  const burn = (t: FundTransaction) => kindOf(t.account as string) === 'burn';
  return pairTransferLegs(txs, (w, d) => !(burn(w) && burn(d))).map((p) => ({
    ...p,
    kind: burn(p.withdrawal) || burn(p.deposit) ? 'burn' : 'internal',
  }));
}
