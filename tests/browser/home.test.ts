import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';

const USER = 'home-tester';
const PASSWORD = 'home page browser tests password';

/**
 * A round trip today (UTC) by HOMETEST_BOT: buys 1 BTC for 100 USD, sells it for 110 USD,
 * 0.10 USD fee on each fill. Realized revenue 10, fees 0.20, P&L 9.80, flat at the end.
 */
async function seedToday(url: string): Promise<void> {
  const conn = await connectUrl(url);
  const now = Date.now();
  const dayStart = Math.floor(now / 86_400_000) * 86_400_000;
  const at = (secondsAgo: number) =>
    new Date(Math.max(dayStart, now - secondsAgo * 1000))
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
  try {
    const [e, o, t] = [
      await idAbove(conn, 'exchange'),
      await idAbove(conn, 'order'),
      await idAbove(conn, 'trade'),
    ];
    await conn.query(
      'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, ?, ?, ?)',
      [e, `home-${e}`, 'HOMETEST_BTC_USD', '{"USD": "USD 1000", "BTC": "BTC 0"}'],
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
            `ho-${o}`,
            'HOMETEST_BOT',
            1,
            at(120),
            'HOMETEST_BTC_USD',
            100,
            'USD',
            1,
            'BTC',
          ],
          [
            o + 1,
            'FILLED',
            'ASK',
            `ho-${o + 1}`,
            'HOMETEST_BOT',
            1,
            at(60),
            'HOMETEST_BTC_USD',
            110,
            'USD',
            1,
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
          [t, 'BID', `ht-${t}`, at(120), 0.1, 'USD', 100, 'USD', 1, 'BTC', o],
          [t + 1, 'ASK', `ht-${t + 1}`, at(60), 0.1, 'USD', 110, 'USD', 1, 'BTC', o + 1],
        ],
      ],
    );
  } finally {
    await conn.end();
  }
}

describe('home page', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  beforeAll(async () => {
    await seedToday(app.tradingWriteUrl);
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("leads with today's fund figures and each strategy's P&L today", async () => {
    await page.goto(url('/'));
    expect(await page.title()).toBe('Overview · Gryphon Dashboards');
    const today = page.getByTestId('today');
    await today.waitFor();
    const heading = (await today.locator('h2').textContent()) ?? '';
    expect(heading).toContain(new Date().toISOString().slice(0, 10));
    expect(await page.getByTestId('today-profit').textContent()).toContain('Profit today');
    const row = page.getByTestId('today-strategies').locator('tr', { hasText: 'HOMETEST_BOT' });
    expect(await row.locator('td').allTextContents()).toEqual([
      'HOMETEST_BOT BTC',
      '2',
      'USD +10.00',
      'USD 0.20',
      'USD +9.80',
      'BTC 0.00000000',
    ]);
    // the lead comes before the lists
    const order = await page
      .locator('main section')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-labelledby')));
    expect(order.indexOf('today-heading')).toBe(0);
    await screenshot(page, 'home-today');
  });

  it('hides builtins that never traded and does not call BURN an exchange account', async () => {
    await page.goto(url('/'));
    const strategies = (await page.getByTestId('strategies').textContent()) ?? '';
    expect(strategies).toContain('HOMETEST_BOT');
    expect(strategies).not.toContain('Manual'); // Gryphon's builtin, never traded here
    expect(await page.getByTestId('hidden-builtins').textContent()).toMatch(
      /builtin strateg(y|ies) of Gryphon that never traded here/,
    );
    expect(await page.locator('#accounts-heading').textContent()).toBe('Accounts');
  });
});
