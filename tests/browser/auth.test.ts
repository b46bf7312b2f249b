import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RowDataPacket } from 'mysql2';
import { encode } from 'next-auth/jwt';
import { appCliEnv, testApp, createAppUser } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { EXEMPT_ROUTE_FILES, requestFor, routeFiles } from '../helpers/routes';
import { connectUrl, idAbove } from '../helpers/sql';

const USER = 'browser-tester';
const PASSWORD = 'browser tests password';
const COOKIE = 'gryphon-dashboards.session';
/** What only a logged-in user may see: names from the seeded trading database. */
const SECRETS = ['BITSTAMP_BTC_USD', 'OLDBOT', 'SIMPLEMARKETMAKING'];
const SAMPLE_PARAMS = {
  exchange: 'bitstamp_btc_usd',
  currency: 'usd',
  actor: 'simple_mm',
  statementId: '1',
};

async function userRow(username: string): Promise<{ uid: string; sv: number }> {
  const conn = await connectUrl(testApp().dashboardsUrl);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT unique_id, session_version FROM `user` WHERE username = ?',
      [username],
    );
    return { uid: rows[0].unique_id as string, sv: Number(rows[0].session_version) };
  } finally {
    await conn.end();
  }
}

/** A session token encrypted with the app's own secret, as next-auth would issue it. */
async function signedSession(claims: { uid: string; sv: number; authTime: number }) {
  const value = await encode({
    token: { name: USER, ...claims },
    secret: testApp().cookieSecret,
  });
  return `${COOKIE}=${value}`;
}

/** `npm run user -- ...args` against the test app's databases; resolves with its exit code. */
function runUserCli(args: string[], input = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'user', '--', ...args], {
      env: appCliEnv(),
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
    child.stdin.end(input);
  });
}

/** One login the way the form does it, from outside the browser; returns its cookies and error. */
async function loginByHttp(
  base: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ setCookies: string[]; error: string | null }> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }),
  });
  const body = (await r.json()) as { url?: string };
  return {
    setCookies: r.headers.getSetCookie(),
    error: new URL(body.url ?? '/', base).searchParams.get('error'),
  };
}

/** A small trading history: two accounts, one active and one idle actor. */
async function seedTrading(url: string): Promise<void> {
  const conn = await connectUrl(url);
  const now = new Date();
  const ts = (hoursAgo: number) =>
    new Date(now.getTime() - hoursAgo * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  try {
    const [e, o, t] = [
      await idAbove(conn, 'exchange'),
      await idAbove(conn, 'order'),
      await idAbove(conn, 'trade'),
    ];
    await conn.query(
      'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES ?',
      [
        [
          [e, 'e1', 'BITSTAMP_BTC_USD', '{"USD": "USD 9141.5700", "BTC": "BTC 9.15171488"}'],
          [e + 1, 'e2', 'BURN', '{}'],
        ],
      ],
    );
    await conn.query(
      'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, ' +
        '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`) VALUES ?',
      [
        [
          [
            o,
            'FILLED',
            'BID',
            'o1',
            'SIMPLEMARKETMAKING',
            1,
            ts(2),
            'BITSTAMP_BTC_USD',
            30000,
            'USD',
            0.5,
            'BTC',
          ],
          [
            o + 1,
            'FILLED',
            'ASK',
            'o2',
            'OLDBOT',
            1,
            ts(240),
            'BITSTAMP_BTC_USD',
            31000,
            'USD',
            0.1,
            'BTC',
          ],
        ],
      ],
    );
    await conn.query(
      'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, `price`, ' +
        '`price_currency`, `volume`, `volume_currency`, `order_id`) VALUES ?',
      [
        [
          [t, 'BID', 't1', ts(2), 3.75, 'USD', 15000, 'USD', 0.5, 'BTC', o],
          [t + 1, 'ASK', 't2', ts(240), 0.78, 'USD', 3100, 'USD', 0.1, 'BTC', o + 1],
        ],
      ],
    );
  } finally {
    await conn.end();
  }
}

describe('login, logout and the home page', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  beforeAll(async () => {
    await seedTrading(app.tradingWriteUrl);
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext();
    page = await context.newPage();
    return page;
  }

  async function logIn(p: Page, username: string, password: string) {
    await p.fill('input[name=username]', username);
    await p.fill('input[name=password]', password);
    await p.click('button[type=submit]');
  }

  it.each([
    '/',
    '/fund',
    '/strategy/simple_mm',
    '/ledger/bitstamp_btc_usd',
    '/strategy/simple_mm?start=2024-01-01',
  ])('sends %s to the login page without a session', async (path) => {
    const p = await freshPage();
    await p.goto(url(path));
    expect(new URL(p.url()).pathname).toBe('/login');
    if (path !== '/') expect(new URL(p.url()).searchParams.get('callbackUrl')).toBe(path);
  });

  it('answers API routes with 401 without a session', async () => {
    const r = await fetch(url('/api/strategy/simple_mm'), { redirect: 'manual' });
    expect(r.status).toBe(401);
  });

  it('refuses a cookie with our name but a forged value in the proxy', async () => {
    const r = await fetch(url('/'), {
      redirect: 'manual',
      headers: { cookie: 'gryphon-dashboards.session=forged.value.here' },
    });
    expect(r.status).toBe(307);
    expect(r.headers.get('location')).toContain('/login');
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const p = await freshPage();
    await p.goto(url('/login'));
    await logIn(p, USER, 'not the password at all');
    const alert = p.locator('form [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Wrong username or password.');
    await screenshot(p, 'login-wrong-password');
    await logIn(p, 'no-such-user', 'not the password at all');
    await p.waitForTimeout(1500);
    expect(await p.locator('form [role=alert]').textContent()).toBe('Wrong username or password.');
    expect(new URL(p.url()).pathname).toBe('/login');
  });

  it('logs in, returns to the page asked for, and sets a httpOnly SameSite=Lax cookie', async () => {
    const p = await freshPage();
    await p.goto(url('/?from=test'));
    await p.goto(url('/login?callbackUrl=%2F%3Ffrom%3Dtest'));
    await logIn(p, USER, PASSWORD);
    // Seen once in CI (a run at load 2.5, right after the app started): the form stayed on
    // /login. A refusal the server calls transient (busy, database not answering) is what a
    // person would retry; say which it was and retry once. Any other message fails here.
    // Neither branch may reject after the race is decided (an unhandled rejection fails the run).
    const outcome = await Promise.race([
      p
        .waitForURL((u) => u.pathname === '/')
        .then(
          () => null,
          () => 'still on the login page after 30 s, with no message',
        ),
      p
        .locator('.alert.error')
        .first()
        .waitFor()
        .then(
          async () => (await p.locator('.alert.error').first().textContent()) ?? '',
          () => new Promise<never>(() => {}),
        ),
    ]);
    if (outcome !== null) {
      console.warn(`[auth test] login refused at first: ${outcome}`);
      expect(outcome).toMatch(/busy|try again|cannot reach its database/i);
      await p.waitForTimeout(2000);
      await logIn(p, USER, PASSWORD);
      await p.waitForURL((u) => u.pathname === '/');
    }
    expect(new URL(p.url()).search).toBe('?from=test');
    const cookie = (await context.cookies()).find((c) => c.name === 'gryphon-dashboards.session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  });

  it('never redirects off-site after login', async () => {
    const p = await freshPage();
    await p.goto(url('/login?callbackUrl=https%3A%2F%2Fevil.example%2F'));
    await logIn(p, USER, PASSWORD);
    await p.waitForURL((u) => u.pathname === '/');
    expect(new URL(p.url()).host).toBe(new URL(app.baseUrl).host);
  });

  it('lists the strategies and exchange accounts of the trading database on the home page', async () => {
    const p = page; // logged in by the previous test
    await p.goto(url('/'));
    const strategies = p.getByTestId('strategies');
    await strategies.waitFor();
    const strategyText = (await strategies.textContent()) ?? '';
    expect(strategyText).toContain('OLDBOT'); // only in the database
    expect(strategyText).toContain('Simple Market Making'); // builtin, matched to SIMPLEMARKETMAKING
    expect(strategyText).not.toContain('Manual'); // builtin without trades: not listed
    const simpleMm = strategies.locator('tr', { hasText: 'Simple Market Making' });
    expect(await simpleMm.locator('td').nth(2).textContent()).toBe('1');
    const accounts = (await p.getByTestId('accounts').textContent()) ?? '';
    expect(accounts).toContain('BITSTAMP_BTC_USD');
    expect(accounts).toContain('USD 9,141.57');
    expect(accounts).toContain('BTC 9.15171488');
    expect(accounts).toContain('BURN');
    expect(await p.locator('a[href="/ledger/bitstamp_btc_usd"]').count()).toBeGreaterThan(0);
    expect(await p.locator('a[href="/strategy/simple_mm"]').count()).toBeGreaterThan(0);
    await screenshot(p, 'home');
  });

  it('logs out', async () => {
    const p = page;
    await p.goto(url('/'));
    await p.getByRole('button', { name: 'Log out' }).click();
    await p.waitForURL((u) => u.pathname === '/login');
    await p.goto(url('/'));
    expect(new URL(p.url()).pathname).toBe('/login');
  });

  const routes = routeFiles().filter((f) => !(f in EXEMPT_ROUTE_FILES));

  it.each(routes)(
    '%s: a forged cookie and a revoked session get the login page or 401, never data',
    async (file) => {
      const { path, method } = requestFor(file, SAMPLE_PARAMS);
      const { uid, sv } = await userRow(USER);
      const now = Math.floor(Date.now() / 1000);
      const cookies = {
        forged: `${COOKIE}=forged.value.here`,
        // properly encrypted, so it passes the proxy: refused only by the route's own check
        revoked: await signedSession({ uid, sv: sv - 1, authTime: now }),
        tooOld: await signedSession({ uid, sv, authTime: now - 31 * 86400 }),
        unknownUser: await signedSession({ uid: 'f'.repeat(32), sv: 0, authTime: now }),
      };
      for (const [kind, cookie] of Object.entries(cookies)) {
        const r = await fetch(url(path), { method, redirect: 'manual', headers: { cookie } });
        const body = await r.text();
        if (path.startsWith('/api/')) expect(r.status, `${kind} ${method} ${path}`).toBe(401);
        else {
          expect(r.status, `${kind} ${path}`).toBe(307);
          expect(r.headers.get('location'), `${kind} ${path}`).toContain('/login');
        }
        for (const secret of SECRETS) expect(body, `${kind} ${path}`).not.toContain(secret);
      }
    },
  );

  it('shows the same not-found pages to a current session (the refusals above are not blanket)', async () => {
    const { uid, sv } = await userRow(USER);
    const cookie = await signedSession({ uid, sv, authTime: Math.floor(Date.now() / 1000) });
    const ledger = await fetch(url('/ledger/no-such-thing'), { headers: { cookie } });
    expect(ledger.status).toBe(404);
    expect(await ledger.text()).toContain('BITSTAMP_BTC_USD');
    const strategy = await fetch(url('/strategy/no-such-thing'), { headers: { cookie } });
    expect(strategy.status).toBe(404);
    expect(await strategy.text()).toContain('OLDBOT');
    const api = await fetch(url('/api/strategy/simple_mm'), { headers: { cookie } });
    expect(api.status).toBe(200);
  });

  it('ends the session on the server at logout: a copy of the cookie is refused afterwards', async () => {
    const p = await freshPage();
    await p.goto(url('/login'));
    await logIn(p, USER, PASSWORD);
    await p.waitForURL((u) => u.pathname === '/');
    const copied = (await context.cookies()).find((c) => c.name === COOKIE);
    expect(copied).toBeDefined();
    const headers = { cookie: `${COOKIE}=${copied!.value}` };
    expect((await fetch(url('/api/fund'), { headers })).status).not.toBe(401);
    await p.getByRole('button', { name: 'Log out' }).click();
    await p.waitForURL((u) => u.pathname === '/login');
    expect((await fetch(url('/api/fund'), { headers })).status).toBe(401);
    const home = await fetch(url('/'), { headers, redirect: 'manual' });
    expect(home.status).toBe(307);
    expect(home.headers.get('location')).toContain('/login');
  });

  it('ends every other session when the password changes (npm run user -- set-password)', async () => {
    const user = 'password-changer';
    await createAppUser(user, 'the first password');
    const p = await freshPage();
    await p.goto(url('/login'));
    await logIn(p, user, 'the first password');
    await p.waitForURL((u) => u.pathname === '/');
    expect(
      await runUserCli(
        ['set-password', user, '--execute', '--password-stdin'],
        'the second password\n',
      ),
    ).toBe(0);
    await p.goto(url('/fund'));
    expect(new URL(p.url()).pathname).toBe('/login');
    await logIn(p, user, 'the first password');
    await p.locator('form [role=alert]').waitFor();
    expect(await p.locator('form [role=alert]').textContent()).toBe('Wrong username or password.');
    await logIn(p, user, 'the second password');
    await p.waitForURL((u) => u.pathname === '/fund');
    // and revoke-sessions ends the new one
    expect(await runUserCli(['revoke-sessions', user, '--execute'])).toBe(0);
    await p.goto(url('/'));
    expect(new URL(p.url()).pathname).toBe('/login');
  });

  it('marks the cookies Secure when the request came over HTTPS, keeping the cookie name', async () => {
    const { setCookies, error } = await loginByHttp(app.baseUrl, USER, PASSWORD, {
      'x-forwarded-proto': 'https',
    });
    expect(error).toBe(null);
    const session = setCookies.find((c) => c.startsWith(`${COOKIE}=`));
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    const plain = await loginByHttp(app.baseUrl, USER, PASSWORD);
    expect(plain.setCookies.find((c) => c.startsWith(`${COOKIE}=`))).not.toMatch(/; Secure/i);
  });

  it('counts login attempts against the TCP peer, not against what the client writes in headers', async () => {
    const marker = `spoofer-${Date.now()}`;
    const { error } = await loginByHttp(app.baseUrl, marker, 'not the password at all', {
      'x-forwarded-for': '203.0.113.66',
      'x-gryphon-peer': '203.0.113.77',
    });
    expect(error).toBe('Wrong username or password.');
    const conn = await connectUrl(app.dashboardsUrl);
    try {
      const [rows] = await conn.query<RowDataPacket[]>(
        'SELECT ip FROM `login_attempt` WHERE username = ?',
        [marker],
      );
      expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1']);
    } finally {
      await conn.end();
    }
  });
});
