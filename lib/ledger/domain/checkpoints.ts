import { fixedToString, parseFixedOrZero } from '../../core/money/fixed';
import type { TradeSums } from './totals';

/**
 * Folds GROUP BY rows of fills (per account, day, side and currencies) into checkpoint rows:
 * per account, currency and day the credits, debits and fees, with the same rules as the
 * ledger rows (ledger-rows.ts). A fill is counted once, under its volume currency.
 */
export interface CheckpointInput extends TradeSums {
  account: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
}

export interface CheckpointRow {
  account: string;
  currency: string;
  day: string;
  credits: string;
  debits: string;
  fees: string;
  fills: number;
}

export function foldCheckpointRows(input: readonly CheckpointInput[]): CheckpointRow[] {
  const acc = new Map<
    string,
    {
      account: string;
      currency: string;
      day: string;
      credits: bigint;
      debits: bigint;
      fees: bigint;
      fills: number;
    }
  >();
  const at = (account: string, currency: string, day: string) => {
    const c = currency.trim().toUpperCase() || '?';
    const k = `${account}\u0000${c}\u0000${day}`;
    let s = acc.get(k);
    if (!s)
      acc.set(k, (s = { account, currency: c, day, credits: 0n, debits: 0n, fees: 0n, fills: 0 }));
    return s;
  };
  for (const r of input) {
    const volume = parseFixedOrZero(r.volume);
    const price = parseFixedOrZero(r.price);
    const bid = r.side === 'BID';
    at(r.account, r.volumeCurrency, r.day)[bid ? 'credits' : 'debits'] += volume;
    at(r.account, r.priceCurrency, r.day)[bid ? 'debits' : 'credits'] += price;
    const fee = parseFixedOrZero(r.fee);
    if (fee !== 0n) at(r.account, r.feeCurrency || r.priceCurrency, r.day).fees += fee;
    at(r.account, r.volumeCurrency, r.day).fills += r.count;
  }
  return [...acc.values()].map((s) => ({
    account: s.account,
    currency: s.currency,
    day: s.day,
    credits: fixedToString(s.credits),
    debits: fixedToString(s.debits),
    fees: fixedToString(s.fees),
    fills: s.fills,
  }));
}
