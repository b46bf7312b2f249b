import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';
import { parseDbCredential } from '../../lib/core/env';
import { createPool } from '../../lib/db/pool';
import { createTradingPool } from '../../lib/db/trading/client';
import { refreshRollup } from '../../lib/rollup/refresh';

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
    await logIn(page, app.baseUrl, USER, PASSWORD);
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
          // the theme's colour (app/globals.css --c-bid, --c-ask; light theme here)
          stroke: getComputedStyle(el).stroke,
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
    for (const b of bids) expect(b).toMatchObject({ stroke: 'rgb(43, 143, 79)', sweep: '0' });
    for (const a of asks) expect(a).toMatchObject({ stroke: 'rgb(36, 99, 235)', sweep: '1' });
    // area ∝ volume: the 1.2 BTC bid is √(1.2/0.5) times wider than the 0.5 BTC one
    const [small, large] = bids.map((b) => b.width).sort((x, y) => x - y);
    expect(large / small).toBeCloseTo(Math.sqrt(1.2 / 0.5), 1);
    expect(await page.getByTestId('fig-fills').textContent()).toContain('6');
    expect(await page.getByTestId('fig-volume').textContent()).toContain('BTC 3.000009');
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
    expect(text).toContain('BTC 0.50 @ USD 60,000.00');
    expect(text).toContain('Fee: USD 1.00');
    expect(text).toMatch(/Order ID: \d+/);
    expect(text).toContain('2024-05-01 01:00:00 UTC');
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

  it('says so once when the window has no fills, and shows zeros', async () => {
    const response = await page.goto(url(`/strategy/${ACTOR}?start=2024-04-01`));
    expect(response?.status()).toBe(200);
    // Before the history: where it begins, and not a second "no fills" alert under it.
    expect(await page.getByTestId('history-edge').textContent()).toContain(
      'No fills in this window',
    );
    expect(await page.getByTestId('no-fills').count()).toBe(0);
    // Between two fills, inside the history: the "no fills" alert, alone.
    await page.goto(url(`/strategy/${ACTOR}?start=2024-05-01T01:30:00Z&end=2024-05-01T02:30:00Z`));
    expect(await page.getByTestId('no-fills').textContent()).toContain(
      'There were no fills in this window',
    );
    expect(await page.getByTestId('history-edge').count()).toBe(0);
    await page.goto(url(`/strategy/${ACTOR}?start=2024-04-01`));
    expect(await page.getByTestId('fig-profit').textContent()).toContain('USD 0.00');
    expect(await page.locator('path.half-disc').count()).toBe(0);
  });

  it('moves by a whole day with Prev and Next and keeps other query parameters', async () => {
    await page.goto(url(`/strategy/${ACTOR}?start=2024-05-01&foo=bar`));
    // The loading skeleton has a window control too, until the data has streamed in.
    await page.getByTestId('dashboard-skeleton').waitFor({ state: 'detached' });
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

/**
 * A year (2019) of the builtin simple_mm (actor SIMPLEMARKETMAKING, position range configured
 * as -2 to 2 BTC): 100 fills a day whose position swings between about -8.7 and +6 BTC over
 * 40-day waves, at prices wandering around 8,000 USD with the asks above the bids. A day holds
 * about 100 fills (half-discs), 30 days about 3,000 (read fill by fill, drawn as bands), the
 * year 36,500 (from the rollup, drawn as bands).
 */
const MM = 'SIMPLEMARKETMAKING';
const YEAR_START = Date.parse('2019-01-01T00:00:00Z');
const DENSE_DAYS = 365;
const FILLS_PER_DAY = 100;

async function seedDenseYear(url: string) {
  const conn = await connectUrl(url);
  let seed = 20190101;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const orders: unknown[][] = [];
  const trades: unknown[][] = [];
  try {
    const [o, t] = [await idAbove(conn, 'order'), await idAbove(conn, 'trade')];
    let mid = 8000;
    let position = 0;
    const n = DENSE_DAYS * FILLS_PER_DAY;
    for (let i = 0; i < n; i++) {
      const ms = YEAR_START + Math.floor(((i + random() * 0.9) * DENSE_DAYS * 86_400_000) / n);
      const day = (ms - YEAR_START) / 86_400_000;
      mid *= 1 + (random() - 0.5) * 0.004;
      const target = -1.35 + 7.35 * Math.sin((2 * Math.PI * day) / 40);
      const side = random() < 0.5 + Math.max(-0.45, Math.min(0.45, (target - position) * 0.3));
      const volume = Number((0.02 + random() * 0.4).toFixed(8));
      const spread = mid * (0.001 + random() * 0.002);
      const unit = side ? mid - spread / 2 : mid + spread / 2;
      position += side ? volume : -volume;
      const time = new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
      const type = side ? 'BID' : 'ASK';
      orders.push([
        o + i,
        'FILLED',
        type,
        `mm${i}`,
        MM,
        '1',
        time,
        'BITSTAMP_BTC_USD',
        unit.toFixed(2),
        'USD',
        volume,
        'BTC',
        unit.toFixed(2),
      ]);
      trades.push([
        t + i,
        type,
        `mt${i}`,
        time,
        volume,
        'BTC',
        (unit * volume).toFixed(8),
        'USD',
        (unit * volume * 0.0005).toFixed(8),
        'USD',
        o + i,
      ]);
    }
    for (let i = 0; i < n; i += 5000) {
      await conn.query(
        'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, `exchange_name`, ' +
          '`price`, `price_currency`, `volume`, `volume_currency`, `fundamental_value`) VALUES ?',
        [orders.slice(i, i + 5000)],
      );
      await conn.query(
        'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `volume`, `volume_currency`, `price`, `price_currency`, `fee`, `fee_currency`, `order_id`) VALUES ?',
        [trades.slice(i, i + 5000)],
      );
    }
  } finally {
    await conn.end();
  }
}

/** Brings the app's rollup up to date now, as its background job does every minute. */
async function refreshAppRollup(app: ReturnType<typeof testApp>) {
  const trading = createTradingPool(parseDbCredential('T', app.tradingUrl), 2);
  const dashboards = createPool(parseDbCredential('D', app.dashboardsUrl), 'dashboards', {
    connectionLimit: 2,
    sessionSetup: [],
  });
  try {
    await refreshRollup(trading, dashboards, { budgetMs: 120_000, now: new Date() });
  } finally {
    await Promise.all([trading.end(), dashboards.end()]);
  }
}

describe('strategy windows of every length stay readable', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  const sizes: Record<string, number> = {};

  beforeAll(async () => {
    await seedDenseYear(app.tradingWriteUrl);
    await refreshAppRollup(app);
    await createAppUser('strategy-dense', PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, 'strategy-dense', PASSWORD);
  }, 180_000);
  afterAll(async () => {
    console.log(`[strategy] JSON sizes: ${JSON.stringify(sizes)}`);
    await browser?.close();
  });

  /** The API's answer for the window, and its size in bytes. */
  async function api(name: string, query: string) {
    const r = await page.request.get(url(`/api/strategy/simple_mm?${query}`));
    expect(r.status()).toBe(200);
    const text = await r.text();
    sizes[name] = Buffer.byteLength(text);
    expect(sizes[name]).toBeLessThan(300_000);
    return JSON.parse(text);
  }

  /** Every position drawn lies inside the plot, and the configured range is drawn as two lines. */
  async function expectPositionAxisHoldsData(body: {
    series: {
      position: { min: number[]; max: number[] };
      positionBands: { min: string[]; max: string[] } | null;
    };
  }) {
    const graph = page.getByTestId('position-graph');
    const values = [
      ...body.series.position.min,
      ...body.series.position.max,
      ...(body.series.positionBands
        ? [...body.series.positionBands.min, ...body.series.positionBands.max].map(Number)
        : []),
    ];
    // The data passes the configured -2 to 2 BTC: the axis must widen.
    expect(Math.min(...values) < -2 || Math.max(...values) > 2).toBe(true);
    const limits = await graph.locator('.recharts-reference-line').count();
    expect(limits).toBe(2);
    const text = (await graph.textContent()) ?? '';
    expect(text).toContain('min -2');
    expect(text).toContain('max 2');
    const boxes = await graph.evaluate((el) => {
      const box = (e: Element | null) => {
        if (!e) return null;
        const b = (e as SVGGraphicsElement).getBoundingClientRect();
        return { top: b.top, bottom: b.bottom };
      };
      const grid = box(el.querySelector('.recharts-cartesian-grid'));
      const drawn = [
        ...el.querySelectorAll('.position-range path, .recharts-line path.recharts-curve'),
      ].map(box);
      return { grid, drawn };
    });
    expect(boxes.drawn.length).toBeGreaterThan(0);
    for (const b of boxes.drawn) {
      expect(b!.top).toBeGreaterThanOrEqual(boxes.grid!.top - 1);
      expect(b!.bottom).toBeLessThanOrEqual(boxes.grid!.bottom + 1);
    }
  }

  it('1 day: one half-disc per fill, inside the plot; the position axis widens past -2..2', async () => {
    const query = 'start=2019-03-14';
    const body = await api('1d', query);
    expect(body.trades.bands).toBeNull();
    expect(body.series.positionBands).toBeNull();
    await page.goto(url(`/strategy/simple_mm?${query}`));
    await page.locator('path.half-disc').first().waitFor();
    expect(await page.getByTestId('trading-graph').getAttribute('data-view')).toBe('discs');
    expect(await page.locator('path.half-disc').count()).toBe(body.trades.discs.t.length);
    expect(body.trades.discs.t.length).toBeGreaterThan(50);
    // Discs are clipped to the plot area: none spills over the legend or the axis.
    const clipped = await page
      .locator('path.half-disc')
      .evaluateAll((els) => els.every((el) => el.closest('[clip-path]') !== null));
    expect(clipped).toBe(true);
    await screenshot(page, 'strategy-dense-1d');
    await expectPositionAxisHoldsData(body);
  });

  it('30 days: bid and ask volume-weighted bands with the gap shaded, volume bars, a position range band', async () => {
    const query = 'start=2019-03-01&end=2019-03-31';
    const body = await api('30d', query);
    expect(body.figures.fillCount).toBeGreaterThan(600);
    expect(body.notes.join(' ')).not.toContain('from the rollup');
    expect(body.trades.discs.t).toEqual([]);
    expect(body.trades.bands.size).toBe(3 * 3600);
    expect(body.series.positionBands.t.length).toBe(240);
    await page.goto(url(`/strategy/simple_mm?${query}`));
    const trading = page.getByTestId('trading-graph');
    await trading.locator('.recharts-line').first().waitFor();
    expect(await trading.getAttribute('data-view')).toBe('bands');
    expect(await page.locator('path.half-disc').count()).toBe(0);
    expect(await trading.locator('.band-bid').count()).toBe(1);
    expect(await trading.locator('.band-ask').count()).toBe(1);
    expect(await trading.locator('.band-gap').count()).toBe(1);
    expect(await trading.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(100);
    expect(await page.getByTestId('spread-strip').locator('.band-spread').count()).toBe(1);
    const position = page.getByTestId('position-graph');
    expect(await position.getAttribute('data-view')).toBe('bands');
    expect(await position.locator('.position-range').count()).toBe(1);
    await screenshot(page, 'strategy-dense-30d');
    await expectPositionAxisHoldsData(body);
  });

  it('1 year: the same bands, from the rollup', async () => {
    const query = 'start=2019-01-01&end=2020-01-01';
    const body = await api('1y', query);
    expect(body.figures.fillCount).toBe(DENSE_DAYS * FILLS_PER_DAY);
    expect(body.notes.join(' ')).toContain('from the rollup');
    expect(body.trades.bands.size).toBe(86_400);
    expect(body.trades.bands.t.length).toBe(365);
    expect(body.series.positionBands.endsOnly).toEqual([]);
    await page.goto(url(`/strategy/simple_mm?${query}`));
    const trading = page.getByTestId('trading-graph');
    await trading.locator('.recharts-line').first().waitFor();
    expect(await trading.getAttribute('data-view')).toBe('bands');
    expect(await trading.locator('.band-gap').count()).toBe(1);
    expect(await page.getByTestId('spread-strip').locator('.band-spread').count()).toBe(1);
    expect(await page.getByTestId('fig-fills').textContent()).toContain(
      'drawn as 365 buckets of day',
    );
    await screenshot(page, 'strategy-dense-1y');
    await expectPositionAxisHoldsData(body);
  });
});
