import type { Connection, Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { startHttpReceiver, type HttpReceiver } from '../../tests/helpers/receivers';
import { connectUrl } from '../../tests/helpers/sql';
import type { DashboardConfig } from '../config';
import { parseDbCredential } from '../core/env';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { dispatchOutbox } from '../notify/dispatch';
import { insertChannel } from '../notify/queries';
import { verifyWebhook } from '../notify/sign';
import { refreshRollup } from '../rollup/refresh';
import { readRulesAndSnapshot } from '../status/load';
import type { DatabaseLine } from '../status/domain/snapshot';
import { evaluateAlerts } from './evaluate';

/**
 * An alert end to end, the two halves joined by the `alert_event` outbox: a rule stored with a
 * channel fires on a trading database the test changes, the dispatcher delivers it to a real
 * local HTTP receiver with a valid signature, and the resolution is delivered the same way.
 *
 * Account E2E_BTC_USD: USD 1000 deposited on D-1; an AUDIT at D 10:00 reports USD 990 (drift
 * −10, over the rule's 1); a second AUDIT at D 11:00 reports USD 1000 (no drift).
 */
const D = '2026-04-07';
const at = (hhmm: string) => new Date(`${D}T${hhmm}:00Z`);
const SECRET = 'c'.repeat(64);
const CONFIG: DashboardConfig = { file: null, strategies: {}, alerts: {}, warnings: [] };
const UP: DatabaseLine[] = [
  { database: 'dashboards', ok: true, address: 'test' },
  { database: 'trading', ok: true, address: 'test' },
];

let dbs: TestDatabases;
let trading: Pool;
let dashboards: Pool;
let w: Connection;
let receiver: HttpReceiver;

async function audit(id: number, time: string, usd: string) {
  await w.query(
    'INSERT INTO `event` (`unique_id`, `event_id`, `time_created`, `exchange_name`, `event_type`, `data`) VALUES (?, ?, ?, ?, ?, ?)',
    [
      `e2e${id}`,
      id,
      time,
      'E2E_BTC_USD',
      'AUDIT',
      JSON.stringify({ balance_data: { USD: `USD ${usd}` } }),
    ],
  );
}

const evaluate = (now: Date) =>
  evaluateAlerts(
    dashboards,
    () => readRulesAndSnapshot({ trading, dashboards }, CONFIG, now, { jobs: [], databases: UP }),
    now,
    { minIntervalMs: 0 },
  );

beforeAll(async () => {
  dbs = await createTestDatabases();
  const conn = await connectUrl(dbs.dashboardsUrl!);
  await applyMigrations(conn, readMigrations());
  await conn.end();
  w = await connectUrl(dbs.tradingWriteUrl!);
  await w.query(
    "INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (1, 'e2e1', 'E2E_BTC_USD', ?)",
    [JSON.stringify({ USD: 'USD 1000' })],
  );
  await w.query(
    'INSERT INTO `transaction` (`transaction_id`, `transaction_type`, `transaction_status`, `unique_id`, `time_created`, ' +
      '`time_completed`, `amount`, `amount_currency`, `transaction_details`, `exchange_id`) VALUES ' +
      "(1, 'DEPOSIT', 'COMPLETED', 'e2ex1', '2026-04-06 09:00:00', '2026-04-06 09:00:00', 1000, 'USD', '{}', 1)",
  );
  await audit(1, `${D} 10:00:00`, '990');
  trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 4);
  dashboards = createPool(parseDbCredential('D', dbs.dashboardsUrl!), 'dashboards', {
    connectionLimit: 4,
    sessionSetup: [],
  });
  await refreshRollup(trading, dashboards, { budgetMs: 60_000, now: at('10:05') });
  receiver = await startHttpReceiver();
  await insertChannel(
    dashboards,
    { name: 'ops', kind: 'webhook', target: `${receiver.url}/hook`, enabled: true },
    SECRET,
    at('09:00'),
  );
  await dashboards.query(
    'INSERT INTO `alert_rule` (`name`, `kind`, `subject`, `threshold`, `for_seconds`, `severity`, `channels`, `enabled`, `time_updated`) ' +
      "VALUES ('usd-drift', 'drift', 'E2E_BTC_USD', '1', 0, 'failing', 'ops', 1, NOW(3))",
  );
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await Promise.all([trading?.end(), dashboards?.end(), w?.end()]);
  await dbs?.drop();
});

describe('an alert from its rule to the webhook', () => {
  it('fires, is delivered signed, resolves, and the resolution is delivered', async () => {
    const deps = { smtp: null, baseUrl: 'https://dash.example.com' };

    const fired = await evaluate(at('10:10'));
    expect(fired.ran).toBe(true);
    expect(await dispatchOutbox(dashboards, deps, at('10:10'))).toMatchObject({
      skipped: false,
      failed: 0,
    });
    const hooks = () => receiver.requests.filter((r) => r.path === '/hook');
    const bodies = () => hooks().map((h) => JSON.parse(h.body) as Record<string, never>);
    expect(
      bodies().map((b) => [
        (b.data as Record<string, string>).rule,
        (b.data as Record<string, string>).subject,
      ]),
    ).toEqual([['usd-drift', 'account:E2E_BTC_USD']]);
    expect((bodies()[0].data as Record<string, string>).state).toBe('firing');
    const h = hooks()[0];
    expect(
      verifyWebhook(
        SECRET,
        h.headers['x-gryphon-timestamp'] as string,
        h.body,
        h.headers['x-gryphon-signature'] as string,
      ),
    ).toBe(true);

    // Nothing new: another evaluation and dispatch send nothing more.
    await evaluate(at('10:20'));
    await dispatchOutbox(dashboards, deps, at('10:20'));
    expect(hooks()).toHaveLength(1);

    // The books agree again: resolved, and that is delivered too.
    await audit(2, `${D} 11:00:00`, '1000');
    await evaluate(at('11:05'));
    await dispatchOutbox(dashboards, deps, at('11:05'));
    expect(bodies().map((b) => (b.data as Record<string, string>).state)).toEqual([
      'firing',
      'resolved',
    ]);
  });
});
