import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabases } from '../../tests/helpers/db';
import { parseDbCredential } from '../core/env';
import { fixedToString, parseFixed } from '../core/money/fixed';
import { toDbDate } from '../db/db-time';
import { createPool } from '../db/pool';
import { readMigrations } from '../db/dashboards/migrate';
import { CODE_SCHEMA_VERSION, NewerSchemaError } from '../db/dashboards/schema-version';
import { parseDbDate } from '../db/db-time';
import { DAY_MS, FIVE_MINUTES_MS, floorTo, HOUR_MS, MINUTE_MS } from './domain/buckets';
import { type BucketSums, mergeSums, rollUp, sumsFromSql } from './domain/sums';
import { readFillSums, readLevelSumsAboveMark, type FillSumsQuery } from './read';
import { readRollupMark, refreshRollup, resetRollup, verifyRollup } from './refresh';
import {
  FILLS_FROM_SQL,
  ROLLUP_GROUP_SQL,
  ROLLUP_KEYS_SQL,
  ROLLUP_SUMS_SQL,
  ROLLUP_TABLE_KEYS_SQL,
  ROLLUP_TABLE_SUMS_SQL,
} from './sql';

/**
 * The rollup against the plain computation (one GROUP BY over the window's fills), on a
 * generated history: any window, by day or not, filtered by actor or account, built by one
 * server or two at once, ahead of the rollup or behind it, and after a fill appears late.
 */
const END = new Date('2025-06-13T00:00:00Z');
const NOW = new Date(END.getTime() + DAY_MS);

let seeded: SeededDatabases;
let dbs: TestDatabases;
let trading: Pool;
let tradingWrite: Pool;
let dashboards: Pool;
let dashboards2: Pool;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 11, days: 6, end: END });
  ({ dbs, trading, dashboards } = seeded);
  tradingWrite = createPool(parseDbCredential('W', dbs.tradingWriteUrl!), 'trading', {
    connectionLimit: 2,
    sessionSetup: [],
  });
  const d = parseDbCredential('D', dbs.dashboardsUrl!);
  dashboards = createPool(d, 'dashboards', { connectionLimit: 4, sessionSetup: [] });
  dashboards2 = createPool(d, 'dashboards', { connectionLimit: 4, sessionSetup: [] });
}, 120_000);

afterAll(async () => {
  await Promise.all([tradingWrite?.end(), dashboards2?.end()]);
  await seeded?.close();
});

/** The plain computation: every fill of the window, grouped by the same keys. */
async function plainSums(q: Omit<FillSumsQuery, 'mark'>): Promise<BucketSums[]> {
  const where = ['t.`time_created` < ?'];
  const params: unknown[] = [toDbDate(q.to)];
  if (q.from) {
    where.push('t.`time_created` >= ?');
    params.push(toDbDate(q.from));
  }
  if (q.actor !== undefined) {
    where.push("UPPER(COALESCE(o.`actor`, '')) = ?");
    params.push(q.actor.toUpperCase());
  }
  if (q.accounts !== undefined) {
    where.push("UPPER(COALESCE(o.`exchange_name`, '')) IN (?)");
    params.push(q.accounts);
  }
  const day = q.byDay ? "DATE_FORMAT(t.`time_created`, '%Y-%m-%d') AS bucket, " : '';
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT ${day}${ROLLUP_KEYS_SQL}, ${ROLLUP_SUMS_SQL} ${FILLS_FROM_SQL} WHERE ${where.join(' AND ')} GROUP BY ${q.byDay ? 'bucket, ' : ''}${ROLLUP_GROUP_SQL}`,
    params,
  );
  return mergeSums(
    rows.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0])),
    (r) => r.bucket,
  );
}

/** Exact decimal strings, so a difference shows as text. */
const show = (rows: BucketSums[]) =>
  rows.map((r) => ({
    ...r,
    bucket: r.bucket === null ? null : new Date(r.bucket).toISOString(),
    volume: fixedToString(r.volume, 36),
    notional: fixedToString(r.notional, 36),
    notionalUsd: fixedToString(r.notionalUsd, 36),
    fee: fixedToString(r.fee, 36),
    minUnitPrice: r.minUnitPrice === null ? null : fixedToString(r.minUnitPrice, 36),
    maxUnitPrice: r.maxUnitPrice === null ? null : fixedToString(r.maxUnitPrice, 36),
  }));

async function expectSame(q: Omit<FillSumsQuery, 'mark'>) {
  const mark = await readRollupMark(dashboards);
  const [fast, plain] = await Promise.all([
    readFillSums(trading, dashboards, { ...q, mark }),
    plainSums(q),
  ]);
  expect(show(fast)).toEqual(show(plain));
  return fast;
}

let seed = 3;
const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const historyStart = END.getTime() - 7 * DAY_MS;
/** Random windows: any length, boundaries anywhere (sub-second, on bucket edges, mid-bucket). */
function randomWindow(): { from: Date; to: Date } {
  const snap = [1, 1000, MINUTE_MS, HOUR_MS, DAY_MS][Math.floor(rand() * 5)];
  const at = (ms: number) =>
    new Date(Math.floor(ms / snap) * snap + (rand() < 0.3 ? Math.floor(rand() * 1000) : 0));
  const from = historyStart + rand() * 8 * DAY_MS;
  const length = rand() ** 2 * 8 * DAY_MS;
  return { from: at(from), to: at(from + length + 1000) };
}

describe('the rollup answers any window exactly as the plain computation', () => {
  it('is exact before it is built (everything read live), then built by two servers at once', async () => {
    await expectSame({
      from: new Date(historyStart + 0.5 * DAY_MS),
      to: new Date(historyStart + 3.25 * DAY_MS),
      byDay: true,
    });
    // Two app servers on one dashboards database, small chunks so that they interleave.
    const [a, b] = await Promise.all([
      refreshRollup(trading, dashboards, { budgetMs: 60_000, now: NOW, chunkIds: 3_000 }),
      refreshRollup(trading, dashboards2, { budgetMs: 60_000, now: NOW, chunkIds: 3_000 }),
    ]);
    expect(a.caughtUp && b.caughtUp).toBe(true);
    expect(await readRollupMark(dashboards)).toBe(a.target);
    // Every fill counted once: the day level sums to the table's count.
    const [[count]] = await trading.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM `trade`');
    for (const level of [1, 4, 2, 3]) {
      const [[rolled]] = await dashboards.query<RowDataPacket[]>(
        'SELECT SUM(`fill_count`) AS n FROM `rollup_fill` WHERE `level` = ?',
        [level],
      );
      expect(Number(rolled.n)).toBe(Number(count.n));
    }
  });

  it.each([
    ['the whole history, one row per key', { from: null, to: END, byDay: false }],
    [
      'by day, cut mid-day at both ends',
      {
        from: new Date(historyStart + 1.3 * DAY_MS),
        to: new Date(historyStart + 5.71 * DAY_MS),
        byDay: true,
      },
    ],
    [
      'one actor',
      {
        from: new Date(historyStart + 2 * DAY_MS + 1234),
        to: new Date(historyStart + 4 * DAY_MS - 777),
        byDay: true,
        actor: 'SIMPLEMARKETMAKING',
      },
    ],
    [
      'two accounts',
      {
        from: new Date(historyStart + 1 * DAY_MS + 59_999),
        to: new Date(historyStart + 6 * DAY_MS + 61_001),
        byDay: false,
        accounts: ['BITSTAMP_BTC_USD', 'KRAKEN_BTC_EUR'],
      },
    ],
    [
      'under a minute',
      {
        from: new Date(historyStart + 3 * DAY_MS + 10_500),
        to: new Date(historyStart + 3 * DAY_MS + 50_250),
        byDay: false,
      },
    ],
  ] as Array<[string, Omit<FillSumsQuery, 'mark'>]>)('%s', async (_, q) => {
    const rows = await expectSame(q);
    if (q.to.getTime() - (q.from?.getTime() ?? 0) > HOUR_MS) expect(rows.length).toBeGreaterThan(0);
  });

  it('matches on 200 random windows', async () => {
    for (let i = 0; i < 200; i++) {
      const w = randomWindow();
      await expectSame({
        ...w,
        byDay: i % 2 === 0,
        ...(i % 5 === 0 ? { actor: 'SIMPLEARB' } : {}),
      });
    }
  });

  it('finds a fill that appeared below the mark, and rebuilds its day', async () => {
    // As if the rollup had moved past ids whose transaction had not committed yet: the mark
    // jumps 10 ids ahead of the newest fill, then a fill arrives with one of those ids, dated
    // in a day that is already rolled up.
    const [[newest]] = await tradingWrite.query<RowDataPacket[]>(
      'SELECT MAX(`trade_id`) AS id FROM `trade`',
    );
    expect(await readRollupMark(dashboards)).toBe(Number(newest.id));
    const mark = Number(newest.id) + 10;
    await dashboards.query("UPDATE `sync_state` SET `value` = ? WHERE `name` = 'rollup.trade_id'", [
      String(mark),
    ]);
    const [[order]] = await tradingWrite.query<RowDataPacket[]>(
      'SELECT `order_id` FROM `order` ORDER BY `order_id` DESC LIMIT 1',
    );
    const at = toDbDate(new Date(historyStart + 2.5 * DAY_MS));
    await tradingWrite.query(
      "INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, `price`, `price_currency`, `volume`, `volume_currency`, `order_id`) VALUES (?, 'BID', 'late', ?, 1, 'USD', 50000, 'USD', 1, 'BTC', ?)",
      [mark - 5, at, order.order_id],
    );
    const q = {
      from: new Date(historyStart + 2 * DAY_MS),
      to: new Date(historyStart + 3 * DAY_MS),
      byDay: true,
    };
    const before = await readFillSums(trading, dashboards, { ...q, mark });
    expect(show(before)).not.toEqual(show(await plainSums(q))); // missed until verified
    const v = await verifyRollup(trading, dashboards, { since: null, now: NOW });
    expect(v.rebuilt).toEqual([at.slice(0, 10)]);
    await expectSame(q);
    expect((await verifyRollup(trading, dashboards, { since: null, now: NOW })).rebuilt).toEqual(
      [],
    );
  });

  it('starts over after a reset and is exact at every step of the way', async () => {
    await resetRollup(dashboards, NOW);
    const q = {
      from: new Date(historyStart + 0.77 * DAY_MS),
      to: new Date(historyStart + 6.1 * DAY_MS),
      byDay: true,
    };
    let steps = 0;
    for (;;) {
      await expectSame(q);
      const p = await refreshRollup(trading, dashboards, {
        budgetMs: 0,
        now: NOW,
        chunkIds: 2_000,
      });
      steps++;
      if (p.caughtUp) break;
    }
    expect(steps).toBeGreaterThan(1);
    await expectSame(q);
  });
});

describe('the 5-minute level (4), built with the others, by migration 0028, and checked', () => {
  /** Every level-4 row of both tables, as stored (exact decimal strings), in key order. */
  async function fiveMinuteRows() {
    const [[fills], [states]] = await Promise.all([
      dashboards.query<RowDataPacket[]>(
        'SELECT * FROM `rollup_fill` WHERE `level` = 4 ORDER BY `bucket`, `actor`, `account`, `side`, ' +
          '`price_currency`, `volume_currency`, `fee_currency`, `rated`',
      ),
      dashboards.query<RowDataPacket[]>(
        'SELECT * FROM `rollup_fifo` WHERE `level` = 4 ORDER BY `actor`, `volume_currency`, `currency`, `bucket`',
      ),
    ]);
    return { fills: fills.map((r) => ({ ...r })), states: states.map((r) => ({ ...r })) };
  }
  const sumsAt = async (level: number) => {
    const [rows] = await dashboards.query<RowDataPacket[]>(
      `SELECT \`bucket\`, ${ROLLUP_TABLE_KEYS_SQL}, ${ROLLUP_TABLE_SUMS_SQL} FROM \`rollup_fill\` ` +
        `WHERE \`level\` = ? GROUP BY \`bucket\`, ${ROLLUP_GROUP_SQL}`,
      [level],
    );
    return rows.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0]));
  };
  const sorted = (rows: BucketSums[]) =>
    rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))).sort();

  it('holds the sums of its minutes, and the FIFO state at the end of its last minute', async () => {
    // Built in chunks of 2,000 ids by the test before: buckets were upserted across chunks.
    const minutes = await sumsAt(1);
    const five = await sumsAt(4);
    expect(five.length).toBeGreaterThan(100);
    expect(five.length).toBeLessThan(minutes.length);
    expect(sorted(five)).toEqual(sorted(rollUp(minutes, 4)));

    const [states] = await dashboards.query<RowDataPacket[]>(
      'SELECT * FROM `rollup_fifo` WHERE `level` = 1 ORDER BY `actor`, `volume_currency`, `currency`, `bucket`',
    );
    const expected = new Map<string, Record<string, unknown>>();
    let merged = 0;
    for (const r of states) {
      const b5 = floorTo(parseDbDate(String(r.bucket))!.getTime(), FIVE_MINUTES_MS);
      const key = `${r.actor}|${r.volume_currency}|${r.currency}|${b5}`;
      const had = expected.get(key);
      const lo = (a: string, b: string): string => (parseFixed(a) < parseFixed(b) ? a : b);
      const hi = (a: string, b: string): string => (parseFixed(a) > parseFixed(b) ? a : b);
      if (had) merged++;
      expected.set(key, {
        ...r,
        level: 4,
        bucket: toDbDate(new Date(b5)),
        pos_min: had ? lo(String(had.pos_min), String(r.pos_min)) : r.pos_min,
        pos_max: had ? hi(String(had.pos_max), String(r.pos_max)) : r.pos_max,
      });
    }
    expect(merged).toBeGreaterThan(100);
    const { states: stored } = await fiveMinuteRows();
    expect(stored.length).toBe(expected.size);
    expect(stored).toEqual([...expected.values()]);
  });

  it('reads the fills above the mark per 5 minutes as their minutes regrouped', async () => {
    // mark 0: every fill is above it, read live from the trading database.
    const q = {
      from: new Date(historyStart + 2 * DAY_MS + 7 * MINUTE_MS),
      to: new Date(historyStart + 3 * DAY_MS - 13 * MINUTE_MS),
      mark: 0,
    };
    const five = await readLevelSumsAboveMark(trading, { ...q, level: 4 });
    const minutes = await readLevelSumsAboveMark(trading, { ...q, level: 1 });
    expect(five.length).toBeGreaterThan(50);
    expect(five.every((r) => (r.bucket as number) % FIVE_MINUTES_MS === 0)).toBe(true);
    expect(sorted(five)).toEqual(
      sorted(
        rollUp(
          mergeSums(minutes, (r) => r.bucket),
          4,
        ),
      ),
    );
  });

  it('is rebuilt from the minute rows by migration 0028, to the same rows', async () => {
    const before = await fiveMinuteRows();
    await dashboards.query('DELETE FROM `rollup_fill` WHERE `level` = 4');
    await dashboards.query('DELETE FROM `rollup_fifo` WHERE `level` = 4');
    const migration = readMigrations().find((m) => m.tag === '0028_rollup_five_minutes')!;
    const conn = await dashboards.getConnection();
    try {
      for (const statement of migration.statements) await conn.query(statement);
    } finally {
      conn.release();
    }
    const after = await fiveMinuteRows();
    expect(after.fills.length).toBeGreaterThan(100);
    expect(after).toEqual(before);
  });

  it('rows a server of the previous version left out are found by the count check, and their day rebuilt', async () => {
    const before = await fiveMinuteRows();
    const pick = (rows: Array<Record<string, unknown>>, day: number) =>
      String(
        rows.find((r) => String(r.bucket).startsWith(toDbDate(new Date(day)).slice(0, 10)))!.bucket,
      );
    const dayA = historyStart + 2 * DAY_MS;
    const dayB = historyStart + 5 * DAY_MS;
    // A fill's 5-minute sums missing on day A, a FIFO state's 5-minute row on day B.
    await dashboards.query('DELETE FROM `rollup_fill` WHERE `level` = 4 AND `bucket` = ?', [
      pick(before.fills, dayA),
    ]);
    await dashboards.query('DELETE FROM `rollup_fifo` WHERE `level` = 4 AND `bucket` = ?', [
      pick(before.states, dayB),
    ]);
    const day = (ms: number) => toDbDate(new Date(ms)).slice(0, 10);
    // The recent check (since day B) finds day B only; the whole history's, day A.
    const recent = await verifyRollup(trading, dashboards, { since: new Date(dayB), now: NOW });
    expect(recent.rebuilt).toEqual([day(dayB)]);
    const all = await verifyRollup(trading, dashboards, { since: null, now: NOW });
    expect(all.rebuilt).toEqual([day(dayA)]);
    expect(await fiveMinuteRows()).toEqual(before);
    expect((await verifyRollup(trading, dashboards, { since: null, now: NOW })).rebuilt).toEqual(
      [],
    );
  });
});

describe('a server whose code is older than the dashboards database', () => {
  it('writes nothing to the rollup once a newer migration is recorded, and carries on when it is gone', async () => {
    const before = await readRollupMark(dashboards);
    const future = CODE_SCHEMA_VERSION + 1;
    await dashboards.query(
      "INSERT INTO `__drizzle_migrations` (`hash`, `created_at`) VALUES ('from-a-newer-version', ?)",
      [future],
    );
    try {
      const refresh = refreshRollup(trading, dashboards, { budgetMs: 0, now: NOW });
      await expect(refresh).rejects.toBeInstanceOf(NewerSchemaError);
      await expect(refresh).rejects.toThrow(/restart this server with the new version/);
      await expect(
        verifyRollup(trading, dashboards, { since: null, now: NOW }),
      ).rejects.toBeInstanceOf(NewerSchemaError);
      await expect(resetRollup(dashboards, NOW)).rejects.toBeInstanceOf(NewerSchemaError);
      // Nothing was reset or moved.
      expect(await readRollupMark(dashboards)).toBe(before);
    } finally {
      await dashboards.query('DELETE FROM `__drizzle_migrations` WHERE `created_at` = ?', [future]);
    }
    const p = await refreshRollup(trading, dashboards, { budgetMs: 0, now: NOW });
    expect(p.caughtUp).toBe(true);
    expect(p.mark).toBe(before);
  });
});
