import 'server-only';
import type { TransferRole } from '../../transfers/domain/role';
import { loadTransferRoles } from '../../transfers/roles';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { compareItemKeys } from '../domain/key';
import type { LedgerItem, LedgerKey, TradeItem, TransactionItem } from '../domain/types';
import type { LedgerAccount } from './account';
import { snapshotItems, type TransactionSnapshot } from './transactions';
import {
  FILL_FEE_CURRENCY_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
} from '../../fills/sql';
import {
  TX_TIME_SQL,
  TX_TYPE_SQL,
  dbSeconds,
  keysetCondition,
  tradeFilter,
  transactionFilter,
  type ItemFilter,
  type Sql,
} from './sql';

/**
 * The account's ledger items in key order, read in keyset-paged batches (no OFFSET), trades
 * and COMPLETED transactions merged. Memory stays at one batch per kind however long the
 * caller iterates: the CSV export streams the whole window through this.
 */
export interface ItemScan {
  /** [from, to) in unix seconds. */
  from: number;
  to: number;
  direction: 'asc' | 'desc';
  /** Resume at this key: the item itself is included when `inclusive`. */
  start?: { key: LedgerKey; inclusive: boolean };
  filter?: ItemFilter;
  /** Only items at these seconds (unix; inside [from, to)). */
  seconds?: readonly number[];
  batchSize?: number;
  /** Read the next batch while the current one is consumed (long scans: the CSV export). */
  prefetch?: boolean;
  /** Take the transactions from this request's snapshot (when not null) instead of SQL. */
  transactions?: Promise<TransactionSnapshot | null>;
}

const toSeconds = (v: string) => Date.parse(`${v.replace(' ', 'T')}Z`) / 1000;
const NO_FILTER: ItemFilter = { currency: null, types: null };

function keyOf(item: LedgerItem): LedgerKey {
  return { time: item.time, kind: item.kind === 'trade' ? 0 : 1, id: item.id, sub: 0 };
}

type Fetch = (
  bound: { key: LedgerKey; op: '>' | '>=' | '<' | '<=' } | null,
  limit: number,
) => Promise<LedgerItem[]>;

function tradeFetcher(pool: Pool, account: LedgerAccount, scan: ItemScan): Fetch | null {
  const filter = tradeFilter(scan.filter ?? NO_FILTER);
  if (!account.hasOrders || !filter) return null;
  const dir = scan.direction === 'asc' ? 'ASC' : 'DESC';
  return async (bound, limit) => {
    const where: Sql[] = [
      { sql: 'o.`exchange_name` IN (?)', params: [account.orderExchangeNames] },
      {
        sql: 't.`time_created` >= ? AND t.`time_created` < ?',
        params: [dbSeconds(scan.from), dbSeconds(scan.to)],
      },
      filter,
    ];
    if (scan.seconds)
      where.push({ sql: 't.`time_created` IN (?)', params: [scan.seconds.map(dbSeconds)] });
    if (bound)
      where.push(keysetCondition('t.`time_created`', 't.`trade_id`', 0, bound.key, bound.op));
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT t.\`trade_id\` AS id, ${FILL_SIDE_SQL} AS side, t.\`exchange_trade_id\` AS ext, t.\`time_created\` AS time,
         t.\`fee\` AS fee, ${FILL_FEE_CURRENCY_SQL} AS feeCur, t.\`price\` AS price, ${FILL_PRICE_CURRENCY_SQL} AS priceCur,
         t.\`volume\` AS volume, ${FILL_VOLUME_CURRENCY_SQL} AS volumeCur
       FROM \`trade\` t ${account.large ? 'FORCE INDEX (`time_created`) STRAIGHT_JOIN' : 'JOIN'} \`order\` o ON o.\`order_id\` = t.\`order_id\`
       WHERE ${where.map((w) => `(${w.sql})`).join(' AND ')}
       ORDER BY t.\`time_created\` ${dir}, t.\`trade_id\` ${dir} LIMIT ?`,
      [...where.flatMap((w) => w.params), limit],
    );
    return rows.map((r): TradeItem => ({
      kind: 'trade',
      id: Number(r.id),
      time: toSeconds(r.time),
      side: r.side === 'BID' ? 'BID' : 'ASK',
      exchangeTradeId: r.ext === null ? null : String(r.ext),
      price: r.price ?? '0',
      priceCurrency: r.priceCur ?? '',
      volume: r.volume ?? '0',
      volumeCurrency: r.volumeCur ?? '',
      fee: r.fee,
      feeCurrency: r.feeCur,
    }));
  };
}

function transactionFetcher(pool: Pool, account: LedgerAccount, scan: ItemScan): Fetch | null {
  const filter = transactionFilter(scan.filter ?? NO_FILTER);
  if (account.exchangeIds.length === 0 || !filter) return null;
  const dir = scan.direction === 'asc' ? 'ASC' : 'DESC';
  return async (bound, limit) => {
    const snap = await scan.transactions;
    if (snap)
      return snapshotItems(snap, {
        from: scan.from,
        to: scan.to,
        direction: scan.direction,
        filter: scan.filter ?? NO_FILTER,
        seconds: scan.seconds,
        bound,
        limit,
      });
    const where: Sql[] = [
      {
        sql: "x.`exchange_id` IN (?) AND x.`transaction_status` = 'COMPLETED'",
        params: [account.exchangeIds],
      },
      {
        sql: `${TX_TIME_SQL} >= ? AND ${TX_TIME_SQL} < ?`,
        params: [dbSeconds(scan.from), dbSeconds(scan.to)],
      },
      filter,
    ];
    if (scan.seconds)
      where.push({ sql: `${TX_TIME_SQL} IN (?)`, params: [scan.seconds.map(dbSeconds)] });
    if (bound)
      where.push(keysetCondition(TX_TIME_SQL, 'x.`transaction_id`', 1, bound.key, bound.op));
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT x.\`transaction_id\` AS id, ${TX_TYPE_SQL} AS type, ${TX_TIME_SQL} AS time, x.\`amount\` AS amount,
         x.\`amount_currency\` AS amountCur, x.\`fee\` AS fee, x.\`fee_currency\` AS feeCur,
         x.\`transaction_details\` AS details
       FROM \`transaction\` x
       WHERE ${where.map((w) => `(${w.sql})`).join(' AND ')}
       ORDER BY time ${dir}, x.\`transaction_id\` ${dir} LIMIT ?`,
      [...where.flatMap((w) => w.params), limit],
    );
    const roles = rows.length > 0 ? await loadTransferRoles(pool) : new Map<number, TransferRole>();
    return rows.map((r): TransactionItem => ({
      kind: 'transaction',
      id: Number(r.id),
      time: toSeconds(r.time),
      type: r.type === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
      amount: r.amount ?? '0',
      amountCurrency: r.amountCur ?? '',
      fee: r.fee,
      feeCurrency: r.feeCur,
      details: r.details,
      role: roles.get(Number(r.id)) ?? null,
    }));
  };
}

/** One kind's items in order, refilled a batch at a time. */
async function* stream(fetch: Fetch | null, scan: ItemScan): AsyncGenerator<LedgerItem> {
  if (!fetch) return;
  const asc = scan.direction === 'asc';
  const batch = scan.batchSize ?? 1000;
  let bound: Parameters<Fetch>[0] = scan.start
    ? {
        key: scan.start.key,
        op: asc ? (scan.start.inclusive ? '>=' : '>') : scan.start.inclusive ? '<=' : '<',
      }
    : null;
  let items = await fetch(bound, batch);
  for (;;) {
    const more = items.length === batch;
    let next: Promise<LedgerItem[]> | null = null;
    if (more) {
      bound = { key: keyOf(items[items.length - 1]), op: asc ? '>' : '<' };
      if (scan.prefetch) {
        // Read while this batch is consumed; if the consumer stops early it is never awaited,
        // and its failure is then of no interest.
        next = fetch(bound, batch);
        next.catch(() => undefined);
      }
    }
    yield* items;
    if (!more) return;
    items = await (next ?? fetch(bound, batch));
  }
}

export async function* scanLedgerItems(
  pool: Pool,
  account: LedgerAccount,
  scan: ItemScan,
): AsyncGenerator<LedgerItem> {
  const sign = scan.direction === 'asc' ? 1 : -1;
  const a = stream(tradeFetcher(pool, account, scan), scan);
  const b = stream(transactionFetcher(pool, account, scan), scan);
  let [x, y] = await Promise.all([a.next(), b.next()]);
  while (!x.done || !y.done) {
    if (!x.done && (y.done || sign * compareItemKeys(keyOf(x.value), keyOf(y.value)) < 0)) {
      yield x.value;
      x = await a.next();
    } else if (!y.done) {
      yield y.value;
      y = await b.next();
    }
  }
}
