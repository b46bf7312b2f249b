import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';
import {
  WORKED_ACTOR,
  WORKED_DAY,
  WORKED_EXCHANGE,
  insertWorkedHistory,
} from '@/tests/helpers/quality-worked-history';

const USER = 'quality-tester';
const PASSWORD = 'quality tests password';

/** The history worked by hand in tests/helpers/quality-worked-history.ts, on its own actor and pair. */
async function seed(url: string) {
  const conn = await connectUrl(url);
  try {
    await insertWorkedHistory(conn, {
      order: await idAbove(conn, 'order'),
      trade: await idAbove(conn, 'trade'),
    });
  } finally {
    await conn.end();
  }
}

describe('execution quality page in the browser', () => {
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

  it('shows the hand-computed markouts, decomposition, quoting and uptime', async () => {
    const response = await page.goto(url(`/strategy/${WORKED_ACTOR}/quality?start=${WORKED_DAY}`));
    expect(response?.status()).toBe(200);
    await page.getByTestId('markout-curve').locator('.recharts-line').first().waitFor();
    const cell = async (h: string, side: string) =>
      (await page.getByTestId(`money-${h}-${side}`).textContent())?.trim();
    expect(await cell('0s', 'BID')).toBe('USD +2.50');
    expect(await cell('0s', 'ASK')).toBe('USD +0.75');
    expect(await cell('0s', 'ALL')).toBe('USD +3.25');
    expect(await cell('5m', 'BID')).toBe('USD +4.00');
    expect(await cell('1h', 'BID')).toBe('USD +6.00');
    expect(await cell('1h', 'ASK')).toBe('USD -1.00');
    expect(await cell('1h', 'ALL')).toBe('USD +5.00');
    expect(await page.getByTestId('q-spread').textContent()).toContain('USD +3.25');
    expect(await page.getByTestId('q-markout-1h').textContent()).toContain(
      'lost to adverse selection: USD -1.75',
    );
    expect(await page.getByTestId('decomp-revenue').textContent()).toBe('USD +5.00');
    const decomposition = (await page.getByTestId('decomposition').textContent()) ?? '';
    expect(decomposition).toContain('USD +1.75'); // inventory
    expect(await page.getByTestId('placed').textContent()).toBe('3');
    const quoting = (await page.getByTestId('quoting').textContent()) ?? '';
    expect(quoting).toContain('66.7 % / 60.0 %');
    const exchanges = (await page.getByTestId('exchanges').textContent()) ?? '';
    expect(exchanges).toContain(WORKED_EXCHANGE);
    // Two-sided 310 s of 86,400 s: 0.4 %; spread 1.5 for 300 s, 2 for 10 s.
    expect(exchanges).toContain('0.4 %');
    expect(exchanges).toContain('USD 1.5000');
    // Tabs: this view is current; the trading tab keeps the window.
    expect(await page.locator('.view-tab.current').textContent()).toBe('Execution quality');
    expect(await page.getByRole('link', { name: 'Trading' }).getAttribute('href')).toBe(
      `/strategy/${WORKED_ACTOR}?start=${WORKED_DAY}`,
    );
    await screenshot(page, 'quality');
  });

  it('answers the same numbers as JSON, names a bad parameter and an unknown strategy', async () => {
    const res = await page.request.get(
      url(`/api/strategy/${WORKED_ACTOR}/quality?start=${WORKED_DAY}`),
    );
    expect(res.status()).toBe(200);
    const body = await res.json();
    const row = (h: string, side: string) =>
      body.markouts.find(
        (r: { horizon: string; side: string }) => r.horizon === h && r.side === side,
      );
    expect(row('1h', 'ALL').money).toBe('5');
    expect(row('1h', 'ALL').adverse).toBe('-1.75');
    expect(row('0s', 'ALL').sources).toEqual({ fundamental: 0, 'quote-mid': 2, 'last-fill': 0 });
    expect(row('1h', 'ALL').sources).toEqual({ fundamental: 2, 'quote-mid': 0, 'last-fill': 0 });
    expect(body.decomposition).toEqual({
      revenue: '5',
      spreadCapture: '3.25',
      inventory: '1.75',
      fees: '0',
      net: '5',
    });
    expect(body.quoting).toMatchObject({ placed: 3, filled: 1, partly: 1, cancelled: 1, open: 0 });
    expect(body.exchanges[0].uptime.uptime).toBeCloseTo(310 / 86400, 12);
    const bad = await page.request.get(
      url(`/api/strategy/${WORKED_ACTOR}/quality?start=yesterday`),
    );
    expect(bad.status()).toBe(400);
    expect((await bad.json()).param).toBe('start');
    const unknown = await page.request.get(url('/api/strategy/NO_SUCH_ACTOR_Q/quality'));
    expect(unknown.status()).toBe(404);
    const pageBad = await page.goto(url(`/strategy/${WORKED_ACTOR}/quality?end=2024-13-45`));
    expect(pageBad?.status()).toBe(400);
  });

  it('the trading page has the tabs too', async () => {
    await page.goto(url(`/strategy/${WORKED_ACTOR}?start=${WORKED_DAY}`));
    // The loading skeleton has the tabs too: read them once the data has streamed in.
    const view = page.getByTestId('strategy-page');
    await view.waitFor();
    expect(await view.locator('.view-tab.current').textContent()).toBe('Trading');
    expect(await page.getByRole('link', { name: 'Execution quality' }).getAttribute('href')).toBe(
      `/strategy/${WORKED_ACTOR}/quality?start=${WORKED_DAY}`,
    );
  });
});
