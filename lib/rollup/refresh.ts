import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { assertSchemaNotNewer } from '../db/dashboards/schema-version';
import { parseDbDate, toDbDate } from '../db/db-time';
import { DAY_MS, STORED_LEVELS, type StoredLevel } from './domain/buckets';
import { type BucketSums, rollUp, sumsFromSql, sumsToRow } from './domain/sums';
import { fifoStep, readFifoTime, replayStrategy, resetFifoTime, strategiesBetween } from './fifo';
import { readRollupMark, ROLLUP_STATE } from './read';
import {
  FILLS_FROM_SQL,
  fiveMinuteStartSql,
  MINUTE_SQL,
  ROLLUP_GROUP_SQL,
  ROLLUP_KEYS_SQL,
  ROLLUP_SUMS_SQL,
  ROLLUP_UPSERT_SQL,
} from './sql';

/**
 * Builds the rollup (table rollup_fill, see lib/db/dashboards/schema.ts) from the trading
 * database, which stays read-only, into ours.
 *
 * Invariant: rollup_fill holds, at each of its levels (1 minute, 5 minutes, 1 hour, 1 day), the exact sums of every fill
 * with trade_id <= the high-water mark (sync_state `rollup.trade_id`), and of no other.
 * - The mark only moves to fills at least SAFETY_LAG_MS old, so a fill whose transaction
 *   commits a little late (or a replica a little behind) is not skipped.
 * - Sums are added, not recomputed, so each id range is added exactly once, whatever the number
 *   of servers: a chunk is read without any lock, then added under a row lock on the mark
 *   (SELECT ... FOR UPDATE) in the same transaction that moves it; a worker that finds the mark
 *   moved meanwhile discards its chunk.
 * - A fill that appears below the mark anyway (a transaction open longer than the lag, rows
 *   copied in later) is found by verifyRollup's count check and its day rebuilt.
 * Readers add the fills above the mark live (read.ts), so pages are exact while it catches up.
 */
export const SAFETY_LAG_MS = 10 * 60 * 1000;
const CHUNK_IDS = 100_000;
const INSERT_BATCH = 2_000;

/**
 * The highest trade id below which every fill is at least SAFETY_LAG_MS old: one less than the
 * smallest id among the recent fills (a short range of the time_created index), or the newest
 * id when nothing is recent. Right whatever order ids and times come in.
 */
export async function rollupTarget(trading: Pool, now: Date): Promise<number> {
  const [[recent], [all]] = await Promise.all([
    trading.query<RowDataPacket[]>(
      'SELECT MIN(`trade_id`) AS id FROM `trade` WHERE `time_created` >= ?',
      [toDbDate(new Date(now.getTime() - SAFETY_LAG_MS))],
    ),
    trading.query<RowDataPacket[]>('SELECT COALESCE(MAX(`trade_id`), 0) AS id FROM `trade`'),
  ]);
  return recent[0].id === null ? Number(all[0].id) : Number(recent[0].id) - 1;
}

/** Per-minute sums of the fills matching `where`, rolled up to 5 minutes, hours and days too. */
export async function sumFillsByLevel(
  trading: Pool,
  where: string,
  params: unknown[],
): Promise<Record<StoredLevel, BucketSums[]>> {
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT ${MINUTE_SQL} AS bucket, ${ROLLUP_KEYS_SQL}, ${ROLLUP_SUMS_SQL} ${FILLS_FROM_SQL} ` +
      `WHERE ${where} GROUP BY bucket, ${ROLLUP_GROUP_SQL}`,
    params,
  );
  const minutes = rows.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0]));
  return { 1: minutes, 4: rollUp(minutes, 4), 2: rollUp(minutes, 2), 3: rollUp(minutes, 3) };
}

export async function writeSums(
  conn: PoolConnection,
  sums: Record<StoredLevel, BucketSums[]>,
): Promise<number> {
  const rows = STORED_LEVELS.flatMap((level) => sums[level].map((s) => sumsToRow(level, s)));
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await conn.query(ROLLUP_UPSERT_SQL, [rows.slice(i, i + INSERT_BATCH)]);
  }
  return rows.length;
}

/**
 * Runs `fn` holding the row lock on the mark (other servers wait); commits what it wrote.
 * Refuses (NewerSchemaError) once the dashboards database has been migrated past this code: a
 * server left running across an upgrade stops writing the rollup until it is restarted.
 */
export async function withRollupLock<T>(
  dashboards: Pool,
  now: Date,
  fn: (conn: PoolConnection, mark: number) => Promise<T>,
): Promise<T> {
  await dashboards.query(
    "INSERT IGNORE INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', '0', ?)",
    [ROLLUP_STATE, toDbDate(now)],
  );
  const conn = await dashboards.getConnection();
  try {
    await conn.beginTransaction();
    const [locked] = await conn.query<RowDataPacket[]>(
      "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = '' FOR UPDATE",
      [ROLLUP_STATE],
    );
    await assertSchemaNotNewer(conn);
    const result = await fn(conn, Number(locked[0].value));
    await conn.commit();
    return result;
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}

export async function setRollupMark(conn: PoolConnection, mark: number, now: Date): Promise<void> {
  await conn.query(
    "UPDATE `sync_state` SET `value` = ?, `time_updated` = ? WHERE `name` = ? AND `scope` = ''",
    [String(mark), toDbDate(now), ROLLUP_STATE],
  );
}

export interface RollupProgress {
  mark: number;
  target: number;
  caughtUp: boolean;
  /**
   * The oldest time (epoch ms) among the fills this call added, null when none: a fill recorded
   * long after it happened lands behind the rollups that follow time (lib/quality's markouts),
   * which the caller rewinds to it.
   */
  oldestAdded?: number | null;
}

/** Adds new id ranges for about `budgetMs` (at least one); safe on several servers at once. */
export async function refreshRollup(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date; chunkIds?: number; onChunk?: (p: RollupProgress) => void },
): Promise<RollupProgress> {
  const deadline = Date.now() + opts.budgetMs;
  const target = await rollupTarget(trading, opts.now);
  let mark = await withRollupLock(dashboards, opts.now, async (_, m) => m);
  let oldestAdded: number | null = null;
  // At least one chunk per call when behind, whatever the budget.
  for (let first = true; mark < target && (first || Date.now() < deadline); first = false) {
    const from = mark;
    const to = Math.min(from + (opts.chunkIds ?? CHUNK_IDS), target);
    const [sums, [[range]]] = await Promise.all([
      sumFillsByLevel(trading, 't.`trade_id` > ? AND t.`trade_id` <= ?', [from, to]),
      // a primary-key range: cheap
      trading.query<RowDataPacket[]>(
        'SELECT MIN(`time_created`) AS oldest FROM `trade` WHERE `trade_id` > ? AND `trade_id` <= ?',
        [from, to],
      ),
    ]);
    const oldest = range?.oldest ? parseDbDate(range.oldest)!.getTime() : null;
    mark = await withRollupLock(dashboards, opts.now, async (conn, locked) => {
      if (locked !== from) return locked; // another server added this range meanwhile
      await writeSums(conn, sums);
      await setRollupMark(conn, to, opts.now);
      const step = {
        from,
        mark: to,
        caughtUp: to >= target,
        now: opts.now,
        safetyLagMs: SAFETY_LAG_MS,
      };
      await fifoStep(conn, trading, step);
      return to;
    });
    if (mark === to && oldest !== null)
      oldestAdded = oldestAdded === null ? oldest : Math.min(oldestAdded, oldest);
    opts.onChunk?.({ mark, target, caughtUp: mark >= target });
  }
  if (mark >= target) {
    // Caught up: the FIFO states still move forward with time (a quiet market adds no chunk).
    await withRollupLock(dashboards, opts.now, (conn, m) =>
      fifoStep(conn, trading, {
        from: m,
        mark: m,
        caughtUp: true,
        now: opts.now,
        safetyLagMs: SAFETY_LAG_MS,
      }),
    );
  }
  return { mark, target, caughtUp: mark >= target, oldestAdded };
}

/**
 * Recomputes whole UTC days (every level) from the trading database, for ids up to the mark,
 * under the lock: what verifyRollup does when a day's count disagrees, and `npm run rollup --
 * --rebuild --from DATE`.
 */
export async function rebuildDays(
  trading: Pool,
  dashboards: Pool,
  days: readonly number[],
  now: Date,
): Promise<void> {
  await withRollupLock(dashboards, now, (conn, mark) => rebuildLocked(conn, trading, mark, days));
}

async function rebuildLocked(
  conn: PoolConnection,
  trading: Pool,
  mark: number,
  days: readonly number[],
): Promise<void> {
  const strategies = new Map<string, { actor: string; volumeCurrency: string }>();
  for (const day of days) {
    const from = toDbDate(new Date(day));
    const to = toDbDate(new Date(day + DAY_MS));
    await conn.query(
      'DELETE FROM `rollup_fill` WHERE (`level` IN (1, 2, 4) AND `bucket` >= ? AND `bucket` < ?) OR (`level` = 3 AND `bucket` = ?)',
      [from, to, from],
    );
    const sums = await sumFillsByLevel(
      trading,
      't.`time_created` >= ? AND t.`time_created` < ? AND t.`trade_id` <= ?',
      [from, to, mark],
    );
    await writeSums(conn, sums);
    for (const s of await strategiesBetween(trading, from, to, mark)) {
      strategies.set(`${s.actor}\u0000${s.volumeCurrency}`, s);
    }
  }
  // Their FIFO states after those days changed: replay them (rare: late fills).
  for (const s of strategies.values()) {
    await replayStrategy(conn, trading, s.actor, s.volumeCurrency, mark, await readFifoTime(conn));
  }
}

/**
 * Compares, day by day since `since` (null: the whole history), the number of fills with ids up
 * to the mark in the trading database with the rollup's, and rebuilds every day that differs
 * (a late fill, a deleted one). Holds the lock, so the mark cannot move meanwhile. Cheap for a
 * few recent days (the time_created index); the whole history reads every entry of that index.
 */
export async function verifyRollup(
  trading: Pool,
  dashboards: Pool,
  opts: { since: Date | null; now: Date },
): Promise<{ checkedDays: number; rebuilt: string[] }> {
  const since = opts.since
    ? toDbDate(new Date(Math.floor(opts.since.getTime() / DAY_MS) * DAY_MS))
    : null;
  // Outside the lock (the whole history's takes seconds): each query reads one snapshot, in
  // which the refresher's transactions wrote every level or none.
  const gaps = await fiveMinuteGaps(dashboards, since);
  return withRollupLock(dashboards, opts.now, async (conn, mark) => {
    if (mark === 0) return { checkedDays: 0, rebuilt: [] };
    const [[tradingRows], [rollupRows]] = await Promise.all([
      trading.query<RowDataPacket[]>(
        "SELECT DATE_FORMAT(`time_created`, '%Y-%m-%d') AS d, COUNT(*) AS n FROM `trade` WHERE `trade_id` <= ?" +
          (since ? ' AND `time_created` >= ?' : '') +
          ' GROUP BY d',
        since ? [mark, since] : [mark],
      ),
      conn.query<RowDataPacket[]>(
        "SELECT DATE_FORMAT(`bucket`, '%Y-%m-%d') AS d, SUM(`fill_count`) AS n FROM `rollup_fill` WHERE `level` = 3" +
          (since ? ' AND `bucket` >= ?' : '') +
          ' GROUP BY d',
        since ? [since] : [],
      ),
    ]);
    const diff = new Map<string, number>();
    for (const r of tradingRows) diff.set(String(r.d), Number(r.n));
    for (const r of rollupRows) diff.set(String(r.d), (diff.get(String(r.d)) ?? 0) - Number(r.n));
    const rebuilt = [
      ...new Set([...[...diff].filter(([, d]) => d !== 0).map(([d]) => d), ...gaps]),
    ].sort();
    await rebuildLocked(
      conn,
      trading,
      mark,
      rebuilt.map((d) => Date.parse(`${d}T00:00:00Z`)),
    );
    return { checkedDays: diff.size, rebuilt };
  });
}

/**
 * Days (YYYY-MM-DD) since `since` whose 5-minute rows (level 4) disagree with the rest of the
 * rollup: in rollup_fill, their fill count with the day's row; in rollup_fifo, their number
 * with the 5-minute stretches the minute rows fall in (per FIFO state; a range of the primary
 * key each). Only a server of a version before level 4 (migration 0028), still running after
 * the migration, writes minutes without them; verifyRollup rebuilds those days.
 */
async function fiveMinuteGaps(db: Pool, since: string | null): Promise<string[]> {
  const [[fills], [states]] = await Promise.all([
    db.query<RowDataPacket[]>(
      "SELECT DATE_FORMAT(`bucket`, '%Y-%m-%d') AS d FROM `rollup_fill` WHERE `level` IN (3, 4)" +
        (since ? ' AND `bucket` >= ?' : '') +
        ' GROUP BY d HAVING SUM(IF(`level` = 3, `fill_count`, -`fill_count`)) <> 0',
      since ? [since] : [],
    ),
    db.query<RowDataPacket[]>(
      'SELECT `actor` AS a, `volume_currency` AS v, `currency` AS c FROM `rollup_fifo_queue`',
    ),
  ]);
  const days = fills.map((r) => String(r.d));
  if (states.length > 0) {
    const range = `\`level\` IN (1, 4)${since ? ' AND `bucket` >= ?' : ''}`;
    const [rows] = await db.query<RowDataPacket[]>(
      "SELECT DISTINCT `d` FROM (SELECT DATE_FORMAT(`bucket`, '%Y-%m-%d') AS d, " +
        `COUNT(DISTINCT IF(\`level\` = 1, ${fiveMinuteStartSql('`bucket`')}, NULL)) - SUM(\`level\` = 4) AS n ` +
        'FROM `rollup_fifo` WHERE ' +
        states
          .map(
            () => `(\`actor\` = ? AND \`volume_currency\` = ? AND \`currency\` = ? AND ${range})`,
          )
          .join(' OR ') +
        ' GROUP BY `actor`, `volume_currency`, `currency`, d) x WHERE n <> 0',
      states.flatMap((r) => [r.a, r.v, r.c, ...(since ? [since] : [])]),
    );
    days.push(...rows.map((r) => String(r.d)));
  }
  return days;
}

export { readRollupMark };

/** Empties the rollup and its mark (npm run rollup -- --rebuild): the next refresh starts over. */
export async function resetRollup(dashboards: Pool, now: Date): Promise<void> {
  await withRollupLock(dashboards, now, async (conn) => {
    await conn.query('DELETE FROM `rollup_fill`');
    await conn.query('DELETE FROM `rollup_fifo`');
    await conn.query('DELETE FROM `rollup_fifo_queue`');
    await resetFifoTime(conn);
    await setRollupMark(conn, 0, now);
  });
}
