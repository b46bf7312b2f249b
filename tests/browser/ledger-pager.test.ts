import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';

const USER = 'ledger-pager-tester';
const PASSWORD = 'ledger pager browser tests password';
const LEDGER = '/ledger/pagertest_btc_usd';
const DAY = 'start=2024-05-02&end=2024-05-03';

/**
 * PAGERTEST_BTC_USD on 2024-05-02: 40 fills (BID 0.01 BTC for 600 USD, one a minute from
 * 01:00), every second one with a 0.3 USD fee, so 40 × 2 trade rows + 20 fee rows; 25 USD
 * deposits (one every 55 minutes from 00:30), every fifth with a 1 USD fee, 25 + 5 rows: 130 rows.
 * PAGERBULK_BTC_USD: 6,000 fills on 2024-05-05 (fee on each): 18,000 rows, for the CSV abort.
 */
function fixture(base: number): string {
  const ex = base + 1;
  const bulk = base + 2;
  const orders = [
    `(${base + 1}, 'FILLED', 'BID', 'po${base}', 'PAGERBOT', 1, '2024-05-02 01:00:00', 'PAGERTEST_BTC_USD', 60000, 'USD', 1, 'BTC')`,
  ];
  const trades: string[] = [];
  for (let i = 0; i < 40; i++) {
    const t = new Date(Date.UTC(2024, 4, 2, 1, i)).toISOString().slice(0, 19).replace('T', ' ');
    trades.push(
      `(${base + 1 + i}, 'BID', 'pt${base + i}', 'PX-${i}', '${t}', ${i % 2 === 0 ? '0.3' : '0'}, 'USD', 600, 'USD', 0.01, 'BTC', ${base + 1})`,
    );
  }
  const txs: string[] = [];
  for (let i = 0; i < 25; i++) {
    const t = new Date(Date.UTC(2024, 4, 2, 0, 30) + i * 55 * 60_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    txs.push(
      `(${base + 1 + i}, 'DEPOSIT', 'COMPLETED', 'px${base + i}', '${t}', '${t}', 100, 'USD', ${i % 5 === 0 ? '1' : 'NULL'}, ${i % 5 === 0 ? "'USD'" : 'NULL'}, '{}', ${ex})`,
    );
  }
  return `
INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES
  (${ex}, 'pe${ex}', 'PAGERTEST_BTC_USD', '{}'), (${bulk}, 'pe${bulk}', 'PAGERBULK_BTC_USD', '{}');
INSERT INTO \`order\` (order_id, status, order_type, unique_id, actor, exchange_rate, time_created, exchange_name,
  price, price_currency, volume, volume_currency) VALUES ${orders.join(', ')},
  (${base + 2}, 'FILLED', 'BID', 'po${base + 2}', 'PAGERBOT', 1, '2024-05-05 00:00:00', 'PAGERBULK_BTC_USD', 60000, 'USD', 1, 'BTC');
INSERT INTO trade (trade_id, trade_type, unique_id, exchange_trade_id, time_created, fee, fee_currency, price,
  price_currency, volume, volume_currency, order_id) VALUES ${trades.join(',\n  ')};
INSERT INTO trade (trade_id, trade_type, unique_id, exchange_trade_id, time_created, fee, fee_currency, price,
  price_currency, volume, volume_currency, order_id)
  SELECT ${base + 100} + seq, 'BID', CONCAT('pb${base}-', seq), CONCAT('BULK-', seq),
    '2024-05-05 00:00:00' + INTERVAL seq * 10 SECOND, 0.25, 'USD', 600, 'USD', 0.01, 'BTC', ${base + 2}
  FROM seq_1_to_6000;
INSERT INTO \`transaction\` (transaction_id, transaction_type, transaction_status, unique_id, time_created, time_completed,
  amount, amount_currency, fee, fee_currency, transaction_details, exchange_id) VALUES ${txs.join(',\n  ')};
`;
}

describe('ledger pager', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  const position = () => page.getByTestId('pager-position').textContent();

  beforeAll(async () => {
    const conn = await connectUrl(app.tradingWriteUrl);
    try {
      const [[m]] = await conn.query<import('mysql2').RowDataPacket[]>(
        'SELECT GREATEST((SELECT COALESCE(MAX(exchange_id), 0) FROM exchange), (SELECT COALESCE(MAX(order_id), 0) FROM `order`), ' +
          '(SELECT COALESCE(MAX(trade_id), 0) FROM trade), (SELECT COALESCE(MAX(transaction_id), 0) FROM `transaction`)) AS m',
      );
      await conn.query(fixture(Math.ceil((Number(m.m) + 10_000) / 10_000) * 10_000));
    } finally {
      await conn.end();
    }
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says which rows of how many and which page, through Next, Previous and First', async () => {
    await page.goto(url(`${LEDGER}?${DAY}&size=50`));
    expect(await position()).toBe('Rows 1–50 of 130 · page 1 of 3');
    expect(await page.locator('[data-testid=ledger-rows] tbody tr').count()).toBe(50);
    await page.locator('[data-pager=next]').click();
    await page.waitForURL(/cursor=/);
    expect(await position()).toBe('Rows 51–100 of 130 · page 2 of 3');
    await page.locator('[data-pager=next]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=pager-position]')?.textContent?.includes('page 3'),
    );
    expect(await position()).toBe('Rows 101–130 of 130 · page 3 of 3');
    expect(await page.locator('[data-testid=ledger-rows] tbody tr').count()).toBe(30);
    await screenshot(page, 'ledger-pager-last');
    await page.locator('[data-pager=prev]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=pager-position]')?.textContent?.includes('page 2'),
    );
    expect(await position()).toBe('Rows 51–100 of 130 · page 2 of 3');
    await page.locator('[data-pager=first]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=pager-position]')?.textContent?.includes('page 1'),
    );
    expect(await position()).toBe('Rows 1–50 of 130 · page 1 of 3');
  });

  it('counts what the filters leave: a type, a currency, both, none', async () => {
    await page.goto(url(`${LEDGER}?${DAY}&size=50&type=deposit`));
    expect(await position()).toBe('Rows 1–25 of 25 · page 1 of 1');
    // The fills' and the deposits' fees: 20 + 5.
    await page.goto(url(`${LEDGER}?${DAY}&size=50&type=fee`));
    expect(await position()).toBe('Rows 1–25 of 25 · page 1 of 1');
    // BTC: the fills' volume legs only.
    await page.goto(url(`${LEDGER}?${DAY}&size=50&currency=BTC&sort=oldest`));
    expect(await position()).toBe('Rows 1–40 of 40 · page 1 of 1');
    // USD: 40 price legs, 20 fill fees, 25 deposits, 5 deposit fees.
    await page.goto(url(`${LEDGER}?${DAY}&size=50&currency=USD`));
    expect(await position()).toBe('Rows 1–50 of 90 · page 1 of 2');
    await screenshot(page, 'ledger-pager-usd');
    await page.goto(url(`${LEDGER}?${DAY}&size=50&type=drift`));
    expect(await position()).toBe('No rows');
    // The JSON API gives the same figures.
    const api = await page.request.get(url(`/api/ledger/pagertest_btc_usd?${DAY}&size=50`));
    expect((await api.json()).position).toEqual({
      from: 1,
      to: 50,
      total: 130,
      exact: true,
      page: 1,
      pages: 3,
      offsetExact: true,
    });
  });

  it('a CSV download the client abandons stops cleanly: no uncaught error, the server goes on', async () => {
    const log = path.join(
      path.dirname(new URL('../../package.json', import.meta.url).pathname),
      '.tmp',
      `browser-next-start.${new URL(app.baseUrl).port}.log`,
    );
    const before = readFileSync(log, 'utf8').length;
    const cookies = await page.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const controller = new AbortController();
    const res = await fetch(
      url('/api/ledger/pagerbulk_btc_usd/csv?start=2024-05-05&end=2024-05-06'),
      {
        headers: { cookie },
        signal: controller.signal,
      },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    controller.abort();
    await reader.closed.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500));
    // The whole export, read to the end, is 18,000 rows and the header.
    const full = await fetch(
      url('/api/ledger/pagerbulk_btc_usd/csv?start=2024-05-05&end=2024-05-06'),
      {
        headers: { cookie },
      },
    );
    expect((await full.text()).trimEnd().split('\n')).toHaveLength(18_001);
    const written = readFileSync(log, 'utf8').slice(before);
    expect(written).not.toMatch(/Controller is already closed|uncaughtException|ERR_INVALID_STATE/);
    expect(written).not.toMatch(/ledger CSV export of PAGERBULK_BTC_USD stopped/);
  });
});
