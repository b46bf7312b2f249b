import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { parse } from 'csv-parse/sync';
import type { AxeResults } from 'axe-core';
import { testApp } from '../helpers/app';
import { insertAwkwardHistory } from '../helpers/awkward-history';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';
import * as schema from '../../lib/db/dashboards/schema';
import { createAccount } from '../../lib/auth/accounts';

const USER = 'a11y-tester';
const PASSWORD = 'a11y tests password';
/** March 2015: a month no other browser test writes, after the fund test's 2014 (an earlier one would be in its opening net assets). */
const DAY = '2015-03-12';
const PREFIX = 'A11YTEST';
const WINDOW = 'start=2015-03-11&end=2015-03-14';
const screenshotPath = (name: string) =>
  fileURLToPath(new URL(`../../.tmp/screenshots/${name}.png`, import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The main pages, each with a selector that is there once it has drawn. */
const PAGES: Array<[name: string, path: string, ready: string]> = [
  ['home', '/', '[data-testid=today]'],
  ['strategy', `/strategy/${PREFIX}?${WINDOW}`, 'path.half-disc'],
  ['quality', `/strategy/${PREFIX}/quality?${WINDOW}`, 'main'],
  ['strategy-report', `/strategy/${PREFIX}/report?${WINDOW}`, '.recharts-wrapper'],
  ['fund', `/fund?${WINDOW}`, '.waterfall-bar'],
  ['fund-report', `/fund/report?${WINDOW}`, '.recharts-wrapper'],
  ['ledger', `/ledger/${PREFIX}_BTC_USD?${WINDOW}`, '[data-testid=ledger-title]'],
  ['account', '/account', 'main'],
  ['admin-users', '/admin/users', '[data-testid=users]'],
  ['admin-audit', '/admin/audit', 'main'],
  ['status', '/status', '[data-testid=status-summary]'],
  ['alerts', '/alerts', '[data-testid=rules]'],
  ['alerts-history', '/alerts/history', '[data-testid=history-filters]'],
];
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [1400, 390] as const;

/** axe-core's serious and critical violations (WCAG 2.1 A and AA rules), one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const results = await page.evaluate(
    () =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
      ) as Promise<AxeResults>,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}; ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`)
          .join(' | ')}`,
    );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

async function setTheme(context: BrowserContext, baseUrl: string, theme: string) {
  await context.addCookies([{ name: 'theme', value: theme, url: baseUrl }]);
}

async function open(page: Page, path: string, ready: string, baseUrl: string) {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status(), path).toBe(200);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('accessibility, themes, phone layout and chart downloads', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const app = testApp();

  beforeAll(async () => {
    await insertAwkwardHistory(app.tradingWriteUrl, PREFIX, DAY);
    const dashboards = await connectUrl(app.dashboardsUrl);
    try {
      await createAccount(
        drizzle({ client: dashboards, schema, mode: 'default' }),
        { username: USER, password: PASSWORD, role: 'ADMIN' },
        { username: 'a11y-test-setup', ctx: { ip: 'test', userAgent: 'a11y.test.ts' } },
      );
    } finally {
      await dashboards.end();
    }
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  }, 120_000);
  afterAll(async () => browser?.close());

  for (const theme of THEMES)
    for (const width of WIDTHS)
      it(`every main page, ${theme} at ${width} px: no serious axe violation, no page scroll sideways`, async () => {
        await setTheme(context, app.baseUrl, theme);
        await page.setViewportSize({ width, height: 900 });
        const problems: string[] = [];
        for (const [name, path, ready] of PAGES) {
          await open(page, path, ready, app.baseUrl);
          expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
          problems.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
          if (width === 390) {
            const over = await horizontalOverflow(page);
            if (over > 0) problems.push(`${name}: the page scrolls ${over} px sideways`);
          }
          await screenshot(page, `a11y-${name}-${theme}-${width}`);
        }
        // logged out: the login page
        const guest = await browser.newContext({ viewport: { width, height: 900 } });
        await setTheme(guest, app.baseUrl, theme);
        const login = await guest.newPage();
        await open(login, '/login', 'input[name=username]', app.baseUrl);
        problems.push(...(await axeViolations(login)).map((v) => `login: ${v}`));
        if (width === 390 && (await horizontalOverflow(login)) > 0)
          problems.push('login: the page scrolls sideways');
        await screenshot(login, `a11y-login-${theme}-${width}`);
        await guest.close();
        expect(problems).toEqual([]);
      }, 300_000);

  it('without a choice the theme follows the system; the toggle sets it and the server remembers', async () => {
    await context.clearCookies({ name: 'theme' });
    await page.setViewportSize({ width: 1400, height: 900 });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, '/', '[data-testid=today]', app.baseUrl);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('system');
    expect(await background()).toBe('rgb(15, 20, 25)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(245, 246, 248)');

    await page.getByTestId('theme-toggle').getByRole('button', { name: 'Dark' }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await background()).toBe('rgb(15, 20, 25)');
    // the server renders the choice: the HTML as it arrives, before any script runs
    const html = await (await page.request.get(`${app.baseUrl}/`)).text();
    expect(html).toMatch(/<html[^>]*data-theme="dark"/);
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByTestId('theme-toggle')
          .getByRole('button', { name: 'Dark' })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    // Remembered for the user too: a new browser (no cookie) logging in starts in Dark.
    const other = await browser.newContext();
    try {
      const fresh = await other.newPage();
      await logIn(fresh, app.baseUrl, USER, PASSWORD);
      await expect
        .poll(() => fresh.locator('html').getAttribute('data-theme'), { timeout: 10_000 })
        .toBe('dark');
    } finally {
      await other.close();
    }
    await page.getByTestId('theme-toggle').getByRole('button', { name: 'System' }).click();
    expect(await background()).toBe('rgb(245, 246, 248)');
  });

  it('at 390 px the navigation folds behind a Menu button', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    await open(page, '/', '[data-testid=today]', app.baseUrl);
    const fund = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fund' });
    expect(await fund.isVisible()).toBe(false);
    const menu = page.getByTestId('nav-menu-button');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await fund.isVisible()).toBe(true);
    const box = (await fund.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'a11y-nav-open-390');
  });

  it('a chart downloads as PNG and as a CSV whose rows are its data table', async () => {
    await setTheme(context, app.baseUrl, 'light');
    await page.setViewportSize({ width: 1400, height: 900 });
    await open(page, `/fund?${WINDOW}`, '.waterfall-bar', app.baseUrl);
    const frame = page.locator('figure.chart-frame', { has: page.getByTestId('fund-waterfall') });

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      frame.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('from-starting-to-final-net-assets-usd.png');
    const image = readFileSync((await png.path())!);
    // kept beside the screenshots, to look at
    copyFileSync((await png.path())!, screenshotPath('a11y-download-waterfall'));
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: twice the drawn size
    const chartWidth = (await frame.locator('.recharts-wrapper > svg').boundingBox())!.width;
    expect(image.readUInt32BE(16)).toBe(Math.ceil(chartWidth * 2));
    expect(image.length).toBeGreaterThan(10_000);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      frame.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('from-starting-to-final-net-assets-usd.csv');
    const rows = parse(readFileSync((await csv.path())!, 'utf8')) as string[][];

    await frame.locator('summary', { hasText: 'Data table' }).click();
    const table = frame.getByTestId('chart-data-table');
    // The table is rendered once the details open (a state update): wait for it before reading
    // (allTextContents does not wait; it read an empty head once in CI).
    await table.locator('thead th').first().waitFor();
    const head = await table.locator('thead th').allTextContents();
    const body = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows).toEqual([head, ...body]);
    expect(head).toEqual(['Step', 'USD']);
    expect(body[0][0]).toBe('Start');
    expect(body.at(-1)![0]).toBe('End');
    // the drawn amounts, formatted: "USD 1,234.56"
    for (const r of body) expect(r[1]).toMatch(/^USD [-+]?\d{1,3}(,\d{3})*\.\d{2}$/);
  });

  it("the PNG's legend draws each series as it is drawn: dashed lines dashed, with their dots", async () => {
    await setTheme(context, app.baseUrl, 'light');
    await page.setViewportSize({ width: 1400, height: 900 });
    await open(page, `/strategy/${PREFIX}/quality?${WINDOW}`, 'main', app.baseUrl);
    const frame = page.locator('figure.chart-frame', { has: page.getByTestId('markout-curve') });
    await frame.locator('.recharts-legend-item').first().waitFor();
    // the canvas calls of the legend (the chart itself is drawn as one image)
    await page.evaluate(() => {
      const calls: Array<{ dash: number[]; stroke: string; width: number }> = [];
      (window as unknown as { swatches: typeof calls }).swatches = calls;
      const proto = CanvasRenderingContext2D.prototype;
      const stroke = proto.stroke;
      proto.stroke = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
        calls.push({
          dash: this.getLineDash(),
          stroke: String(this.strokeStyle),
          width: this.lineWidth,
        });
        return (stroke as (...a: unknown[]) => void).apply(this, args);
      } as typeof stroke;
    });
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      frame.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    copyFileSync((await png.path())!, screenshotPath('a11y-download-markout-legend'));
    const calls = await page.evaluate(
      () =>
        (
          window as unknown as {
            swatches: Array<{ dash: number[]; stroke: string; width: number }>;
          }
        ).swatches,
    );
    // the lines (2 px), then each series' dots as a ring (1.5 px) on it
    const swatches = calls.filter((c) => c.width === 2);
    expect(calls.filter((c) => c.width === 1.5 && c.dash.length === 0)).toHaveLength(3);
    // bids solid, asks dashed 8 4, both dotted 2 3 (ui/quality/charts.tsx): three lines, no squares
    expect(swatches.map((c) => c.dash.join(' ')).sort()).toEqual(['', '2 3', '8 4']);
    expect(new Set(swatches.map((c) => c.stroke)).size).toBe(3);
  });

  it('a sortable table sorts by a header, by keyboard, and says so with aria-sort', async () => {
    await open(page, `/fund?${WINDOW}`, '[data-testid=fund-accounts]', app.baseUrl);
    const table = page.getByTestId('fund-accounts');
    const header = table.locator('th', { hasText: 'USD at end' });
    const usd = () =>
      table
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) =>
            Number((tr.querySelectorAll('td')[3]?.textContent ?? '').replace(/[^\d.-]/g, '')),
          ),
        );
    expect(await header.getAttribute('aria-sort')).toBeNull();
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const up = await usd();
    expect(up.length).toBeGreaterThan(1);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.keyboard.press('Space');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await usd()).toEqual([...up].sort((a, b) => b - a));
  });
});
