import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RowDataPacket } from 'mysql2';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import { generate } from 'otplib';
import { testApp } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { runScript } from '../helpers/cli';
import { connectUrl } from '../helpers/sql';
import { findFreePort } from '../../scripts/lib/process-utils';
import { REPO_ROOT, startNextServer, waitForHttp, type NextServer } from '../setup/next-server';
import * as schema from '../../lib/db/dashboards/schema';
import { createAccount } from '../../lib/auth/accounts';

/**
 * Issue 13, two-factor sign-in, in the real pages: set-up on /account (the secret read off the
 * page, codes computed here with otplib as an authenticator app would), the login's code step
 * (a wrong code refused and counted, a replayed code refused, a recovery code working once),
 * the reset by `npm run user -- reset-2fa`, and REQUIRE_2FA on a second server.
 */
const USER = 'totp-tester';
const MEMBER = 'totp-member';
const ADMIN = 'totp-admin';
const PASSWORD = 'two factor tests password';
const SETUP = { username: 'totp-test-setup', ctx: { ip: 'test', userAgent: 'two-factor.test.ts' } };
const now = () => Math.floor(Date.now() / 1000);

describe('two-factor sign-in', () => {
  let browser: Browser;
  let dashboards: mysql.Connection;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  let secret = '';
  let recovery: string[] = [];

  async function freshPage(base = app.baseUrl): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    return page;
  }

  /** The password step; resolves on the code form. */
  async function passwordStep(page: Page, username = USER) {
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.getByTestId('two-factor-code').waitFor();
  }

  async function codeStep(page: Page, code: string): Promise<'in' | string> {
    await page.getByTestId('two-factor-code').fill(code);
    await page.click('button[type=submit]');
    const home = page.waitForURL((u) => u.pathname === '/').then(() => 'in' as const);
    const refused = page
      .locator('.alert.error')
      .waitFor()
      .then(async () => (await page.locator('.alert.error').textContent()) ?? '');
    return Promise.race([home, refused]);
  }

  async function loginRows(username: string) {
    const [rows] = await dashboards.query<RowDataPacket[]>(
      'SELECT outcome, detail FROM audit_event WHERE action = ? AND username = ? ORDER BY event_id',
      ['login', username],
    );
    return rows.map((r) => `${r.outcome} ${JSON.parse(r.detail as string).reason ?? ''}`.trim());
  }

  beforeAll(async () => {
    dashboards = await connectUrl(app.dashboardsUrl);
    const db = drizzle({ client: dashboards, schema, mode: 'default' });
    await createAccount(db, { username: USER, password: PASSWORD, role: 'MEMBER' }, SETUP);
    await createAccount(db, { username: MEMBER, password: PASSWORD, role: 'MEMBER' }, SETUP);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await dashboards?.end();
  });

  it('sets up on /account: QR code and key on the page, on after a right code, recovery codes shown once', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await logIn(page, app.baseUrl, USER, PASSWORD);
    await page.goto(url('/account'));
    expect(await page.getByTestId('two-factor').getAttribute('data-state')).toBe('off');
    await page.getByTestId('start-two-factor').locator('button').click();
    await page.getByTestId('totp-secret').waitFor();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qr = await page.getByTestId('totp-qr').getAttribute('src');
    expect(qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qr!.split(',')[1], 'base64').toString()).toContain('<svg');
    await screenshot(page, 'two-factor-enrol');

    const form = page.getByTestId('confirm-two-factor');
    await form.locator('input[name=code]').fill('000000');
    await form.locator('button').click();
    await expect
      .poll(() => page.getByTestId('confirm-two-factor-result').textContent())
      .toMatch(/^Refused: that code is not the one the app shows now/);
    await form.locator('input[name=code]').fill(await generate({ secret, epoch: now() }));
    await form.locator('button').click();
    await page.getByTestId('recovery-codes').waitFor();
    recovery = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    expect(recovery).toHaveLength(10);
    for (const c of recovery) expect(c).toMatch(/^([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}$/);
    await screenshot(page, 'two-factor-recovery-codes');
    await page.getByTestId('recovery-codes-done').click();
    await page.waitForURL(url('/account'));
    expect(await page.getByTestId('two-factor').getAttribute('data-state')).toBe('on');
    expect(await page.getByTestId('recovery-left').textContent()).toBe('10');
    await screenshot(page, 'two-factor-on');
    const [[row]] = await dashboards.query<RowDataPacket[]>(
      'SELECT t.secret FROM user_totp t JOIN `user` u USING (user_id) WHERE u.username = ?',
      [USER],
    );
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(secret);
    await page.getByText('Log out').click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.context().close();
  }, 120_000);

  it('asks for the code after the password; a wrong code is refused and counted, the right one signs in once', async () => {
    const page = await freshPage();
    await passwordStep(page);
    // no session yet: the dashboards still send to the login page
    const probe = await page.context().request.get(url('/api/fund'), { maxRedirects: 0 });
    expect(probe.status()).toBe(401);
    await screenshot(page, 'two-factor-login-code');
    expect(await codeStep(page, '000000')).toBe('Wrong or already used code.');
    await screenshot(page, 'two-factor-login-wrong-code');
    const [[failed]] = await dashboards.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM login_attempt WHERE username = ? AND succeeded = 0',
      [USER],
    );
    expect(Number(failed.n)).toBe(1);
    // the next step's code: the current one confirmed the set-up and is used up
    const code = await generate({ secret, epoch: now() + 30 });
    expect(await codeStep(page, code)).toBe('in');
    await page.context().close();

    const again = await freshPage();
    await passwordStep(again);
    expect(await codeStep(again, code)).toBe('Wrong or already used code.');
    await again.context().close();
    expect(await loginRows(USER)).toEqual([
      'ok', // before the set-up
      'started password right, two-factor code needed',
      'failed bad-code',
      'ok', // the same code form, the same challenge
      'started password right, two-factor code needed',
      'failed bad-code',
    ]);
  }, 120_000);

  it('accepts a recovery code once', async () => {
    const page = await freshPage();
    await passwordStep(page);
    expect(await codeStep(page, recovery[0].toLowerCase())).toBe('in');
    await page.goto(url('/account'));
    expect(await page.getByTestId('recovery-left').textContent()).toBe('9');
    const again = await freshPage();
    await passwordStep(again);
    expect(await codeStep(again, recovery[0])).toBe('Wrong or already used code.');
    await again.context().close();
    await page.context().close();
  }, 120_000);

  it('is reset by `npm run user -- reset-2fa`: audited, sessions ended, password alone signs in', async () => {
    const page = await freshPage();
    await passwordStep(page);
    expect(await codeStep(page, recovery[1])).toBe('in');
    const env = {
      APP_COOKIE_SECRET: app.cookieSecret,
      DASHBOARD_DB_CRED: app.dashboardsUrl,
      TRADING_DB_CRED: app.tradingUrl,
    };
    const dry = await runScript('user', ['reset-2fa', USER], { env });
    expect(dry.stdout).toContain('Dry run');
    const r = await runScript('user', ['reset-2fa', USER, '--execute'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Two-factor sign-in of ${USER} reset`);
    const [[audit]] = await dashboards.query<RowDataPacket[]>(
      "SELECT username, subject FROM audit_event WHERE action = '2fa-reset' ORDER BY event_id DESC LIMIT 1",
    );
    expect(audit.subject).toBe(USER);
    expect(String(audit.username)).toMatch(/^cli:/);
    // the session opened with the recovery code has ended
    await page.goto(url('/account'));
    expect(new URL(page.url()).pathname).toBe('/login');
    await logIn(page, app.baseUrl, USER, PASSWORD);
    const twice = await runScript('user', ['reset-2fa', USER, '--execute'], { env });
    expect(twice.code).not.toBe(0);
    expect(twice.stderr + twice.stdout).toContain('has no two-factor authentication');
    await page.context().close();
  }, 120_000);

  describe('REQUIRE_2FA=MEMBER (a second server on the same databases)', () => {
    let server: NextServer | undefined;
    let base = '';

    beforeAll(async () => {
      const port = await findFreePort();
      base = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: 'production',
        APP_ENV: 'LOCAL',
        APP_PORT: String(port),
        APP_COOKIE_SECRET: app.cookieSecret,
        DASHBOARD_DB_CRED: app.dashboardsUrl,
        TRADING_DB_CRED: app.tradingUrl,
        REQUIRE_2FA: 'MEMBER',
      };
      server = startNextServer(port, env, path.join(REPO_ROOT, `.tmp/two-factor-next.${port}.log`));
      await waitForHttp(`${base}/login`, server);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('sends a member without two-factor to the set-up and lets nothing else open until done', async () => {
      const page = await freshPage(base);
      await page.fill('input[name=username]', MEMBER);
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL((u) => u.pathname === '/account');
      await page.getByTestId('two-factor-required').waitFor();
      await screenshot(page, 'two-factor-required');
      for (const p of ['/', '/fund', '/admin/users']) {
        await page.goto(`${base}${p}`);
        expect(new URL(page.url()).pathname, p).toBe('/account');
      }
      const api = await page.context().request.get(`${base}/api/fund`);
      expect(api.status()).toBe(403);
      expect((await api.json()).error).toMatch(/two-factor sign-in is required/);

      await page.getByTestId('start-two-factor').locator('button').click();
      await page.getByTestId('totp-secret').waitFor();
      const s = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
      const form = page.getByTestId('confirm-two-factor');
      await form.locator('input[name=code]').fill(await generate({ secret: s, epoch: now() }));
      await form.locator('button').click();
      await page.getByTestId('recovery-codes').waitFor();
      await page.goto(`${base}/fund`);
      expect(new URL(page.url()).pathname).toBe('/fund');
      expect((await page.context().request.get(`${base}/api/fund`)).status()).not.toBe(403);
      await page.context().close();
    }, 120_000);

    it("is reset from the admin page's row of the user, audited", async () => {
      const db = drizzle({ client: dashboards, schema, mode: 'default' });
      await createAccount(db, { username: ADMIN, password: PASSWORD, role: 'ADMIN' }, SETUP);
      const page = await freshPage();
      await logIn(page, app.baseUrl, ADMIN, PASSWORD);
      await page.goto(url('/admin/users'));
      const row = page.locator(`tr[data-user="${MEMBER}"]`);
      expect(await row.locator('td').nth(3).textContent()).toBe('enabled, two-factor');
      await row.locator('summary').click();
      await row.getByTestId('reset-two-factor').locator('button').click();
      await row.getByTestId('reset-two-factor-result').waitFor();
      expect(await row.getByTestId('reset-two-factor-result').textContent()).toBe(
        `Two-factor sign-in of ${MEMBER} is reset; their sessions have ended.`,
      );
      const [[audit]] = await dashboards.query<RowDataPacket[]>(
        "SELECT username FROM audit_event WHERE action = '2fa-reset' AND subject = ?",
        [MEMBER],
      );
      expect(audit.username).toBe(ADMIN);
      await page.goto(url('/admin/users'));
      expect(await page.locator(`tr[data-user="${MEMBER}"] td`).nth(3).textContent()).toBe(
        'enabled',
      );
      await page.context().close();
    }, 120_000);
  });
});
