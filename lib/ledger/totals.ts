import 'server-only';
import { expandItem } from './domain/rows';
import { compareLedgerKeys } from './domain/key';
import {
  addCheckpointSums,
  addTradeSums,
  addTransactionSums,
  emptyTotals,
  netOf,
  type LedgerTotals,
} from './domain/totals';
import type { Balances, LedgerKey, LedgerRow } from './domain/types';
import { sumTrades, sumTransactions } from './queries/aggregates';
import { scanLedgerItems } from './queries/items';
import type { ItemFilter } from './queries/sql';
import { readCheckpointSums } from './checkpoints';
import type { LedgerSource } from './source';

const DAY = 86_400;
const dayText = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

/**
 * Totals of the account's movements in [from, to) (unix seconds; from null = since the
 * beginning). Whole days come from the checkpoints, the partial days at either end from live
 * GROUP BYs on trade.time_created's index, fills above the checkpoint mark from a live query
 * on the primary key, and transactions always live (their status changes after insertion).
 */
export async function totalsBetween(
  src: LedgerSource,
  from: number | null,
  to: number,
): Promise<LedgerTotals> {
  const { trading, account, checkpointMark: mark } = src;
  const firstFull = from === null ? null : Math.ceil(from / DAY) * DAY;
  const lastFull = Math.floor(to / DAY) * DAY;
  const useCheckpoints =
    mark > 0 && account.hasOrders && (firstFull === null || firstFull < lastFull);
  const transactions = sumTransactions(trading, account, from, to);
  if (!useCheckpoints) {
    const [trades, txs] = await Promise.all([sumTrades(trading, account, from, to), transactions]);
    return addTransactionSums(addTradeSums(emptyTotals(), trades), txs);
  }
  const [checkpoints, head, tail, fresh, txs] = await Promise.all([
    readCheckpointSums(
      src.dashboards,
      account.orderExchangeNames,
      firstFull === null ? null : dayText(firstFull),
      dayText(lastFull),
    ),
    from === null || firstFull === null
      ? Promise.resolve([])
      : sumTrades(trading, account, from, firstFull, { atMost: mark }),
    sumTrades(trading, account, lastFull, to, { atMost: mark }),
    sumTrades(trading, account, from, to, { above: mark }),
    transactions,
  ]);
  const t = addCheckpointSums(emptyTotals(), checkpoints);
  addTradeSums(t, head);
  addTradeSums(t, tail);
  addTradeSums(t, fresh);
  return addTransactionSums(t, txs);
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
