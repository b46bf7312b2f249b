import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Dec } from '@/lib/core/money/money';
import { insertFundScenario, SCENARIO_RATES } from '@/tests/helpers/fund-fixture';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';

const USER = 'fund-tester';
const PASSWORD = 'fund tests password';
/**
 * The hand-computed scenario of lib/fund/domain/identity.test.ts, moved to March 2014 (a year no
 * other browser test writes) with accounts named FUNDTEST_*, and its rates imported into the
 * app's fx_rate table, so the page must show the very figures computed by hand.
 */
const YEAR = 2014;
const WINDOW = `start=${YEAR}-03-02&end=${YEAR}-03-04`;

async function seed(app: ReturnType<typeof testApp>) {
  const trading = await connectUrl(app.tradingWriteUrl);
  try {
    await insertFundScenario(trading, { year: YEAR, prefix: 'FUNDTEST_' });
  } finally {
    await trading.end();
  }
  const dashboards = await connectUrl(app.dashboardsUrl);
  try {
    await dashboards.query(
      'INSERT INTO `fx_rate` (`source`, `currency`, `day`, `usd_rate`, `time_updated`) VALUES ? ON DUPLICATE KEY UPDATE `usd_rate` = VALUES(`usd_rate`)',
      [
        SCENARIO_RATES.map(([day, cur, rate]) => [
          'import',
          cur,
          day.replace(/^2024/, String(YEAR)),
          rate,
          '2024-01-01 00:00:00',
        ]),
      ],
    );
  } finally {
    await dashboards.end();
  }
}

describe('fund dashboard in the browser', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  beforeAll(async () => {
    await seed(app);
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => browser?.close());

  it('shows net assets at both ends, the change and a zero discrepancy', async () => {
    const response = await page.goto(url(`/fund?${WINDOW}`));
    expect(response?.status()).toBe(200);
    expect(await page.getByTestId('fig-net-start').textContent()).toContain('USD 984.00');
    expect(await page.getByTestId('fig-net-end').textContent()).toContain('USD 994.82');
    expect(await page.getByTestId('fig-change').textContent()).toContain('USD +10.82');
    expect(await page.getByTestId('fig-discrepancy').textContent()).toContain('USD 0.00');
    // The headline says whether the business made money, before capital flows and loans.
    const profit = await page.getByTestId('fig-profit').textContent();
    expect(profit).toContain('Profit for the period');
    expect(profit).toContain('USD +31.34');
    expect(profit).toContain('revenue USD 70.50 − fees and costs USD 39.16');
    expect(profit).toContain('with open positions and revaluation USD +20.82');
    expect(await page.getByTestId('window-utc').textContent()).toBe(
      `${YEAR}-03-02T00:00:00Z to ${YEAR}-03-04T00:00:00Z (end exclusive)`,
    );
  });

  it('closes the navigation menus after a choice, on a click outside and on Escape', async () => {
    await page.goto(url(`/fund?${WINDOW}`));
    const ledgers = page.locator('nav details').filter({ hasText: 'Ledgers' });
    const menu = ledgers.locator('.menu');
    await ledgers.locator('summary').click();
    expect(await menu.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await menu.isVisible()).toBe(false);
    await ledgers.locator('summary').click();
    await page.locator('h1').click();
    expect(await menu.isVisible()).toBe(false);
    await ledgers.locator('summary').click();
    await menu.locator('a').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/ledger/'));
    expect(await page.locator('nav details[open]').count()).toBe(0);
  });

  it('picks a custom window with two UTC date-time fields; Next stops at now', async () => {
    await page.goto(url(`/fund?${WINDOW}`));
    const custom = page.getByTestId('window-custom');
    await custom.locator('summary').click();
    const start = custom.locator('input[name=start]');
    expect(await start.inputValue()).toBe(`${YEAR}-03-02T00:00`);
    expect(await custom.locator('input[name=end]').inputValue()).toBe(`${YEAR}-03-04T00:00`);
    await start.fill(`${YEAR}-03-03T12:00`);
    await custom.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.searchParams.get('start') === `${YEAR}-03-03T12:00`);
    expect(new URL(page.url()).searchParams.get('end')).toBe(`${YEAR}-03-04T00:00`);
    expect(await page.getByTestId('window-words').textContent()).toBe(
      `3 Mar ${YEAR} 12:00 to 4 Mar ${YEAR} 00:00 UTC (12 hours)`,
    );
    // the fields follow the window when it changes by a link
    await page.locator('[data-window=prev]').click();
    await page.waitForURL((u) => u.searchParams.get('start') !== `${YEAR}-03-03T12:00`);
    expect(await custom.locator('input[name=start]').inputValue()).toBe(`${YEAR}-03-03T00:00`);
    // today's window: the next one would start in the future, so Next is not a link
    await page.goto(url('/fund'));
    const next = page.locator('[data-window=next]');
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    expect(await next.getAttribute('href')).toBeNull();
  });

  it('writes out every part of the identity', async () => {
    await page.goto(url(`/fund?${WINDOW}`));
    const parts = await page
      .locator('[data-testid=fund-parts] tr[data-part]')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((r) => [r.getAttribute('data-part'), r.querySelector('td.num')?.textContent]),
        ),
      );
    expect(parts).toEqual({
      tradingRevenue: 'USD +70.50',
      tradingFees: 'USD -0.85',
      transferFees: 'USD -2.31',
      operatingCosts: 'USD -36.00',
      capitalFlows: 'USD -155.00',
      liabilities: 'USD +145.00',
      drift: 'USD +1.10',
      unrealizedPnl: 'USD -17.50',
      revaluation: 'USD +5.88',
      discrepancy: 'USD 0.00',
    });
  });

  it('draws the waterfall from start to end through each part, and the three lines', async () => {
    await page.goto(url(`/fund?${WINDOW}`));
    await page.locator('.waterfall-bar').first().waitFor();
    const bars = await page.locator('.waterfall-bar').evaluateAll((els) =>
      els.map((el) => ({
        cls: el.getAttribute('class') ?? '',
        // the theme's colour (app/globals.css --c-total, --c-up, --c-down; light theme here)
        fill: getComputedStyle(el).fill,
        height: (el as SVGGraphicsElement).getBBox().height,
      })),
    );
    const key = (b: { cls: string }) => /waterfall-(?!bar\b)(\w+)/.exec(b.cls)?.[1];
    // start, the non-zero parts, end (the discrepancy is 0: a bar of no height is not drawn);
    // capital flows (−155) and liabilities (+145) are one step: the loan repaid, net −10
    expect(bars.map(key)).toEqual([
      'start',
      'tradingRevenue',
      'tradingFees',
      'transferFees',
      'operatingCosts',
      'financing',
      'drift',
      'unrealizedPnl',
      'revaluation',
      'end',
    ]);
    expect(await page.locator('[data-testid=fund-waterfall]').textContent()).toContain(
      'Discrepancy',
    );
    const byKey = Object.fromEntries(bars.map((b) => [key(b), b]));
    expect(byKey.start.fill).toBe('rgb(31, 91, 216)');
    expect(byKey.tradingRevenue.fill).toBe('rgb(26, 115, 64)');
    expect(byKey.operatingCosts.fill).toBe('rgb(184, 50, 42)');
    // heights follow the amounts: operating costs (36) about half the revenue (70.5), financing 10
    expect(byKey.operatingCosts.height / byKey.tradingRevenue.height).toBeCloseTo(36 / 70.5, 1);
    expect(byKey.financing.height / byKey.tradingRevenue.height).toBeCloseTo(10 / 70.5, 1);
    expect(byKey.financing.fill).toBe('rgb(184, 50, 42)');
    await page.locator('[data-testid=fund-lines] .recharts-line').first().waitFor();
    expect(await page.locator('[data-testid=fund-lines] .recharts-line').count()).toBe(3);
    await screenshot(page, 'fund');
  });

  it('lists strategies, operating costs with descriptions, liabilities, balances in transit and rate sources', async () => {
    await page.goto(url(`/fund?${WINDOW}`));
    const strategies = (await page.getByTestId('fund-strategies').textContent()) ?? '';
    expect(strategies).toContain('MM');
    expect(strategies).toContain('USD +70.50');
    expect(await page.getByTestId('fund-costs').textContent()).toContain('Rent');
    const liabilities = (await page.getByTestId('fund-liabilities').textContent()) ?? '';
    expect(liabilities).toContain('FUNDTEST_Investor');
    expect(liabilities).toContain('FUNDTEST_Lender');
    expect(await page.getByTestId('fund-accounts').textContent()).toContain(
      'In transit between our accounts',
    );
    expect(
      await page.locator('[data-testid=fund-rates] tr[data-currency=BTC]').textContent(),
    ).toContain('imported rates: 3');
    expect(await page.getByTestId('fund-warnings').textContent()).toContain(
      'No EUR rate for 2014-03-04',
    );
  });

  it('serves every figure as exact JSON whose parts add up to the change', async () => {
    const r = await page.request.get(url(`/api/fund?${WINDOW}`));
    expect(r.status()).toBe(200);
    const body = await r.json();
    const sum = (body.parts as Array<{ usd: string }>).reduce((s, p) => s.plus(p.usd), new Dec(0));
    expect(sum.toFixed()).toBe(body.figures.change);
    expect(body.series.points).toHaveLength(3);
    expect((await page.request.get(url('/api/fund?start=2014-02-30'))).status()).toBe(400);
  });

  it("redirects Gryphon's /assets and answers a malformed window with 400 and a message", async () => {
    await page.goto(url(`/assets?${WINDOW}`));
    expect(new URL(page.url()).pathname).toBe('/fund');
    const response = await page.goto(url('/fund?end=yesterday'));
    expect(response?.status()).toBe(400);
    expect(await page.getByTestId('window-error').textContent()).toContain('end');
  });
});
