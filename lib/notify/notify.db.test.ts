import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { insertFundScenario, SCENARIO_RATES } from '../../tests/helpers/fund-fixture';
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../../tests/helpers/receivers';
import { connectUrl } from '../../tests/helpers/sql';
import { parseDbCredential, type SmtpEnv } from '../core/env';
import { parseFixed } from '../core/money/fixed';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { writeRates } from '../fund/rate-store';
import { refreshRollup } from '../rollup/refresh';
import type { PeriodReport } from './domain/report';
import { dispatchOutbox } from './dispatch';
import { dbTime, insertChannel, listDeliveries } from './queries';
import { runReportSchedules } from './schedules';
import { verifyWebhook } from './sign';

/**
 * Delivery end to end against real receivers: an HTTP server in this process (webhook and
 * Slack) and an SMTP server (smtp-server), on a real MariaDB. Alert rows are inserted as the
 * evaluator would insert them; times are passed as `now`.
 */
const SECRET = 'a'.repeat(64);
let dbs: TestDatabases;
let dashboards: Pool;
let trading: Pool;
let http: HttpReceiver;
let smtp: SmtpReceiver;
let smtpEnv: SmtpEnv;
const T0 = new Date('2024-03-05T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const pool = (url: string) =>
  createPool(parseDbCredential('D', url), 'dashboards', { connectionLimit: 4, sessionSetup: [] });
const deps = () => ({ smtp: smtpEnv, baseUrl: 'https://dash.example.com' });

async function insertEvent(fields: {
  time?: Date;
  rule?: string;
  subject?: string;
  state?: string;
  channels: string;
}): Promise<number> {
  const [r] = await dashboards.query<import('mysql2').ResultSetHeader>(
    'INSERT INTO `alert_event` (`time`, `rule_name`, `subject`, `state`, `severity`, `message`, `detail`, `channels`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      dbTime(fields.time ?? T0),
      fields.rule ?? 'stale-fills',
      fields.subject ?? 'strategy:MM',
      fields.state ?? 'firing',
      'failing',
      'No fill for 31 minutes (threshold 30).',
      JSON.stringify({ minutes: 31, threshold: 30 }),
      fields.channels,
    ],
  );
  return r.insertId;
}

async function notified(id: number): Promise<string | null> {
  const [[r]] = await dashboards.query<RowDataPacket[]>(
    'SELECT `time_notified` FROM `alert_event` WHERE `event_id` = ?',
    [id],
  );
  return r.time_notified;
}

const webhookCalls = (path: string) => http.requests.filter((r) => r.path === path);

beforeAll(async () => {
  dbs = await createTestDatabases({ trading: true, dashboards: true });
  const conn = await connectUrl(dbs.dashboardsUrl!);
  await applyMigrations(conn, readMigrations());
  await conn.end();
  dashboards = pool(dbs.dashboardsUrl!);
  http = await startHttpReceiver();
  smtp = await startSmtpReceiver();
  smtpEnv = { url: smtp.url, from: 'Gryphon <alerts@example.com>' };
  const now = new Date('2024-01-01T00:00:00Z');
  await insertChannel(
    dashboards,
    { name: 'hook', kind: 'webhook', target: `${http.url}/hook`, enabled: true },
    SECRET,
    now,
  );
  await insertChannel(
    dashboards,
    { name: 'slack', kind: 'slack', target: `${http.url}/slack`, enabled: true },
    '',
    now,
  );
  await insertChannel(
    dashboards,
    { name: 'mail', kind: 'email', target: 'ops@example.com, cto@example.com', enabled: true },
    '',
    now,
  );
  await insertChannel(
    dashboards,
    { name: 'flaky', kind: 'webhook', target: `${http.url}/flaky`, enabled: true },
    SECRET,
    now,
  );
  await insertChannel(
    dashboards,
    { name: 'down', kind: 'webhook', target: `${http.url}/down`, enabled: true },
    SECRET,
    now,
  );
  await insertChannel(
    dashboards,
    { name: 'slow', kind: 'webhook', target: `${http.url}/slow`, enabled: true },
    SECRET,
    now,
  );
});

afterAll(async () => {
  await http?.close();
  await smtp?.close();
  await dashboards?.end();
  await trading?.end();
  await dbs?.drop();
});

beforeEach(() => {
  http.requests.length = 0;
  smtp.messages.length = 0;
});

describe('the dispatcher, with real receivers', () => {
  it('delivers each alert once to each channel, signed; an unknown channel is logged, not fatal', async () => {
    const a = await insertEvent({ channels: 'hook,slack,mail,ghost' });
    const b = await insertEvent({ channels: 'hook', subject: 'account:KRAKEN' });
    const none = await insertEvent({ channels: '' });
    const r = await dispatchOutbox(dashboards, deps(), T0);
    expect(r).toMatchObject({ skipped: false, attempts: 4, failed: 0, finished: 2 });

    const hooks = webhookCalls('/hook');
    expect(hooks).toHaveLength(2);
    for (const h of hooks) {
      const ts = h.headers['x-gryphon-timestamp'] as string;
      expect(ts).toBe(String(T0.getTime() / 1000));
      expect(verifyWebhook(SECRET, ts, h.body, h.headers['x-gryphon-signature'] as string)).toBe(
        true,
      );
      // a body changed in transit, or another secret, does not verify
      expect(
        verifyWebhook(SECRET, ts, `${h.body} `, h.headers['x-gryphon-signature'] as string),
      ).toBe(false);
      expect(
        verifyWebhook('b'.repeat(64), ts, h.body, h.headers['x-gryphon-signature'] as string),
      ).toBe(false);
    }
    const bodies = hooks.map((h) => JSON.parse(h.body));
    expect(bodies.map((x) => x.data.event_id).sort()).toEqual([a, b].sort());
    expect(bodies[0]).toMatchObject({
      kind: 'alert',
      title: '[FIRING] stale-fills: strategy:MM',
      severity: 'failing',
      url: 'https://dash.example.com/alerts',
      sent_at: T0.toISOString(),
      data: { rule: 'stale-fills', state: 'firing', detail: { minutes: 31, threshold: 30 } },
    });

    const slack = webhookCalls('/slack');
    expect(slack).toHaveLength(1);
    expect(JSON.parse(slack[0].body).text).toContain('*[FIRING] stale-fills: strategy:MM*');
    expect(slack[0].headers['x-gryphon-signature']).toBeUndefined();

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.subject).toBe('[FIRING] stale-fills: strategy:MM');
    expect(mail.text).toContain('No fill for 31 minutes (threshold 30).');
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    expect(to.flatMap((t) => t.value.map((v) => v.address))).toEqual([
      'ops@example.com',
      'cto@example.com',
    ]);

    expect(await notified(a)).not.toBeNull();
    expect(await notified(b)).not.toBeNull();
    expect(await notified(none)).toBeNull(); // no channels: not the dispatcher's

    const log = (await listDeliveries(dashboards, { offset: 0, limit: 50 })).rows;
    expect(log.find((d) => d.channelName === 'ghost')).toMatchObject({
      what: 'alert',
      refId: a,
      outcome: 'unknown-channel',
      nextRetry: null,
    });
    expect(log.find((d) => d.channelName === 'mail')!.status).toMatch(/^250 /);
    expect(log.filter((d) => d.channelName === 'hook').map((d) => d.status)).toEqual([
      'HTTP 200',
      'HTTP 200',
    ]);

    // A second run sends nothing more.
    const again = await dispatchOutbox(dashboards, deps(), at(120_000));
    expect(again.attempts).toBe(0);
    expect(http.requests).toHaveLength(3);
    expect(smtp.messages).toHaveLength(1);
  });

  it('retries a receiver answering 500 after a minute, and the log shows both attempts', async () => {
    http.queue('/flaky', 500);
    const id = await insertEvent({ channels: 'flaky' });
    const t = at(3_600_000);
    expect(await dispatchOutbox(dashboards, deps(), t)).toMatchObject({
      attempts: 1,
      failed: 1,
      finished: 0,
    });
    expect(await notified(id)).toBeNull();
    // not yet due: nothing is sent
    expect(
      (await dispatchOutbox(dashboards, deps(), new Date(t.getTime() + 30_000))).attempts,
    ).toBe(0);
    expect(await dispatchOutbox(dashboards, deps(), new Date(t.getTime() + 60_000))).toMatchObject({
      attempts: 1,
      failed: 0,
      finished: 1,
    });
    expect(webhookCalls('/flaky')).toHaveLength(2);
    const first = JSON.parse(webhookCalls('/flaky')[0].body);
    const second = JSON.parse(webhookCalls('/flaky')[1].body);
    expect([first.data.event_id, second.data.event_id]).toEqual([id, id]);
    expect(await notified(id)).not.toBeNull();
    const log = (await listDeliveries(dashboards, { offset: 0, limit: 50 })).rows
      .filter((d) => d.refId === id)
      .reverse();
    expect(log.map((d) => [d.attempt, d.outcome, d.status])).toEqual([
      [1, 'failed', 'HTTP 500'],
      [2, 'ok', 'HTTP 200'],
    ]);
    expect(log[0].nextRetry).toEqual(new Date(t.getTime() + 60_000));
    expect(log[0].error).toContain('receiver says no');
  });

  it('gives up after 1, 5 and 30 minutes of retries (4 attempts) and finishes the row', async () => {
    http.queue('/down', 500, 500, 500, 500);
    const id = await insertEvent({ channels: 'down' });
    const t = at(7_200_000);
    const minutes = [0, 1, 6, 36];
    for (const m of minutes)
      await dispatchOutbox(dashboards, deps(), new Date(t.getTime() + m * 60_000));
    expect(webhookCalls('/down')).toHaveLength(4);
    expect(await notified(id)).not.toBeNull();
    const log = (await listDeliveries(dashboards, { offset: 0, limit: 50 })).rows
      .filter((d) => d.refId === id)
      .reverse();
    expect(log.map((d) => d.outcome)).toEqual(['failed', 'failed', 'failed', 'gave-up']);
    expect(log.map((d) => d.nextRetry?.getTime() ?? null)).toEqual([
      t.getTime() + 60_000,
      t.getTime() + 6 * 60_000,
      t.getTime() + 36 * 60_000,
      null,
    ]);
  });

  it('two dispatchers (two app servers) at once deliver each event once', async () => {
    const second = pool(dbs.dashboardsUrl!);
    try {
      http.delayMs = 150;
      const ids: number[] = [];
      for (let i = 0; i < 5; i++)
        ids.push(await insertEvent({ channels: 'slow', subject: `strategy:S${i}` }));
      const t = at(10_800_000);
      const runs = await Promise.all([
        dispatchOutbox(dashboards, deps(), t),
        dispatchOutbox(second, deps(), t),
      ]);
      expect(runs.filter((r) => r.skipped)).toHaveLength(1);
      expect(runs.reduce((n, r) => n + r.attempts, 0)).toBe(5);
      const got = webhookCalls('/slow').map((r) => JSON.parse(r.body).data.event_id);
      expect(got.sort((x, y) => x - y)).toEqual(ids);
      for (const id of ids) expect(await notified(id)).not.toBeNull();
      // and once the lock is free again, the other server finds nothing left to send
      expect((await dispatchOutbox(second, deps(), t)).attempts).toBe(0);
    } finally {
      http.delayMs = 0;
      await second.end();
    }
  });
});

describe('scheduled reports', () => {
  beforeAll(async () => {
    const w = await connectUrl(dbs.tradingWriteUrl!);
    await insertFundScenario(w);
    await w.end();
    trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 4);
    const now = new Date('2024-03-10T00:00:00Z');
    await writeRates(
      dashboards,
      'import',
      SCENARIO_RATES.map(([day, currency, rate]) => ({ day, currency, usdRate: parseFixed(rate) })),
      now,
    );
    await refreshRollup(trading, dashboards, { budgetMs: 60_000, now });
  }, 120_000);

  it('sends each day of a daily schedule once, with the hand-computed fund figures', async () => {
    // Alerts: one firing on 03-03 (in the report), one resolved (not), one on 03-04 (not).
    await insertEvent({
      time: new Date('2024-03-03T12:00:00Z'),
      rule: 'daily-loss',
      subject: 'fund',
      channels: '',
    });
    await insertEvent({
      time: new Date('2024-03-03T13:00:00Z'),
      rule: 'daily-loss',
      subject: 'fund',
      state: 'resolved',
      channels: '',
    });
    await insertEvent({
      time: new Date('2024-03-04T01:00:00Z'),
      rule: 'late',
      subject: 'fund',
      channels: '',
    });
    const t = new Date('2024-01-01T00:00:00Z');
    await dashboards.query(
      'INSERT INTO `notify_schedule` (`name`, `period`, `channels`, `enabled`, `last_period_end`, `time_created`, `time_updated`) VALUES (?, ?, ?, 1, ?, ?, ?)',
      ['daily-ops', 'daily', 'hook,mail', '2024-03-02 00:00:00.000', dbTime(t), dbTime(t)],
    );
    const now = new Date('2024-03-04T00:06:00Z'); // 03-03 closed 6 minutes ago
    const pools = { trading, dashboards };
    const run = await runReportSchedules(pools, {}, now);
    expect(run.built.map((b) => b.start.toISOString())).toEqual([
      '2024-03-02T00:00:00.000Z',
      '2024-03-03T00:00:00.000Z',
    ]);
    // a restart (another run, the same minute or later) builds nothing again
    expect((await runReportSchedules(pools, {}, now)).built).toEqual([]);
    expect((await runReportSchedules(pools, {}, new Date('2024-03-04T23:59:00Z'))).built).toEqual(
      [],
    );

    const sent = await dispatchOutbox(dashboards, deps(), now);
    expect(sent).toMatchObject({ attempts: 4, failed: 0, finished: 2 });
    expect((await dispatchOutbox(dashboards, deps(), now)).attempts).toBe(0);

    const reports = webhookCalls('/hook').map((h) => {
      const ts = h.headers['x-gryphon-timestamp'] as string;
      expect(verifyWebhook(SECRET, ts, h.body, h.headers['x-gryphon-signature'] as string)).toBe(
        true,
      );
      return JSON.parse(h.body) as { kind: string; title: string; url: string; data: PeriodReport };
    });
    expect(reports.map((r) => [r.kind, r.title])).toEqual([
      ['report', 'Gryphon report 2024-03-02'],
      ['report', 'Gryphon report 2024-03-03'],
    ]);
    const [d2, d3] = reports.map((r) => r.data);
    // Hand-computed in lib/fund/domain/identity.test.ts: net assets 984 at the start of 03-02,
    // 994.82 at the end of 03-03; capital flows over the two days −155 (investor 50 EUR × 1.1
    // − loan repayment 210).
    expect(d2.fund.netAssetsStart).toBe('984');
    expect(d3.fund.netAssetsEnd).toBe('994.82');
    expect(d2.fund.netAssetsEnd).toBe(d3.fund.netAssetsStart);
    expect(parseFixed(d2.fund.flows) + parseFixed(d3.fund.flows)).toBe(parseFixed('-155'));
    // P&L = change in net assets less flows: 994.82 − 984 + 155 over the two days
    expect(parseFixed(d2.fund.gain) + parseFixed(d3.fund.gain)).toBe(parseFixed('165.82'));
    expect(d2.alerts).toEqual([]);
    expect(d3.alerts.map((a) => [a.rule, a.subject, a.time])).toEqual([
      ['daily-loss', 'fund', '2024-03-03T12:00:00.000Z'],
    ]);
    expect(reports[1].url).toBe(
      'https://dash.example.com/reports/period?start=2024-03-03T00%3A00%3A00.000Z&end=2024-03-04T00%3A00%3A00.000Z',
    );
    // ARB's one fill: ASK 0.5 BTC at 55 USD on 03-03, no fee. Its value at 03-03's close is
    // cash 27.5 − 0.5 BTC short × 55 (the close, its own last fill) = 0; nothing before: P&L 0.
    expect(d2.strategies.map((s) => s.key)).toEqual(['ARB', 'MM']);
    expect(d3.strategies.find((s) => s.key === 'ARB')).toMatchObject({
      currency: 'USD',
      available: true,
      pnl: '0',
    });

    expect(smtp.messages.map((m) => m.subject)).toEqual([
      'Gryphon report 2024-03-02',
      'Gryphon report 2024-03-03',
    ]);
    const mail = smtp.messages[1];
    expect(mail.text).toContain('Net assets at end:   USD 994.82');
    expect(mail.text).toContain('Alerts fired: 1');
    expect(mail.html).toContain(
      '<h2 style="font-family:sans-serif">Gryphon report 2024-03-03</h2>',
    );
    expect(mail.html).toContain('USD 994.82');
  });
});
