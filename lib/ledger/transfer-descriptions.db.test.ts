import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { parseLedgerQuery } from './domain/query';
import { loadLedgerPage } from './page';
import { ledgerTestPools, runSql, rollupAt, testSource } from '@/tests/helpers/ledger-databases';

/**
 * Transfers as Gryphon writes them (reference §15), on a real MariaDB: legs without a shared
 * id are paired and each ledger row names the other account. Window 2024-05-02 UTC.
 *   300001/300002 bank-bot burn: BANK WITHDRAWL + BURN DEPOSIT, {"description": "Office rent February"}
 *   300003/300004 reverse burn: BURN WITHDRAWL + BANK DEPOSIT, {"description": "AWS credit"}, deposit 1 s later
 *   300005/300006 wire EX → BANK, fee 15 out of the amount, details {}, deposit still IN_TRANSIT
 *   300007/300008 wire BANK (USD) → EX_EUR (EUR), {"exchange_rate": "1.085"}, landed at 15:00
 *   300009 an unrelated bank withdrawal (capital) in the same second as the rent burn, other amount
 */
const SQL = `
INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES
  (300001, 'g1', 'GT_BANK_USD', '{}'), (300002, 'g2', 'BURN', '{}'), (300003, 'g3', 'GT_EX_BTC_USD', '{}'), (300004, 'g4', 'GT_EX_BTC_EUR', '{}');
INSERT INTO \`transaction\` (transaction_id, transaction_type, transaction_status, unique_id, time_created, time_completed,
  amount, amount_currency, fee, fee_currency, transaction_details, exchange_id) VALUES
  (300001, 'WITHDRAWL', 'COMPLETED', 'x1', '2024-05-02 09:00:00', '2024-05-02 09:00:00', 9500, 'USD', NULL, NULL, '{"description": "Office rent February"}', 300001),
  (300002, 'DEPOSIT', 'COMPLETED', 'x2', '2024-05-02 09:00:00', '2024-05-02 09:00:00', 9500, 'USD', NULL, NULL, '{"description": "Office rent February"}', 300002),
  (300003, 'WITHDRAWL', 'COMPLETED', 'x3', '2024-05-02 10:00:00', '2024-05-02 10:00:00', 400, 'USD', NULL, NULL, '{"description": "AWS credit"}', 300002),
  (300004, 'DEPOSIT', 'COMPLETED', 'x4', '2024-05-02 10:00:01', '2024-05-02 10:00:01', 400, 'USD', NULL, NULL, '{"description": "AWS credit"}', 300001),
  (300005, 'WITHDRAWL', 'COMPLETED', 'x5', '2024-05-02 11:00:00', '2024-05-02 11:00:00', 99985, 'USD', 15, 'USD', '{}', 300003),
  (300006, 'DEPOSIT', 'IN_TRANSIT', 'x6', '2024-05-02 11:00:00', NULL, 99985, 'USD', NULL, NULL, '{}', 300001),
  (300007, 'WITHDRAWL', 'COMPLETED', 'x7', '2024-05-02 12:00:00', '2024-05-02 12:00:00', 108500, 'USD', NULL, NULL, '{"exchange_rate": "1.085"}', 300001),
  (300008, 'DEPOSIT', 'COMPLETED', 'x8', '2024-05-02 12:00:00', '2024-05-02 15:00:00', 100000, 'EUR', NULL, NULL, '{"exchange_rate": "1.085"}', 300004),
  (300009, 'WITHDRAWL', 'COMPLETED', 'x9', '2024-05-02 09:00:00', '2024-05-02 09:00:00', 40000, 'USD', 25, 'USD', '{"description": "Distribution"}', 300001);
`;
const WINDOW = { start: new Date('2024-05-02T00:00:00Z'), end: new Date('2024-05-03T00:00:00Z') };

let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };

beforeAll(async () => {
  dbs = await createTestDatabases();
  await runSql(dbs.tradingWriteUrl!, SQL);
  pools = await ledgerTestPools({ tradingUrl: dbs.tradingUrl!, dashboardsUrl: dbs.dashboardsUrl! });
});

afterAll(async () => {
  await pools?.trading.end();
  await pools?.dashboards.end();
  await dbs?.drop();
});

async function descriptions(account: string) {
  const src = await testSource(pools, account);
  const p = await loadLedgerPage(
    src,
    rollupAt(src.rollupMark),
    WINDOW,
    { ...parseLedgerQuery({}), sort: 'oldest' },
    new Date('2024-06-01T00:00:00Z'),
  );
  return { rows: p.rows.map((r) => [r.transactionId, r.description]), pending: p.pending };
}

describe('ledger rows of transfers Gryphon wrote without a shared id', () => {
  it('names the other account on the bank ledger', async () => {
    const { rows } = await descriptions('GT_BANK_USD');
    expect(rows).toEqual([
      [300001, 'Operating cost: Office rent February (#300001)'],
      [300009, 'Withdrawal #300009: Distribution'],
      [300009, 'Withdrawal #300009: Fee'],
      [300004, 'Refund of an operating cost: AWS credit (#300004)'],
      [300007, 'Wire to GT_EX_BTC_EUR (#300007)'],
    ]);
  });

  it('shows BURN entries as costs paid from, and refunds to, the bank', async () => {
    const { rows } = await descriptions('BURN');
    expect(rows).toEqual([
      [300002, 'Operating cost paid from GT_BANK_USD: Office rent February (#300002)'],
      [300003, 'Refund to GT_BANK_USD: AWS credit (#300003)'],
    ]);
  });

  it('names the sender of a cross-currency wire, and of a wire still in transit in the pending list', async () => {
    expect((await descriptions('GT_EX_BTC_EUR')).rows).toEqual([
      [300008, 'Wire from GT_BANK_USD (#300008)'],
    ]);
    const ex = await descriptions('GT_EX_BTC_USD');
    expect(ex.rows).toEqual([
      [300005, 'Wire to GT_BANK_USD (#300005)'],
      [300005, 'Wire to GT_BANK_USD (#300005): Fee'],
    ]);
    const bank = await descriptions('GT_BANK_USD');
    expect(bank.pending.map((t) => [t.transactionId, t.transfer])).toEqual([
      [300006, 'Wire from GT_EX_BTC_USD'],
    ]);
  });
});
