import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RowDataPacket } from 'mysql2/promise';
import { createAppUser, testApp } from '../helpers/app';
import { type AwkwardHistory, insertAwkwardHistory } from '../helpers/awkward-history';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';

const USER = 'history-tester';
const PASSWORD = 'history tests password';
/** September 2017: a month no other browser test writes. */
const DAY = '2017-09-10';
const PREFIX = 'HBTEST';

/**
 * A window wholly before a history's first entry (or after its last) says where the history
 * begins (ends) and links to a window of the same length there, which then shows the entries.
 * The history: tests/helpers/awkward-history.ts (deposits 2017-09-09 08:00:05 and 09:00:00,
 * fills 2017-09-10 10:00:03 to 15:30:00, a withdrawal 2017-09-11 12:00:00).
 */
describe('a window outside the history says where it is', () => {
  let browser: Browser;
  let page: Page;
  let h: AwkwardHistory;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;

  beforeAll(async () => {
    h = await insertAwkwardHistory(app.tradingWriteUrl, PREFIX, DAY);
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => browser?.close());

  const edge = () => page.getByTestId('history-edge');
  const query = (name: string) => new URL(page.url()).searchParams.get(name);

  it('strategy: a week before the first fill, then the week from there', async () => {
    await page.goto(url(`/strategy/${PREFIX}?start=2017-08-01&end=2017-08-08`));
    expect(await edge().getAttribute('data-side')).toBe('before');
    expect(await edge().textContent()).toContain(
      `No fills in this window: ${PREFIX}’s history begins 2017-09-10 10:00:03 UTC.`,
    );
    await screenshot(page, 'history-strategy-before');
    await page.getByTestId('history-edge-link').click();
    await page.waitForURL((u) => u.searchParams.get('start') === '2017-09-10');
    expect(query('end')).toBe('2017-09-17');
    expect(await page.getByTestId('fig-fills').textContent()).toContain('3');
    expect(await edge().count()).toBe(0);
  });

  it('strategy: a day after the last fill, then the day that holds it', async () => {
    await page.goto(url(`/strategy/${PREFIX}?start=2017-10-01&end=2017-10-02`));
    expect(await edge().getAttribute('data-side')).toBe('after');
    expect(await edge().textContent()).toContain(
      `No fills in this window: ${PREFIX}’s last fill is 2017-09-10 15:30:00 UTC.`,
    );
    await page.getByTestId('history-edge-link').click();
    await page.waitForURL((u) => u.searchParams.get('start') === '2017-09-10');
    expect(query('end')).toBe('2017-09-11');
    expect(await page.getByTestId('fig-fills').textContent()).toContain('3');
  });

  it('ledger: an hour before the first entry (a deposit), keeping the other parameters', async () => {
    await page.goto(
      url(`/ledger/${h.account}?start=2017-08-01T10:00&end=2017-08-01T11:00&sort=oldest`),
    );
    expect(await edge().textContent()).toContain(
      `No entries in this window: ${h.account}’s history begins 2017-09-09 08:00:05 UTC.`,
    );
    await screenshot(page, 'history-ledger-before');
    await page.getByTestId('history-edge-link').click();
    await page.waitForURL((u) => u.searchParams.get('start') === '2017-09-09T08:00:00Z');
    expect(query('end')).toBe('2017-09-09T09:00:00Z');
    expect(query('sort')).toBe('oldest');
    // The URL changes before the new window's rows have streamed in.
    await page.locator('[data-testid=ledger-rows] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=ledger-rows] tbody tr').count()).toBeGreaterThan(0);
    expect(await edge().count()).toBe(0);
  });

  it('ledger: a window after the last entry names it', async () => {
    await page.goto(url(`/ledger/${h.account}?start=2017-12-01&end=2017-12-02`));
    expect(await edge().textContent()).toContain(
      `No entries in this window: ${h.account}’s last entry is 2017-09-11 12:00:00 UTC.`,
    );
  });

  it('fund: a day long before anything, with the first entry read from the database', async () => {
    const conn = await connectUrl(app.tradingUrl);
    let first: string;
    try {
      const [rows] = await conn.query<RowDataPacket[]>(
        'SELECT LEAST((SELECT MIN(time_created) FROM `trade`), ' +
          '(SELECT COALESCE(time_completed, time_created) FROM `transaction` ORDER BY transaction_id LIMIT 1)) AS t',
      );
      first = String(rows[0].t);
    } finally {
      await conn.end();
    }
    await page.goto(url('/fund?start=2000-01-01&end=2000-01-02'));
    expect(await edge().textContent()).toContain(
      `No transactions or fills in this window: the fund’s history begins ${first} UTC.`,
    );
    await screenshot(page, 'history-fund-before');
    await page.getByTestId('history-edge-link').click();
    await page.waitForURL((u) => u.searchParams.get('start') === first.slice(0, 10));
    expect(await edge().count()).toBe(0);
  });
});
