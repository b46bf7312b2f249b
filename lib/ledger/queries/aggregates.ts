import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { TradeSums, TransactionSums } from '../domain/totals';
import type { LedgerAccount } from './account';
import {
  FILL_FEE_CURRENCY_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
} from '../../fills/sql';
import { TX_DRIFT_SQL, TX_FEE_CURRENCY_SQL, TX_TIME_SQL, TX_TYPE_SQL, dbSeconds } from './sql';

/**
 * Live SUM ... GROUP BY over the account's fills and COMPLETED transactions in [from, to)
 * (unix seconds; from null = since the beginning). `ids` restricts fills by trade_id, so that
 * callers can add the per-day checkpoints (which cover trade ids up to a high-water mark)
 * without counting a fill twice.
 */
export async function sumTrades(
  pool: Pool,
  account: LedgerAccount,
  from: number | null,
  to: number,
  ids: { atMost?: number; above?: number } = {},
): Promise<TradeSums[]> {
  if (!account.hasOrders || (from !== null && from >= to)) return [];
  const where = ['o.`exchange_name` IN (?)', 't.`time_created` < ?'];
  const params: unknown[] = [account.orderExchangeNames, dbSeconds(to)];
  if (from !== null) {
    where.push('t.`time_created` >= ?');
    params.push(dbSeconds(from));
  }
  if (ids.atMost !== undefined) {
    where.push('t.`trade_id` <= ?');
    params.push(ids.atMost);
  }
  if (ids.above !== undefined) {
    where.push('t.`trade_id` > ?');
    params.push(ids.above);
  }
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ${FILL_SIDE_SQL} AS side, ${FILL_PRICE_CURRENCY_SQL} AS priceCur, ${FILL_VOLUME_CURRENCY_SQL} AS volumeCur,
       ${FILL_FEE_CURRENCY_SQL} AS feeCur, SUM(t.\`price\`) AS price, SUM(t.\`volume\`) AS volume,
       SUM(t.\`fee\`) AS fee, COUNT(*) AS n
     FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\`
     WHERE ${where.join(' AND ')}
     GROUP BY side, priceCur, volumeCur, feeCur`,
    params,
  );
  return rows.map((r) => ({
    side: r.side === 'BID' ? 'BID' : 'ASK',
    priceCurrency: r.priceCur ?? '',
    volumeCurrency: r.volumeCur ?? '',
    feeCurrency: r.feeCur ?? '',
    price: r.price,
    volume: r.volume,
    fee: r.fee,
    count: Number(r.n),
  }));
}

export async function sumTransactions(
  pool: Pool,
  account: LedgerAccount,
  from: number | null,
  to: number,
): Promise<TransactionSums[]> {
  if (account.exchangeIds.length === 0 || (from !== null && from >= to)) return [];
  const where = [
    "x.`exchange_id` IN (?) AND x.`transaction_status` = 'COMPLETED'",
    `${TX_TIME_SQL} < ?`,
  ];
  const params: unknown[] = [account.exchangeIds, dbSeconds(to)];
  if (from !== null) {
    where.push(`${TX_TIME_SQL} >= ?`);
    params.push(dbSeconds(from));
  }
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ${TX_TYPE_SQL} AS type, ${TX_DRIFT_SQL} AS drift, x.\`amount_currency\` AS amountCur,
       ${TX_FEE_CURRENCY_SQL} AS feeCur, SUM(x.\`amount\`) AS amount, SUM(x.\`fee\`) AS fee, COUNT(*) AS n
     FROM \`transaction\` x
     WHERE ${where.join(' AND ')}
     GROUP BY type, drift, amountCur, feeCur`,
    params,
  );
  return rows.map((r) => ({
    type: r.type === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
    drift: Number(r.drift) === 1,
    amountCurrency: r.amountCur ?? '',
    feeCurrency: r.feeCur ?? '',
    amount: r.amount,
    fee: r.fee,
    count: Number(r.n),
  }));
}
