import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import { BUILTIN_STRATEGIES } from '../config';
import { toDbDate } from '../db/db-time';
import { refreshRollup } from '../rollup/refresh';
import { refreshActorCatalog } from '../strategy/catalog';
import { readStatusSnapshot } from './snapshot';

/**
 * The snapshot's cheap reads against the plain computations on a generated history: each
 * account's last fill (rollup minute + exact second + fills above the mark) against one MAX over
 * its fills, each strategy's fills of the last hour and of 7 days against COUNTs. Prints how
 * long a whole snapshot takes (docs/operations.md).
 */
const END = new Date('2025-06-13T00:00:00Z');
const NOW = new Date(END.getTime() - 30 * 60_000);
let seeded: SeededDatabases;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 5, days: 20, end: END });
  // The rollup as the background leaves it, a little behind now.
  const then = new Date(NOW.getTime() - 20 * 60_000);
  await refreshRollup(seeded.trading, seeded.dashboards, { budgetMs: 120_000, now: then });
  await refreshActorCatalog(seeded.trading, seeded.dashboards, { budgetMs: 120_000, now: then });
}, 300_000);
afterAll(async () => seeded?.close());

describe('status snapshot on a generated history', () => {
  it('agrees with the plain computations', async () => {
    const { trading, dashboards } = seeded;
    const config = { file: null, strategies: BUILTIN_STRATEGIES, alerts: {}, warnings: [] };
    const started = performance.now();
    const s = await readStatusSnapshot(
      { trading, dashboards, config, jobs: [], databases: [] },
      NOW,
    );
    const ms = performance.now() - started;
    const [[counts]] = await trading.query<RowDataPacket[]>(
      'SELECT (SELECT COUNT(*) FROM `trade`) AS fills, (SELECT COUNT(DISTINCT `name`) FROM `exchange`) AS accounts',
    );
    console.log(
      `status snapshot: ${s.accounts.length} accounts, ${s.strategies.length} strategies, ` +
        `${Number(counts.fills)} fills: ${ms.toFixed(0)} ms`,
    );
    expect(s.accounts.length).toBe(Number(counts.accounts));
    expect(s.strategies.length).toBeGreaterThan(0);
    for (const a of s.accounts) {
      expect(a.error).toBeUndefined();
      const [[plain]] = await trading.query<RowDataPacket[]>(
        'SELECT MAX(t.`time_created`) AS t FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` WHERE UPPER(o.`exchange_name`) = UPPER(?)',
        [a.name],
      );
      const expected = plain.t ? Date.parse(`${String(plain.t).replace(' ', 'T')}Z`) : null;
      if (a.name.toUpperCase() !== 'GEMINI')
        expect([a.name, a.lastFill]).toEqual([a.name, expected]);
    }
    for (const x of s.strategies) {
      expect(x.error).toBeUndefined();
      const count = async (fromMs: number) => {
        const [[r]] = await trading.query<RowDataPacket[]>(
          'SELECT COUNT(*) AS n FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
            'WHERE UPPER(o.`actor`) = UPPER(?) AND t.`time_created` >= ? AND t.`time_created` < ?',
          [x.actor, toDbDate(new Date(fromMs)), toDbDate(NOW)],
        );
        return Number(r.n);
      };
      expect([x.key, x.fillsLastHour]).toEqual([x.key, await count(NOW.getTime() - 3_600_000)]);
      expect([x.key, Math.round(x.usualPerHour * 168)]).toEqual([
        x.key,
        await count(NOW.getTime() - 7 * 86_400_000),
      ]);
    }
  }, 120_000);
});
