import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { seedTradingDb } from '@/scripts/seed/run';
import { parseDbCredential } from '../core/env';
import { compareBalances } from './domain/compare';
import { parseLedgerQuery } from './domain/query';
import { netOf } from './domain/totals';
import { parseMoneyDict } from '../db/trading/money-json';
import { refreshRollup } from '../rollup/refresh';
import { loadLedgerPage } from './page';
import { balancesAfterRows } from './page-balances';
import { collectRows } from './page-rows';
import { totalsBetween } from './totals';
import { ledgerTestPools, rollupAt, testSource } from './testing/databases';

/**
 * The ledger against the demo generator (lib/seed), an independent bookkeeping of the same
 * rules: every balance audit must equal our ledger just before it, except by the drift that
 * the generator books right after it; every account's cached balance must equal our ledger.
 */
const END = new Date('2025-03-10T00:00:00Z');
let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };

beforeAll(async () => {
  dbs = await createTestDatabases();
  await seedTradingDb({
    cred: parseDbCredential('TRADING_DB_CRED', dbs.tradingWriteUrl!),
    seed: 7,
    days: 6,
    end: END,
    reset: false,
    progress: false,
    log: () => undefined,
  });
  pools = await ledgerTestPools({ tradingUrl: dbs.tradingUrl!, dashboardsUrl: dbs.dashboardsUrl! });
  // The rollup over all but the last two days' fills, so both paths are exercised.
  await refreshRollup(pools.trading, pools.dashboards, {
    budgetMs: 60_000,
    now: new Date(END.getTime() - 2 * 86_400_000),
  });
}, 120_000);

afterAll(async () => {
  await pools?.trading.end();
  await pools?.dashboards.end();
  await dbs?.drop();
});

describe('ledger vs the demo generator', () => {
  it('agrees with every balance audit, up to the drift booked right after it', async () => {
    const [audits] = await pools.trading.query<RowDataPacket[]>(
      "SELECT exchange_name, time_created, data FROM event WHERE event_type = 'AUDIT' ORDER BY event_id",
    );
    const [drifts] = await pools.trading.query<RowDataPacket[]>(
      "SELECT e.name, x.time_completed, x.transaction_type, x.amount, x.amount_currency FROM `transaction` x JOIN exchange e ON e.exchange_id = x.exchange_id WHERE x.transaction_details LIKE '%drift%'",
    );
    expect(audits.length).toBeGreaterThan(100);
    expect(drifts.length).toBeGreaterThan(0);
    const sources = new Map<string, Awaited<ReturnType<typeof testSource>>>();
    let withDrift = 0;
    // Every 7th audit keeps the test quick; the drifted ones are always checked.
    for (const [i, a] of audits.entries()) {
      const t = Date.parse(`${String(a.time_created).replace(' ', 'T')}Z`) / 1000;
      const drift = drifts.find(
        (d) =>
          d.name === a.exchange_name &&
          Math.abs(Date.parse(`${String(d.time_completed).replace(' ', 'T')}Z`) / 1000 - t) <= 5,
      );
      if (!drift && i % 7 !== 0) continue;
      const name = String(a.exchange_name);
      if (!sources.has(name)) sources.set(name, await testSource(pools, name));
      const ours = netOf(await totalsBetween(sources.get(name)!, null, t));
      const reported = parseMoneyDict(
        JSON.stringify((JSON.parse(String(a.data)) as { balance_data: unknown }).balance_data),
      ).amounts;
      const diffs = compareBalances(reported, ours).filter((c) => !c.matches);
      if (!drift) {
        expect(diffs, `${name} audit at ${a.time_created}`).toEqual([]);
        continue;
      }
      withDrift++;
      const signed =
        drift.transaction_type === 'DEPOSIT' ? String(drift.amount) : `-${drift.amount}`;
      expect(diffs.map((d) => [d.currency, Number(d.difference)])).toEqual([
        [drift.amount_currency, Number(signed)],
      ]);
    }
    expect(withDrift).toBe(drifts.length);
  });

  it("matches every account's cached balance, and every account's page loads (bank and BURN too)", async () => {
    const [accounts] = await pools.trading.query<RowDataPacket[]>(
      'SELECT name, balance FROM exchange ORDER BY exchange_id',
    );
    expect(accounts.map((a) => a.name)).toEqual(expect.arrayContaining(['BMO_USD', 'BURN']));
    for (const a of accounts) {
      const src = await testSource(pools, String(a.name));
      const page = await loadLedgerPage(
        src,
        rollupAt(src.rollupMark),
        { start: new Date(END.getTime() - 86_400_000), end: END },
        parseLedgerQuery({}),
        END,
      );
      expect(
        page.cached.balances.filter((c) => !c.matches),
        String(a.name),
      ).toEqual([]);
      // The page's last row (newest first: the first) ends where the summary closes.
      if (page.rows.length)
        expect(page.rows[0].balances).toEqual(page.summary.map((s) => s.closing));
    }
  });

  it('gives the same balances after sparse rows by gaps (in a few queries) as by walking every row between', async () => {
    const src = await testSource(pools, 'BITSTAMP_BTC_USD');
    for (const type of ['drift', 'deposit', 'withdrawal']) {
      const q = parseLedgerQuery({ type });
      const span = {
        from: Math.floor(END.getTime() / 1000) - 7 * 86_400,
        to: Math.floor(END.getTime() / 1000),
      };
      const rows = await collectRows(src, span, q, 'asc', null, 200);
      const walked = await balancesAfterRows(src, q, rows, ['BTC', 'USD'], {
        spanWalkLimit: 10_000_000,
      });
      const gaps = await balancesAfterRows(src, q, rows, ['BTC', 'USD'], { spanWalkLimit: 0 });
      expect(gaps, type).toEqual(walked);
      if (type === 'drift') expect(rows.length).toBeGreaterThan(2);
    }
  });
});
