import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { refreshRollup } from '../rollup/refresh';
import { ceilUnixSeconds, decodeLedgerKey } from './domain/key';
import { parseLedgerQuery, type LedgerQuery } from './domain/query';
import { countRows } from './count';
import { loadLedgerPage, type LedgerPageData } from './page';
import { readTransactionSnapshot } from './queries/transactions';
import { FIXTURE_ACCOUNT, FIXTURE_SQL, FIXTURE_WINDOW } from '@/tests/helpers/ledger-fixture';
import { ledgerTestPools, rollupAt, runSql, testSource } from '@/tests/helpers/ledger-databases';

/**
 * The pager's row count and page number on the fixture (lib/ledger/testing/fixture.ts: twelve
 * rows in the window, hand-listed there), live and from the rollup.
 */
let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };
const NOW = new Date('2024-06-01T00:00:00Z');
const span = {
  from: ceilUnixSeconds(FIXTURE_WINDOW.start),
  to: ceilUnixSeconds(FIXTURE_WINDOW.end),
};

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

const query = (q: Record<string, string | string[]>, pageSize: number): LedgerQuery => ({
  ...parseLedgerQuery(q),
  pageSize,
});

async function page(q: LedgerQuery): Promise<LedgerPageData> {
  const src = await testSource(pools, FIXTURE_ACCOUNT);
  return loadLedgerPage(src, rollupAt(src.rollupMark), FIXTURE_WINDOW, q, NOW);
}

async function next(p: LedgerPageData, q: LedgerQuery): Promise<LedgerPageData> {
  const key = decodeLedgerKey(p.nextCursor!.slice('after:'.length))!;
  return page({ ...q, cursor: { direction: 'after', key } });
}

describe.each([
  ['live sums', false],
  ['with the rollup', true],
])('row count, %s', (_, rolled) => {
  beforeAll(async () => {
    if (rolled)
      await refreshRollup(pools.trading, pools.dashboards, { budgetMs: 60_000, now: NOW });
  });

  it('counts every view by hand: all, a currency, a type', async () => {
    const src = await testSource(pools, FIXTURE_ACCOUNT);
    const s = { ...src, transactions: readTransactionSnapshot(src.trading, src.account) };
    const count = (q: Record<string, string | string[]>) =>
      countRows(s, parseLedgerQuery(q), span.from, span.to);
    // Rows 1-12 of the fixture's list.
    expect(await count({})).toEqual({ count: 12, exact: true });
    // BTC: rows 2, 4, 6, 11. USD: 1, 3, 5, 7, 8, 9, 10, 12.
    expect(await count({ currency: 'BTC' })).toEqual({ count: 4, exact: true });
    expect(await count({ currency: 'USD' })).toEqual({ count: 8, exact: true });
    // Fees: 3, 6, 8; trades: 1, 2, 4, 5, 11, 12; drift: 9; deposit: 10; withdrawal: 7.
    expect(await count({ type: 'fee' })).toEqual({ count: 3, exact: true });
    expect(await count({ type: 'trade' })).toEqual({ count: 6, exact: true });
    expect(await count({ type: 'drift' })).toEqual({ count: 1, exact: true });
    expect(await count({ type: ['deposit', 'withdrawal'] })).toEqual({ count: 2, exact: true });
    expect(await count({ type: 'fee', currency: 'USD' })).toEqual({ count: 2, exact: true });
    // Past the live limit the fills' fee rows (3 and 6) are left out and the count says so.
    expect(await countRows(s, parseLedgerQuery({}), span.from, span.to, undefined, 0)).toEqual({
      count: 10,
      exact: false,
    });
    expect(
      await countRows(s, parseLedgerQuery({ type: 'drift' }), span.from, span.to, undefined, 0),
    ).toEqual({ count: 1, exact: true });
  });

  it('the pages say which rows they show, of how many, and their number', async () => {
    const q = query({}, 5);
    const p1 = await page(q);
    expect(p1.position).toEqual({
      from: 1,
      to: 5,
      total: 12,
      exact: true,
      page: 1,
      pages: 3,
      offsetExact: true,
    });
    const p2 = await next(p1, q);
    expect(p2.position).toEqual({
      from: 6,
      to: 10,
      total: 12,
      exact: true,
      page: 2,
      pages: 3,
      offsetExact: true,
    });
    const p3 = await next(p2, q);
    expect(p3.position).toEqual({
      from: 11,
      to: 12,
      total: 12,
      exact: true,
      page: 3,
      pages: 3,
      offsetExact: true,
    });
    expect(p3.rows).toHaveLength(2);
    // Previous from the last page: the middle one again.
    const key = decodeLedgerKey(p3.prevCursor!.slice('before:'.length))!;
    const back = await page({ ...q, cursor: { direction: 'before', key } });
    expect(back.position).toEqual(p2.position);
    expect(back.rows).toEqual(p2.rows);
  });

  it('oldest first and filtered: the count follows the view', async () => {
    const q = query({ sort: 'oldest', currency: 'USD' }, 3);
    const p1 = await page(q);
    expect(p1.position).toMatchObject({ from: 1, to: 3, total: 8, page: 1, pages: 3 });
    const p2 = await next(p1, q);
    // The cursor sits inside a second shared by several rows (10:00:00): counted row by row.
    expect(p2.position).toMatchObject({ from: 4, to: 6, total: 8, page: 2, pages: 3 });
    const p3 = await next(p2, q);
    expect(p3.position).toMatchObject({ from: 7, to: 8, total: 8, page: 3, pages: 3 });
    const none = await page(query({ type: 'drift', currency: 'BTC' }, 3));
    expect(none.position).toMatchObject({ total: 0, from: 0, to: 0, page: 1, pages: 1 });
  });
});
