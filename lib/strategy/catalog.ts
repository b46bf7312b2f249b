import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate, toDbDate } from '../db/db-time';

/**
 * The actors of the trading database and when they last traded, kept in our dashboards
 * database and brought up to date incrementally by primary-key ranges of `order` and `trade`,
 * so listing strategies never scans the whole history (Gryphon's tables have no index on
 * `order.actor`). Every stored value is a MIN or MAX, so ranges can be re-read safely: each
 * refresh re-reads a tail of recent ids to catch rows whose transaction committed late.
 */
const CHUNK_IDS = 200_000;
const TAIL_IDS = 5_000;

interface Source {
  state: string;
  maxIdSql: string;
  rangeSql: string;
  upsertSql: string;
}

const SOURCES: Source[] = [
  {
    state: 'actor_catalog.order_id',
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

async function readState(dashboards: Pool, name: string): Promise<number> {
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
 * Reads new order and trade ids into the catalog for at most `budgetMs`. Returns how far it
 * got (1 = caught up) so the page can say the list may be incomplete on a first, huge build.
 */
export async function refreshActorCatalog(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date },
): Promise<{ progress: number }> {
  const deadline = Date.now() + opts.budgetMs;
  let done = 0;
  let total = 0;
  for (const src of SOURCES) {
    const [[max]] = await trading.query<RowDataPacket[]>(src.maxIdSql);
    const maxId = Number(max?.m ?? 0);
    let hwm = await readState(dashboards, src.state);
    let from = Math.max(0, Math.min(hwm, maxId) - TAIL_IDS);
    while (from < maxId && Date.now() < deadline) {
      const to = Math.min(from + CHUNK_IDS, maxId);
      const [rows] = await trading.query<RowDataPacket[]>(src.rangeSql, [from, to]);
      if (rows.length) {
        const values = rows.map((r) =>
          src.state.endsWith('order_id') ? [String(r.actor), r.lo, r.hi] : [String(r.actor), r.hi],
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

export interface ActorActivity {
  actor: string;
  firstOrderTime: Date | null;
  lastOrderTime: Date | null;
  lastFillTime: Date | null;
  /** Fills in the 24 hours before `now`. */
  fills24h: number;
}

/** Catalogued actors with their recent activity; the 24-hour counts use trade.time_created's index. */
export async function listActorActivity(
  trading: Pool,
  dashboards: Pool,
  now: Date,
): Promise<ActorActivity[]> {
  const [catalog] = await dashboards.query<RowDataPacket[]>(
    'SELECT `actor`, `first_order_time`, `last_order_time`, `last_fill_time` FROM `actor_catalog`',
  );
  const since = toDbDate(new Date(now.getTime() - 24 * 3600 * 1000));
  const [recent] = await trading.query<RowDataPacket[]>(
    'SELECT o.`actor` AS actor, COUNT(*) AS n FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
      'WHERE t.`time_created` >= ? GROUP BY o.`actor`',
    [since],
  );
  const counts = new Map<string, number>();
  for (const r of recent) {
    if (r.actor === null) continue;
    const key = String(r.actor).toUpperCase();
    counts.set(key, (counts.get(key) ?? 0) + Number(r.n));
  }
  return catalog.map((r) => ({
    actor: String(r.actor),
    firstOrderTime: parseDbDate(r.first_order_time),
    lastOrderTime: parseDbDate(r.last_order_time),
    lastFillTime: parseDbDate(r.last_fill_time),
    fills24h: counts.get(String(r.actor).toUpperCase()) ?? 0,
  }));
}
