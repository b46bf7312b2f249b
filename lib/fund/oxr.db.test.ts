import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { parseDbCredential } from '../core/env';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { fixedToString } from '../core/money/fixed';
import { loadFundReport } from './load';
import { parseOxrRates } from './oxr';
import { refreshOxrRates } from './rate-refresh';
import { insertFundScenario } from '@/tests/helpers/fund-fixture';

const WINDOW = { start: new Date('2024-03-02T00:00:00Z'), end: new Date('2024-03-04T00:00:00Z') };
const NOW = new Date('2024-03-10T00:00:00Z');

/** A fake Open Exchange Rates on 127.0.0.1: CAD at 1.25, 1.30, 1.35 per USD on the window's days. */
function fakeOxr(): Promise<{ server: Server; baseUrl: string; requests: string[] }> {
  const requests: string[] = [];
  const cad: Record<string, string> = {
    '2024-03-02': '1.25',
    '2024-03-03': '1.3',
    '2024-03-04': '1.35',
  };
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m =
      /^\/api\/historical\/(\d{4}-\d\d-\d\d)\.json\?app_id=([^&]+)&show_alternative=true$/.exec(
        req.url ?? '',
      );
    if (!m || m[2] !== 'good-id') {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error": true, "status": 401, "description": "Invalid App ID provided."}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      `{"base": "USD", "timestamp": 1709337600, "rates": {"USD": 1, "CAD": ${cad[m[1]] ?? '1.4'}, "BTC": 0.0000158}}`,
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
        requests,
      }),
    ),
  );
}

describe('Open Exchange Rates for currencies the trading database cannot value', () => {
  let dbs: TestDatabases;
  let trading: Pool;
  let dashboards: Pool;
  let oxr: Awaited<ReturnType<typeof fakeOxr>>;

  beforeAll(async () => {
    oxr = await fakeOxr();
    dbs = await createTestDatabases({ trading: true, dashboards: true });
    const w = await connectUrl(dbs.tradingWriteUrl!);
    const { accounts } = await insertFundScenario(w);
    await w.query(
      "INSERT INTO `transaction` (`transaction_type`, `transaction_status`, `unique_id`, `time_created`, `time_completed`, `amount`, `amount_currency`, `transaction_details`, `exchange_id`) VALUES ('DEPOSIT', 'COMPLETED', UUID(), '2024-03-02 12:00:00', '2024-03-02 12:00:00', 1300, 'CAD', '{}', ?)",
      [accounts.BANK],
    );
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
    oxr?.server.close();
    await trading?.end();
    await dashboards?.end();
    await dbs?.drop();
  });

  const load = () => loadFundReport(WINDOW, NOW, { trading, dashboards, strategies: {} });
  const refresh = (appId: string) =>
    refreshOxrRates(trading, dashboards, {
      oxr: { appId, baseUrl: oxr.baseUrl },
      now: NOW,
      maxDays: 100,
    });
  const storedOxrRows = async () => {
    const [rows] = await dashboards.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM `fx_rate` WHERE `source` = 'oxr'",
    );
    return Number(rows[0].n);
  };

  it('reads units per USD from the body text, keeping every digit', () => {
    const rates = parseOxrRates('{"rates": {"EUR": 0.8, "BTC": 1.6e-5, "JPY": 150}}', '2024-03-02');
    expect(fixedToString(rates.get('EUR')!)).toBe('1.25');
    expect(fixedToString(rates.get('BTC')!)).toBe('62500');
    expect(fixedToString(rates.get('JPY')!)).toBe('0.006666666667');
  });

  it('says so and leaves CAD unvalued when the service refuses the app id', async () => {
    const run = await refresh('bad-id');
    expect(run.fetched).toBe(0);
    expect(run.errors.join('\n')).toMatch(
      /Open Exchange Rates answered 401 for 2024-03-\d\d: Invalid App ID provided\./,
    );
    expect(await storedOxrRows()).toBe(0);
    const r = await load();
    expect(r.warnings.join('\n')).toContain('No rate at all for CAD');
  });

  it('fetches the missing days in the background, newest first, once', async () => {
    oxr.requests.length = 0;
    const run = await refresh('good-id');
    // every day from the first activity to the day before NOW lacks a CAD rate
    expect(run.errors).toEqual([]);
    expect(run.fetched).toBe(oxr.requests.length);
    expect(run.fetched).toBeGreaterThanOrEqual(3);
    expect(run.remaining).toBe(0);
    expect(oxr.requests[0]).toContain('/historical/2024-03-09.json');
    const again = await refresh('good-id');
    expect(again).toEqual({ fetched: 0, remaining: 0, errors: [] });
    expect(oxr.requests).toHaveLength(run.fetched);
  });

  it('a fund request only reads the stored rates and says which source valued CAD', async () => {
    oxr.requests.length = 0;
    const rows = await storedOxrRows();
    const r = await load();
    expect(oxr.requests).toHaveLength(0);
    expect(await storedOxrRows()).toBe(rows);
    expect(r.rates.find((x) => x.currency === 'CAD')).toMatchObject({
      days: { oxr: 3 },
      rateStart: '0.8',
      rateEnd: '0.740740740741',
    });
    // the trading database still values BTC where it can: OXR only fills gaps (03-04 has no fills)
    expect(r.rates.find((x) => x.currency === 'BTC')!.days).toMatchObject({ trading: 2, oxr: 1 });
    expect(r.capitalFlows.find((c) => c.currency === 'CAD')).toMatchObject({
      amount: '1300',
      usd: '1040',
    });
    expect(r.figures.discrepancy).toBe('0');
  });
});
