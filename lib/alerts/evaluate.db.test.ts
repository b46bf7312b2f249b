import type { Connection, Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import type { DashboardConfig } from '../config';
import { parseDbCredential } from '../core/env';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { refreshRollup } from '../rollup/refresh';
import { refreshActorCatalog } from '../strategy/catalog';
import { readRulesAndSnapshot } from '../status/load';
import type { DatabaseLine } from '../status/domain/snapshot';
import { readStatusSnapshot } from '../status/snapshot';
import { parseRule } from './domain/rules';
import { evaluateAlerts } from './evaluate';

/**
 * The status snapshot and the alert rules on a trading database the test changes. Hand-worked
 * history (day D = 2026-03-02, UTC), account STATUS_BTC_USD, actor STATUSBOT:
 *   D-1 09:00 deposits USD 1000 and BTC 1 (completed)
 *   D 06:00   withdrawal BTC 0.2 created, still IN_TRANSIT (not in the balances)
 *   D 10:00   BID 1 BTC for USD 100, fee USD 1
 *   D 11:00   ASK 0.5 BTC for USD 40, fee USD 0.5
 *   ledger now: USD 1000 − 100 − 1 + 40 − 0.5 = 938.5; BTC 1 + 1 − 0.5 = 1.5
 *   D 11:30   AUDIT reports USD 938 and BTC 1.5: drift USD −0.5 (planted)
 *   cached exchange.balance USD 938.5, BTC 1.5: matches the ledger
 *   FIFO today: the ASK matches half the BID lot: revenue 40 − 50 = −10; fees of the matched
 *   legs 0.5 + 1 × 0.5 = 1; realized P&L −11; position 0.5 BTC; fills in the hour before
 *   12:00: 1; over the 7 days: 2, so 2 / 168 per hour.
 */
const D = '2026-03-02';
const at = (hhmm: string) => new Date(`${D}T${hhmm}:00Z`);

const CONFIG: DashboardConfig = {
  file: null,
  strategies: {
    statusbot: {
      key: 'statusbot',
      displayName: 'Status bot',
      strategyActor: 'STATUSBOT',
      priceCurrency: 'USD',
      volumeCurrency: 'BTC',
      basePointRadius: 10,
      graphVolumeThreshold: '0',
      positionGraphMin: '-0.4',
      positionGraphMax: '0.4',
      source: 'config',
      inferred: [],
    },
  },
  alerts: {},
  warnings: [],
};
const UP: DatabaseLine[] = [
  { database: 'dashboards', ok: true, address: 'test' },
  { database: 'trading', ok: true, address: 'test' },
];

let dbs: TestDatabases;
let trading: Pool;
let dashboards: Pool;
let dashboards2: Pool;
let w: Connection;

async function fill(
  id: number,
  side: 'BID' | 'ASK',
  time: string,
  volume: string,
  price: string,
  fee: string,
) {
  await w.query(
    'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, ' +
      '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)',
    [
      id,
      'FILLED',
      side,
      `so${id}`,
      'STATUSBOT',
      time,
      'STATUS_BTC_USD',
      price,
      'USD',
      volume,
      'BTC',
    ],
  );
  await w.query(
    'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, `price`, ' +
      '`price_currency`, `volume`, `volume_currency`, `order_id`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [id, side, `st${id}`, time, fee, 'USD', price, 'USD', volume, 'BTC', id],
  );
}

async function audit(id: number, time: string, usd: string, btc: string) {
  await w.query(
    'INSERT INTO `event` (`unique_id`, `event_id`, `time_created`, `exchange_name`, `event_type`, `data`) VALUES (?, ?, ?, ?, ?, ?)',
    [
      `e${id}`,
      id,
      time,
      'STATUS_BTC_USD',
      'AUDIT',
      JSON.stringify({ balance_data: { USD: `USD ${usd}`, BTC: `BTC ${btc}` } }),
    ],
  );
}

async function refresh(now: Date) {
  await refreshRollup(trading, dashboards, { budgetMs: 60_000, now });
  await refreshActorCatalog(trading, dashboards, { budgetMs: 60_000, now });
}

const load = (now: Date) => () =>
  readRulesAndSnapshot({ trading, dashboards }, CONFIG, now, { jobs: [], databases: UP });

async function states(): Promise<Record<string, string>> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `rule_name` AS r, `subject` AS s, `state` FROM `alert_state` ORDER BY 1, 2',
  );
  return Object.fromEntries(rows.map((r) => [`${r.r} ${r.s}`, String(r.state)]));
}

async function events(
  since: Date,
): Promise<Array<{ rule: string; subject: string; state: string; channels: string }>> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `rule_name` AS rule, `subject`, `state`, `channels` FROM `alert_event` WHERE `time` >= ? ORDER BY `event_id`',
    [since.toISOString().slice(0, 23).replace('T', ' ')],
  );
  return rows.map((r) => ({
    rule: r.rule,
    subject: r.subject,
    state: r.state,
    channels: r.channels,
  }));
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  const conn = await connectUrl(dbs.dashboardsUrl!);
  await applyMigrations(conn, readMigrations());
  await conn.end();
  w = await connectUrl(dbs.tradingWriteUrl!);
  await w.query(
    "INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (1, 'x1', 'STATUS_BTC_USD', ?)",
    [JSON.stringify({ USD: 'USD 938.5', BTC: 'BTC 1.5' })],
  );
  await w.query(
    'INSERT INTO `transaction` (`transaction_id`, `transaction_type`, `transaction_status`, `unique_id`, `time_created`, ' +
      '`time_completed`, `amount`, `amount_currency`, `transaction_details`, `exchange_id`) VALUES ' +
      "(1, 'DEPOSIT', 'COMPLETED', 'sx1', '2026-03-01 09:00:00', '2026-03-01 09:00:00', 1000, 'USD', '{}', 1), " +
      "(2, 'DEPOSIT', 'COMPLETED', 'sx2', '2026-03-01 09:00:00', '2026-03-01 09:00:00', 1, 'BTC', '{}', 1), " +
      "(3, 'WITHDRAWL', 'IN_TRANSIT', 'sx3', '2026-03-02 06:00:00', NULL, 0.2, 'BTC', '{}', 1)",
  );
  await fill(1, 'BID', `${D} 10:00:00`, '1', '100', '1');
  await fill(2, 'ASK', `${D} 11:00:00`, '0.5', '40', '0.5');
  await audit(1, `${D} 11:30:00`, '938', '1.5');
  trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 4);
  const cred = parseDbCredential('D', dbs.dashboardsUrl!);
  dashboards = createPool(cred, 'dashboards', { connectionLimit: 4, sessionSetup: [] });
  dashboards2 = createPool(cred, 'dashboards', { connectionLimit: 4, sessionSetup: [] });
  await refresh(at('11:10'));
}, 120_000);

afterAll(async () => {
  await Promise.all([trading?.end(), dashboards?.end(), dashboards2?.end(), w?.end()]);
  await dbs?.drop();
});

describe('the status snapshot', () => {
  it('reads the hand-worked figures', async () => {
    const s = await readStatusSnapshot(
      { trading, dashboards, config: CONFIG, jobs: [], databases: UP },
      at('12:00'),
    );
    expect(s.accounts).toHaveLength(1);
    const a = s.accounts[0];
    expect(a.error).toBeUndefined();
    expect(a.audit?.time).toBe(at('11:30').getTime());
    expect(a.audit?.balances.map((b) => [b.currency, b.reported, b.ledger, b.difference])).toEqual([
      ['BTC', '1.5', '1.5', '0'],
      ['USD', '938', '938.5', '-0.5'],
    ]);
    expect(a.cached.balances.map((b) => b.difference)).toEqual(['0', '0']);
    expect(a.inTransit.map((t) => [t.transactionId, t.amount, t.created])).toEqual([
      [3, '0.2', at('06:00').getTime()],
    ]);
    expect(a.lastFill).toBe(at('11:00').getTime());
    const x = s.strategies.find((v) => v.key === 'statusbot');
    expect(x).toMatchObject({
      lastFill: at('11:00').getTime(),
      lastOrder: at('11:00').getTime(),
      position: '0.5',
      range: { min: '-0.4', max: '0.4' },
      today: { pnl: '-11', fees: '1' },
      fillsLastHour: 1,
      usualPerHour: 2 / 168,
    });
    expect(s.strategies.map((v) => v.key)).toEqual(['statusbot']); // builtins never seen: left out
    expect(s.trading.newestRow).toBe(at('11:00').getTime());
    expect(s.rollup).toMatchObject({ newestTradeId: 2 });
  });

  it('reads with indexed lookups (EXPLAIN)', async () => {
    const explain = async (pool: Pool, sql: string, params: unknown[] = []) => {
      const [rows] = await pool.query<RowDataPacket[]>(`EXPLAIN ${sql}`, params);
      return rows;
    };
    const newest = await explain(trading, 'SELECT MAX(`time_created`) FROM `trade`');
    expect(newest[0].Extra).toBe('Select tables optimized away');
    const orders = await explain(trading, 'SELECT MAX(`time_created`) FROM `order`');
    expect(orders[0].Extra).toBe('Select tables optimized away');
    const tx = await explain(
      trading,
      'SELECT `time_created` FROM `transaction` ORDER BY `transaction_id` DESC LIMIT 1',
    );
    expect(tx[0].key).toBe('PRIMARY');
    const bucket = await explain(
      dashboards,
      'SELECT MAX(`bucket`) AS b FROM `rollup_fill` WHERE `account` IN (?) AND `level` = 1',
      [['STATUS_BTC_USD']],
    );
    expect(String(bucket[0].key ?? bucket[0].Extra)).toMatch(/rollup_fill_account|optimized away/);
    const audits = await explain(
      trading,
      "SELECT `event_id` FROM `event` WHERE `time_created` >= ? AND `time_created` < ? AND `event_type` = 'AUDIT' ORDER BY `time_created` DESC LIMIT 1",
      ['2026-03-01 00:00:00', '2026-03-03 00:00:00'],
    );
    expect(audits[0].type).not.toBe('ALL');
  });
});

describe('alert rules on a trading database that changes', () => {
  it('fires after no fill, pending for `for`, and resolves when fills resume and drift is fixed', async () => {
    const rules = [
      [
        'stale-fill',
        {
          name: 'bot-quiet',
          kind: 'stale-fill',
          subject: 'statusbot',
          threshold: '45',
          severity: 'failing',
          channels: 'ops',
        },
      ],
      [
        'drift',
        {
          name: 'usd-drift',
          kind: 'drift',
          subject: 'STATUS_BTC_USD',
          threshold: '0.1',
          for: '2m',
          channels: 'ops,pager',
        },
      ],
      ['transit', { name: 'stuck', kind: 'transfer-in-transit', threshold: '6' }],
      ['loss', { name: 'loss', kind: 'realized-loss', threshold: '10' }],
    ] as const;
    const dbRules = rules.map(([, r]) => parseRule(r as Record<string, string>, 'database'));
    const wc = await connectUrl(dbs.dashboardsUrl!);
    for (const r of dbRules)
      await wc.query(
        'INSERT INTO `alert_rule` (`name`, `kind`, `subject`, `threshold`, `for_seconds`, `severity`, `channels`, `enabled`, `time_updated`) VALUES (?, ?, ?, ?, ?, ?, ?, 1, NOW(3))',
        [r.name, r.kind, r.subject, r.threshold, r.forSeconds, r.severity, r.channels.join(',')],
      );
    await wc.end();

    // 11:40: the last fill 40 minutes old, the transfer 5 h 40 in transit, the AUDIT of 11:30
    // drifts: pending.
    let r = await evaluateAlerts(dashboards, load(at('11:40')), at('11:40'));
    expect(r.ran).toBe(true);
    let s = await states();
    expect(s['bot-quiet strategy:statusbot']).toBe('ok');
    expect(s['usd-drift account:STATUS_BTC_USD']).toBe('pending');
    expect(s['stuck account:STATUS_BTC_USD']).toBe('ok');
    expect(s['loss strategy:statusbot']).toBe('firing');
    expect(s['loss fund']).toBe('firing');
    // Built-ins run too: the position 0.5 is outside [-0.4, 0.4].
    expect(s['position-out-of-range strategy:statusbot']).toBe('firing');

    // 11:41: still pending (1 of 2 minutes).
    await evaluateAlerts(dashboards, load(at('11:41')), at('11:41'), { minIntervalMs: 0 });
    expect((await states())['usd-drift account:STATUS_BTC_USD']).toBe('pending');

    // 12:10, no fill written since 11:00: the bot is quiet, the drift fires, the transfer is stuck.
    r = await evaluateAlerts(dashboards, load(at('12:10')), at('12:10'));
    s = await states();
    expect(s['bot-quiet strategy:statusbot']).toBe('firing');
    expect(s['usd-drift account:STATUS_BTC_USD']).toBe('firing');
    expect(s['stuck account:STATUS_BTC_USD']).toBe('firing');
    const fired = await events(at('12:10'));
    expect(fired).toEqual(
      expect.arrayContaining([
        { rule: 'bot-quiet', subject: 'strategy:statusbot', state: 'firing', channels: 'ops' },
        {
          rule: 'usd-drift',
          subject: 'account:STATUS_BTC_USD',
          state: 'firing',
          channels: 'ops,pager',
        },
        { rule: 'stuck', subject: 'account:STATUS_BTC_USD', state: 'firing', channels: '' },
      ]),
    );
    // And two built-ins (docs/operations.md): nothing new in the trading database for 70
    // minutes, pending since 11:40, fires after its 2 minutes; the rollup was last brought up
    // to date at 11:10, so the fill of 11:00 is an hour past its 10-minute safety lag.
    expect(fired).toHaveLength(5);
    expect(
      fired.filter((e) => e.rule === 'trading-db-quiet' || e.rule === 'rollup-behind'),
    ).toEqual([
      { rule: 'trading-db-quiet', subject: 'trading', state: 'firing', channels: '' },
      { rule: 'rollup-behind', subject: 'rollup', state: 'firing', channels: '' },
    ]);

    // 12:20: the bot fills again (a BID that also ends today's loss beyond 10 stays: no sale),
    // the exchange's new AUDIT agrees with the ledger, the transfer completes.
    await fill(3, 'BID', `${D} 12:15:00`, '0.1', '4', '0');
    await audit(2, `${D} 12:16:00`, '934.5', '1.6');
    await w.query(
      "UPDATE `transaction` SET `transaction_status` = 'COMPLETED', `time_completed` = ? WHERE `transaction_id` = 3",
      [`${D} 12:17:00`],
    );
    await refresh(at('12:20'));
    await evaluateAlerts(dashboards, load(at('12:20')), at('12:20'));
    s = await states();
    expect(s['bot-quiet strategy:statusbot']).toBe('resolved');
    expect(s['usd-drift account:STATUS_BTC_USD']).toBe('resolved');
    expect(s['stuck account:STATUS_BTC_USD']).toBe('resolved');
    expect(s['loss strategy:statusbot']).toBe('firing'); // a BID realizes nothing: still -11
    expect(
      (await events(at('12:20'))).map((e) => `${e.rule} ${e.subject} ${e.state}`).sort(),
    ).toEqual([
      'audit-drift account:STATUS_BTC_USD resolved',
      'bot-quiet strategy:statusbot resolved',
      'rollup-behind rollup resolved',
      'stuck account:STATUS_BTC_USD resolved',
      'trading-db-quiet trading resolved',
      'usd-drift account:STATUS_BTC_USD resolved',
    ]);
  });

  it('two servers evaluating at once: exactly one writes', async () => {
    const now = at('13:00');
    const before = await events(now);
    const [a, b] = await Promise.all([
      evaluateAlerts(dashboards, load(now), now),
      evaluateAlerts(dashboards2, load(now), now),
    ]);
    expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
    // And again a moment later on the other server: within the interval, skipped.
    const c = await evaluateAlerts(
      dashboards2,
      load(new Date(now.getTime() + 10_000)),
      new Date(now.getTime() + 10_000),
    );
    expect(c.ran).toBe(false);
    const [[row]] = await dashboards.query<RowDataPacket[]>(
      "SELECT `value` FROM `sync_state` WHERE `name` = 'alerts.evaluated_ms'",
    );
    expect(Number(row.value)).toBe(now.getTime());
    expect(before).toEqual([]);
  });
});
