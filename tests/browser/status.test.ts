import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RowDataPacket } from 'mysql2';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import { testApp } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';
import * as schema from '../../lib/db/dashboards/schema';
import { createAccount } from '../../lib/auth/accounts';

/**
 * Issue 14: /status and /alerts in the browser. The account STATUSTEST_BTC_USD has a deposit
 * of BTC 1, an AUDIT reporting BTC 1.25 (drift +0.25 against the ledger: the built-in rule
 * audit-drift marks it "Warning") and a withdrawal still IN_TRANSIT. An admin creates a rule
 * on /alerts and sees it; a viewer reads both pages and has no form to change anything.
 */
const ACCOUNT = 'STATUSTEST_BTC_USD';
const ADMIN = 'status-admin';
const VIEWER = 'status-viewer';
const PASSWORD = 'status browser tests password';

async function seed(url: string): Promise<void> {
  const conn = await connectUrl(url);
  try {
    const e = await idAbove(conn, 'exchange');
    const x = await idAbove(conn, 'transaction');
    await conn.query(
      'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, ?, ?, ?)',
      [e, `status-${e}`, ACCOUNT, '{"BTC": "BTC 1"}'],
    );
    await conn.query(
      'INSERT INTO `transaction` (`transaction_id`, `transaction_type`, `transaction_status`, `unique_id`, ' +
        '`time_created`, `time_completed`, `amount`, `amount_currency`, `transaction_details`, `exchange_id`) VALUES ' +
        "(?, 'DEPOSIT', 'COMPLETED', ?, '2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, 'BTC', '{}', ?), " +
        "(?, 'WITHDRAWL', 'IN_TRANSIT', ?, UTC_TIMESTAMP() - INTERVAL 30 HOUR, NULL, 0.1, 'BTC', '{}', ?)",
      [x, `status-x${x}`, e, x + 1, `status-x${x + 1}`, e],
    );
    await conn.query(
      'INSERT INTO `event` (`unique_id`, `time_created`, `exchange_name`, `event_type`, `data`) VALUES ' +
        "(?, UTC_TIMESTAMP() - INTERVAL 1 HOUR, ?, 'AUDIT', ?)",
      [`status-audit-${e}`, ACCOUNT, JSON.stringify({ balance_data: { BTC: 'BTC 1.25' } })],
    );
  } finally {
    await conn.end();
  }
}

describe('/status and /alerts', () => {
  let browser: Browser;
  let admin: Page;
  let viewer: Page;
  let dashboards: mysql.Connection;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  beforeAll(async () => {
    await seed(app.tradingWriteUrl);
    dashboards = await connectUrl(app.dashboardsUrl);
    const db = drizzle({ client: dashboards, schema, mode: 'default' });
    const by = { username: 'status-test-setup', ctx: { ip: 'test', userAgent: 'status.test.ts' } };
    await createAccount(db, { username: ADMIN, password: PASSWORD, role: 'ADMIN' }, by);
    await createAccount(db, { username: VIEWER, password: PASSWORD, role: 'VIEWER' }, by);
    browser = await launchBrowser();
    admin = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    viewer = await (
      await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    await logIn(admin, app.baseUrl, ADMIN, PASSWORD);
    await logIn(viewer, app.baseUrl, VIEWER, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await dashboards
      ?.query(
        "DELETE FROM `job_run` WHERE `server_id` IN ('other-app:8080', 'old-app:8080', 'gone-app:8080')",
      )
      .catch(() => undefined);
    await dashboards?.end();
  });

  it('shows each line with its state in words, the deciding rule and the measured value', async () => {
    // /status serves the snapshot the alert evaluation stores every minute (with its time):
    // the planted account appears with the first evaluation after the seeding.
    const row = viewer.getByTestId(`account-${ACCOUNT}`);
    const deadline = Date.now() + 150_000;
    for (;;) {
      const res = await viewer.goto(url('/status'));
      expect(res?.status()).toBe(200);
      if ((await row.count()) > 0) break;
      if (Date.now() > deadline) throw new Error(`${ACCOUNT} never appeared on /status`);
      await new Promise((r) => setTimeout(r, 5_000));
    }
    const asOf = viewer.getByTestId('status-as-of');
    expect(await asOf.textContent()).toMatch(/^As of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(await row.getAttribute('data-state')).toBe('warning');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('▲ Warning');
    expect(text).toContain('audit-drift');
    expect(text).toContain('BTC +0.25000000 (AUDIT BTC 1.25000000, ledger BTC 1.00000000)');
    expect(text).toContain('withdrawal BTC 0.10000000, 1 day 6 hours');
    const summary = (await viewer.getByTestId('status-summary').textContent()) ?? '';
    expect(summary).toMatch(/^\d+ failing, \d+ warning/);
    expect(await viewer.locator('nav a[href="/status"]').count()).toBe(1);
    await screenshot(viewer, 'status');
    // The JSON twin: the same line.
    const api = await viewer.request.get(url('/api/status'));
    expect(api.status()).toBe(200);
    const body = (await api.json()) as {
      lines: Record<string, { state: string; rule: { name: string } }>;
    };
    expect(body.lines[`account:${ACCOUNT}`]).toMatchObject({
      state: 'warning',
      rule: { name: 'audit-drift' },
    });
  }, 180_000);

  it("lists every server's background jobs, failing, late and stale ones too", async () => {
    // Three other servers on the same dashboards database: one whose rollup just failed, one
    // silent for 2 days, one silent for 9 days (removed: stale, judged by no * rule).
    await dashboards.query(
      'INSERT INTO `job_run` (`server_id`, `job`, `every_ms`, `time_started`, `time_finished`, `time_succeeded`, ' +
        '`last_ok`, `time_failed`, `last_error`, `duration_ms`, `time_reported`) VALUES ' +
        "('other-app:8080', 'rollup', 60000, UTC_TIMESTAMP(3) - INTERVAL 60 SECOND, UTC_TIMESTAMP(3) - INTERVAL 59 SECOND, " +
        "UTC_TIMESTAMP(3) - INTERVAL 2 MINUTE, 0, UTC_TIMESTAMP(3) - INTERVAL 59 SECOND, 'Lock wait timeout exceeded', 1000, UTC_TIMESTAMP(3) - INTERVAL 59 SECOND), " +
        "('old-app:8080', 'rollup', 60000, UTC_TIMESTAMP(3) - INTERVAL 2 DAY, UTC_TIMESTAMP(3) - INTERVAL 2 DAY, " +
        'UTC_TIMESTAMP(3) - INTERVAL 2 DAY, 1, NULL, NULL, 800, UTC_TIMESTAMP(3) - INTERVAL 2 DAY), ' +
        "('gone-app:8080', 'rollup', 60000, UTC_TIMESTAMP(3) - INTERVAL 9 DAY, UTC_TIMESTAMP(3) - INTERVAL 9 DAY, " +
        'UTC_TIMESTAMP(3) - INTERVAL 9 DAY, 1, NULL, NULL, 800, UTC_TIMESTAMP(3) - INTERVAL 9 DAY)',
    );
    await viewer.goto(url('/status'));
    const jobs = viewer.getByTestId('status-jobs');
    await jobs.waitFor();
    const failing = viewer.getByTestId('job-rollup@other-app:8080');
    expect(await failing.getAttribute('data-state')).toBe('warning');
    expect(await failing.textContent()).toContain('▲ Warning');
    expect(await failing.textContent()).toContain('job-failing');
    expect(await failing.textContent()).toContain(
      'failed 59 seconds ago: Lock wait timeout exceeded',
    );
    const late = viewer.getByTestId('job-rollup@old-app:8080');
    expect(await late.getAttribute('data-state')).toBe('warning');
    expect(await late.textContent()).toContain('stopped reporting 2 days ago');
    expect(await late.textContent()).toContain('job-late');
    const gone = viewer.getByTestId('job-rollup@gone-app:8080');
    expect(await gone.getAttribute('data-state')).toBe('stale');
    expect(await gone.textContent()).toContain('◌ Stale');
    expect(await gone.textContent()).toContain('silent over 7 days');
    // This server's own jobs, recorded by its job runner: the evaluation ran and succeeded.
    const own = jobs.locator('tr[data-testid^="job-alert evaluation@"]');
    expect(await own.count()).toBe(1);
    expect(await own.getAttribute('data-state')).toBe('ok');
    await viewer.getByTestId('status-jobs').scrollIntoViewIfNeeded();
    await screenshot(viewer, 'status-jobs');
    const api = await viewer.request.get(url('/api/status'));
    const body = (await api.json()) as {
      snapshot: { jobs: Array<{ server: string; name: string }> };
      lines: Record<string, { state: string; rule: { name: string } }>;
    };
    expect(body.lines['job:rollup@other-app:8080']).toMatchObject({
      state: 'warning',
      rule: { name: 'job-failing' },
    });
    expect(body.lines['job:rollup@gone-app:8080']).toBeUndefined();
    expect(body.snapshot.jobs.map((j) => j.server)).toEqual(
      expect.arrayContaining(['other-app:8080', 'old-app:8080', 'gone-app:8080']),
    );
  }, 60_000);

  it('lets an admin create a rule, refuses a bad one with a message, and audits the change', async () => {
    await admin.goto(url('/alerts'));
    const form = admin.getByTestId('create-rule');
    await form.locator('input[name=name]').fill('statustest-transit');
    await form.locator('select[name=kind]').selectOption('transfer-in-transit');
    await form.locator('input[name=subject]').fill(ACCOUNT);
    await form.locator('input[name=threshold]').fill('12');
    await form.locator('input[name=for]').fill('5m');
    await form.locator('select[name=severity]').selectOption('failing');
    await form.locator('input[name=channels]').fill('ops');
    await form.locator('button[type=submit]').click();
    const result = admin.getByTestId('create-rule-result');
    await result.waitFor();
    expect(await result.textContent()).toBe('Rule "statustest-transit" created.');
    await admin.goto(url('/alerts'));
    const row = admin.getByTestId('rule-statustest-transit');
    expect(await row.textContent()).toContain('a transfer in transit for > 12 hours');
    expect(await row.getAttribute('data-source')).toBe('database');

    await form.locator('input[name=name]').fill('statustest-bad');
    await form.locator('input[name=for]').fill('soon');
    await form.locator('button[type=submit]').click();
    await result.waitFor();
    await admin.waitForFunction(() =>
      document.querySelector('[data-testid=create-rule-result]')?.textContent?.includes('Refused'),
    );
    expect(await result.textContent()).toBe(
      'Refused (400): for: expected a duration such as 90s, 5m, 2h or 1d (at most 30d), got "soon".',
    );
    await screenshot(admin, 'alerts-admin');

    const [rows] = await dashboards.query<RowDataPacket[]>(
      "SELECT username, subject, detail FROM audit_event WHERE action = 'alert-rule-change' AND subject = 'statustest-transit'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].username).toBe(ADMIN);
    expect(JSON.parse(String(rows[0].detail))).toMatchObject({
      op: 'create',
      after: { for: '5m', channels: 'ops' },
    });

    // The status line of the account is now decided by the new failing rule (30 h > 12 h).
    await admin.goto(url('/status'));
    const line = admin.getByTestId(`account-${ACCOUNT}`);
    expect(await line.getAttribute('data-state')).toBe('failing');
    expect(await line.textContent()).toContain('statustest-transit');
    await screenshot(admin, 'status-admin');
  }, 60_000);

  it("shows a viewer the rules read-only, and refuses a viewer's POST", async () => {
    await viewer.goto(url('/alerts'));
    await viewer.getByTestId('rule-statustest-transit').waitFor();
    expect(await viewer.getByTestId('create-rule').count()).toBe(0);
    expect(await viewer.getByTestId('edit-statustest-transit').count()).toBe(0);
    expect(await viewer.getByTestId('read-only').textContent()).toBe(
      'Only administrators change alert rules.',
    );
    await screenshot(viewer, 'alerts-viewer');
    // The admin's form, submitted with the viewer's session: the server action is refused
    // (403) and nothing is written.
    const forged = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await forged.newPage();
    await logIn(page, app.baseUrl, ADMIN, PASSWORD);
    await page.goto(url('/alerts'));
    await forged.clearCookies();
    await forged.addCookies(await viewer.context().cookies());
    const form = page.getByTestId('create-rule');
    await form.locator('input[name=name]').fill('statustest-forged');
    await form.locator('select[name=kind]').selectOption('drift');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await form.locator('button[type=submit]').click();
    expect((await answer).status()).toBe(403);
    await forged.close();
    const [forgedRows] = await dashboards.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM alert_rule WHERE name = 'statustest-forged'",
    );
    expect(Number(forgedRows[0].n)).toBe(0);
    const history = await viewer.goto(url('/alerts/history?state=exploded'));
    expect(history?.status()).toBe(400);
    expect(await viewer.locator('[data-param=state]').count()).toBe(1);
  }, 60_000);

  it("records the app's own evaluation (the background job, every minute) in the history", async () => {
    // The job runs at server start and then every minute: wait for a run after the seeding.
    const subject = `account:${ACCOUNT}`;
    const deadline = Date.now() + 150_000;
    let events: Array<{ rule: string; state: string; message: string }> = [];
    while (Date.now() < deadline) {
      const res = await viewer.request.get(
        url(`/api/alerts?history=1&subject=${encodeURIComponent(subject)}`),
      );
      expect(res.status()).toBe(200);
      events = ((await res.json()) as { events: typeof events }).events;
      if (events.some((e) => e.rule === 'audit-drift')) break;
      await new Promise((r) => setTimeout(r, 5_000));
    }
    const drift = events.find((e) => e.rule === 'audit-drift');
    expect(drift?.state).toBe('firing');
    expect(drift?.message).toContain('BTC +0.25000000');
    await viewer.goto(url(`/alerts/history?subject=${encodeURIComponent(subject)}`));
    await viewer.getByTestId('history').waitFor();
    expect(await viewer.getByTestId('history').textContent()).toContain('audit-drift');
    await screenshot(viewer, 'alerts-history');
  }, 180_000);
});
