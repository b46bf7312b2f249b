import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RowDataPacket } from 'mysql2';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import { testApp } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { startHttpReceiver, type HttpReceiver } from '../helpers/receivers';
import { connectUrl } from '../helpers/sql';
import * as schema from '../../lib/db/dashboards/schema';
import { createAccount } from '../../lib/auth/accounts';
import { verifyWebhook } from '../../lib/notify/sign';

/**
 * Issue 14: delivery channels and scheduled reports through the browser. An admin creates a
 * webhook channel pointing at a receiver started here, presses Send test, and the receiver gets
 * a notice signed with the secret the page showed; a viewer is refused the admin pages.
 */
const ADMIN = 'notify-admin';
const VIEWER = 'notify-viewer';
const PASSWORD = 'notify browser tests password';
const HOOK = 'browser-hook';

describe('delivery channels and scheduled reports', () => {
  let browser: Browser;
  let page: Page;
  let dashboards: mysql.Connection;
  let receiver: HttpReceiver;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    dashboards = await connectUrl(app.dashboardsUrl);
    const db = drizzle({ client: dashboards, schema, mode: 'default' });
    const by = {
      username: 'notify-test-setup',
      ctx: { ip: 'test', userAgent: 'channels.test.ts' },
    };
    await createAccount(db, { username: ADMIN, password: PASSWORD, role: 'ADMIN' }, by);
    await createAccount(db, { username: VIEWER, password: PASSWORD, role: 'VIEWER' }, by);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, ADMIN, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await dashboards?.end();
    await receiver?.close();
  });

  it('an admin creates a webhook channel, sends a test, and the receiver gets it signed', async () => {
    await page.goto(url('/alerts/channels'));
    const form = page.getByTestId('create-channel');
    await form.locator('input[name=name]').fill(HOOK);
    await form.locator('select[name=kind]').selectOption('webhook');
    await form.locator('input[name=target]').fill(`${receiver.url}/hook`);
    await form.locator('button[type=submit]').click();
    const created = (await page.getByTestId('create-channel-result').textContent()) ?? '';
    expect(created).toMatch(/^Created webhook browser-hook\. Its signing secret, shown once/);
    const secret = /([0-9a-f]{64})$/.exec(created)?.[1];
    expect(secret).toBeDefined();

    await page.goto(url('/alerts/channels'));
    const row = page.locator(`tr[data-channel="${HOOK}"]`);
    await row.getByTestId(`test-${HOOK}`).locator('button[type=submit]').click();
    const result = row.getByTestId(`test-${HOOK}-result`);
    await result.waitFor();
    expect(await result.textContent()).toBe(`Delivered to ${HOOK} (HTTP 200).`);

    const tests = receiver.requests.filter((r) => JSON.parse(r.body).kind === 'test');
    expect(tests).toHaveLength(1);
    const [got] = tests;
    expect(got.path).toBe('/hook');
    const ts = got.headers['x-gryphon-timestamp'] as string;
    expect(verifyWebhook(secret!, ts, got.body, got.headers['x-gryphon-signature'] as string)).toBe(
      true,
    );
    expect(JSON.parse(got.body)).toMatchObject({
      kind: 'test',
      title: `Test notice for channel ${HOOK}`,
      severity: 'info',
      data: { channel: HOOK, by: ADMIN },
    });

    // The log shows the attempt (after a reload: the action revalidated the page).
    await page.goto(url('/alerts/channels'));
    const logRow = page.locator(`[data-testid=delivery-log] tr[data-channel="${HOOK}"]`).first();
    expect(await logRow.getAttribute('data-outcome')).toBe('ok');
    expect(await logRow.textContent()).toContain('HTTP 200');
    await screenshot(page, 'notify-channels');

    const [[audit]] = await dashboards.query<RowDataPacket[]>(
      "SELECT username, detail FROM audit_event WHERE action = 'channel-change' AND subject = ? ORDER BY event_id LIMIT 1",
      [`channel:${HOOK}`],
    );
    expect(audit.username).toBe(ADMIN);
    expect(audit.detail).not.toContain(secret!);
  });

  it('refuses a target that is not http(s), naming the field', async () => {
    await page.goto(url('/alerts/channels'));
    const form = page.getByTestId('create-channel');
    await form.locator('input[name=name]').fill('bad-hook');
    await form.locator('input[name=target]').fill('file:///etc/passwd');
    await form.locator('button[type=submit]').click();
    expect(await page.getByTestId('create-channel-result').textContent()).toBe(
      'Refused (target): only http:// and https:// targets are allowed, not file:.',
    );
  });

  it('an admin schedules a daily report to the channel', async () => {
    await page.goto(url('/alerts/reports'));
    const form = page.getByTestId('create-schedule');
    await form.locator('input[name=name]').fill('daily-browser');
    await form.locator('select[name=period]').selectOption('daily');
    await form.locator(`input[name=channel][value="${HOOK}"]`).check();
    await form.locator('button[type=submit]').click();
    expect(await page.getByTestId('create-schedule-result').textContent()).toMatch(
      /^Created daily-browser/,
    );
    await page.goto(url('/alerts/reports'));
    const row = page.locator('tr[data-schedule="daily-browser"]');
    expect(await row.locator('td').nth(2).textContent()).toBe(HOOK);
    await screenshot(page, 'notify-reports');
  });

  it('shows the period report print-ready, with the alerts that fired', async () => {
    await dashboards.query(
      "INSERT INTO `alert_event` (`time`, `rule_name`, `subject`, `state`, `severity`, `message`, `detail`, `channels`) VALUES ('2012-05-07 10:00:00', 'browser-rule', 'fund', 'firing', 'warning', 'Loss today 1,200 USD (threshold 1,000).', '{}', '')",
    );
    await page.goto(url('/reports/period?start=2012-05-07&end=2012-05-08'));
    expect(await page.locator('h1').textContent()).toBe('Report 2012-05-07');
    expect(await page.getByTestId('fund-figures').textContent()).toContain('USD');
    const alerts = page.getByTestId('alerts-fired');
    expect(await alerts.textContent()).toContain('Loss today 1,200 USD (threshold 1,000).');
    expect(await page.locator('nav.nav').isVisible()).toBe(true);
    await screenshot(page, 'notify-period-report');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.nav').isVisible()).toBe(false);
    await screenshot(page, 'notify-period-report-print');
    await page.emulateMedia({ media: 'screen' });
    const bad = await page.goto(url('/reports/period?start=yesterdayish'));
    expect(bad?.status()).toBe(400);
  });

  it('a viewer is refused the channels and the schedules', async () => {
    const viewer = await (await browser.newContext()).newPage();
    await logIn(viewer, app.baseUrl, VIEWER, PASSWORD);
    for (const p of ['/alerts/channels', '/alerts/reports']) {
      const res = await viewer.goto(url(p));
      expect(res?.status(), p).toBe(403);
      expect(await viewer.getByTestId('forbidden').textContent()).toMatch(
        /only administrators may/,
      );
    }
    await screenshot(viewer, 'notify-viewer-403');
    // but may read the period report (it is the fund's)
    expect(
      (await viewer.goto(url('/reports/period?start=2012-05-07&end=2012-05-08')))?.status(),
    ).toBe(200);
    await viewer.close();
  });
});
