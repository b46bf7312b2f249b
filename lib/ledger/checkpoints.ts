import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../db/db-time';
import { foldCheckpointRows, type CheckpointInput } from './domain/checkpoints';
import type { CheckpointSums } from './domain/totals';
import {
  FILL_ACCOUNT_SQL,
  FILL_FEE_CURRENCY_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
} from '../fills/sql';

/**
 * Per-account per-day sums of fills (table ledger_daily), read by trade_id ranges of the
 * trading database and kept in ours. Sums are additive, so a range must be added exactly once:
 * the high-water mark is advanced in the same transaction as the sums, under a row lock, and a
 * worker that finds it moved discards its chunk. Fills newer than LAG_SECONDS are left to the
 * live queries: a fill whose transaction commits late (a lower trade_id appearing after higher
 * ones) is thereby still counted, as long as no write transaction stays open for an hour.
 * Fills are assumed immutable (Gryphon never updates or deletes them); after rewriting trading
 * history, empty ledger_daily and delete the sync_state row 'ledger_daily.trade_id'.
 */
export const CHECKPOINT_STATE = 'ledger_daily.trade_id';
const CHUNK_FILLS = 200_000;
const LAG_SECONDS = 3600;

export async function readCheckpointMark(dashboards: Pool | PoolConnection): Promise<number> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
    [CHECKPOINT_STATE],
  );
  return rows.length ? Number(rows[0].value) : 0;
}

/** Sums over days in [fromDay, toDay) (YYYY-MM-DD; fromDay null = from the beginning). */
export async function readCheckpointSums(
  dashboards: Pool,
  orderExchangeNames: readonly string[],
  fromDay: string | null,
  toDay: string,
): Promise<CheckpointSums[]> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT \`currency\`, SUM(\`credits\`) AS credits, SUM(\`debits\`) AS debits, SUM(\`fees\`) AS fees,
       SUM(\`fill_count\`) AS fills
     FROM \`ledger_daily\` WHERE \`account\` IN (?) AND \`day\` < ?${fromDay ? ' AND `day` >= ?' : ''}
     GROUP BY \`currency\``,
    [orderExchangeNames.map((n) => n.toUpperCase()), toDay, ...(fromDay ? [fromDay] : [])],
  );
  return rows.map((r) => ({
    currency: String(r.currency),
    credits: r.credits,
    debits: r.debits,
    fees: r.fees,
    fills: Number(r.fills),
  }));
}

const inFlight = globalThis as unknown as { __ledgerCheckpointRun?: Promise<CheckpointProgress> };

export interface CheckpointProgress {
  /** Trade ids up to this are in the checkpoints. */
  mark: number;
  /** mark / the highest id that may be checkpointed now (1 = caught up). */
  progress: number;
}

/** Brings the checkpoints up to date for at most `budgetMs` (one run per process at a time). */
export function refreshLedgerCheckpoints(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date; chunkFills?: number },
): Promise<CheckpointProgress> {
  inFlight.__ledgerCheckpointRun ??= runCheckpointRefresh(trading, dashboards, opts).finally(() => {
    inFlight.__ledgerCheckpointRun = undefined;
  });
  return inFlight.__ledgerCheckpointRun;
}

/** One refresh without the per-process guard: concurrent runs (other servers) are safe, each chunk is added once. */
export async function runCheckpointRefresh(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date; chunkFills?: number },
): Promise<CheckpointProgress> {
  const deadline = Date.now() + opts.budgetMs;
  const [[ids]] = await trading.query<RowDataPacket[]>(
    'SELECT MAX(`trade_id`) AS maxId, (SELECT MIN(`trade_id`) FROM `trade` WHERE `time_created` >= ?) AS recentId FROM `trade`',
    [toDbDate(new Date(opts.now.getTime() - LAG_SECONDS * 1000))],
  );
  const maxId = Number(ids?.maxId ?? 0);
  const safe =
    ids?.recentId === null || ids?.recentId === undefined
      ? maxId
      : Math.min(maxId, Number(ids.recentId) - 1);
  let mark = await readCheckpointMark(dashboards);
  while (mark < safe && Date.now() < deadline) {
    const to = Math.min(await chunkEnd(trading, mark, opts.chunkFills ?? CHUNK_FILLS), safe);
    const rows = foldCheckpointRows(await readChunk(trading, mark, to));
    if (!(await applyChunk(dashboards, mark, to, rows, opts.now))) break; // another worker moved the mark
    mark = to;
  }
  mark = await readCheckpointMark(dashboards);
  return { mark, progress: safe <= 0 ? 1 : Math.min(1, mark / safe) };
}

/** The id `size` fills after `above` (ids have gaps), or Infinity when fewer remain. */
async function chunkEnd(trading: Pool, above: number, size: number): Promise<number> {
  const [rows] = await trading.query<RowDataPacket[]>(
    'SELECT `trade_id` AS id FROM `trade` WHERE `trade_id` > ? ORDER BY `trade_id` LIMIT 1 OFFSET ?',
    [above, size - 1],
  );
  return rows.length ? Number(rows[0].id) : Infinity;
}

async function readChunk(trading: Pool, above: number, atMost: number): Promise<CheckpointInput[]> {
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT ${FILL_ACCOUNT_SQL} AS account, DATE_FORMAT(t.\`time_created\`, '%Y-%m-%d') AS day, ${FILL_SIDE_SQL} AS side,
       ${FILL_PRICE_CURRENCY_SQL} AS priceCur, ${FILL_VOLUME_CURRENCY_SQL} AS volumeCur, ${FILL_FEE_CURRENCY_SQL} AS feeCur,
       SUM(t.\`price\`) AS price, SUM(t.\`volume\`) AS volume, SUM(t.\`fee\`) AS fee, COUNT(*) AS n
     FROM \`trade\` t JOIN \`order\` o ON o.\`order_id\` = t.\`order_id\`
     WHERE t.\`trade_id\` > ? AND t.\`trade_id\` <= ? AND o.\`exchange_name\` IS NOT NULL
     GROUP BY account, day, side, priceCur, volumeCur, feeCur`,
    [above, atMost],
  );
  return rows.map((r) => ({
    account: String(r.account),
    day: String(r.day),
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

async function applyChunk(
  dashboards: Pool,
  from: number,
  to: number,
  rows: ReturnType<typeof foldCheckpointRows>,
  now: Date,
): Promise<boolean> {
  await dashboards.query(
    "INSERT IGNORE INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', '0', ?)",
    [CHECKPOINT_STATE, toDbDate(now)],
  );
  const conn = await dashboards.getConnection();
  try {
    await conn.beginTransaction();
    const [locked] = await conn.query<RowDataPacket[]>(
      "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = '' FOR UPDATE",
      [CHECKPOINT_STATE],
    );
    if (Number(locked[0]?.value ?? 0) !== from) {
      await conn.rollback();
      return false;
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const values = rows
        .slice(i, i + 1000)
        .map((r) => [r.account, r.currency, r.day, r.credits, r.debits, r.fees, r.fills]);
      await conn.query(
        'INSERT INTO `ledger_daily` (`account`, `currency`, `day`, `credits`, `debits`, `fees`, `fill_count`) VALUES ? ' +
          'ON DUPLICATE KEY UPDATE `credits` = `credits` + VALUES(`credits`), `debits` = `debits` + VALUES(`debits`), ' +
          '`fees` = `fees` + VALUES(`fees`), `fill_count` = `fill_count` + VALUES(`fill_count`)',
        [values],
      );
    }
    await conn.query(
      "UPDATE `sync_state` SET `value` = ?, `time_updated` = ? WHERE `name` = ? AND `scope` = ''",
      [String(to), toDbDate(now), CHECKPOINT_STATE],
    );
    await conn.commit();
    return true;
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}
