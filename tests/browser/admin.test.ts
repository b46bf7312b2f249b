import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RowDataPacket } from 'mysql2';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import { testApp } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';
import * as schema from '../../lib/db/dashboards/schema';
import { createAccount } from '../../lib/auth/accounts';

/**
 * Issue 13: the user admin page, the account page and the audit log, through the browser: each
 * audited action leaves its row (read from the database and on /admin/audit).
 */
const ADMIN = 'admin-tester';
const PASSWORD = 'admin browser tests password';
const NEWBIE = 'admin-newbie';
const NEWBIE_PASSWORD = 'newbie first password';
const ACCOUNT = 'ADMINTEST_A';
const DAY = 'start=2024-06-01&end=2024-06-02';

async function seedAccount(url: string): Promise<void> {
  const conn = await connectUrl(url);
  try {
    const e = await idAbove(conn, 'exchange');
    await conn.query(
      'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, ?, ?, ?)',
      [e, `admin-${e}`, ACCOUNT, '{"USD": "USD 100"}'],
    );
  } finally {
    await conn.end();
  }
}

describe('user administration and the audit log', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dashboards: mysql.Connection;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  /** The audit rows of an action about `subject` (or by `username`), oldest first. */
  async function events(action: string, who: { subject?: string; username?: string }) {
    const [rows] = await dashboards.query<RowDataPacket[]>(
      'SELECT username, outcome, subject, ip, user_agent, detail FROM audit_event WHERE action = ? AND (? IS NULL OR subject = ?) AND (? IS NULL OR username = ?) ORDER BY event_id',
      [
        action,
        who.subject ?? null,
        who.subject ?? null,
        who.username ?? null,
        who.username ?? null,
      ],
    );
    return rows.map((r) => ({
      username: String(r.username),
      outcome: String(r.outcome),
      subject: String(r.subject),
      ip: String(r.ip),
      user_agent: String(r.user_agent),
      detail: JSON.parse(r.detail as string) as Record<string, unknown>,
    }));
  }

  async function manage(
    username: string,
    form: string,
    fill?: (f: ReturnType<Page['locator']>) => Promise<unknown>,
  ) {
    await page.goto(url('/admin/users'));
    const row = page.locator(`tr[data-user="${username}"]`);
    await row.locator('summary').click();
    const f = row.getByTestId(form);
    if (fill) await fill(f);
    await f.locator('button[type=submit]').click();
    const result = row.getByTestId(`${form}-result`);
    await result.waitFor();
    return (await result.textContent()) ?? '';
  }

  beforeAll(async () => {
    await seedAccount(app.tradingWriteUrl);
    dashboards = await connectUrl(app.dashboardsUrl);
    const db = drizzle({ client: dashboards, schema, mode: 'default' });
    await createAccount(
      db,
      { username: ADMIN, password: PASSWORD, role: 'ADMIN' },
      { username: 'admin-test-setup', ctx: { ip: 'test', userAgent: 'admin.test.ts' } },
    );
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    await logIn(page, app.baseUrl, ADMIN, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await dashboards?.end();
  });

  it('records logins with the address and browser, failures with their reason, and lockouts', async () => {
    const [login] = await events('login', { username: ADMIN });
    expect(login).toMatchObject({ outcome: 'ok', ip: '127.0.0.1' });
    expect(login.user_agent).toMatch(/Chrome/);
    const other = await browser.newPage();
    for (let i = 0; i < 6; i++) {
      await other.goto(url('/login'));
      await other.fill('input[name=username]', 'admin-lock-target');
      await other.fill('input[name=password]', 'not the password at all');
      await other.click('button[type=submit]');
      await other.locator('.alert.error').waitFor();
    }
    await other.close();
    const attempts = await events('login', { username: 'admin-lock-target' });
    expect(attempts.slice(0, 5).map((e) => e.outcome)).toEqual(Array(5).fill('failed'));
    expect(attempts[0].detail).toEqual({ reason: 'wrong username or password' });
    expect(attempts[5].outcome).toBe('locked');
    expect(attempts[5].detail.reason).toBe('too many failed attempts');
  }, 120_000);

  it('creates a user from the admin page, with a role and a scope', async () => {
    await page.goto(url('/admin/users'));
    const form = page.getByTestId('create-user');
    await form.locator('input[name=username]').fill(NEWBIE);
    await form.locator('input[name=password]').fill(NEWBIE_PASSWORD);
    await form.locator('input[name=password2]').fill(NEWBIE_PASSWORD);
    await form.locator('select[name=role]').selectOption('MEMBER');
    await form.locator('input[name=page-strategy]').uncheck();
    await form.locator('input[name=accounts]').fill(ACCOUNT);
    await form.locator('button[type=submit]').click();
    await page.getByTestId('create-user-result').waitFor();
    expect(await page.getByTestId('create-user-result').textContent()).toBe(
      `Created member "${NEWBIE}" (sees pages: fund, ledger, status; accounts: ${ACCOUNT}).`,
    );
    await page.goto(url('/admin/users'));
    const row = page.locator(`tr[data-user="${NEWBIE}"]`);
    expect(await row.locator('td').nth(1).textContent()).toBe('member');
    await screenshot(page, 'admin-users');
    const [created] = await events('user-create', { subject: NEWBIE });
    expect(created).toMatchObject({ username: ADMIN, outcome: 'ok' });
    expect(created.detail).toEqual({
      role: 'MEMBER',
      scope: `pages: fund, ledger, status; accounts: ${ACCOUNT}`,
    });
    // the same rules as the CLI: a taken name is refused with the reason
    await form.locator('input[name=username]').fill(NEWBIE);
    await form.locator('input[name=password]').fill(NEWBIE_PASSWORD);
    await form.locator('input[name=password2]').fill(NEWBIE_PASSWORD);
    await form.locator('button[type=submit]').click();
    await page.getByTestId('create-user-result').waitFor();
    expect(await page.getByTestId('create-user-result').textContent()).toContain('already taken');
  });

  it('changes the role and the scope, resets the password and ends sessions, each audited', async () => {
    expect(
      await manage(NEWBIE, 'set-role', (f) =>
        f.locator('select[name=role]').selectOption('VIEWER'),
      ),
    ).toBe(`${NEWBIE} is now viewer; their sessions have ended.`);
    expect(
      await manage(NEWBIE, 'set-scope', (f) => f.locator('input[name=page-strategy]').check()),
    ).toBe(`${NEWBIE} now sees accounts: ${ACCOUNT}; their sessions have ended.`);
    expect(
      await manage(NEWBIE, 'reset-password', (f) =>
        f.locator('input[name=password]').fill('newbie reset password'),
      ),
    ).toContain('New password set');
    expect(await manage(NEWBIE, 'revoke-sessions')).toBe(`Every session of ${NEWBIE} has ended.`);
    expect((await events('role-change', { subject: NEWBIE }))[0].detail).toEqual({
      from: 'MEMBER',
      to: 'VIEWER',
    });
    expect((await events('scope-change', { subject: NEWBIE }))[0].detail).toEqual({
      from: `pages: fund, ledger, status; accounts: ${ACCOUNT}`,
      to: `accounts: ${ACCOUNT}`,
    });
    expect((await events('password-change', { subject: NEWBIE }))[0].detail).toEqual({
      how: 'reset',
    });
    expect(await events('sessions-revoke', { subject: NEWBIE })).toHaveLength(1);
  });

  it('a disabled user cannot log in and is told why; enabled again, they can', async () => {
    expect(await manage(NEWBIE, 'set-disabled')).toBe(`${NEWBIE} is disabled and logged out.`);
    const other = await browser.newPage();
    await other.goto(url('/login'));
    await other.fill('input[name=username]', NEWBIE);
    await other.fill('input[name=password]', 'newbie reset password');
    await other.click('button[type=submit]');
    await other.locator('.alert.error').waitFor();
    expect(await other.locator('.alert.error').textContent()).toContain('disabled');
    expect(await manage(NEWBIE, 'set-disabled')).toBe(`${NEWBIE} can log in again.`);
    await logIn(other, app.baseUrl, NEWBIE, 'newbie reset password');
    await other.close();
    expect(await events('user-disable', { subject: NEWBIE })).toHaveLength(1);
    expect(await events('user-enable', { subject: NEWBIE })).toHaveLength(1);
    const logins = await events('login', { username: NEWBIE });
    expect(logins.map((e) => [e.outcome, e.detail.reason])).toEqual([
      ['failed', 'login disabled'],
      ['ok', undefined],
    ]);
  });

  it('each user changes their own password on the account page, the current one required', async () => {
    const ctx = await browser.newContext();
    const own = await ctx.newPage();
    await logIn(own, app.baseUrl, NEWBIE, 'newbie reset password');
    await own.goto(url('/account'));
    expect(await own.getByTestId('account-summary').textContent()).toContain(
      `${NEWBIE}, viewer: you may read the dashboards.`,
    );
    const form = own.getByTestId('change-password');
    await form.locator('input[name=current]').fill('a wrong current password');
    await form.locator('input[name=next]').fill('newbie own new password');
    await form.locator('input[name=next2]').fill('newbie own new password');
    await form.locator('button[type=submit]').click();
    await own.getByTestId('change-password-result').waitFor();
    expect(await own.getByTestId('change-password-result').textContent()).toBe(
      'Refused: the current password is wrong.',
    );
    await screenshot(own, 'account-page');
    // React resets the form after each action: every field is typed again.
    await form.locator('input[name=current]').fill('newbie reset password');
    await form.locator('input[name=next]').fill('newbie own new password');
    await form.locator('input[name=next2]').fill('newbie own new password');
    await form.locator('button[type=submit]').click();
    await own
      .getByTestId('change-password-result')
      .filter({ hasText: 'Password changed' })
      .waitFor();
    await ctx.close();
    const changes = await events('password-change', { subject: NEWBIE });
    expect(changes.map((e) => [e.username, e.detail.how])).toEqual([
      [ADMIN, 'reset'],
      [NEWBIE, 'own'],
    ]);
  });

  it('records CSV exports with the account, window and rows, and statement uploads and deletions', async () => {
    const csv = await page.request.get(url(`/api/ledger/${ACCOUNT.toLowerCase()}/csv?${DAY}`));
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\n').length - 1;
    const exports = await events('csv-export', { subject: ACCOUNT });
    expect(exports.map((e) => e.outcome)).toEqual(['started', 'ok']);
    expect(exports[1].detail).toEqual({
      window: { start: '2024-06-01', end: '2024-06-02' },
      rows: lines,
    });
    await page.goto(url(`/ledger/${ACCOUNT.toLowerCase()}/reconcile`));
    await page.setInputFiles('[data-testid=statement-form] input[type=file]', {
      name: 'admin-test.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'refid,time,asset,amount\nA1,2024-06-01 10:00:00,USD,5\nA2,2024-06-01 11:00:00,USD,-2\n',
      ),
    });
    await page.locator('select[data-field=time]').waitFor();
    await page.click('[data-testid=statement-form] button[type=submit]');
    await page.waitForURL((u) => /\/reconcile\/\d+$/.test(u.pathname));
    const statementId = Number(new URL(page.url()).pathname.split('/').pop());
    const [upload] = await events('statement-upload', { subject: ACCOUNT });
    expect(upload).toMatchObject({ username: ADMIN, outcome: 'ok' });
    expect(upload.detail).toEqual({ statementId, rows: 2 });
    await page.goto(url(`/ledger/${ACCOUNT.toLowerCase()}/reconcile/${statementId}/delete`));
    await page.getByTestId('confirm-delete').click();
    await page.waitForURL((u) => u.searchParams.get('deleted') === '1');
    const [deleted] = await events('statement-delete', { username: ADMIN });
    expect(deleted.detail).toEqual({ statementId: String(statementId) });
  });

  it('shows the audit log with filters, as JSON and as CSV (that export audited too)', async () => {
    await page.goto(url(`/admin/audit?user=${ADMIN}`));
    const actions = await page
      .locator('[data-testid=audit-events] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const a of ['login', 'user-create', 'role-change', 'scope-change', 'csv-export'])
      expect(actions).toContain(a);
    await screenshot(page, 'admin-audit');
    await page.goto(url('/admin/audit?action=role-change'));
    const only = await page
      .locator('[data-testid=audit-events] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(new Set(only)).toEqual(new Set(['role-change']));
    const bad = await page.goto(url('/admin/audit?action=nope'));
    expect(bad?.status()).toBe(400);
    expect(await page.locator('[data-param=action]').count()).toBe(1);
    const json = await page.request.get(url(`/api/admin/audit?action=user-disable`));
    const body = (await json.json()) as { events: Array<{ subject: string; username: string }> };
    expect(body.events.map((e) => [e.username, e.subject])).toEqual([[ADMIN, NEWBIE]]);
    const csv = await page.request.get(url(`/api/admin/audit?user=${ADMIN}&format=csv`));
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\n')[0]).toBe(
      'time_utc,username,action,outcome,subject,ip,user_agent,detail',
    );
    const [auditExport] = await events('csv-export', { subject: 'audit log' });
    expect(auditExport.username).toBe(ADMIN);
  });

  it('records the logout', async () => {
    await page.goto(url('/'));
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await expect.poll(async () => (await events('logout', { username: ADMIN })).length).toBe(1);
  });
});
