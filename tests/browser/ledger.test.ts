import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';
import { fixtureSql } from '@/tests/helpers/ledger-fixture';

const USER = 'ledger-tester';
const PASSWORD = 'ledger browser tests password';
const LEDGER = '/ledger/ledgertest_btc_usd';
const DAY = 'start=2024-03-02&end=2024-03-03';

// Kraken-like statement of the fixture's window: a deposit of 75 USD we never booked (line 7)
// and a wrong amount on EX-3's USD leg (line 5).
const STATEMENT = `txid,refid,time,type,asset,amount,fee
L1,EX-2,2024-03-02 10:00:01,trade,USD,"12,750.00",25.50
L2,EX-2,2024-03-02 10:00:01,trade,BTC,-0.3,0
L3,EX-3,2024-03-02 10:00:02,trade,BTC,0.2,0.0002
L4,EX-3,2024-03-02 10:00:02,trade,USD,-8400.10,
L5,WD-4,2024-03-02 10:00:40,withdrawal,USD,-1000,15
L6,,2024-03-02 11:30:00,deposit,USD,75,
L7,,2024-03-02 12:00:20,adjustment,USD,0.5,
L8,,2024-03-02 13:01:00,deposit,USD,500,
L9,EX-5,2024-03-02 23:59:59,trade,BTC,0.05,
L10,EX-5,2024-03-02 23:59:59,trade,USD,-2100,
`;

describe('ledger dashboard', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  const cells = (p: Page, selector: string) => p.locator(selector).allTextContents();

  /** The fixture's ids are base + n (ids above every existing row, as idAbove does). */
  let base = 0;
  const id = (n: number) => base + n;

  beforeAll(async () => {
    const conn = await connectUrl(app.tradingWriteUrl);
    try {
      const [[m]] = await conn.query<import('mysql2').RowDataPacket[]>(
        'SELECT GREATEST((SELECT COALESCE(MAX(exchange_id), 0) FROM exchange), (SELECT COALESCE(MAX(order_id), 0) FROM `order`), ' +
          '(SELECT COALESCE(MAX(trade_id), 0) FROM trade), (SELECT COALESCE(MAX(transaction_id), 0) FROM `transaction`), ' +
          '(SELECT COALESCE(MAX(event_id), 0) FROM event)) AS m',
      );
      base = Math.ceil((Number(m.m) + 1000) / 1000) * 1000;
      await conn.query(fixtureSql(base));
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

  it('shows every row with running balances, the summary, the audit and transfers in transit', async () => {
    await page.goto(url(`${LEDGER}?${DAY}`));
    expect(await page.getByTestId('ledger-title').textContent()).toBe('LEDGERTEST_BTC_USD ledger');
    expect(await page.title()).toBe('LEDGERTEST_BTC_USD ledger · Gryphon Dashboards');
    const rows = page.locator('[data-testid=ledger-rows] tbody tr');
    expect(await rows.count()).toBe(12);
    // Newest first: the last fill's debit, balances after it.
    expect(
      await cells(page, '[data-testid=ledger-rows] tbody tr:first-child td[data-balance]'),
    ).toEqual(['2.04979000', '9,706.00']);
    expect(await cells(page, '[data-testid=ledger-rows] thead th')).toContain('BTC balance');
    expect(await page.locator('tr[data-type=drift]').count()).toBe(1);
    expect(await page.locator('tr[data-type=drift] td').nth(2).textContent()).toMatch(
      /^Drift correction/,
    );
    const usd = page.locator('[data-testid=ledger-summary] tr[data-currency=USD] td');
    expect(await usd.allTextContents()).toEqual([
      'USD',
      '7,996.00',
      '13,250.00',
      '11,500.00',
      '40.50',
      '0.50',
      '9,706.00',
    ]);
    expect(
      await page
        .locator('[data-testid=ledger-audit] tr[data-currency=USD] [data-testid=difference]')
        .textContent(),
    ).toBe('0.50');
    expect(
      await page
        .locator('[data-testid=ledger-audit] tr[data-currency=BTC] [data-testid=difference]')
        .textContent(),
    ).toBe('✓ 0');
    expect(await cells(page, '[data-testid=ledger-pending] tbody td:first-child')).toEqual([
      `#${id(9)}`,
      `#${id(5)}`,
    ]);
    await screenshot(page, 'ledger');
  });

  it('filters by currency and type through the form; the filters round-trip through the URL', async () => {
    await page.goto(url(`${LEDGER}?${DAY}`));
    await page.selectOption('[data-testid=ledger-filters] select[name=currency]', 'USD');
    for (const t of ['trade', 'deposit', 'withdrawal', 'drift'])
      await page.uncheck(`[data-testid=ledger-filters] input[value=${t}]`);
    await page.click('[data-testid=ledger-filters] button[type=submit]');
    await page.waitForURL((u) => u.searchParams.get('currency') === 'USD');
    const u = new URL(page.url());
    expect(u.searchParams.getAll('type')).toEqual(['fee']);
    expect(await page.getByTestId('ledger-title').textContent()).toBe(
      'LEDGERTEST_BTC_USD ledger — USD',
    );
    // The two USD fees, each with the account's whole USD balance after it.
    expect(await cells(page, '[data-testid=ledger-rows] tbody td[data-balance=USD]')).toEqual([
      '11,305.50',
      '20,720.50',
    ]);
    await page.reload();
    expect(await page.locator('[data-testid=ledger-filters] input[value=fee]').isChecked()).toBe(
      true,
    );
    expect(await page.locator('[data-testid=ledger-filters] input[value=trade]').isChecked()).toBe(
      false,
    );
    expect(
      await page.locator('[data-testid=ledger-filters] select[name=currency]').inputValue(),
    ).toBe('USD');
    await screenshot(page, 'ledger-filtered');
    // The time header reverses the order and keeps the filters.
    await page.click('[data-testid=sort-time]');
    await page.waitForURL((x) => x.searchParams.get('sort') === 'oldest');
    expect(await cells(page, '[data-testid=ledger-rows] tbody td[data-balance=USD]')).toEqual([
      '20,720.50',
      '11,305.50',
    ]);
    // The form always shows the filters in force, also after client-side navigation.
    const form = '[data-testid=ledger-filters]';
    expect(await page.locator(`${form} select[name=sort]`).inputValue()).toBe('oldest');
    await page.click(`${form} >> text=Clear filters`);
    await page.waitForURL((x) => !x.searchParams.has('type') && !x.searchParams.has('currency'));
    expect(await page.locator(`${form} select[name=currency]`).inputValue()).toBe('');
    expect(await page.locator(`${form} select[name=sort]`).inputValue()).toBe('newest');
    for (const t of ['trade', 'deposit', 'withdrawal', 'drift', 'fee'])
      expect(await page.locator(`${form} input[value=${t}]`).isChecked()).toBe(true);
    // Changing only the rows per page applies nothing else (it used to re-apply the old filters).
    await page.selectOption(`${form} select[name=size]`, '500');
    await page.click(`${form} button[type=submit]`);
    await page.waitForURL((x) => x.searchParams.get('size') === '500');
    const after = new URL(page.url());
    expect(after.searchParams.get('currency') ?? '').toBe('');
    expect(after.searchParams.getAll('type').sort()).toEqual(
      ['deposit', 'drift', 'fee', 'trade', 'withdrawal'].sort(),
    );
    expect((await cells(page, '[data-testid=ledger-rows] tbody tr')).length).toBeGreaterThan(2);
  });

  it('opened with tz=, keeps that zone through its filter form, sort header and Clear filters', async () => {
    // Without tz= the page's own links add none (the user's preference applies by itself).
    await page.goto(url(`${LEDGER}?${DAY}`));
    expect(await page.getByTestId('sort-time').getAttribute('href')).not.toContain('tz=');
    await page.goto(url(`${LEDGER}?${DAY}&tz=Asia/Kolkata`));
    const zone = async () => new URL(page.url()).searchParams.get('tz');
    const heading = () => page.getByTestId('sort-time').textContent();
    expect(await heading()).toContain('Asia/Kolkata');
    const form = '[data-testid=ledger-filters]';
    await page.selectOption(`${form} select[name=currency]`, 'USD');
    await page.click(`${form} button[type=submit]`);
    await page.waitForURL((u) => u.searchParams.get('currency') === 'USD');
    expect(await zone()).toBe('Asia/Kolkata');
    expect(await heading()).toContain('Asia/Kolkata');
    await page.click('[data-testid=sort-time]');
    await page.waitForURL((x) => x.searchParams.get('sort') === 'oldest');
    expect(await zone()).toBe('Asia/Kolkata');
    await page.click(`${form} >> text=Clear filters`);
    await page.waitForURL((x) => !x.searchParams.has('currency'));
    expect(await zone()).toBe('Asia/Kolkata');
    expect(await heading()).toContain('Asia/Kolkata');
    await screenshot(page, 'ledger-tz-kept');
  });

  it('offers no trade filter on a bank account, and shows BURN as costs without reconciliation', async () => {
    await page.goto(url(`/ledger/ledgertest_bank_usd?${DAY}`));
    const form = '[data-testid=ledger-filters]';
    expect(
      await page
        .locator(`${form} input[name=type]`)
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toEqual(['fee', 'deposit', 'withdrawal', 'drift']);
    expect(await page.locator(`${form} a[href$="/reconcile"]`).textContent()).toBe(
      'Reconcile with a bank statement',
    );
    // BURN (the bank bot's operating costs): a deposit into it is a cost, money out a refund
    const conn = await connectUrl(app.tradingWriteUrl);
    try {
      const [burn] = await conn.query<import('mysql2').RowDataPacket[]>(
        "SELECT exchange_id FROM exchange WHERE name = 'BURN' LIMIT 1",
      );
      const burnId = burn.length > 0 ? Number(burn[0].exchange_id) : id(901);
      if (burn.length === 0)
        await conn.query(
          "INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES (?, ?, 'BURN', '{}')",
          [burnId, `burn-${burnId}`],
        );
      await conn.query(
        'INSERT INTO `transaction` (transaction_id, transaction_type, transaction_status, unique_id, time_created, time_completed, ' +
          "amount, amount_currency, transaction_details, exchange_id) VALUES (?, 'DEPOSIT', 'COMPLETED', ?, '2024-03-02 15:00:00', " +
          "'2024-03-02 15:00:00', 123.45, 'USD', '{\"description\": \"Office rent\"}', ?)",
        [id(902), `burn-tx-${id(902)}`, burnId],
      );
    } finally {
      await conn.end();
    }
    await page.goto(url(`/ledger/burn?${DAY}`));
    const row = page.locator('[data-testid=ledger-rows] tbody tr', { hasText: '123.45' });
    expect(await row.locator('td').nth(1).textContent()).toBe('cost');
    expect(await page.locator(`${form} a[href$="/reconcile"]`).count()).toBe(0);
    expect(await page.locator(`${form} input[value=trade]`).count()).toBe(0);
    await screenshot(page, 'ledger-burn');
  });

  it("keeps Gryphon's /ledger/<account>/<currency> URLs, pages with Next/Previous", async () => {
    await page.goto(url(`/ledger/LEDGERTEST_BTC_USD/btc?${DAY}`));
    expect(new URL(page.url()).searchParams.get('currency')).toBe('BTC');
    expect(await page.locator('[data-testid=ledger-rows] tbody tr').count()).toBe(4);
    await page.goto(url(`${LEDGER}?${DAY}&size=50`));
    expect(await page.locator('[data-pager=next]').count()).toBe(0);
  });

  it('answers an unknown account with a 404 listing the accounts; bank accounts have a ledger', async () => {
    const r = await page.goto(url('/ledger/no_such_account'));
    expect(r?.status()).toBe(404);
    const list = (await page.getByTestId('ledger-accounts').textContent()) ?? '';
    expect(list).toContain('LEDGERTEST_BTC_USD');
    expect(list).toContain('LEDGERTEST_BANK_USD');
    await page.goto(url(`/ledger/ledgertest_bank_usd?${DAY}`));
    expect(
      await page
        .locator('[data-testid=ledger-summary] tr[data-currency=USD] td')
        .last()
        .textContent(),
    ).toBe('250,000.00');
  });

  it('explains a bad parameter inline', async () => {
    await page.goto(url(`${LEDGER}?${DAY}&type=fees`));
    expect(await page.getByTestId('query-error').textContent()).toContain('Invalid type "fees"');
    await page.goto(url(`${LEDGER}?start=yesterday`));
    expect(await page.getByTestId('window-error').textContent()).toContain('start');
  });

  it('exports CSV and JSON with the same rows and filters; bad input is a 400', async () => {
    await page.goto(url(`${LEDGER}?${DAY}&currency=BTC`));
    const href = await page.getByTestId('csv-link').getAttribute('href');
    const csv = await page.request.get(url(href!));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'time_utc,time_excel,type,description,currency,credit,debit,trade_id,transaction_id,external_id,row_key,balance_BTC',
    );
    expect(lines).toHaveLength(5);
    // Opened in another zone (tz=), the export has that zone's local-time columns as well.
    await page.goto(url(`${LEDGER}?${DAY}&currency=BTC&tz=Asia/Kolkata`));
    const local = await page.getByTestId('csv-link').getAttribute('href');
    expect(local).toContain('tz=Asia%2FKolkata');
    const localCsv = (await (await page.request.get(url(local!))).text()).trim().split('\n');
    expect(localCsv[0]).toBe(`${lines[0]},time_local,time_local_excel`);
    expect(localCsv).toHaveLength(5);
    const json = await page.request.get(url(`/api/ledger/ledgertest_btc_usd?${DAY}`));
    const body = (await json.json()) as { rows: unknown[]; summary: unknown[] };
    expect(body.rows).toHaveLength(12);
    const bad = await page.request.get(url(`/api/ledger/ledgertest_btc_usd?${DAY}&size=7`));
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ param: 'size' });
    const missing = await page.request.get(url('/api/ledger/nope'));
    expect(missing.status()).toBe(404);
  });

  it('uploads a statement, maps its columns (remembered) and shows both sides matched', async () => {
    await page.goto(url(`${LEDGER}/reconcile`));
    await page.setInputFiles('[data-testid=statement-form] input[type=file]', {
      name: 'kraken-ledgers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(STATEMENT),
    });
    // The header is read in the browser and the columns guessed.
    await page.locator('select[data-field=externalId]').waitFor();
    expect(await page.locator('select[data-field=externalId]').inputValue()).toBe('refid');
    expect(await page.locator('select[data-field=currency]').inputValue()).toBe('asset');
    await screenshot(page, 'ledger-upload');
    await page.click('[data-testid=statement-form] button[type=submit]');
    await page.waitForURL((u) => /\/reconcile\/\d+$/.test(u.pathname));
    const counts = await cells(page, '[data-testid=reconcile-counts] .value');
    expect(counts).toEqual(['12', '13', '6', '2', '1', '0', '1']);
    expect(await page.getByTestId('mismatches').textContent()).toContain('EX-3');
    expect(await page.getByTestId('unmatched-theirs').textContent()).toContain('line 7');
    expect(await page.getByTestId('divergence').textContent()).toContain('2024-03-02 10:00:00 UTC');
    await screenshot(page, 'ledger-reconcile');
    await page.getByTestId('divergence-link').click();
    await page.waitForURL((u) => u.pathname === LEDGER && u.searchParams.get('currency') === 'USD');
    expect(new URL(page.url()).searchParams.get('start')).toBe('2024-03-02T09:00:00Z');
    // The mapping is remembered for the next upload (text inputs before a file is chosen).
    await page.goto(url(`${LEDGER}/reconcile`));
    expect(await page.locator('input[data-field=externalId]').inputValue()).toBe('refid');
    expect(await page.getByTestId('statements').textContent()).toContain('kraken-ledgers.csv');
  });

  it('says why an upload was refused', async () => {
    await page.goto(url(`${LEDGER}/reconcile`));
    await page.setInputFiles('[data-testid=statement-form] input[type=file]', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('when,how much\nyesterday,lots\n'),
    });
    await page.locator('select[data-field=time]').waitFor();
    await page.click('[data-testid=statement-form] button[type=submit]');
    await page.getByTestId('upload-error').waitFor();
    expect(await page.getByTestId('upload-error').textContent()).toContain(
      'No line of the file could be read',
    );
  });
});
