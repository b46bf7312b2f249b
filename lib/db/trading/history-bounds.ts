import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { HistoryBounds } from '../../core/time/history-edge';
import { parseDbDate } from '../db-time';

/**
 * First and last entries of the trading tables, for saying where a history begins when a
 * window holds nothing (lib/core/time/history-edge.ts), without a scan of a whole table.
 * `transaction` has no index on its times, only its primary key and exchange_id (its foreign
 * key). The time of a transaction is the ledger's: completion, else creation.
 */
const TX_TIME_SQL = 'COALESCE(x.`time_completed`, x.`time_created`)';

function bounds(row: RowDataPacket | undefined): HistoryBounds | null {
  const first = parseDbDate(row?.lo);
  const last = parseDbDate(row?.hi);
  return first && last ? { first, last } : null;
}

/**
 * An account's completed transactions (the ledger's entries): exact, reading that account's
 * rows only, through exchange_id's index (an account has far fewer transfers than fills, and
 * its ledger page reads them already).
 */
export async function accountTransactionBounds(
  trading: Pool,
  exchangeIds: number[],
): Promise<HistoryBounds | null> {
  if (exchangeIds.length === 0) return null;
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT MIN(${TX_TIME_SQL}) AS lo, MAX(${TX_TIME_SQL}) AS hi FROM \`transaction\` x ` +
      "WHERE x.`exchange_id` IN (?) AND x.`transaction_status` = 'COMPLETED'",
    [exchangeIds],
  );
  return bounds(rows[0]);
}

/**
 * Every transaction, for the fund: the first and last by MIN/MAX(transaction_id) (the primary
 * key: one lookup each), their times read by primary key. Gryphon inserts a transaction when
 * it happens, so ids follow time; a row entered later with an older date would be missed, and
 * the fund would name a later start (its first fill, exact, usually comes first anyway).
 */
export async function transactionHistoryBounds(trading: Pool): Promise<HistoryBounds | null> {
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT MIN(${TX_TIME_SQL}) AS lo, MAX(${TX_TIME_SQL}) AS hi FROM \`transaction\` x ` +
      'WHERE x.`transaction_id` IN ((SELECT MIN(`transaction_id`) FROM `transaction`), ' +
      '(SELECT MAX(`transaction_id`) FROM `transaction`))',
  );
  return bounds(rows[0]);
}

/** The first and last fill of the whole trading database: MIN/MAX on trade.time_created's index. */
export async function allFillsHistoryBounds(trading: Pool): Promise<HistoryBounds | null> {
  const [rows] = await trading.query<RowDataPacket[]>(
    'SELECT MIN(`time_created`) AS lo, MAX(`time_created`) AS hi FROM `trade`',
  );
  return bounds(rows[0]);
}
