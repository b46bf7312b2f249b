import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Connection } from 'mysql2/promise';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';

const USER = 'report-tester';
const PASSWORD = 'report tests password';
const ACTOR = 'RPTTEST';
const ROOT365 = Math.sqrt(365);

/**
 * Hand-made histories in years no other browser test writes:
 * - strategy RPTTEST (BTC/USD, account RPT_BTC_USD) in May 2011, fills (total notional, fee):
 *   05-01 buy 1 for 100 (fee 1), 05-02 sell 1 for 110 (fee 1), 05-03 buy 2 for 210 (fee 2),
 *   05-05 sell 2 for 192. Closes (latest fill's unit price): 100, 110, 105, 105 (no fill on
 *   05-04), 96. Value E = cash + position × close − fees at each close, from 05-02 00:00:
 *   E0 = −100 + 1 × 100 − 1 = −1; 05-02: 10 − 2 = 8; 05-03: −200 + 2 × 105 − 4 = 6;
 *   05-04: 6; 05-05: −8 − 4 = −12. Daily P&L 9, −2, 0, −18; total −11.
 * - fund account RPTF_EX in June 2012 (USD rates 1, BTC imported 500, 550, 495, 600, 600):
 *   05-31 deposit 1,000; 06-01 12:00 buy 1 BTC for 500; 06-03 18:00 deposit 1,000; 06-04 06:00
 *   sell 1 BTC for 600; 06-04 12:00 withdraw 2,100: every balance is 0 again afterwards, so
 *   no later window of another test sees it.
 */
async function insertFills(
  conn: Connection,
  rows: Array<[string, 'BID' | 'ASK', string, string, string]>,
  actor: string,
  account: string,
  tag: string,
) {
  const [o, t] = [await idAbove(conn, 'order'), await idAbove(conn, 'trade')];
  await conn.query(
    'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, `exchange_name`, ' +
      '`price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`) VALUES ?',
    [
      rows.map(([time, side, volume, price], i) => [
        o + i,
        'FILLED',
        side,
        `${tag}o${i}`,
        actor,
        '1',
        time,
        account,
        price,
        'USD',
        volume,
        'BTC',
        null,
      ]),
    ],
  );
  await conn.query(
    'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, `price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
    [
      rows.map(([time, side, volume, price, fee], i) => [
        t + i,
        side,
        `${tag}t${i}`,
        time,
        volume,
        'BTC',
        price,
        'USD',
        fee,
        'USD',
        o + i,
      ]),
    ],
  );
}

async function seed(app: ReturnType<typeof testApp>) {
  const trading = await connectUrl(app.tradingWriteUrl);
  try {
    await insertFills(
      trading,
      [
        ['2011-05-01 10:00:00', 'BID', '1', '100', '1'],
        ['2011-05-02 10:00:00', 'ASK', '1', '110', '1'],
        ['2011-05-03 10:00:00', 'BID', '2', '210', '2'],
        ['2011-05-05 10:00:00', 'ASK', '2', '192', '0'],
      ],
      ACTOR,
      'RPT_BTC_USD',
      'rpt',
    );
    const ex = await idAbove(trading, 'exchange');
    await trading.query(
      "INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, 'rptf-ex', 'RPTF_EX', '{}')",
      [ex],
    );
    await insertFills(
      trading,
      [
        ['2012-06-01 12:00:00', 'BID', '1', '500', '0'],
        ['2012-06-04 06:00:00', 'ASK', '1', '600', '0'],
      ],
      'RPTF',
      'RPTF_EX',
      'rptf',
    );
    for (const [type, amount, time] of [
      ['DEPOSIT', '1000', '2012-05-31 12:00:00'],
      ['DEPOSIT', '1000', '2012-06-03 18:00:00'],
      ['WITHDRAWL', '2100', '2012-06-04 12:00:00'],
    ])
      await trading.query(
        'INSERT INTO `transaction` (`transaction_type`, `transaction_status`, `unique_id`, `time_created`, `time_completed`, `amount`, ' +
          "`amount_currency`, `fee`, `fee_currency`, `transaction_details`, `exchange_id`) VALUES (?, 'COMPLETED', UUID(), ?, ?, ?, 'USD', NULL, NULL, ?, ?)",
        [type, time, time, amount, JSON.stringify({ note: `rptf ${time}` }), ex],
      );
  } finally {
    await trading.end();
  }
  const dashboards = await connectUrl(app.dashboardsUrl);
  try {
    const btc: Array<[string, string]> = [
      ['2012-05-31', '500'],
      ['2012-06-01', '500'],
      ['2012-06-02', '550'],
      ['2012-06-03', '495'],
      ['2012-06-04', '600'],
      ['2012-06-05', '600'],
    ];
    await dashboards.query(
      'INSERT INTO `fx_rate` (`source`, `currency`, `day`, `usd_rate`, `time_updated`) VALUES ? ON DUPLICATE KEY UPDATE `usd_rate` = VALUES(`usd_rate`)',
      [btc.map(([day, rate]) => ['import', 'BTC', day, rate, '2024-01-01 00:00:00'])],
    );
  } finally {
    await dashboards.end();
  }
}

/** Two decimals, as the page shows a ratio. */
const two = (v: number) =>
  v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('performance reports in the browser', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  const text = async (id: string) => (await page.getByTestId(id).textContent()) ?? '';

  beforeAll(async () => {
    await seed(app);
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => browser?.close());

  it('strategy: the hand-computed daily P&L, ratios, drawdown and comparison with holding', async () => {
    const response = await page.goto(
      url(`/strategy/${ACTOR}/report?start=2011-05-02&end=2011-05-06`),
    );
    expect(response?.status()).toBe(200);
    expect(await text('rep-total')).toContain('USD -11.00');
    expect(await text('rep-total')).toContain('4 UTC days, 2011-05-02 to 2011-05-05');
    // daily 9, −2, 0, −18: mean −2.75; Σ squared deviations 378.75, / 3 → stdev √126.25
    expect(await text('rep-sharpe')).toContain(two((-2.75 / Math.sqrt(126.25)) * ROOT365)); // -4.68
    // downside √((4 + 324) / 4) = √82
    expect(await text('rep-sortino')).toContain(two((-2.75 / Math.sqrt(82)) * ROOT365)); // -5.80
    expect(two((-2.75 / Math.sqrt(126.25)) * ROOT365)).toBe('-4.68');
    // cumulative 9, 7, 7, −11: peak 9 at 05-02's close, trough −11 at 05-05's, 20 below
    const dd = await text('rep-drawdown');
    expect(dd).toContain('USD -20.00');
    expect(dd).toContain('peak 2011-05-02 · trough 2011-05-05 (3 d) · not recovered · 3 days');
    expect(await text('rep-win')).toContain('33.3 %');
    expect(await text('rep-win')).toContain('1 up · 2 down · 1 flat');
    expect(await text('rep-best')).toContain('USD +9.00');
    expect(await text('rep-best')).toContain('2011-05-02');
    expect(await text('rep-worst')).toContain('USD -18.00');
    expect(await text('rep-worst')).toContain('2011-05-05');
    // holding 1 BTC from the close 100 to 96: −4; the strategy did −11, so −7 against it
    const hold = await text('rep-hold');
    expect(hold).toContain('USD -7.00');
    expect(hold).toContain('holding BTC 1.00000000 from USD 100.00 to USD 96.00: USD -4.00');
    expect(await page.locator('[data-month="2011-05"]').textContent()).toBe('-11');
    await page.getByTestId('report-pnl-chart').locator('.recharts-surface').first().waitFor();
    await page
      .getByTestId('report-underwater-chart')
      .locator('.recharts-surface')
      .first()
      .waitFor();
    // one bar per day with P&L (9, −2, −18; the flat 05-04 draws none)
    expect(
      await page.getByTestId('report-pnl-chart').locator('.recharts-bar-rectangle').count(),
    ).toBe(3);
    // the tabs keep the window
    const trading = page.locator('nav.view-tabs a', { hasText: 'Trading' });
    expect(await trading.getAttribute('href')).toBe(
      `/strategy/${ACTOR}?start=2011-05-02&end=2011-05-06`,
    );
    expect(await page.locator('nav.view-tabs [aria-current="page"]').textContent()).toBe(
      'Performance report',
    );
    await screenshot(page, 'report-strategy');
  });

  it('strategy JSON: the page’s numbers, exact', async () => {
    const r = await page.request.get(
      url(`/api/strategy/${ACTOR}/report?start=2011-05-02&end=2011-05-06`),
    );
    expect(r.status()).toBe(200);
    const body = await r.json();
    expect(body.pnl.days.map((d: { pnl: string }) => d.pnl)).toEqual(['9', '-2', '0', '-18']);
    expect(body.pnl.days.map((d: { cumulative: string }) => d.cumulative)).toEqual([
      '9',
      '7',
      '7',
      '-11',
    ]);
    expect(body.hold).toMatchObject({
      positionStart: '1',
      priceStart: '100',
      priceEnd: '96',
      pnl: '-4',
      excess: '-7',
    });
  });

  it('strategy: one flat day has no Sharpe (shown —, never Infinity), and a bad window is a 400 naming it', async () => {
    await page.goto(url(`/strategy/${ACTOR}/report?start=2011-05-04&end=2011-05-05`));
    expect(await text('rep-total')).toContain('USD 0.00');
    expect(await text('rep-sharpe')).toContain('—');
    expect(await text('rep-sortino')).toContain('—');
    expect(await text('rep-drawdown')).toContain('none');
    expect(await page.content()).not.toContain('Infinity');
    const bad = await page.goto(url(`/strategy/${ACTOR}/report?start=yesterday`));
    expect(bad?.status()).toBe(400);
    expect(await page.getByTestId('window-error').getAttribute('data-param')).toBe('start');
  });

  it('strategy: the default window is the last 90 whole UTC days', async () => {
    await page.goto(url(`/strategy/${ACTOR}/report`));
    expect(await page.getByTestId('strategy-report-page').textContent()).toContain(
      'the last 90 by default',
    );
    const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    const start = new Date(today.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    expect(await text('window-utc')).toBe(
      `${start}T00:00:00Z to ${today.toISOString().slice(0, 10)}T00:00:00Z (end exclusive)`,
    );
    expect(await text('rep-total')).toContain('90 UTC days');
  });

  it('fund: time-weighted returns with the capital flows kept out', async () => {
    const response = await page.goto(url('/fund/report?start=2012-06-01&end=2012-06-05'));
    expect(response?.status()).toBe(200);
    // Net assets at the closes: 1,000 → 500 + 550 = 1,050 → 500 + 495 = 995 → 1,500 + 600 =
    // 2,100 → 0. Modified Dietz: r1 = 50 / 1,000; r2 = −55 / 1,050; r3 = (2,100 − 995 − 1,000) /
    // (995 + 1,000 × 6/24) = 105 / 1,245; r4 = (0 − 2,100 + 2,100) / (2,100 − 2,100 × 12/24) = 0.
    const r = [0.05, -55 / 1050, 105 / 1245, 0];
    const index = r.reduce((i, x) => i * (1 + x), 1); // 1.05 × 995/1050 × 1350/1245 = 1.0789…
    const pct = (v: number) =>
      `${(v * 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
    expect(await text('rep-total')).toContain(pct(index - 1)); // 7.89 %
    expect(pct(index - 1)).toBe('7.89 %');
    const gain = await text('rep-gain');
    // 0 − 1,000 − (1,000 − 2,100) = +100 = 50 − 55 + 105 + 0
    expect(gain).toContain('USD +100.00');
    expect(gain).toContain('net assets USD 1,000.00 → USD 0.00; capital flows USD -1,100.00');
    const mean = r.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 3);
    expect(await text('rep-sharpe')).toContain(two((mean / sd) * ROOT365));
    expect(await text('rep-sortino')).toContain(two((mean / Math.sqrt(r[1] ** 2 / 4)) * ROOT365));
    // the index falls from 1.05 (06-01) to 0.995 (06-02) and is back above on 06-03
    const dd = await text('rep-drawdown');
    expect(dd).toContain(pct(-(1 - 0.995 / 1.05))); // -5.24 %
    expect(dd).toContain(
      'peak 2012-06-01 · trough 2012-06-02 (1 d) · recovered 2012-06-03 · 2 days',
    );
    expect(await text('rep-win')).toContain('66.7 %');
    expect(await text('rep-best')).toContain(pct(105 / 1245)); // 8.43 %
    expect(await text('rep-worst')).toContain(pct(-55 / 1050)); // -5.24 %
    expect(await page.locator('[data-month="2012-06"]').textContent()).toBe('7.9 %');
    await page.getByTestId('report-pnl-chart').locator('.recharts-surface').first().waitFor();
    expect(await page.locator('nav.view-tabs [aria-current="page"]').textContent()).toBe(
      'Performance report',
    );
    await screenshot(page, 'report-fund');

    const api = await page.request.get(url('/api/fund/report?start=2012-06-01&end=2012-06-05'));
    expect(api.status()).toBe(200);
    const body = await api.json();
    expect(body.daily.map((d: { netAssets: string }) => d.netAssets)).toEqual([
      '1050',
      '995',
      '2100',
      '0',
    ]);
    expect(body.daily.map((d: { flows: string }) => d.flows)).toEqual(['0', '0', '1000', '-2100']);
    expect(body.returns.days.map((d: { r: number }) => d.r)).toEqual(
      r.map((x) => expect.closeTo(x, 12)),
    );
  });

  it('fund: the figures page has the tabs, keeping the window', async () => {
    await page.goto(url('/fund?start=2012-06-01&end=2012-06-05'));
    // The page streams in after its skeleton, which has the tabs too: while React swaps them,
    // both are in the DOM (a strict locator failed on that once in CI). The page's own tabs.
    const fund = page.getByTestId('fund-page');
    await fund.waitFor();
    const report = fund.locator('nav.view-tabs a', { hasText: 'Performance report' });
    expect(await report.getAttribute('href')).toBe('/fund/report?start=2012-06-01&end=2012-06-05');
    await report.click();
    await page.getByTestId('fund-report-page').waitFor();
    await screenshot(page, 'report-fund-from-tab');
  });
});
