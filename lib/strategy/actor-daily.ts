import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../db/db-time';
import { type Fixed, parseFixedOrZero } from '../core/money/fixed';
import { startOfUtcDay } from '../core/time/calendar';
import { FILL_ACTOR_SQL, FILL_VOLUME_CURRENCY_SQL } from '../fills/sql';
import { SIDE_VOLUMES, sumPositionAfterId, sumPositionBetween } from './queries';

/**
 * Per-actor daily checkpoints (dashboards table `actor_daily_volume`): the exact opening
 * position of a strategy at any instant costs a sum over at most one row per day plus the
 * fills of one partial day, never a scan of the actor's whole history.
 *
 * The table covers trade ids up to a high-water mark (sync_state `actor_daily.trade_id`), which
 * only ever moves to fills at least SAFETY_LAG_MS old, so a fill whose transaction commits a
 * little late is not skipped. Sums are added, not recomputed, so each id range must be added
 * exactly once: the high-water mark row is locked (SELECT ... FOR UPDATE) while a range is
 * added, and moves in the same transaction; several servers can share the database.
 */
const STATE = 'actor_daily.trade_id';
const CHUNK_IDS = 250_000;
export const SAFETY_LAG_MS = 10 * 60 * 1000;

const UPSERT =
  'INSERT INTO `actor_daily_volume` (`actor`, `volume_currency`, `day`, `bid_volume`, `ask_volume`, `fill_count`) VALUES ? ' +
  'ON DUPLICATE KEY UPDATE `bid_volume` = `bid_volume` + VALUES(`bid_volume`), ' +
  '`ask_volume` = `ask_volume` + VALUES(`ask_volume`), `fill_count` = `fill_count` + VALUES(`fill_count`)';

const RANGE =
  `SELECT ${FILL_ACTOR_SQL} AS actor, ${FILL_VOLUME_CURRENCY_SQL} AS cur, DATE(t.\`time_created\`) AS day, ` +
  `${SIDE_VOLUMES}, COUNT(*) AS n ` +
  'FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
  'WHERE t.`trade_id` > ? AND t.`trade_id` <= ? AND o.`actor` IS NOT NULL GROUP BY actor, cur, day';

/** The newest trade id that is old enough to checkpoint (ids grow with time in Gryphon's writes). */
async function safeMaxTradeId(trading: Pool, now: Date): Promise<number> {
  const [rows] = await trading.query<RowDataPacket[]>(
    'SELECT `trade_id` FROM `trade` WHERE `time_created` < ? ORDER BY `time_created` DESC, `trade_id` DESC LIMIT 1',
    [toDbDate(new Date(now.getTime() - SAFETY_LAG_MS))],
  );
  return rows.length ? Number(rows[0].trade_id) : 0;
}

export async function readDailyHighWaterMark(dashboards: Pool | PoolConnection): Promise<number> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
    [STATE],
  );
  return rows.length ? Number(rows[0].value) : 0;
}

/** Adds new id ranges for at most `budgetMs`; returns the high-water mark reached. */
export async function refreshActorDaily(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date },
): Promise<{ highWaterMark: number; caughtUp: boolean }> {
  const deadline = Date.now() + opts.budgetMs;
  const target = await safeMaxTradeId(trading, opts.now);
  await dashboards.query(
    "INSERT IGNORE INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', '0', ?)",
    [STATE, toDbDate(opts.now)],
  );
  let mark = await readDailyHighWaterMark(dashboards);
  while (mark < target && Date.now() < deadline) {
    const conn = await dashboards.getConnection();
    try {
      await conn.beginTransaction();
      const [locked] = await conn.query<RowDataPacket[]>(
        "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = '' FOR UPDATE",
        [STATE],
      );
      const from = Number(locked[0].value);
      const to = Math.min(from + CHUNK_IDS, target);
      if (to > from) {
        const [rows] = await trading.query<RowDataPacket[]>(RANGE, [from, to]);
        if (rows.length) {
          await conn.query(UPSERT, [rows.map((r) => [r.actor, r.cur, r.day, r.bid, r.ask, r.n])]);
        }
        await conn.query(
          "UPDATE `sync_state` SET `value` = ?, `time_updated` = ? WHERE `name` = ? AND `scope` = ''",
          [String(to), toDbDate(opts.now), STATE],
        );
      }
      await conn.commit();
      mark = Math.max(from, to);
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    } finally {
      conn.release();
    }
  }
  return { highWaterMark: mark, caughtUp: mark >= target };
}

export interface OpeningPosition {
  position: Fixed;
  /** Same-side volume of the partial first day [day start, at), to plan the lot search. */
  partialDay: { bid: Fixed; ask: Fixed };
  dayStart: Date;
}

/**
 * bids − asks of the actor's fills in `volumeCurrency` before `at`, exactly:
 *   checkpointed days before at's day (ids <= mark)
 * + every fill of at's own day before `at`
 * + fills with ids > mark on earlier days (not yet checkpointed).
 */
export async function openingPosition(
  trading: Pool,
  dashboards: Pool,
  q: { actor: string; volumeCurrency: string; at: Date },
): Promise<OpeningPosition> {
  const cur = q.volumeCurrency.toUpperCase();
  const dayStart = startOfUtcDay(q.at);
  const mark = await readDailyHighWaterMark(dashboards);
  const [[days]] = await dashboards.query<RowDataPacket[]>(
    'SELECT COALESCE(SUM(`bid_volume`), 0) AS bid, COALESCE(SUM(`ask_volume`), 0) AS ask FROM `actor_daily_volume` ' +
      'WHERE `actor` = ? AND `volume_currency` = ? AND `day` < ?',
    [q.actor.toUpperCase(), cur, toDbDate(dayStart).slice(0, 10)],
  );
  const partial = (
    await sumPositionBetween(trading, { actor: q.actor, from: dayStart, before: q.at })
  ).get(cur);
  const recent = (
    await sumPositionAfterId(trading, { actor: q.actor, afterTradeId: mark, before: dayStart })
  ).get(cur);
  const bid =
    parseFixedOrZero(days.bid) + parseFixedOrZero(partial?.bid) + parseFixedOrZero(recent?.bid);
  const ask =
    parseFixedOrZero(days.ask) + parseFixedOrZero(partial?.ask) + parseFixedOrZero(recent?.ask);
  return {
    position: bid - ask,
    partialDay: { bid: parseFixedOrZero(partial?.bid), ask: parseFixedOrZero(partial?.ask) },
    dayStart,
  };
}

/**
 * The earliest day whose fills, with the partial first day, can hold `needed` volume on one
 * side: the lots open at the window start lie between that day and the start. Walks the
 * checkpoint rows backwards, newest first.
 */
export async function lotSearchStart(
  dashboards: Pool,
  q: {
    actor: string;
    volumeCurrency: string;
    side: 'BID' | 'ASK';
    needed: Fixed;
    opening: OpeningPosition;
  },
): Promise<Date> {
  let covered = q.side === 'BID' ? q.opening.partialDay.bid : q.opening.partialDay.ask;
  let from = q.opening.dayStart;
  let before = toDbDate(q.opening.dayStart).slice(0, 10);
  const column = q.side === 'BID' ? '`bid_volume`' : '`ask_volume`';
  while (covered < q.needed) {
    const [rows] = await dashboards.query<RowDataPacket[]>(
      `SELECT DATE_FORMAT(\`day\`, '%Y-%m-%d') AS day, ${column} AS v FROM \`actor_daily_volume\` ` +
        'WHERE `actor` = ? AND `volume_currency` = ? AND `day` < ? AND ' +
        `${column} > 0 ` +
        'ORDER BY `day` DESC LIMIT 200',
      [q.actor.toUpperCase(), q.volumeCurrency.toUpperCase(), before],
    );
    if (rows.length === 0) return new Date(0); // history before the checkpoints: search it all
    for (const r of rows) {
      covered += parseFixedOrZero(r.v);
      from = new Date(`${r.day}T00:00:00Z`);
      if (covered >= q.needed) break;
    }
    before = String(rows[rows.length - 1].day);
  }
  return from;
}
