import type { Connection, Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { evaluateRules } from '../alerts/domain/evaluate';
import { parseRule } from '../alerts/domain/rules';
import type { DashboardConfig } from '../config';
import type { StrategyConfig } from '../config/types';
import { parseDbCredential } from '../core/env';
import { parseFixed } from '../core/money/fixed';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { loadFundReport } from '../fund/load';
import { writeRates } from '../fund/rate-store';
import { refreshRollup } from '../rollup/refresh';
import { refreshActorCatalog } from '../strategy/catalog';
import { readStatusSnapshot } from './snapshot';

/**
 * The fund's "realized loss today beyond X" in USD (issue 14). Hand-worked day D = 2026-03-02:
 *   USDBOT on F_BTC_USD (BTC/USD): BID 1 BTC at USD 100 (10:00), ASK 1 BTC at USD 40 (11:00):
 *     realized USD −60 (no fees).
 *   EURBOT on F_BTC_EUR (BTC/EUR, orders with exchange_rate 1.2): BID 1 BTC at EUR 100 (10:00),
 *     ASK 1 BTC at EUR 50 (11:00): realized EUR −50.
 * The fund values EUR on D at the trading database's own rate, (100 × 1.2 + 50 × 1.2) / 150 =
 * 1.2: EUR −50 = USD −60, the fund USD −120. With an imported rate of 1.1 for D (the fund's
 * first choice): USD −55, the fund USD −115. Against a threshold of USD 100 neither strategy's
 * loss crosses it alone (−60, −55 or −60), nor would either currency's sum unconverted
 * (USD −60, EUR −50): only the two together in USD do.
 */
const D = '2026-03-02';
const NOW = new Date(`${D}T12:00:00Z`);

const strategy = (key: string, actor: string, price: string): StrategyConfig => ({
  key,
  displayName: key,
  strategyActor: actor,
  priceCurrency: price,
  volumeCurrency: 'BTC',
  basePointRadius: 10,
  graphVolumeThreshold: '0',
  source: 'config',
  inferred: [],
});
const CONFIG: DashboardConfig = {
  file: null,
  strategies: {
    usdbot: strategy('usdbot', 'USDBOT', 'USD'),
    eurbot: strategy('eurbot', 'EURBOT', 'EUR'),
  },
  alerts: {},
  warnings: [],
};

let dbs: TestDatabases;
let trading: Pool;
let dashboards: Pool;
let w: Connection;

async function fill(
  id: number,
  actor: string,
  account: string,
  price: string,
  rate: string,
  side: 'BID' | 'ASK',
  time: string,
  amount: string,
) {
  await w.query(
    'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, ' +
      '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [id, 'FILLED', side, `fo${id}`, actor, rate, time, account, amount, price, '1', 'BTC'],
  );
  await w.query(
    'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, `price`, ' +
      '`price_currency`, `volume`, `volume_currency`, `order_id`) VALUES (?, ?, ?, ?, 0, ?, ?, ?, 1, ?, ?)',
    [id, side, `ft${id}`, time, price, amount, price, 'BTC', id],
  );
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  const conn = await connectUrl(dbs.dashboardsUrl!);
  await applyMigrations(conn, readMigrations());
  await conn.end();
  w = await connectUrl(dbs.tradingWriteUrl!);
  await w.query(
    "INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (1, 'f1', 'F_BTC_USD', '{}'), (2, 'f2', 'F_BTC_EUR', '{}')",
  );
  await fill(1, 'USDBOT', 'F_BTC_USD', 'USD', '1', 'BID', `${D} 10:00:00`, '100');
  await fill(2, 'USDBOT', 'F_BTC_USD', 'USD', '1', 'ASK', `${D} 11:00:00`, '40');
  await fill(3, 'EURBOT', 'F_BTC_EUR', 'EUR', '1.2', 'BID', `${D} 10:00:00`, '100');
  await fill(4, 'EURBOT', 'F_BTC_EUR', 'EUR', '1.2', 'ASK', `${D} 11:00:00`, '50');
  trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 4);
  dashboards = createPool(parseDbCredential('D', dbs.dashboardsUrl!), 'dashboards', {
    connectionLimit: 4,
    sessionSetup: [],
  });
  await refreshRollup(trading, dashboards, { budgetMs: 60_000, now: NOW });
  await refreshActorCatalog(trading, dashboards, { budgetMs: 60_000, now: NOW });
}, 120_000);

afterAll(async () => {
  await Promise.all([trading?.end(), dashboards?.end(), w?.end()]);
  await dbs?.drop();
});

const fundRule = (threshold: string) =>
  parseRule({ name: 'fund-loss', kind: 'realized-loss', subject: 'fund', threshold }, 'database');

async function fundFinding(threshold: string) {
  const s = await readStatusSnapshot(
    { trading, dashboards, config: CONFIG, jobs: [], databases: [] },
    NOW,
  );
  const [f] = evaluateRules(s, [fundRule(threshold)]);
  return { s, f };
}

/** The EUR rate the fund view uses for D (its rate table, as /fund shows it). */
async function fundEurRate(): Promise<string | null> {
  const report = await loadFundReport({ start: new Date(`${D}T00:00:00Z`), end: NOW }, NOW, {
    trading,
    dashboards,
    strategies: CONFIG.strategies,
  });
  return report.rates.find((r) => r.currency === 'EUR')?.rateEnd ?? null;
}

describe("the fund's realized loss rule in USD", () => {
  it('converts each strategy at the fund view’s day rate: the trading database’s own', async () => {
    const { s, f } = await fundFinding('100');
    const by = Object.fromEntries(s.strategies.map((x) => [x.key, x]));
    expect(by.usdbot).toMatchObject({ today: { pnl: '-60' }, usdRate: '1' });
    expect(by.eurbot).toMatchObject({ today: { pnl: '-50' }, priceCurrency: 'EUR' });
    expect(parseFixed(by.eurbot.usdRate!)).toBe(parseFixed('1.2'));
    expect(parseFixed(by.eurbot.usdRate!)).toBe(parseFixed((await fundEurRate())!));
    expect(f).toMatchObject({
      subject: 'fund',
      breached: true,
      measured: 'today USD -120.00 (EUR -50.00 at 1.2 USD; USD -60.00)',
    });
    // Each strategy's own loss is within USD 100: only the fund's crosses it.
    const own = evaluateRules(s, [
      parseRule({ name: 'own', kind: 'realized-loss', threshold: '100' }, 'database'),
    ]).filter((x) => x.subject !== 'fund');
    expect(own.map((x) => [x.subject, x.breached])).toEqual([
      ['strategy:eurbot', false],
      ['strategy:usdbot', false],
    ]);
  });

  it('an imported rate for the day wins, as on the fund view', async () => {
    await writeRates(
      dashboards,
      'import',
      [{ day: D, currency: 'EUR', usdRate: parseFixed('1.1') }],
      NOW,
    );
    expect(parseFixed((await fundEurRate())!)).toBe(parseFixed('1.1'));
    const { f } = await fundFinding('100');
    expect(f).toMatchObject({
      breached: true,
      measured: 'today USD -115.00 (EUR -50.00 at 1.1 USD; USD -60.00)',
    });
    expect((await fundFinding('114.99')).f.breached).toBe(true);
    expect((await fundFinding('115')).f.breached).toBe(false);
    expect((await fundFinding('116')).f.breached).toBe(false);
  });
});
