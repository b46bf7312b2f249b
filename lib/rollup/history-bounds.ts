import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { type HistoryBounds, mergeBounds } from '../core/time/history-edge';
import { parseDbDate, toDbDate } from '../db/db-time';
import { FILL_ACCOUNT_SQL, FILL_ACTOR_SQL } from '../fills/sql';
import { MINUTE_MS } from './domain/buckets';
import { readRollupMark } from './read';
import { FILLS_FROM_SQL } from './sql';

/**
 * The first and last fill of a strategy actor or of an account, without scanning its history:
 * the rollup's minute buckets give the minutes (MIN/MAX on the indexes (actor, level, bucket)
 * and (account, level, bucket), one index lookup each), one minute of trade.time_created's
 * index gives the second, and the fills above the rollup's mark (not rolled up yet: the
 * newest minutes) are read live, as every page reads them. Keys as lib/fills/sql.ts.
 */
export type FillScope = { actor: string } | { account: string };

const scopeSql = (scope: FillScope) =>
  'actor' in scope
    ? { column: 'actor', key: scope.actor.toUpperCase(), fill: FILL_ACTOR_SQL }
    : { column: 'account', key: scope.account.toUpperCase(), fill: FILL_ACCOUNT_SQL };

export async function fillHistoryBounds(
  trading: Pool,
  dashboards: Pool,
  scope: FillScope,
): Promise<HistoryBounds | null> {
  const { column, key, fill } = scopeSql(scope);
  const [mark, [rolled]] = await Promise.all([
    readRollupMark(dashboards),
    dashboards.query<RowDataPacket[]>(
      `SELECT MIN(\`bucket\`) AS lo, MAX(\`bucket\`) AS hi FROM \`rollup_fill\` WHERE \`${column}\` = ? AND \`level\` = 1`,
      [key],
    ),
  ]);
  const [live] = await trading.query<RowDataPacket[]>(
    `SELECT MIN(t.\`time_created\`) AS lo, MAX(t.\`time_created\`) AS hi ${FILLS_FROM_SQL} ` +
      `WHERE t.\`trade_id\` > ? AND ${fill} = ?`,
    [mark, key],
  );
  const loMinute = parseDbDate(rolled[0]?.lo);
  const hiMinute = parseDbDate(rolled[0]?.hi);
  const inMinute = async (minute: Date, agg: 'MIN' | 'MAX') => {
    const [rows] = await trading.query<RowDataPacket[]>(
      `SELECT ${agg}(t.\`time_created\`) AS t ${FILLS_FROM_SQL} ` +
        `WHERE t.\`time_created\` >= ? AND t.\`time_created\` < ? AND t.\`trade_id\` <= ? AND ${fill} = ?`,
      [toDbDate(minute), toDbDate(new Date(minute.getTime() + MINUTE_MS)), mark, key],
    );
    // a minute the rollup counts but no longer finds (rows deleted since): the minute itself
    return parseDbDate(rows[0]?.t) ?? minute;
  };
  const rolledBounds =
    loMinute && hiMinute
      ? { first: await inMinute(loMinute, 'MIN'), last: await inMinute(hiMinute, 'MAX') }
      : null;
  const liveLo = parseDbDate(live[0]?.lo);
  const liveHi = parseDbDate(live[0]?.hi);
  return mergeBounds(rolledBounds, liveLo && liveHi ? { first: liveLo, last: liveHi } : null);
}
