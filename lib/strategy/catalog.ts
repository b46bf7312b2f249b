import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../db/db-time';

/**
 * The actors of the trading database and when they last traded, kept in our dashboards
 * database and brought up to date incrementally by primary-key ranges of `order` and `trade`,
 * so listing strategies never scans the whole history (Gryphon's tables have no index on
 * `order.actor`). Every stored value is a MIN or MAX, so ranges can be re-read safely: each
 * refresh re-reads a tail of recent ids to catch rows whose transaction committed late.
 * Only the background job (lib/background/scheduler.ts) writes it; requests read it, together
 * with what it has not read yet (catalog-read.ts).
 */
const CHUNK_IDS = 200_000;
export const CATALOG_TAIL_IDS = 5_000;

export interface CatalogSource {
  /** `sync_state` name of the source's high-water mark: the last id read. */
  state: string;
  /** True for `order` (first and last order times), false for `trade` (last fill time). */
  orders: boolean;
  maxIdSql: string;
  rangeSql: string;
  upsertSql: string;
}

export const CATALOG_SOURCES: CatalogSource[] = [
  {
    state: 'actor_catalog.order_id',
    orders: true,
    maxIdSql: 'SELECT MAX(`order_id`) AS m FROM `order`',
    rangeSql:
      'SELECT `actor` AS actor, MIN(`time_created`) AS lo, MAX(`time_created`) AS hi FROM `order` ' +
      'WHERE `order_id` > ? AND `order_id` <= ? AND `actor` IS NOT NULL GROUP BY `actor`',
    upsertSql:
      'INSERT INTO `actor_catalog` (`actor`, `first_order_time`, `last_order_time`) VALUES ? ' +
      'ON DUPLICATE KEY UPDATE ' +
      '`first_order_time` = LEAST(COALESCE(`first_order_time`, VALUES(`first_order_time`)), VALUES(`first_order_time`)), ' +
      '`last_order_time` = GREATEST(COALESCE(`last_order_time`, VALUES(`last_order_time`)), VALUES(`last_order_time`))',
  },
  {
    state: 'actor_catalog.trade_id',
    orders: false,
    maxIdSql: 'SELECT MAX(`trade_id`) AS m FROM `trade`',
    rangeSql:
      'SELECT o.`actor` AS actor, MAX(t.`time_created`) AS hi FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
      'WHERE t.`trade_id` > ? AND t.`trade_id` <= ? AND o.`actor` IS NOT NULL GROUP BY o.`actor`',
    upsertSql:
      'INSERT INTO `actor_catalog` (`actor`, `last_fill_time`) VALUES ? ' +
      'ON DUPLICATE KEY UPDATE ' +
      '`last_fill_time` = GREATEST(COALESCE(`last_fill_time`, VALUES(`last_fill_time`)), VALUES(`last_fill_time`))',
  },
];

/** The last id of a source the catalog has read (0: none yet). */
export async function readCatalogMark(dashboards: Pool, name: string): Promise<number> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
    [name],
  );
  return rows.length ? Number(rows[0].value) : 0;
}

async function writeState(dashboards: Pool, name: string, value: number, now: Date): Promise<void> {
  await dashboards.query(
    "INSERT INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', ?, ?) " +
      'ON DUPLICATE KEY UPDATE `value` = VALUES(`value`), `time_updated` = VALUES(`time_updated`)',
    [name, String(value), toDbDate(now)],
  );
}

/**
 * Reads new order and trade ids into the catalog for at most `budgetMs` (the background job's
 * budget). Returns how far it got: 1 = caught up.
 */
export async function refreshActorCatalog(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date },
): Promise<{ progress: number }> {
  const deadline = Date.now() + opts.budgetMs;
  let done = 0;
  let total = 0;
  for (const src of CATALOG_SOURCES) {
    const [[max]] = await trading.query<RowDataPacket[]>(src.maxIdSql);
    const maxId = Number(max?.m ?? 0);
    let hwm = await readCatalogMark(dashboards, src.state);
    let from = Math.max(0, Math.min(hwm, maxId) - CATALOG_TAIL_IDS);
    while (from < maxId && Date.now() < deadline) {
      const to = Math.min(from + CHUNK_IDS, maxId);
      const [rows] = await trading.query<RowDataPacket[]>(src.rangeSql, [from, to]);
      if (rows.length) {
        const values = rows.map((r) =>
          src.orders ? [String(r.actor), r.lo, r.hi] : [String(r.actor), r.hi],
        );
        await dashboards.query(src.upsertSql, [values]);
      }
      hwm = Math.max(hwm, to);
      await writeState(dashboards, src.state, hwm, opts.now);
      from = to;
    }
    done += Math.min(hwm, maxId);
    total += maxId;
  }
  return { progress: total === 0 ? 1 : done / total };
}
