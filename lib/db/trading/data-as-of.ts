import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { ConfigError, DatabaseUnreachableError } from '../../core/errors';
import { parseDbDate } from '../db-time';
import { rethrowFromPools } from '../pool';
import { getTradingDb } from './client';

/**
 * How fresh the trading data behind a page is: the newest fill of the whole trading database
 * (the highest trade_id: Gryphon inserts a fill when it happens, so ids follow time) and its
 * age when the page was read. Every dashboard and its JSON carry it (`dataAsOf`) so that a bot
 * that stopped writing is not mistaken for a quiet market.
 *
 * `time`: when the data was read (the request's `now`), ISO 8601 UTC. `newestFillId`,
 * `newestFillTime`: null when the trading database has no fills. `ageSeconds`: whole seconds
 * from the newest fill to `time` (negative when the fill is stamped after `now`, e.g. a clock
 * ahead on the trading host), null without fills.
 */
export interface DataAsOf {
  time: string;
  newestFillId: number | null;
  newestFillTime: string | null;
  ageSeconds: number | null;
}

/**
 * One primary-key lookup: the subquery's MAX(trade_id) is read from the end of the primary
 * key ("Select tables optimized away" in EXPLAIN), the outer row by that key (type const).
 * Never a scan, whatever the size of `trade` (lib/db/trading/data-as-of.db.test.ts checks the
 * plan).
 */
export const NEWEST_FILL_SQL =
  'SELECT t.`trade_id` AS id, t.`time_created` AS at FROM `trade` t ' +
  'WHERE t.`trade_id` = (SELECT MAX(`trade_id`) FROM `trade`)';

export async function readDataAsOf(trading: Pool, now: Date): Promise<DataAsOf> {
  const [rows] = await trading.query<RowDataPacket[]>(NEWEST_FILL_SQL);
  const row = rows[0];
  const at = parseDbDate(row?.at);
  if (!row || !at) {
    return { time: now.toISOString(), newestFillId: null, newestFillTime: null, ageSeconds: null };
  }
  return {
    time: now.toISOString(),
    newestFillId: Number(row.id),
    newestFillTime: at.toISOString(),
    ageSeconds: Math.floor((now.getTime() - at.getTime()) / 1000),
  };
}

/**
 * The process's trading database, for a page or an API route: null when it cannot be reached
 * or is not configured (the page's own load reports that, with the reason); any other error
 * is a bug and is rethrown.
 */
export async function loadDataAsOf(now: Date): Promise<DataAsOf | null> {
  try {
    const trading = getTradingDb().pool;
    return await readDataAsOf(trading, now).catch((err) => rethrowFromPools(err, [trading]));
  } catch (err) {
    if (err instanceof DatabaseUnreachableError || err instanceof ConfigError) return null;
    throw err;
  }
}
