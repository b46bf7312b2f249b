import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { HistoryBounds } from '../../core/time/history-edge';
import { parseDbDate } from '../db-time';

/**
 * First and last entries of the trading tables, without scanning them (for saying where a
 * history begins when a window holds nothing: lib/core/time/history-edge.ts).
 *
 * `transaction` has no index on its times, only its primary key and exchange_id (its foreign
 * key), so the first and last transaction are found by MIN/MAX(transaction_id), on the primary
 * key or on exchange_id's index (one lookup each), and their times read by primary key. Gryphon
 * inserts a transaction when it happens, so ids follow time; a row entered late with an older
 * date would be missed, and the message would name a later start. The time is the ledger's:
 * completion, else creation.
 */
const TX_TIME_SQL = 'COALESCE(x.`time_completed`, x.`time_created`)';

/** Of every transaction (exchangeIds null) or of those of these exchange rows. */
export async function transactionHistoryBounds(
  trading: Pool,
  exchangeIds: number[] | null,
): Promise<HistoryBounds | null> {
  const ids = await Promise.all(
    (exchangeIds ?? [null]).map(async (exchangeId) => {
      const [rows] = await trading.query<RowDataPacket[]>(
        'SELECT MIN(`transaction_id`) AS lo, MAX(`transaction_id`) AS hi FROM `transaction`' +
          (exchangeId === null ? '' : ' WHERE `exchange_id` = ?'),
        exchangeId === null ? [] : [exchangeId],
      );
      return rows[0]?.lo === null || rows[0]?.lo === undefined
        ? null
        : [Number(rows[0].lo), Number(rows[0].hi)];
    }),
  );
  const known = ids.filter((x): x is number[] => x !== null);
  if (known.length === 0) return null;
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT ${TX_TIME_SQL} AS t FROM \`transaction\` x WHERE x.\`transaction_id\` IN (?)`,
    [known.flat()],
  );
  const times = rows.map((r) => parseDbDate(r.t)).filter((d): d is Date => d !== null);
  if (times.length === 0) return null;
  const ms = times.map((d) => d.getTime());
  return { first: new Date(Math.min(...ms)), last: new Date(Math.max(...ms)) };
}

/** The first and last fill of the whole trading database: MIN/MAX on trade.time_created's index. */
export async function allFillsHistoryBounds(trading: Pool): Promise<HistoryBounds | null> {
  const [rows] = await trading.query<RowDataPacket[]>(
    'SELECT MIN(`time_created`) AS lo, MAX(`time_created`) AS hi FROM `trade`',
  );
  const first = parseDbDate(rows[0]?.lo);
  const last = parseDbDate(rows[0]?.hi);
  return first && last ? { first, last } : null;
}
