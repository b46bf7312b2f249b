/**
 * Sign-in with an OpenID Connect provider (issue 13 items 4 and 6), against a real one: the
 * `oidc-provider` package runs in this process on a free port of 127.0.0.1, with one client
 * (this app's /api/auth/callback/oidc), an in-memory account store and its built-in login and
 * consent forms (devInteractions), which the browser fills in. The app is a second `next start`
 * of the browser project's build on the shared test databases, with OIDC_* set; once with
 * OIDC_AUTO_CREATE=false, then once with true. ID tokens carry only `sub` here (oidc-provider
 * conforms to the spec by default): the names come from the userinfo endpoint.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import Provider from 'oidc-provider';
import { appCliEnv, testApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';
import * as schema from '../../lib/db/dashboards/schema';
import { createAccount, requireUserNamed, setDisabled } from '../../lib/auth/accounts';
import { findFreePort } from '../../scripts/lib/process-utils';
import { REPO_ROOT, startNextServer, waitForHttp, type NextServer } from '../setup/next-server';

const PASSWORD = 'oidc browser tests password';
const CLIENT = { id: 'gryphon-dashboards', secret: randomBytes(24).toString('base64url') };
const by = { username: 'oidc-test-setup', ctx: { ip: 'test', userAgent: 'oidc.test.ts' } };

/** The provider's people (the login typed into its form is the `sub`). */
const PEOPLE: Record<string, Record<string, unknown>> = {
  alice: { preferred_username: 'oidc-alice', email: 'alice@firm.example', email_verified: true },
  // Matched by her verified address: no local login is named c.smith.
  carol: { preferred_username: 'c.smith', email: 'carol@firm.example', email_verified: true },
  // The same address, unverified: must not log in as carol.
  mallory: { preferred_username: 'm.allory', email: 'carol@firm.example', email_verified: false },
  stranger: { preferred_username: 'oidc-stranger', email_verified: false },
  dave: { preferred_username: 'oidc-dave' },
  newbie: { preferred_username: 'oidc-newbie', email: 'newbie@firm.example', email_verified: true },
};

describe('sign-in with OpenID Connect', () => {
  const shared = testApp();
  let browser: Browser;
  let dashboards: mysql.Connection;
  let idp: http.Server;
  let issuer = '';
  const ports: number[] = [];
  let app: NextServer | undefined;
  let baseUrl = '';

  async function startApp(autoCreate: boolean) {
    await app?.stop();
    const port = ports[autoCreate ? 1 : 0];
    baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...appCliEnv(),
      APP_PORT: String(port),
      APP_COOKIE_SECRET: randomBytes(36).toString('base64url'),
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_NAME: 'Firm SSO',
      OIDC_AUTO_CREATE: String(autoCreate),
    };
    app = startNextServer(port, env, path.join(REPO_ROOT, `.tmp/oidc-next-start.${port}.log`));
    await waitForHttp(`${baseUrl}/login`, app);
  }

  /** From our login page through the provider's login and consent forms, back to the app. */
  async function signInAs(page: Page, login: string, callback = '/') {
    await page.goto(`${baseUrl}/login?callbackUrl=${encodeURIComponent(callback)}`);
    await page.getByRole('button', { name: 'Sign in with Firm SSO' }).click();
    await page.waitForURL((u) => u.origin === issuer);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'anything');
    await page.click('button[type=submit]');
    // Consent (first time for this person): the provider's "Continue".
    await page.waitForURL((u) => u.origin === baseUrl || u.pathname.startsWith('/interaction/'));
    if (new URL(page.url()).origin === issuer) {
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.waitForURL((u) => u.origin === baseUrl && !u.pathname.startsWith('/api/auth'));
  }

  async function lastLoginAudit(username: string) {
    const [rows] = (await dashboards.query(
      "SELECT outcome, detail FROM audit_event WHERE action = 'login' AND username = ? ORDER BY event_id DESC LIMIT 1",
      [username],
    )) as unknown as [Array<{ outcome: string; detail: string }>];
    return rows[0] ? { outcome: rows[0].outcome, detail: JSON.parse(rows[0].detail) } : null;
  }

  async function nav(page: Page): Promise<string[]> {
    await page.locator('nav.nav').first().waitFor({ timeout: 15_000 });
    return page
      .locator('nav.nav > a, nav.nav .nav-links > a, nav.nav .nav-links > details > summary')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  beforeAll(async () => {
    ports.push(await findFreePort(), await findFreePort());
    const idpPort = await findFreePort();
    issuer = `http://127.0.0.1:${idpPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: ports.map((p) => `http://127.0.0.1:${p}/api/auth/callback/oidc`),
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      async findAccount(_ctx, sub) {
        const person = PEOPLE[sub];
        if (!person) return undefined;
        return { accountId: sub, claims: async () => ({ sub, ...person }) };
      },
      claims: {
        openid: ['sub'],
        profile: ['preferred_username'],
        email: ['email', 'email_verified'],
      },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      cookies: { keys: [randomBytes(16).toString('hex')] },
    });
    idp = http.createServer(provider.callback());
    await new Promise<void>((resolve) => idp.listen(idpPort, '127.0.0.1', resolve));

    dashboards = await connectUrl(shared.dashboardsUrl);
    const db = drizzle({ client: dashboards, schema, mode: 'default' });
    await createAccount(
      db,
      { username: 'oidc-alice', password: PASSWORD, role: 'MEMBER', scope: { pages: ['fund'] } },
      by,
    );
    await createAccount(
      db,
      { username: 'carol@firm.example', password: PASSWORD, role: 'VIEWER' },
      by,
    );
    await createAccount(db, { username: 'oidc-dave', password: PASSWORD, role: 'MEMBER' }, by);
    await setDisabled(db, await requireUserNamed(db, 'oidc-dave'), true, by);
    browser = await launchBrowser();
    await startApp(false);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await new Promise((resolve) => idp?.close(resolve));
    await dashboards?.end();
  });

  it('offers the button only where OIDC_* is set', async () => {
    const page = await browser.newPage();
    await page.goto(`${shared.baseUrl}/login`);
    expect(await page.locator('[data-testid=oidc]').count()).toBe(0);
    await page.goto(`${baseUrl}/login`);
    expect(await page.getByRole('button', { name: 'Sign in with Firm SSO' }).count()).toBe(1);
    await screenshot(page, 'oidc-login');
    await page.close();
  });

  it('a matched user signs in with the role and scope of its login, and nothing more', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, 'alice', '/fund');
    expect(new URL(page.url()).pathname).toBe('/fund');
    expect(await nav(page)).toEqual(['Gryphon Dashboards', 'Fund', 'oidc-alice']);
    await screenshot(page, 'oidc-alice-fund');
    const call = async (p: string) =>
      (
        await context.request.fetch(`${baseUrl}${p}`, {
          maxRedirects: 0,
          headers: { Accept: 'application/json' },
        })
      ).status();
    expect(await call('/api/fund')).toBe(200);
    expect(await call('/api/strategy/simple_mm')).toBe(403);
    expect(await call('/api/admin/audit')).toBe(403);
    expect(await lastLoginAudit('oidc-alice')).toEqual({
      outcome: 'ok',
      detail: { method: 'oidc', issuer, sub: 'alice' },
    });
    await context.close();
  });

  it('matches a verified e-mail address, never an unverified one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, 'carol');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await nav(page)).toContain('carol@firm.example');
    await context.close();

    const other = await browser.newContext();
    const p2 = await other.newPage();
    await signInAs(p2, 'mallory');
    expect(new URL(p2.url()).pathname).toBe('/login');
    expect(await p2.getByTestId('oidc-error').textContent()).toMatch(
      /no login of this dashboard has your username or verified e-mail address/,
    );
    expect((await lastLoginAudit('m.allory'))?.outcome).toBe('failed');
    await other.close();
  });

  it('refuses an unknown user with a clear message, and records why', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, 'stranger');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('oidc-error').textContent()).toBe(
      'You signed in with Firm SSO, but no login of this dashboard has your username or verified e-mail address. Ask an administrator to create one with the same username.',
    );
    await screenshot(page, 'oidc-unknown-refused');
    // No session: the home page sends the browser back to the login page.
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await lastLoginAudit('oidc-stranger')).toEqual({
      outcome: 'failed',
      detail: {
        method: 'oidc',
        issuer,
        sub: 'stranger',
        reason: 'no login with this username or verified e-mail address',
      },
    });
    const [rows] = (await dashboards.query('SELECT 1 FROM `user` WHERE username = ?', [
      'oidc-stranger',
    ])) as unknown as [unknown[]];
    expect(rows).toHaveLength(0);
    await context.close();
  });

  it('refuses a disabled login', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, 'dave');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('oidc-error').textContent()).toMatch(
      /has been disabled by an administrator/,
    );
    expect((await lastLoginAudit('oidc-dave'))?.detail.reason).toBe('login disabled');
    await context.close();
  });

  it('with OIDC_AUTO_CREATE=true, an unknown user gets a VIEWER login', async () => {
    await startApp(true);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, 'newbie');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await nav(page)).toEqual([
      'Gryphon Dashboards',
      'Strategies',
      'Fund',
      'Ledgers',
      'Status',
      'Alerts',
      'oidc-newbie',
    ]);
    await screenshot(page, 'oidc-newbie-home');
    const [rows] = (await dashboards.query(
      'SELECT user_type, access_scope, password FROM `user` WHERE username = ?',
      ['oidc-newbie'],
    )) as unknown as [Array<{ user_type: string; access_scope: string | null; password: string }>];
    expect(rows).toHaveLength(1);
    expect(rows[0].user_type).toBe('VIEWER');
    expect(rows[0].access_scope).toBeNull();
    expect(rows[0].password).toMatch(/^\$2a\$12\$/);
    // A viewer: no export.
    const csv = await context.request.fetch(`${baseUrl}/api/ledger/anything/csv`, {
      maxRedirects: 0,
    });
    expect(csv.status()).toBe(403);
    expect((await lastLoginAudit('oidc-newbie'))?.detail).toEqual({
      method: 'oidc',
      issuer,
      sub: 'newbie',
      created: 'VIEWER',
    });
    // Its password is random and kept by nobody: the password form refuses a guess.
    const p2 = await (await browser.newContext()).newPage();
    await p2.goto(`${baseUrl}/login`);
    await p2.fill('input[name=username]', 'oidc-newbie');
    await p2.fill('input[name=password]', PASSWORD);
    await p2.click('button[type=submit]');
    const refusal = p2.locator('form .alert.error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Wrong username or password.');
    await p2.context().close();
    await context.close();
  });
});
