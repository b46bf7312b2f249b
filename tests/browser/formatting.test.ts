import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAppUser, testApp } from '../helpers/app';
import { insertAwkwardHistory } from '../helpers/awkward-history';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';

const USER = 'format-tester';
const PASSWORD = 'format tests password';
/** August 2017: a month no other browser test writes. */
const DAY = '2017-08-15';
const PREFIX = 'FMTTEST';

/**
 * Every number and time a person reads goes through ui/shared/format.ts: on pages showing a
 * history whose amounts have 12 to 14 decimals (tests/helpers/awkward-history.ts), no raw
 * float, no ungrouped amount, no ".000Z" anywhere in the visible text, nor in a chart tooltip.
 */
const LEAKS: Array<[string, RegExp]> = [
  // more than 8 decimals, except a tiny amount's 3 significant digits ("0.00000000123")
  ['a long decimal', /(?<![\d.])(?!0\.0{7})\d+\.\d{9,}/],
  ['an ungrouped amount', /(?<![\d.,])\d{4,}\.\d+/],
  ['milliseconds of an ISO time', /\d{2}:\d{2}:\d{2}\.\d{3}Z/],
  ['exponent notation', /\b\d(?:\.\d+)?e[+-]?\d+\b/i],
  ['NaN or undefined', /\bNaN\b|\bundefined\b|\bInfinity\b/],
];

function leaksIn(text: string): string[] {
  return LEAKS.flatMap(([what, re]) => {
    const m = re.exec(text);
    return m ? [`${what}: "${text.slice(Math.max(0, m.index - 30), m.index + 40)}"`] : [];
  });
}

/** What a person reads: the page's text, and the text of its charts (SVG). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll('svg text')].map((t) => t.textContent ?? ''),
    ].join('\n'),
  );
}

describe('numbers and times as a person reads them', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  const window = `start=2017-08-14&end=2017-08-17`;

  beforeAll(async () => {
    await insertAwkwardHistory(app.tradingWriteUrl, PREFIX, DAY);
    // a BTC rate with many decimals, so the fund values the BTC held
    const dashboards = await connectUrl(app.dashboardsUrl);
    try {
      await dashboards.query(
        'INSERT INTO `fx_rate` (`source`, `currency`, `day`, `usd_rate`, `time_updated`) VALUES ? ' +
          'ON DUPLICATE KEY UPDATE `usd_rate` = VALUES(`usd_rate`)',
        [
          ['2017-08-14', '2017-08-15', '2017-08-16', '2017-08-17'].map((day, i) => [
            'import',
            'BTC',
            day,
            `4123.45678901${i}`,
            '2017-08-18 00:00:00',
          ]),
        ],
      );
    } finally {
      await dashboards.end();
    }
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => browser?.close());

  it('the checker itself finds the leaks the issue names, and passes formatted text', () => {
    for (const leak of [
      '-6365.482818373521',
      '@ 52664.6636582 USD',
      '2026-11-29T14:03:07.000Z',
      'USD -104709.91',
      'USD -4076736.1043210305',
      '1e-7',
    ])
      expect(leaksIn(leak), leak).not.toEqual([]);
    for (const fine of [
      'USD -6,365.48',
      'BTC 0.12345679 @ USD 52,664.66',
      '2026-11-29 14:03:07 UTC',
      'USD -104,709.91',
      'Fee: USD 0.000400',
      'BTC 0.00000000123',
      '2024-05-01T00:00:00Z to 2024-05-02T00:00:00Z (end exclusive)',
      'Order ID: 96287',
    ])
      expect(leaksIn(fine), fine).toEqual([]);
  });

  it('strategy page: figures, notes, axes, the half-disc and position tooltips', async () => {
    await page.goto(url(`/strategy/${PREFIX}?start=${DAY}`));
    await page.getByTestId('strategy-page').waitFor();
    const bid = page.locator('path.half-disc[data-side=BID]').first();
    await bid.waitFor();
    expect(leaksIn(await visibleText(page))).toEqual([]);
    expect(await page.getByTestId('fig-volume').textContent()).toContain('BTC 2.61111111');

    await bid.hover();
    const tooltip = page.getByTestId('disc-tooltip');
    await tooltip.waitFor();
    const text = (await tooltip.textContent()) ?? '';
    // 0.123456789012 BTC for 6,501.81036234123456 USD: 52,664.663... per BTC
    expect(text).toContain('BTC 0.12345679 @ USD 52,664.66');
    expect(text).toContain('Fee: USD 12.04');
    expect(text).toContain(`${DAY} 10:00:03 UTC`);
    expect(leaksIn(text)).toEqual([]);
    await screenshot(page, 'format-strategy-disc');

    // the position graph's tooltip: the position in BTC, realized figures in USD
    const graph = page.getByTestId('position-graph');
    // below the fold at this viewport: scroll first, the mouse moves in viewport coordinates
    await graph.scrollIntoViewIfNeeded();
    const box = (await graph.locator('.recharts-cartesian-grid').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    const positionTip = graph.locator('.recharts-tooltip-wrapper');
    await expect.poll(async () => (await positionTip.textContent()) ?? '').toContain('BTC');
    const tip = (await positionTip.textContent()) ?? '';
    expect(tip).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(leaksIn(tip)).toEqual([]);
    await screenshot(page, 'format-strategy-position');
  });

  it('fund page: figures, parts, waterfall labels and tooltip, tables', async () => {
    await page.goto(url(`/fund?${window}`));
    await page.getByTestId('fund-page').waitFor();
    await page.locator('.waterfall-bar').first().waitFor();
    expect(leaksIn(await visibleText(page))).toEqual([]);
    const bar = page.locator('.waterfall-end').first();
    await bar.hover();
    const tip = page.getByTestId('fund-waterfall').locator('.recharts-tooltip-wrapper');
    await expect.poll(async () => (await tip.textContent()) ?? '').toContain('USD ');
    expect(leaksIn((await tip.textContent()) ?? '')).toEqual([]);
    await screenshot(page, 'format-fund');
  });

  it('home page', async () => {
    await page.goto(url('/'));
    await page.getByTestId('today').waitFor();
    const text = await visibleText(page);
    // the cached balance of the account, -6365.482818373521 USD in exchange.balance
    expect(text).toContain('USD -6,365.48');
    expect(leaksIn(text)).toEqual([]);
    await screenshot(page, 'format-home');
  });

  it('ledger page', async () => {
    await page.goto(url(`/ledger/${PREFIX}_BTC_USD?${window}`));
    await page.getByTestId('ledger-title').waitFor();
    const text = await visibleText(page);
    expect(text).toContain('100,000.12');
    expect(leaksIn(text)).toEqual([]);
    await screenshot(page, 'format-ledger');
  });
});
