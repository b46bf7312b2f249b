import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate, toDbDate } from '../db/db-time';

/**
 * The status board's own reads, each an indexed MAX or a primary-key lookup (EXPLAINed in
 * status.db.test.ts), never a scan of the history. Times come back as epoch ms (null: none).
 */
const ms = (v: unknown): number | null => parseDbDate(v as string | null)?.getTime() ?? null;

/**
 * The newest time_created of fills and orders (their time_created indexes answer MAX at once)
 * and of transactions: that table has no time index, so the newest by primary key stands for
 * it (Gryphon inserts transactions in time order).
 */
export async function readNewestRows(trading: Pool): Promise<{
  fill: number | null;
  order: number | null;
  transaction: number | null;
}> {
  const [[rows]] = await Promise.all([
    trading.query<RowDataPacket[]>(
      'SELECT (SELECT MAX(`time_created`) FROM `trade`) AS fill, ' +
        '(SELECT MAX(`time_created`) FROM `order`) AS ord, ' +
        '(SELECT `time_created` FROM `transaction` ORDER BY `transaction_id` DESC LIMIT 1) AS tx',
    ),
  ]);
  return { fill: ms(rows[0].fill), order: ms(rows[0].ord), transaction: ms(rows[0].tx) };
}

/** The time of the oldest fill above the rollup's mark (null: none), by primary key. */
export async function oldestFillAbove(trading: Pool, mark: number): Promise<number | null> {
  const [rows] = await trading.query<RowDataPacket[]>(
    'SELECT `time_created` AS t FROM `trade` WHERE `trade_id` > ? ORDER BY `trade_id` LIMIT 1',
    [mark],
  );
  return rows.length ? ms(rows[0].t) : null;
}

/**
 * An account's last fill: the rollup's newest minute of it (index rollup_fill_account), the
 * exact time within that minute (trade.time_created's index, one minute), and the fills not
 * rolled up yet (primary key above the mark).
 */
export async function lastAccountFill(
  trading: Pool,
  dashboards: Pool,
  orderExchangeNames: readonly string[],
  mark: number,
): Promise<number | null> {
  if (orderExchangeNames.length === 0) return null;
  const upper = orderExchangeNames.map((n) => n.toUpperCase());
  const [[minute], [above]] = await Promise.all([
    dashboards.query<RowDataPacket[]>(
      'SELECT MAX(`bucket`) AS b FROM `rollup_fill` WHERE `account` IN (?) AND `level` = 1',
      [upper],
    ),
    trading.query<RowDataPacket[]>(
      'SELECT MAX(t.`time_created`) AS t FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
        'WHERE t.`trade_id` > ? AND o.`exchange_name` IN (?)',
      [mark, orderExchangeNames],
    ),
  ]);
  let best = ms(above[0]?.t);
  const bucket = ms(minute[0]?.b);
  if (bucket !== null && (best === null || bucket + 60_000 > best)) {
    const [exact] = await trading.query<RowDataPacket[]>(
      'SELECT MAX(t.`time_created`) AS t FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
        'WHERE t.`time_created` >= ? AND t.`time_created` < ? AND t.`trade_id` <= ? AND o.`exchange_name` IN (?)',
      [toDbDate(new Date(bucket)), toDbDate(new Date(bucket + 60_000)), mark, orderExchangeNames],
    );
    const t = ms(exact[0]?.t) ?? bucket;
    if (best === null || t > best) best = t;
  }
  return best;
}

/** The volume and price currencies an actor has traded most (by the rollup's days). */
export async function usualCurrencies(
  dashboards: Pool,
  actor: string,
): Promise<{ volumeCurrency: string; priceCurrency: string } | null> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `volume_currency` AS v, `price_currency` AS p FROM `rollup_fill` WHERE `actor` = ? AND `level` = 3 ' +
      'GROUP BY `volume_currency`, `price_currency` ORDER BY SUM(`fill_count`) DESC LIMIT 1',
    [actor.toUpperCase()],
  );
  return rows.length && rows[0].v && rows[0].p
    ? { volumeCurrency: String(rows[0].v), priceCurrency: String(rows[0].p) }
    : null;
}
