import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';

const USER = 'strategy-tester';
const PASSWORD = 'strategy tests password';
const ACTOR = 'BROWSERMM';

/**
 * Six fills of actor BROWSERMM on 2024-05-01 (ids above every existing row, see idAbove): 3 bids and 3 asks, one of each below the drawing threshold (0.00001 BTC),
 * one EUR fill converted with its order's exchange_rate.
 */
async function seed(url: string) {
  const conn = await connectUrl(url);
  const fills: Array<[string, string, string, string, string, string]> = [
    // type, time, volume, total price, price currency, exchange rate
    ['BID', '2024-05-01 01:00:00', '0.5', '30000', 'USD', '1'],
    ['ASK', '2024-05-01 03:00:00', '0.4', '24400', 'USD', '1'],
    ['BID', '2024-05-01 05:00:00', '1.2', '66000', 'EUR', '1.1'],
    ['ASK', '2024-05-01 07:00:00', '0.9', '55000', 'USD', '1'],
    ['BID', '2024-05-01 09:00:00', '0.000005', '0.3', 'USD', '1'],
    ['ASK', '2024-05-01 11:00:00', '0.000004', '0.25', 'USD', '1'],
  ];
  try {
    const [o, t] = [await idAbove(conn, 'order'), await idAbove(conn, 'trade')];
    await conn.query(
      'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, `exchange_name`, ' +
        '`price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`) VALUES ?',
      [
        [
          ...fills.map(([type, time, volume, , cur, rate], i) => [
            o + i,
            'FILLED',
            type,
            `bo${i}`,
            ACTOR,
            rate,
            time,
            cur === 'EUR' ? 'KRAKEN_BTC_EUR' : 'BITSTAMP_BTC_USD',
            '60000',
            cur,
            volume,
            'BTC',
            '61000',
          ]),
          [
            o + 100,
            'CANCELLED',
            'BID',
            'bo100',
            ACTOR,
            '1',
            '2024-05-01 02:00:00',
            'BITSTAMP_BTC_USD',
            '59000',
            'USD',
            '1',
            'BTC',
            '61000',
          ],
        ],
      ],
    );
    await conn.query(
      'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, `price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
      [
        fills.map(([type, time, volume, price, cur], i) => [
          t + i,
          type,
          `bt${i}`,
          time,
          volume,
          'BTC',
          price,
          cur,
          '1',
          cur,
          o + i,
        ]),
      ],
    );
  } finally {
    await conn.end();
  }
}

describe('strategy dashboard in the browser', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  beforeAll(async () => {
    await seed(app.tradingWriteUrl);
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(url('/login'));
    await page.fill('input[name=username]', USER);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/');
  });
  afterAll(async () => browser?.close());

  it('draws one half-disc per fill above the threshold: bids green lower halves, asks blue upper halves', async () => {
    const response = await page.goto(url(`/strategy/${ACTOR}?start=2024-05-01`));
    expect(response?.status()).toBe(200);
    await page.locator('path.half-disc').first().waitFor();
    const discs = await page.locator('path.half-disc').evaluateAll((els) =>
      els.map((el) => {
        const box = (el as SVGGraphicsElement).getBBox();
        const d = el.getAttribute('d') ?? '';
        // "M x0 y A r r 0 0 sweep x1 y Z": sweep 0 = lower half (bid), 1 = upper half (ask)
        const sweep = d.split(/\s+/)[8];
        return {
          side: el.getAttribute('data-side'),
          stroke: el.getAttribute('stroke'),
          sweep,
          width: box.width,
        };
      }),
    );
    expect(discs).toHaveLength(4);
    const bids = discs.filter((d) => d.side === 'BID');
    const asks = discs.filter((d) => d.side === 'ASK');
    expect(bids).toHaveLength(2);
    expect(asks).toHaveLength(2);
    for (const b of bids) expect(b).toMatchObject({ stroke: '#2f9e57', sweep: '0' });
    for (const a of asks) expect(a).toMatchObject({ stroke: '#2463eb', sweep: '1' });
    // area ∝ volume: the 1.2 BTC bid is √(1.2/0.5) times wider than the 0.5 BTC one
    const [small, large] = bids.map((b) => b.width).sort((x, y) => x - y);
    expect(large / small).toBeCloseTo(Math.sqrt(1.2 / 0.5), 1);
    expect(await page.getByTestId('fig-fills').textContent()).toContain('6');
    expect(await page.getByTestId('fig-volume').textContent()).toContain('BTC 3.00000900');
    expect(await page.getByTestId('window-utc').textContent()).toBe(
      '2024-05-01T00:00:00Z to 2024-05-02T00:00:00Z (end exclusive)',
    );
    await screenshot(page, 'strategy');
  });

  it('shows a half-disc’s fill in its tooltip, and draws the position and realized P&L lines', async () => {
    await page.goto(url(`/strategy/${ACTOR}?start=2024-05-01`));
    const bid = page.locator('path.half-disc[data-side=BID]').first();
    await bid.waitFor();
    await bid.hover();
    const tooltip = page.getByTestId('disc-tooltip');
    await tooltip.waitFor();
    const text = (await tooltip.textContent()) ?? '';
    // The first bid: 0.5 BTC for 30,000 USD at 01:00, fee 1 USD.
    expect(text).toContain('Bid (buy) · BITSTAMP_BTC_USD');
    expect(text).toContain('BTC 0.50000000 @ USD 60,000.00');
    expect(text).toContain('Fee: USD 1.00');
    expect(text).toMatch(/Order ID: \d+/);
    expect(text).toContain('2024-05-01T01:00:00Z');
    const graph = page.getByTestId('position-graph');
    const legend = await graph.locator('.recharts-legend-item-text').allTextContents();
    expect(legend).toEqual(
      expect.arrayContaining([
        'Position (BTC)',
        'Realized revenue',
        'Realized profit (after fees)',
      ]),
    );
    const lines = await graph
      .locator('.recharts-line path.recharts-curve')
      .evaluateAll((els) => els.map((el) => (el.getAttribute('d') ?? '').length));
    expect(lines).toHaveLength(3);
    for (const length of lines) expect(length).toBeGreaterThan(10);
    const api = await (
      await page.request.get(url(`/api/strategy/${ACTOR}?start=2024-05-01`))
    ).json();
    expect(api.series.position.v.at(-1)).toBe(Number(api.figures.closingPosition));
  });

  it('says so when the window has no fills, and shows zeros', async () => {
    const response = await page.goto(url(`/strategy/${ACTOR}?start=2024-04-01`));
    expect(response?.status()).toBe(200);
    expect(await page.getByTestId('no-fills').textContent()).toContain(
      'There were no fills in this window',
    );
    expect(await page.getByTestId('fig-profit').textContent()).toContain('USD 0.00');
    expect(await page.locator('path.half-disc').count()).toBe(0);
  });

  it('moves by a whole day with Prev and Next and keeps other query parameters', async () => {
    await page.goto(url(`/strategy/${ACTOR}?start=2024-05-01&foo=bar`));
    const next = new URL(
      (await page.locator('[data-window=next]').getAttribute('href'))!,
      app.baseUrl,
    );
    expect(next.pathname).toBe(`/strategy/${ACTOR}`);
    expect(Object.fromEntries(next.searchParams)).toEqual({
      start: '2024-05-02',
      end: '2024-05-03',
      foo: 'bar',
    });
    const prev = new URL(
      (await page.locator('[data-window=prev]').getAttribute('href'))!,
      app.baseUrl,
    );
    expect(Object.fromEntries(prev.searchParams)).toEqual({
      start: '2024-04-30',
      end: '2024-05-01',
      foo: 'bar',
    });
  });

  it('answers a malformed window with 400 and an inline message naming the parameter', async () => {
    const response = await page.goto(url(`/strategy/${ACTOR}?start=2024-13-01`));
    expect(response?.status()).toBe(400);
    const text = (await page.getByTestId('window-error').textContent()) ?? '';
    expect(text).toContain('start');
    expect(text).toContain('A valid example');
    await screenshot(page, 'strategy-bad-window');
  });

  it('answers an unknown strategy with 404 and the list of known ones', async () => {
    const response = await page.goto(url('/strategy/NO_SUCH_STRATEGY'));
    expect(response?.status()).toBe(404);
    const list = (await page.getByTestId('known-strategies').textContent()) ?? '';
    expect(list).toContain('Simple Market Making');
  });

  it("redirects Gryphon's /strategies/<name> URLs", async () => {
    await page.goto(url(`/strategies/${ACTOR}?start=2024-05-01`));
    expect(new URL(page.url()).pathname).toBe(`/strategy/${ACTOR}`);
  });

  it('serves the same figures as JSON', async () => {
    const r = await page.request.get(url(`/api/strategy/${ACTOR}?start=2024-05-01`));
    expect(r.status()).toBe(200);
    const body = await r.json();
    expect(body.figures.fillCount).toBe(6);
    expect(body.strategy.priceCurrency).toBe('USD');
    // The drawn part as columns: 4 fills above the threshold, times in seconds since the start.
    expect(body.trades.discs.t).toEqual([3600, 10800, 18000, 25200]);
    expect(body.trades.discs.side).toEqual(['BID', 'ASK', 'BID', 'ASK']);
    expect(body.trades.discs.volume).toEqual([0.5, 0.4, 1.2, 0.9]);
    expect(body.trades.exchanges[body.trades.discs.exchange[2]]).toBe('KRAKEN_BTC_EUR');
    expect((await page.request.get(url(`/api/strategy/${ACTOR}?start=nope`))).status()).toBe(400);
  });
});
