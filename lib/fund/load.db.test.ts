import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'mysql2/promise';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { parseDbCredential } from '../core/env';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { parseFixed } from '../core/money/fixed';
import { Dec } from '../core/money/money';
import { loadFundReport } from './load';
import { refreshRollup } from '../rollup/refresh';
import { writeRates } from './rate-store';
import { insertFundScenario, SCENARIO_RATES } from '@/tests/helpers/fund-fixture';

const WINDOW = { start: new Date('2024-03-02T00:00:00Z'), end: new Date('2024-03-04T00:00:00Z') };
const NOW = new Date('2024-03-10T00:00:00Z');

describe('fund view on MariaDB, on the hand-computed scenario', () => {
  let dbs: TestDatabases;
  let trading: Pool;
  let dashboards: Pool;
  const load = (opts: { window?: typeof WINDOW } = {}) =>
    loadFundReport(opts.window ?? WINDOW, NOW, { trading, dashboards, strategies: {} });
  /** The background's job: bring the rollup up to date (a page only reads it). */
  const rollUp = () => refreshRollup(trading, dashboards, { budgetMs: 60_000, now: NOW });

  beforeAll(async () => {
    dbs = await createTestDatabases({ trading: true, dashboards: true });
    const w = await connectUrl(dbs.tradingWriteUrl!);
    await insertFundScenario(w);
    await w.end();
    const conn = await connectUrl(dbs.dashboardsUrl!);
    await applyMigrations(conn, readMigrations());
    await conn.end();
    trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 4);
    dashboards = createPool(parseDbCredential('D', dbs.dashboardsUrl!), 'dashboards', {
      connectionLimit: 4,
      sessionSetup: [],
    });
  });
  afterAll(async () => {
    await trading?.end();
    await dashboards?.end();
    await dbs?.drop();
  });

  it('derives day rates from the trading database and keeps the identity exact', async () => {
    const r = await load();
    // BTC on 03-02: (165 + 100 EUR × 1.05) / 2.5 BTC; EUR: (105 USD) / 100 EUR
    const btc = r.rates.find((x) => x.currency === 'BTC')!;
    expect(btc.rateStart).toBe('108');
    expect(r.rates.find((x) => x.currency === 'EUR')!.rateStart).toBe('1.05');
    expect(r.figures.discrepancy).toBe('0');
    expect(r.parts.find((p) => p.key === 'tradingRevenue')!.usd).toBe('70.5');
  });

  it('gives the hand-computed figures with the scenario’s imported rates, checkpoints or not', async () => {
    await writeRates(
      dashboards,
      'import',
      SCENARIO_RATES.map(([day, currency, rate]) => ({ day, currency, usdRate: parseFixed(rate) })),
      NOW,
    );
    const live = await load();
    await rollUp();
    const checkpointed = await load();
    expect(checkpointed.notes).toEqual([]);
    for (const r of [live, checkpointed]) {
      expect(r.figures).toMatchObject({
        netAssetsStart: '984',
        netAssetsEnd: '994.82',
        change: '10.82',
        discrepancy: '0',
      });
      expect(Object.fromEntries(r.parts.map((p) => [p.key, p.usd]))).toEqual({
        tradingRevenue: '70.5',
        tradingFees: '-0.85',
        transferFees: '-2.31',
        operatingCosts: '-36',
        capitalFlows: '-155',
        liabilities: '145',
        drift: '1.1',
        unrealizedPnl: '-17.5',
        revaluation: '5.88',
        discrepancy: '0',
      });
    }
    expect(checkpointed.rates.find((x) => x.currency === 'BTC')!.days).toMatchObject({
      import: 3,
      trading: 0,
    });
    expect(checkpointed.operatingCosts.map((c) => [c.description, c.usd])).toEqual([
      ['Rent', '36'],
    ]);
    expect(checkpointed.accounts.filter((a) => a.account === '')).toEqual([
      { account: '', currency: 'BTC', start: '0', end: '0.2', usdStart: '0', usdEnd: '24' },
    ]);
  });

  it('handles liabilities starting and ending inside the window, and windows cut mid-day', async () => {
    const w = await connectUrl(dbs.tradingWriteUrl!);
    await w.query(
      "INSERT INTO `liability` (`unique_id`, `time_created`, `amount`, `amount_currency`, `liability_type`, `entity_name`, `time_started`, `time_repayed`) VALUES (UUID(), '2024-03-02 09:00:00', 40, 'USD', 'FIXED_INTEREST', 'Bridge', '2024-03-02 09:00:00', '2024-03-03 08:00:00')",
    );
    await w.end();
    const r = await load();
    // taken on and repaid inside the window: −40 + 40, no change
    expect(r.parts.find((p) => p.key === 'liabilities')!.usd).toBe('145');
    expect(r.liabilities.find((l) => l.entity === 'Bridge')).toMatchObject({
      usdStart: null,
      usdEnd: null,
      takenInWindow: true,
      repaidInWindow: true,
    });
    // mid-day windows: 03-02 10:30 to 03-03 14:00 is inside the loan and after the bridge starts
    const mid = await load({
      window: { start: new Date('2024-03-02T10:30:00Z'), end: new Date('2024-03-03T14:00:00Z') },
    });
    expect(mid.figures.liabilitiesStart).toBe('295'); // 200 + 50 EUR × 1.1 + 40
    expect(mid.figures.discrepancy).toBe('0');
    const sum = mid.parts.reduce((s, p) => s.plus(p.usd), new Dec(0));
    expect(sum.toFixed()).toBe(mid.figures.change);
  });

  it('warns about a currency with no rate at all instead of valuing it at zero', async () => {
    const w = await connectUrl(dbs.tradingWriteUrl!);
    const [[bank]] = await w.query<Array<{ exchange_id: number } & import('mysql2').RowDataPacket>>(
      "SELECT `exchange_id` FROM `exchange` WHERE `name` = 'BANK'",
    );
    await w.query(
      "INSERT INTO `transaction` (`transaction_type`, `transaction_status`, `unique_id`, `time_created`, `time_completed`, `amount`, `amount_currency`, `transaction_details`, `exchange_id`) VALUES ('DEPOSIT', 'COMPLETED', UUID(), '2024-03-02 12:00:00', '2024-03-02 12:00:00', 1000, 'XRP', '{}', ?)",
      [bank.exchange_id],
    );
    await w.end();
    const r = await load();
    expect(r.warnings.join('\n')).toContain('No rate at all for XRP');
    expect(r.rates.find((x) => x.currency === 'XRP')).toMatchObject({
      rateStart: null,
      rateEnd: null,
      days: { none: 3 },
    });
    expect(r.accounts.find((a) => a.currency === 'XRP')).toMatchObject({
      end: '1000',
      usdEnd: null,
    });
    expect(r.figures.discrepancy).toBe('0');
  });
});
