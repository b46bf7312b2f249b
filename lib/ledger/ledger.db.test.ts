import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { parseLedgerQuery, type LedgerQuery } from './domain/query';
import { netOf } from './domain/totals';
import { fixedToString } from '../core/money/fixed';
import { refreshRollup, resetRollup } from '../rollup/refresh';
import { loadLedgerPage, type LedgerPageData } from './page';
import { balancesAfterRows } from './page-balances';
import { collectRows } from './page-rows';
import { totalsBetween } from './totals';
import {
  FIXTURE_ACCOUNT,
  FIXTURE_BALANCES,
  FIXTURE_SQL,
  FIXTURE_WINDOW,
} from '@/tests/helpers/ledger-fixture';
import { ledgerTestPools, runSql, rollupAt, testSource } from '@/tests/helpers/ledger-databases';

let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };
const NOW = new Date('2024-06-01T00:00:00Z');

beforeAll(async () => {
  dbs = await createTestDatabases();
  await runSql(dbs.tradingWriteUrl!, FIXTURE_SQL);
  pools = await ledgerTestPools({ tradingUrl: dbs.tradingUrl!, dashboardsUrl: dbs.dashboardsUrl! });
});

afterAll(async () => {
  await pools?.trading.end();
  await pools?.dashboards.end();
  await dbs?.drop();
});

const query = (q: Record<string, string | string[]> = {}, pageSize?: number): LedgerQuery => ({
  ...parseLedgerQuery(q),
  ...(pageSize ? { pageSize } : {}),
});

async function page(q: LedgerQuery, name = FIXTURE_ACCOUNT): Promise<LedgerPageData> {
  const src = await testSource(pools, name);
  return loadLedgerPage(src, rollupAt(src.rollupMark), FIXTURE_WINDOW, q, NOW);
}

/** Row n (1-based, time order) of the fixture as [USD, BTC] after-balances. */
const after = (n: number) => FIXTURE_BALANCES[n - 1];

function checkFixturePage(p: LedgerPageData) {
  expect(p.currencies).toEqual(['BTC', 'USD']);
  expect(p.rows).toHaveLength(12);
  // Newest first: row 12 first.
  p.rows.forEach((r, i) => {
    const [usd, btc] = after(12 - i);
    expect(r.balances, `row ${12 - i}: ${r.description}`).toEqual([btc, usd]);
  });
  expect(p.summary).toEqual([
    {
      currency: 'BTC',
      opening: '2.09999',
      credits: '0.25',
      debits: '0.3',
      fees: '0.0002',
      drift: '0',
      closing: '2.04979',
    },
    {
      currency: 'USD',
      opening: '7996',
      credits: '13250',
      debits: '11500',
      fees: '40.5',
      drift: '0.5',
      closing: '9706',
    },
  ]);
}

describe('ledger page data, live sums (no checkpoints yet)', () => {
  it('expands fills, transfers, fees and drift into rows with exact running balances', async () => {
    const p = await page(query());
    checkFixturePage(p);
    expect(p.rows.map((r) => [r.type, r.currency, r.credit, r.debit])).toEqual([
      ['trade', 'USD', null, '2100'],
      ['trade', 'BTC', '0.05', null],
      ['deposit', 'USD', '500', null],
      ['drift', 'USD', '0.5', null],
      ['fee', 'USD', null, '15'],
      ['withdrawal', 'USD', null, '1000'],
      ['fee', 'BTC', null, '0.0002'],
      ['trade', 'USD', null, '8400'],
      ['trade', 'BTC', '0.2', null],
      ['fee', 'USD', null, '25.5'],
      ['trade', 'BTC', null, '0.3'],
      ['trade', 'USD', '12750', null],
    ]);
    expect(p.rows[11].description).toBe('Trade #EX-2: Sell 0.3 BTC for 12,750.00 USD');
    expect(p.rows[9].description).toBe('Trade #EX-2: Fee');
    expect(p.rows[3].description).toMatch(/^Drift correction/);
    expect(p.rows[5]).toMatchObject({
      description: 'Withdrawal #100004: To the bank',
      externalId: 'WD-4',
      time: '2024-03-02T10:00:00Z',
    });
    expect(p.fills).toBe(3);
    expect(p.transfers).toBe(3);
  });

  it('lists transfers in transit at the window end apart, and compares the audit and the cached balance', async () => {
    const p = await page(query());
    expect(
      p.pending.map((t) => [t.transactionId, t.status, t.completed?.toISOString() ?? null]),
    ).toEqual([
      [100009, 'COMPLETED', '2024-03-03T02:00:00.000Z'],
      [100005, 'IN_TRANSIT', null],
    ]);
    expect(p.audit).toMatchObject({ eventId: 100001, time: '2024-03-02T12:00:00Z' });
    expect(p.audit!.balances).toEqual([
      { currency: 'BTC', reported: '1.99979', ledger: '1.99979', difference: '0', matches: true },
      { currency: 'USD', reported: '11306', ledger: '11305.5', difference: '0.5', matches: false },
    ]);
    // Now: + ASK 0.01 BTC for 420 USD fee 1 (at the window end) + 0.5 BTC landed after it.
    expect(p.cached.balances).toEqual([
      {
        currency: 'BTC',
        reported: '2.03979',
        ledger: '2.53979',
        difference: '-0.5',
        matches: false,
      },
      { currency: 'USD', reported: '9706', ledger: '10125', difference: '-419', matches: false },
    ]);
  });

  it('filters by currency: only that balance column, still exact', async () => {
    const p = await page(query({ currency: 'btc' }));
    expect(p.currencies).toEqual(['BTC']);
    expect(p.rows.map((r) => r.balances![0])).toEqual([11, 6, 4, 2].map((n) => after(n)[1]));
  });

  it.each([20_000, 0])(
    'filters by type with full-account balances (span walk limit %i)',
    async (limit) => {
      const src = await testSource(pools, FIXTURE_ACCOUNT);
      const q = query({ type: 'fee' });
      const rows = await collectRows(
        src,
        { from: 1709337600, to: 1709424000 },
        q,
        'asc',
        null,
        100,
      );
      expect(rows.map((r) => r.currency)).toEqual(['USD', 'BTC', 'USD']);
      const balances = await balancesAfterRows(src, q, rows, ['BTC', 'USD'], {
        spanWalkLimit: limit,
      });
      expect(balances).toEqual([3, 6, 8].map((n) => [after(n)[1], after(n)[0]]));
    },
  );

  it('filters drift and deposits; types round-trip in any order', async () => {
    const p = await page(query({ type: ['drift', 'deposit'] }));
    expect(p.rows.map((r) => [r.type, r.balances])).toEqual([
      ['deposit', [after(10)[1], after(10)[0]]],
      ['drift', [after(9)[1], after(9)[0]]],
    ]);
  });

  it('sorts oldest first', async () => {
    const p = await page(query({ sort: 'oldest' }));
    expect(p.rows.map((r) => r.balances)).toEqual(FIXTURE_BALANCES.map(([usd, btc]) => [btc, usd]));
  });

  it('shows an account without fills (a bank account) and one with nothing at all', async () => {
    const bank = await page(query(), 'LEDGERTEST_BANK_USD');
    expect(bank.rows).toEqual([]);
    expect(bank.summary).toEqual([
      {
        currency: 'USD',
        opening: '250000',
        credits: '0',
        debits: '0',
        fees: '0',
        drift: '0',
        closing: '250000',
      },
    ]);
  });
});

describe('keyset pagination', () => {
  it('walks pages of 5 forward and back without gaps or repeats, splitting fills and a shared second', async () => {
    const seen: string[][] = [];
    let q = query({}, 5);
    let p = await page(q);
    seen.push(p.rows.map((r) => r.key));
    expect(p.prevCursor).toBeNull();
    while (p.nextCursor) {
      q = { ...q, cursor: parseLedgerQuery({ cursor: p.nextCursor }).cursor };
      p = await page(q);
      seen.push(p.rows.map((r) => r.key));
    }
    expect(seen.map((s) => s.length)).toEqual([5, 5, 2]);
    const all = (await page(query())).rows.map((r) => r.key);
    expect(seen.flat()).toEqual(all);
    // Balances on a later page are still exact.
    expect(p.rows.map((r) => r.balances)).toEqual([after(2), after(1)].map(([u, b]) => [b, u]));
    // Previous from the last page gives the middle page, and from there the first.
    const middle = await page({ ...q, cursor: parseLedgerQuery({ cursor: p.prevCursor! }).cursor });
    expect(middle.rows.map((r) => r.key)).toEqual(seen[1]);
    const first = await page({
      ...q,
      cursor: parseLedgerQuery({ cursor: middle.prevCursor! }).cursor,
    });
    expect(first.rows.map((r) => r.key)).toEqual(seen[0]);
    expect(first.prevCursor).toBeNull();
  });

  it('is stable with 130 fills in one second (pages of 50)', async () => {
    const values = Array.from({ length: 130 }, (_, i) => i);
    await runSql(
      dbs.tradingWriteUrl!,
      `INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES (100010, 'lb', 'LEDGERTEST_BULK', '{}');
       INSERT INTO \`order\` (order_id, status, order_type, unique_id, time_created, exchange_name) VALUES
         (100010, 'FILLED', 'BID', 'lob', '2024-03-02 08:00:00', 'LEDGERTEST_BULK');
       INSERT INTO trade (trade_id, trade_type, unique_id, time_created, fee, fee_currency, price, price_currency, volume, volume_currency, order_id) VALUES
       ${values.map((i) => `(${200000 + ((i * 37) % 130)}, 'BID', 'b${i}', '2024-03-02 08:00:00', ${i % 3 === 0 ? 1 : 0}, 'USD', 100, 'USD', 0.01, 'BTC', 100010)`).join(',\n')};`,
    );
    let q = query({ sort: 'oldest' }, 50);
    const keys: string[] = [];
    let p = await page(q, 'LEDGERTEST_BULK');
    keys.push(...p.rows.map((r) => r.key));
    while (p.nextCursor) {
      q = { ...q, cursor: parseLedgerQuery({ cursor: p.nextCursor }).cursor };
      p = await page(q, 'LEDGERTEST_BULK');
      keys.push(...p.rows.map((r) => r.key));
    }
    const expectedRows = 130 * 2 + 44; // credit + debit each, a fee on every third
    expect(keys).toHaveLength(expectedRows);
    expect(new Set(keys).size).toBe(expectedRows);
    expect(p.rows.at(-1)!.balances).toEqual(['1.3', '-13044']);
  });
});

describe('the rollup', () => {
  it('gives the same figures as the live sums, also for fills added after the mark', async () => {
    const live = await page(query());
    const progress = await refreshRollup(pools.trading, pools.dashboards, {
      budgetMs: 10_000,
      now: NOW,
      chunkIds: 5_000,
    });
    expect(progress.caughtUp).toBe(true);
    expect(progress.mark).toBe(200129);
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    expect(src.rollupMark).toBe(200129);
    expect(await page(query())).toEqual(live);
    // A late fill with an old time and a higher id: counted live until the next refresh.
    await runSql(
      dbs.tradingWriteUrl!,
      "INSERT INTO trade (trade_id, trade_type, unique_id, time_created, fee, fee_currency, price, price_currency, volume, volume_currency, order_id) VALUES (300000, 'BID', 'late', '2024-02-10 00:00:00', 0, 'USD', 100, 'USD', 1, 'BTC', 100001)",
    );
    const opening = netOf(
      await totalsBetween(await testSource(pools, FIXTURE_ACCOUNT), null, 1709337600),
    );
    expect([fixedToString(opening.get('USD')!), fixedToString(opening.get('BTC')!)]).toEqual([
      '7896',
      '3.09999',
    ]);
    await refreshRollup(pools.trading, pools.dashboards, { budgetMs: 10_000, now: NOW });
    const again = netOf(
      await totalsBetween(await testSource(pools, FIXTURE_ACCOUNT), null, 1709337600),
    );
    expect(again).toEqual(opening);
  });

  it('leaves the newest fills (the safety lag) to the live queries', async () => {
    const now = new Date('2024-03-02T08:05:00Z');
    await resetRollup(pools.dashboards, now);
    const p = await refreshRollup(pools.trading, pools.dashboards, { budgetMs: 10_000, now });
    // The 130 fills at 08:00 are under 10 minutes old: the newest safe one is 100001 (03-01).
    expect(p.mark).toBe(100001);
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    expect(netOf(await totalsBetween(src, null, 1709424000))).toEqual(
      netOf(await totalsBetween({ ...src, rollupMark: 0 }, null, 1709424000)),
    );
  });
});
