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
import { netsBetween, totalsBetween } from './totals';
import { ledgerTestPools, rollupAt, testSource } from '@/tests/helpers/ledger-databases';

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
    // The span crosses the rollup's mark (two days before the end): rows above it too.
    expect(src.rollupMark).toBeGreaterThan(0);
    for (const type of ['drift', 'deposit', 'withdrawal', 'fee']) {
      const q = parseLedgerQuery({ type });
      const span = {
        from: Math.floor(END.getTime() / 1000) - 7 * 86_400,
        to: Math.floor(END.getTime() / 1000),
      };
      const rows = await collectRows(src, span, q, 'asc', null, 200);
      const walked = await balancesAfterRows(src, q, rows, ['BTC', 'USD'], {
        spanWalkLimit: 10_000_000,
      });
      // The prefix sums (the default) and the former gap-by-gap totals.
      const prefix = await balancesAfterRows(src, q, rows, ['BTC', 'USD'], { spanWalkLimit: 0 });
      const each = await balancesAfterRows(src, q, rows, ['BTC', 'USD'], {
        spanWalkLimit: 0,
        gapSums: 'each',
      });
      expect(prefix, type).toEqual(walked);
      expect(each, type).toEqual(walked);
      if (type === 'drift') expect(rows.length).toBeGreaterThan(2);
      if (type === 'fee') expect(rows.length).toBe(200);
    }
  });

  it('sums any gaps from prefix sums as totalsBetween sums each: mid-bucket ends, one second, above the mark, no rollup', async () => {
    const src = await testSource(pools, 'BITSTAMP_BTC_USD');
    const end = Math.floor(END.getTime() / 1000);
    const markTime = end - 2 * 86_400;
    let seed = 5;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const sets: Array<Array<readonly [number, number]>> = [
      // Ends mid-minute, mid-hour, on midnight; a one-second gap; an empty one.
      [
        [end - 6 * 86_400 + 3_661, end - 5 * 86_400],
        [end - 5 * 86_400, end - 5 * 86_400 + 1],
        [end - 5 * 86_400 + 1, end - 5 * 86_400 + 1],
        [end - 5 * 86_400 + 7, end - 3 * 86_400 + 59],
        // Across the rollup's mark, and wholly above it.
        [end - 3 * 86_400 + 59, markTime + 3_600 * 5 + 17],
        [markTime + 3_600 * 5 + 18, end - 61],
      ],
      // Random sorted gaps over the six days, from seconds to days long.
      ...Array.from({ length: 4 }, () => {
        const cuts = [
          ...new Set(Array.from({ length: 30 }, () => end - Math.floor(rand() ** 2 * 6 * 86_400))),
        ].sort((a, b) => a - b);
        return cuts.slice(1).map((c, i) => [cuts[i] + 1, c] as const);
      }),
    ];
    const nonZero = (b: Map<string, bigint>) =>
      Object.fromEntries([...b].filter(([, v]) => v !== 0n).map(([c, v]) => [c, String(v)]));
    for (const s of [src, { ...src, rollupMark: 0 }]) {
      for (const gaps of sets) {
        const each = await Promise.all(
          gaps.map(async ([a, b]) => nonZero(netOf(await totalsBetween(s, a, b)))),
        );
        expect((await netsBetween(s, gaps)).map(nonZero), `mark ${s.rollupMark}`).toEqual(each);
        expect(each.some((e) => Object.keys(e).length > 0)).toBe(true);
      }
    }
  });
});
