import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../db/db-time';
import type { FillSums } from './domain/types';
import { lastTradeIdBefore, sumFillsByIdRange } from './queries/fills';

/**
 * Daily checkpoints of fills (dashboards table `fund_daily_fill`): per day, account, actor,
 * side, currencies and rated flag, the sums of volume, notional, USD notional and fees. A
 * one-year fund window then reads a few thousand checkpoint rows instead of every fill.
 * The ledger's per-account balances are a projection of these rows (group by account and
 * currency), so other views can reuse them.
 *
 * Same scheme as lib/strategy/actor-daily.ts: the table covers trade ids up to a high-water
 * mark (sync_state `fund_daily.trade_id`) that only moves to fills at least SAFETY_LAG_MS old;
 * fills above it are read live. A chunk is read without holding any lock, then added under a
 * row lock on the mark, in the same transaction that moves it, and discarded if another
 * worker moved the mark meanwhile: each id range is added exactly once, whatever the number
 * of servers. Fills are assumed immutable; after rewriting trading history, empty
 * fund_daily_fill and delete the sync_state row.
 */
export const FUND_CHECKPOINT_STATE = 'fund_daily.trade_id';
const CHUNK_IDS = 250_000;
export const SAFETY_LAG_MS = 10 * 60 * 1000;

export async function readFundMark(dashboards: Pool | PoolConnection): Promise<number> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
    [FUND_CHECKPOINT_STATE],
  );
  return rows.length ? Number(rows[0].value) : 0;
}

export interface FundCheckpointProgress {
  mark: number;
  caughtUp: boolean;
}

const inFlight = globalThis as unknown as { __fundCheckpointRun?: Promise<FundCheckpointProgress> };

/** Adds new id ranges for at most `budgetMs` (one run per process at a time). */
export function refreshFundCheckpoints(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date; chunkIds?: number },
): Promise<FundCheckpointProgress> {
  inFlight.__fundCheckpointRun ??= run(trading, dashboards, opts).finally(() => {
    inFlight.__fundCheckpointRun = undefined;
  });
  return inFlight.__fundCheckpointRun;
}

async function run(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date; chunkIds?: number },
): Promise<FundCheckpointProgress> {
  const deadline = Date.now() + opts.budgetMs;
  const target = await lastTradeIdBefore(trading, new Date(opts.now.getTime() - SAFETY_LAG_MS));
  await dashboards.query(
    "INSERT IGNORE INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', '0', ?)",
    [FUND_CHECKPOINT_STATE, toDbDate(opts.now)],
  );
  let mark = await readFundMark(dashboards);
  while (mark < target && Date.now() < deadline) {
    const to = Math.min(mark + (opts.chunkIds ?? CHUNK_IDS), target);
    const rows = await sumFillsByIdRange(trading, mark, to);
    if (!(await addChunk(dashboards, mark, to, rows, opts.now))) break;
    mark = to;
  }
  mark = await readFundMark(dashboards);
  return { mark, caughtUp: mark >= target };
}

const UPSERT =
  'INSERT INTO `fund_daily_fill` (`day`, `account`, `actor`, `side`, `price_currency`, `volume_currency`, `fee_currency`, `rated`, ' +
  '`volume`, `price`, `price_usd`, `fee`, `fill_count`) VALUES ? ON DUPLICATE KEY UPDATE `volume` = `volume` + VALUES(`volume`), ' +
  '`price` = `price` + VALUES(`price`), `price_usd` = `price_usd` + VALUES(`price_usd`), `fee` = `fee` + VALUES(`fee`), ' +
  '`fill_count` = `fill_count` + VALUES(`fill_count`)';

async function addChunk(
  dashboards: Pool,
  from: number,
  to: number,
  rows: FillSums[],
  now: Date,
): Promise<boolean> {
  const conn = await dashboards.getConnection();
  try {
    await conn.beginTransaction();
    const [locked] = await conn.query<RowDataPacket[]>(
      "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = '' FOR UPDATE",
      [FUND_CHECKPOINT_STATE],
    );
    if (Number(locked[0]?.value ?? 0) !== from) {
      await conn.rollback();
      return false;
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const values = rows
        .slice(i, i + 1000)
        .map((r) => [
          r.day,
          r.account,
          r.actor,
          r.side,
          r.priceCurrency,
          r.volumeCurrency,
          r.feeCurrency,
          r.rated ? 1 : 0,
          r.volume,
          r.price,
          r.priceUsd,
          r.fee,
          r.count,
        ]);
      await conn.query(UPSERT, [values]);
    }
    await conn.query(
      "UPDATE `sync_state` SET `value` = ?, `time_updated` = ? WHERE `name` = ? AND `scope` = ''",
      [String(to), toDbDate(now), FUND_CHECKPOINT_STATE],
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
