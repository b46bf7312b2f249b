import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { refreshRollup } from '../rollup/refresh';
import { decodeLedgerKey } from './domain/key';
import { parseLedgerQuery, type LedgerQuery } from './domain/query';
import { netOf } from './domain/totals';
import { loadLedgerPage, type LedgerPageData } from './page';
import { readTransactionSnapshot } from './queries/transactions';
import type { LedgerSource } from './source';
import { balancesAtInstants, netsBetween, totalsBetween } from './totals';
import { FIXTURE_ACCOUNT, FIXTURE_SQL, FIXTURE_WINDOW } from '@/tests/helpers/ledger-fixture';
import { ledgerTestPools, rollupAt, runSql, testSource } from '@/tests/helpers/ledger-databases';

/**
 * The page read with the account's transactions read once (queries/transactions.ts) against
 * the plain way (every part querying the table), on the same data: the fixture, plus an
 * account whose transactions try every rule the SQL applies (status and currency case,
 * trailing spaces, drift spelled '1' or "true", broken JSON, empty fee currency, NULL and zero
 * fees, several at one second, in transit, completed after the window, canceled).
 */
const EDGE = 'SNAPTEST_BTC_USD';
const EDGE_SQL = `
INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES
  (300001, 'st1', '${EDGE}', '{"USD": "USD 1"}'), (300002, 'st2', 'snaptest_btc_usd', '{"BTC": "BTC 1"}');
INSERT INTO \`order\` (order_id, status, order_type, unique_id, actor, exchange_rate, time_created, exchange_name,
  price, price_currency, volume, volume_currency) VALUES
  (300001, 'FILLED', 'BID', 'so1', 'SNAPBOT', 1, '2024-03-02 10:00:00', '${EDGE}', 20000, 'USD', 0.1, 'BTC');
INSERT INTO trade (trade_id, trade_type, unique_id, exchange_trade_id, time_created, fee, fee_currency, price,
  price_currency, volume, volume_currency, order_id) VALUES
  (300001, 'BID', 'st1', 'SX-1', '2024-03-02 10:00:00', 1, 'USD', 2000, 'USD', 0.1, 'BTC', 300001),
  (300002, 'ASK', 'st2', 'SX-2', '2024-03-02 15:00:00', 0, 'USD', 2100, 'USD', 0.1, 'BTC', 300001);
INSERT INTO \`transaction\` (transaction_id, transaction_type, transaction_status, unique_id, time_created, time_completed,
  amount, amount_currency, fee, fee_currency, transaction_details, exchange_id) VALUES
  (300001, 'DEPOSIT', 'COMPLETED', 'sx1', '2024-03-01 09:00:00', NULL, 5000, 'USD', NULL, NULL, '{}', 300001),
  (300002, 'deposit', 'completed', 'sx2', '2024-03-02 10:00:00', '2024-03-02 10:00:00', 1.5, 'btc', 0.001, '', '{"drift": "1"}', 300002),
  (300003, 'WITHDRAWL', 'Completed', 'sx3', '2024-03-02 10:00:00', '2024-03-02 10:00:00', 100, 'US ', 2, 'USD', 'not json', 300001),
  (300004, 'WITHDRAWAL', 'COMPLETED', 'sx4', '2024-03-02 10:00:00', '2024-03-02 10:00:00', 0.2, 'BTC', 0, 'BTC', '{"drift": true}', 300001),
  (300005, NULL, 'COMPLETED', 'sx5', '2024-03-02 11:00:00', '2024-03-02 11:00:00', 7, 'USD', 0.5, NULL, '{"notes": "odd"}', 300001),
  (300006, 'DEPOSIT', 'in_transit', 'sx6', '2024-03-02 12:00:00', NULL, 3, 'USD', NULL, NULL, '{}', 300001),
  (300007, 'DEPOSIT', 'COMPLETED', 'sx7', '2024-03-02 20:00:00', '2024-03-03 01:00:00', 9, 'USD', 1, 'BTC', '{}', 300002),
  (300008, 'WITHDRAWL', 'CANCELED', 'sx8', '2024-03-02 13:00:00', NULL, 50, 'USD', NULL, NULL, '{}', 300001),
  (300009, 'DEPOSIT', 'COMPLETED', 'sx9', '2024-03-02 16:00:00', '2024-03-02 16:00:00', NULL, 'USD', NULL, NULL, '{"drift": false}', 300001),
  (300010, 'WITHDRAWL', 'COMPLETED', 'sx10', '2024-03-02 16:00:00', '2024-03-02 16:00:00', 0.05, 'BTC', 0.0001, 'btc', '{"drift": "true"}', 300002);
`;

let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };
const NOW = new Date('2024-06-01T00:00:00Z');

beforeAll(async () => {
  dbs = await createTestDatabases();
  await runSql(dbs.tradingWriteUrl!, FIXTURE_SQL + EDGE_SQL);
  pools = await ledgerTestPools({ tradingUrl: dbs.tradingUrl!, dashboardsUrl: dbs.dashboardsUrl! });
});

afterAll(async () => {
  await pools?.trading.end();
  await pools?.dashboards.end();
  await dbs?.drop();
});

const WINDOWS = [
  FIXTURE_WINDOW,
  { start: new Date('2024-03-01T00:00:00Z'), end: new Date('2024-03-04T00:00:00Z') },
  { start: new Date('2024-03-02T10:00:00Z'), end: new Date('2024-03-02T16:00:00Z') },
];
const QUERIES: Array<Record<string, string | string[]>> = [
  {},
  { sort: 'oldest' },
  { type: 'drift' },
  { type: 'deposit' },
  { type: ['withdrawal', 'fee'] },
  { type: 'fee', sort: 'oldest' },
  { currency: 'BTC' },
  { currency: 'USD', type: 'deposit' },
  { currency: 'US' },
];

/** Every page of the query, following Next, then one Previous from the last. */
async function allPages(
  src: LedgerSource,
  window: (typeof WINDOWS)[number],
  q: LedgerQuery,
  once: boolean,
  walk?: number,
) {
  const pages: LedgerPageData[] = [];
  let cursor: LedgerQuery['cursor'] = null;
  for (let i = 0; i < 20; i++) {
    const p = await loadLedgerPage(src, rollupAt(src.rollupMark), window, { ...q, cursor }, NOW, {
      readTransactionsOnce: once,
      spanWalkLimit: walk,
    });
    pages.push(p);
    if (!p.nextCursor) break;
    cursor = { direction: 'after', key: decodeLedgerKey(p.nextCursor.slice('after:'.length))! };
  }
  const last = pages[pages.length - 1];
  if (last.prevCursor)
    pages.push(
      await loadLedgerPage(
        src,
        rollupAt(src.rollupMark),
        window,
        {
          ...q,
          cursor: {
            direction: 'before',
            key: decodeLedgerKey(last.prevCursor.slice('before:'.length))!,
          },
        },
        NOW,
        { readTransactionsOnce: once, spanWalkLimit: walk },
      ),
    );
  return pages;
}

describe.each([
  ['live sums', false],
  ['with the rollup', true],
])('transactions read once, %s', (_, rolled) => {
  beforeAll(async () => {
    if (rolled)
      await refreshRollup(pools.trading, pools.dashboards, { budgetMs: 60_000, now: NOW });
  });

  it.each([FIXTURE_ACCOUNT, EDGE, 'LEDGERTEST_BANK_USD'])(
    '%s: every page of every view equals the per-query pages',
    async (account) => {
      const src = await testSource(pools, account);
      let rows = 0;
      for (const window of WINDOWS)
        for (const q of QUERIES) {
          const query = { ...parseLedgerQuery(q), pageSize: 2 };
          // walk 0: a type filter's balances from the gap sums, never from walking the span.
          for (const walk of query.types ? [undefined, 0] : [undefined]) {
            const plain = await allPages(src, window, query, false, walk);
            const once = await allPages(src, window, query, true, walk);
            // The pager's position is counted only the new way (count.db.test.ts checks it).
            expect(once.every((p) => p.position !== null)).toBe(true);
            const unplaced = (ps: LedgerPageData[]) => ps.map((p) => ({ ...p, position: null }));
            expect(
              unplaced(once),
              `${account} ${JSON.stringify(q)} ${window.start.toISOString()} walk ${walk}`,
            ).toEqual(plain);
            rows += plain.reduce((n, p) => n + p.rows.length, 0);
          }
        }
      // The comparison compared something: the views hold rows.
      expect(rows).toBeGreaterThan(0);
    },
  );

  it('totals and gap sums equal the per-query ones', async () => {
    for (const account of [FIXTURE_ACCOUNT, EDGE]) {
      const plain = await testSource(pools, account);
      const once = {
        ...plain,
        transactions: readTransactionSnapshot(plain.trading, plain.account),
      };
      expect(await once.transactions).not.toBeNull();
      const t = (iso: string) => Date.parse(iso) / 1000;
      for (const [from, to] of [
        [null, t('2024-03-02T10:00:00Z')],
        [null, t('2024-03-02T10:00:01Z')],
        [t('2024-03-02T00:00:00Z'), t('2024-03-03T00:00:00Z')],
        [t('2024-03-02T10:00:00Z'), t('2024-03-02T16:00:01Z')],
        [null, t('2024-06-01T00:00:00Z')],
      ] as const)
        expect(await totalsBetween(once, from, to)).toEqual(await totalsBetween(plain, from, to));
      // The balances at several instants in one pass, as a read of the history each.
      const instants = [
        t('2024-03-02T00:00:00Z'),
        t('2024-03-02T10:00:00Z'),
        t('2024-03-02T16:00:00Z'),
        t('2024-06-01T00:00:00Z'),
      ];
      const at = await balancesAtInstants(once, instants);
      for (const i of instants)
        expect(at.get(i)).toEqual(netOf(await totalsBetween(plain, null, i)));
      const gaps = [
        [t('2024-03-01T00:00:00Z'), t('2024-03-02T10:00:00Z')],
        [t('2024-03-02T10:00:01Z'), t('2024-03-02T16:00:00Z')],
        [t('2024-03-02T16:00:01Z'), t('2024-03-03T02:00:00Z')],
      ] as Array<[number, number]>;
      const a = await netsBetween(once, gaps);
      expect(a).toEqual(await netsBetween(plain, gaps));
      // And they are not empty: the edge account's transfers moved USD and BTC.
      expect(a.some((m) => m.size > 0)).toBe(true);
    }
  });
});

it('the edge account: the SQL rules as the hand reading of its rows gives them', async () => {
  const src = await testSource(pools, EDGE);
  const totals = await totalsBetween(
    { ...src, transactions: readTransactionSnapshot(src.trading, src.account) },
    Date.parse('2024-03-02T00:00:00Z') / 1000,
    Date.parse('2024-03-03T00:00:00Z') / 1000,
  );
  // Completed in the window (any case of COMPLETED): 300002 drift +1.5 BTC fee 0.001 BTC;
  // 300003 withdrawal 100 'US ' fee 2 USD; 300004 drift −0.2 BTC; 300005 (no type: withdrawal)
  // −7 USD fee 0.5 USD; 300009 deposit NULL (0) USD; 300010 drift −0.05 BTC fee 0.0001 BTC.
  // Not: 300006 in transit, 300007 completed after the window, 300008 canceled.
  expect(totals.transfers).toBe(6);
  expect(Object.fromEntries([...netOf(totals)].map(([c, v]) => [c, v.toString()]))).toEqual({
    // 2 fills: BID +0.1 BTC −2000 USD fee 1 USD; ASK −0.1 BTC +2100 USD.
    BTC: String((10n ** 36n * 12489n) / 10000n), // 1.5 − 0.001 − 0.2 − 0.05 − 0.0001 + 0.1 − 0.1 = 1.2489
    US: String(-(100n * 10n ** 36n)),
    USD: String((2100n - 2000n - 1n - 2n - 7n) * 10n ** 36n - 5n * 10n ** 35n), // 89.5
  });
});
