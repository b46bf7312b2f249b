import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import { parseDbDate } from '../db/db-time';
import {
  accountTransactionBounds,
  allFillsHistoryBounds,
  transactionHistoryBounds,
} from '../db/trading/history-bounds';
import { DAY_MS } from './domain/buckets';
import { fillHistoryBounds } from './history-bounds';
import { readRollupMark, refreshRollup, resetRollup } from './refresh';

/**
 * The history bounds (index lookups on the rollup and the trading tables) against the plain
 * computation (MIN/MAX over every row) on a generated history, with the rollup complete and
 * with none of it built (every fill read live above the mark).
 */
const END = new Date('2025-06-13T00:00:00Z');
const NOW = new Date(END.getTime() + DAY_MS);

let seeded: SeededDatabases;
let trading: Pool;
let dashboards: Pool;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 5, days: 4, end: END });
  ({ trading, dashboards } = seeded);
}, 120_000);

afterAll(async () => {
  await seeded?.close();
});

async function plainFills(column: 'actor' | 'exchange_name') {
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT UPPER(COALESCE(o.\`${column}\`, '')) AS k, MIN(t.time_created) AS lo, MAX(t.time_created) AS hi ` +
      'FROM `trade` t LEFT JOIN `order` o ON o.order_id = t.order_id GROUP BY k',
  );
  return rows.map((r) => ({
    key: String(r.k),
    bounds: { first: parseDbDate(r.lo)!, last: parseDbDate(r.hi)! },
  }));
}

describe('fill history bounds', () => {
  for (const state of ['rolled up', 'not rolled up'] as const) {
    it(`per actor and per account, ${state}`, async () => {
      await resetRollup(dashboards, NOW);
      if (state === 'rolled up')
        await refreshRollup(trading, dashboards, { budgetMs: 60_000, now: NOW });
      const [[newest]] = await trading.query<RowDataPacket[]>(
        'SELECT MAX(trade_id) AS id FROM `trade`',
      );
      // rolled up: every fill below the mark, none read live; else all of them live
      expect(await readRollupMark(dashboards)).toBe(state === 'rolled up' ? Number(newest.id) : 0);
      const actors = await plainFills('actor');
      const accounts = await plainFills('exchange_name');
      expect(actors.length).toBeGreaterThan(1);
      expect(accounts.length).toBeGreaterThan(1);
      for (const a of actors)
        expect(await fillHistoryBounds(trading, dashboards, { actor: a.key }), a.key).toEqual(
          a.bounds,
        );
      for (const a of accounts)
        expect(await fillHistoryBounds(trading, dashboards, { account: a.key }), a.key).toEqual(
          a.bounds,
        );
      expect(await fillHistoryBounds(trading, dashboards, { actor: 'NO_SUCH_ACTOR' })).toBeNull();
    }, 120_000);
  }

  it('of the whole database', async () => {
    const [rows] = await trading.query<RowDataPacket[]>(
      'SELECT MIN(time_created) AS lo, MAX(time_created) AS hi FROM `trade`',
    );
    expect(await allFillsHistoryBounds(trading)).toEqual({
      first: parseDbDate(rows[0].lo),
      last: parseDbDate(rows[0].hi),
    });
  });
});

describe('transaction history bounds', () => {
  const time = 'COALESCE(time_completed, time_created)';
  it('per account: MIN/MAX of the ledger time of its completed transactions', async () => {
    const [per] = await trading.query<RowDataPacket[]>(
      `SELECT exchange_id AS id, MIN(${time}) AS lo, MAX(${time}) AS hi FROM \`transaction\` ` +
        "WHERE transaction_status = 'COMPLETED' GROUP BY exchange_id",
    );
    expect(per.length).toBeGreaterThan(1);
    for (const r of per)
      expect(await accountTransactionBounds(trading, [Number(r.id)]), `exchange ${r.id}`).toEqual({
        first: parseDbDate(r.lo),
        last: parseDbDate(r.hi),
      });
    expect(await accountTransactionBounds(trading, [])).toBeNull();
  });

  it('overall, by primary key: what MIN/MAX over every row gives on a history inserted in order', async () => {
    const [all] = await trading.query<RowDataPacket[]>(
      `SELECT MIN(${time}) AS lo, MAX(${time}) AS hi FROM \`transaction\``,
    );
    expect(await transactionHistoryBounds(trading)).toEqual({
      first: parseDbDate(all[0].lo),
      last: parseDbDate(all[0].hi),
    });
  });

  it('plans: index lookups, or one account’s rows by its index, never a table scan', async () => {
    const [byId] = await trading.query<RowDataPacket[]>(
      'EXPLAIN SELECT MIN(`transaction_id`), MAX(`transaction_id`) FROM `transaction`',
    );
    expect(byId[0].Extra).toBe('Select tables optimized away');
    const [outer] = await trading.query<RowDataPacket[]>(
      'EXPLAIN SELECT MIN(time_created) FROM `transaction` x WHERE x.`transaction_id` IN ' +
        '((SELECT MIN(`transaction_id`) FROM `transaction`), (SELECT MAX(`transaction_id`) FROM `transaction`))',
    );
    // the two rows by primary key, the subqueries answered from the index
    expect(outer.map((r) => [r.type, r.key])).toEqual([
      ['range', 'PRIMARY'],
      [null, null],
      [null, null],
    ]);
    const [byAccount] = await trading.query<RowDataPacket[]>(
      "EXPLAIN SELECT MIN(time_created) FROM `transaction` x WHERE x.exchange_id IN (1) AND x.transaction_status = 'COMPLETED'",
    );
    expect(byAccount[0].type).toBe('ref');
    const [fills] = await dashboards.query<RowDataPacket[]>(
      "EXPLAIN SELECT MIN(`bucket`), MAX(`bucket`) FROM `rollup_fill` WHERE `actor` = 'X' AND `level` = 1",
    );
    expect(fills[0].Extra).toMatch(/Select tables optimized away|No matching min\/max row/);
  });
});
