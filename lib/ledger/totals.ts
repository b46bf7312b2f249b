import 'server-only';
import { expandItem } from './domain/rows';
import { compareLedgerKeys } from './domain/key';
import {
  addTradeSums,
  addTransactionSums,
  emptyTotals,
  netOf,
  type LedgerTotals,
  type TradeSums,
} from './domain/totals';
import type { Balances, LedgerKey, LedgerRow } from './domain/types';
import { sumTransactions } from './queries/aggregates';
import { scanLedgerItems } from './queries/items';
import type { ItemFilter } from './queries/sql';
import { FIXED_SCALE, fixedToString } from '../core/money/fixed';
import { readFillSums } from '../rollup/read';
import type { BucketSums } from '../rollup/domain/sums';
import type { LedgerSource } from './source';

/** A rollup row as the ledger's totals take it (exact decimal strings). */
function toTradeSums(r: BucketSums): TradeSums {
  const exact = (v: bigint) => fixedToString(v, FIXED_SCALE);
  return {
    side: r.side,
    priceCurrency: r.priceCurrency,
    volumeCurrency: r.volumeCurrency,
    feeCurrency: r.feeCurrency,
    price: exact(r.notional),
    volume: exact(r.volume),
    fee: exact(r.fee),
    count: r.count,
  };
}

/**
 * Totals of the account's movements in [from, to) (unix seconds; from null = since the
 * beginning). Fills from the rollup (whole buckets, the ends and the newest fills live: see
 * lib/rollup/read.ts); transactions always live (their status changes after insertion).
 */
export async function totalsBetween(
  src: LedgerSource,
  from: number | null,
  to: number,
): Promise<LedgerTotals> {
  const { trading, dashboards, account, rollupMark: mark } = src;
  const [fills, txs] = await Promise.all([
    account.hasOrders
      ? readFillSums(trading, dashboards, {
          from: from === null ? null : new Date(from * 1000),
          to: new Date(to * 1000),
          byDay: false,
          accounts: account.orderExchangeNames,
          mark,
        })
      : Promise.resolve([]),
    sumTransactions(trading, account, from, to),
  ]);
  return addTransactionSums(addTradeSums(emptyTotals(), fills.map(toTradeSums)), txs);
}

/** Every row at second `time`, in key order (filtered by currency if asked). */
export async function rowsAtSecond(
  src: LedgerSource,
  time: number,
  filter?: ItemFilter,
): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  for await (const item of scanLedgerItems(src.trading, src.account, {
    from: time,
    to: time + 1,
    direction: 'asc',
    filter,
  })) {
    for (const r of expandItem(item))
      if (!filter?.currency || r.currency === filter.currency) rows.push(r);
  }
  return rows;
}

/** The exact balances just before the row with key `key` (all rows before it in time order). */
export async function balancesBefore(src: LedgerSource, key: LedgerKey): Promise<Balances> {
  const [totals, second] = await Promise.all([
    totalsBetween(src, null, key.time),
    rowsAtSecond(src, key.time),
  ]);
  const b = netOf(totals);
  for (const r of second)
    if (compareLedgerKeys(r.key, key) < 0) b.set(r.currency, (b.get(r.currency) ?? 0n) + r.amount);
  return b;
}
