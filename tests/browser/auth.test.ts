import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';

const USER = 'browser-tester';
const PASSWORD = 'browser tests password';

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

  it('checks the session on the server, not only in the proxy: a forged cookie is refused', async () => {
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
    await p.waitForURL((u) => u.pathname === '/');
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
});
