import 'server-only';
import type { RowDataPacket } from 'mysql2/promise';
import { FILL_FEE_CURRENCY_SQL } from '../fills/sql';
import { readFillSums } from '../rollup/read';
import type { BucketSums } from '../rollup/domain/sums';
import { compareLedgerKeys } from './domain/key';
import type { LedgerQuery } from './domain/query';
import { expandItem } from './domain/rows';
import type { LedgerRow } from './domain/types';
import { dbSeconds } from './queries/sql';
import { snapshotItems } from './queries/transactions';
import type { LedgerSource } from './source';
import { rowsAtSecond } from './totals';
import { rowMatches } from './view';

/**
 * How many rows a view of the ledger holds, without reading its fills: the transactions' rows
 * from the request's transaction snapshot (queries/transactions.ts: expanded and filtered as
 * the page does), the fills' two trade rows each from the rollup's counts (lib/rollup/read.ts:
 * whole buckets, the ends and the newest fills live). A fill's fee row exists only when its fee
 * is not zero, which the rollup does not count: those are counted live (one COUNT over the
 * window's fills) when at most LIVE_FEE_COUNT_LIMIT fills could have one; past that the count
 * leaves them out and says it is a lower bound (`exact` false). Views without fee rows (a type
 * filter without `fee`) and accounts without fills are always exact.
 */
export const LIVE_FEE_COUNT_LIMIT = 5_000;

export interface RowCount {
  count: number;
  /** False: at least `count` (the fills' fee rows were too many to count live). */
  exact: boolean;
}

type View = Pick<LedgerQuery, 'currency' | 'types'>;

/** As lib/ledger/domain/rows.ts normalizes a currency. */
const cur = (c: string | null | undefined, fallback = '?') =>
  c && c.trim() !== '' ? c.trim().toUpperCase() : fallback;

/**
 * The view's rows in [from, to) (unix seconds). `fills`: the rollup's sums of that range when
 * the caller has them already. Null when the request has no transaction snapshot (an account
 * with very many transactions): not counted.
 */
export async function countRows(
  src: LedgerSource,
  q: View,
  from: number,
  to: number,
  fills?: readonly BucketSums[],
  liveFeeCountLimit = LIVE_FEE_COUNT_LIMIT,
): Promise<RowCount | null> {
  const snap = await src.transactions;
  if (!snap) return null;
  if (from >= to) return { count: 0, exact: true };
  let count = 0;
  for (const item of snapshotItems(snap, {
    from,
    to,
    direction: 'asc',
    filter: { currency: q.currency, types: q.types },
    bound: null,
    limit: Infinity,
  }))
    for (const r of expandItem(item)) if (rowMatches(r, q)) count++;
  const trades = !q.types || q.types.includes('trade');
  const fees = !q.types || q.types.includes('fee');
  if (!src.account.hasOrders || (!trades && !fees)) return { count, exact: true };
  const sums =
    fills ??
    (await readFillSums(src.trading, src.dashboards, {
      from: new Date(from * 1000),
      to: new Date(to * 1000),
      byDay: false,
      accounts: src.account.orderExchangeNames,
      mark: src.rollupMark,
    }));
  let feeCandidates = 0;
  for (const s of sums) {
    const price = cur(s.priceCurrency);
    const volume = cur(s.volumeCurrency);
    if (trades)
      count += q.currency
        ? s.count * (Number(price === q.currency) + Number(volume === q.currency))
        : 2 * s.count;
    if (fees && (!q.currency || cur(s.feeCurrency, price) === q.currency)) feeCandidates += s.count;
  }
  if (feeCandidates === 0) return { count, exact: true };
  if (feeCandidates > liveFeeCountLimit) return { count, exact: false };
  return { count: count + (await countFeeRows(src, q.currency, from, to)), exact: true };
}

/** Fills of the account in [from, to) with a nonzero fee (in `currency` if given). */
async function countFeeRows(
  src: LedgerSource,
  currency: string | null,
  from: number,
  to: number,
): Promise<number> {
  const { account } = src;
  const params: unknown[] = [account.orderExchangeNames, dbSeconds(from), dbSeconds(to)];
  let byCurrency = '';
  if (currency) {
    // The fee row's currency is the fee currency, or the price currency without one.
    byCurrency = ` AND TRIM(${FILL_FEE_CURRENCY_SQL}) = ?`;
    params.push(currency);
  }
  const [[row]] = await src.trading.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM \`trade\` t ${account.large ? 'FORCE INDEX (`time_created`) STRAIGHT_JOIN' : 'JOIN'} \`order\` o ON o.\`order_id\` = t.\`order_id\`
     WHERE o.\`exchange_name\` IN (?) AND t.\`time_created\` >= ? AND t.\`time_created\` < ? AND t.\`fee\` <> 0${byCurrency}`,
    params,
  );
  return Number(row.n);
}

/**
 * The view's rows before `first` in display order, inside the window: those older than it
 * (oldest first) or newer (newest first). Its own second is read row by row.
 */
export async function countBefore(
  src: LedgerSource,
  q: View,
  window: { from: number; to: number },
  first: LedgerRow,
  display: 'asc' | 'desc',
): Promise<RowCount | null> {
  const t = first.key.time;
  const [range, second] = await Promise.all([
    display === 'asc' ? countRows(src, q, window.from, t) : countRows(src, q, t + 1, window.to),
    rowsAtSecond(src, t, { currency: q.currency, types: q.types }),
  ]);
  if (!range) return null;
  const sign = display === 'asc' ? 1 : -1;
  const atSecond = second.filter(
    (r) => rowMatches(r, q) && sign * compareLedgerKeys(r.key, first.key) < 0,
  ).length;
  return { count: range.count + atSecond, exact: range.exact };
}
