import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';
import { fixtureSql } from '@/tests/helpers/ledger-fixture';

// The hardening of uploads, exports and headers, against the production build: 413 on a
// chunked body over the limit, cross-site POSTs refused, deletion after a confirmation, a CSP
// with nonces and no violations on every page, no-store on APIs, CSV formula escaping.
const USER = 'hardening-tester';
const PASSWORD = 'hardening browser tests password';
const CSV_ACCOUNT = 'CSVTEST_USD';

describe('hardening', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  let ledger = '';

  beforeAll(async () => {
    const conn = await connectUrl(app.tradingWriteUrl);
    try {
      const [[m]] = await conn.query<import('mysql2').RowDataPacket[]>(
        'SELECT GREATEST((SELECT COALESCE(MAX(exchange_id), 0) FROM exchange), (SELECT COALESCE(MAX(order_id), 0) FROM `order`), ' +
          '(SELECT COALESCE(MAX(trade_id), 0) FROM trade), (SELECT COALESCE(MAX(transaction_id), 0) FROM `transaction`), ' +
          '(SELECT COALESCE(MAX(event_id), 0) FROM event)) AS m',
      );
      const base = Math.ceil((Number(m.m) + 1000) / 1000) * 1000;
      // The ledger fixture under another account name, so the ledger tests' account is untouched.
      await conn.query(
        fixtureSql(base)
          .replaceAll('LEDGERTEST_', 'HARDTEST_')
          .replaceAll('ledgertest_', 'hardtest_'),
      );
      ledger = '/ledger/hardtest_btc_usd';
      // An account whose exchange ids look like formulas and whose balance goes negative.
      const ex = await idAbove(conn, 'exchange');
      const tx = await idAbove(conn, 'transaction');
      await conn.query(
        'INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES (?, ?, ?, ?)',
        [ex, `csv${ex}`, CSV_ACCOUNT, '{}'],
      );
      await conn.query(
        'INSERT INTO `transaction` (transaction_id, transaction_type, transaction_status, unique_id, time_created, time_completed, ' +
          'amount, amount_currency, fee, fee_currency, transaction_details, exchange_id) VALUES ?',
        [
          [
            [
              tx,
              'DEPOSIT',
              'COMPLETED',
              `cx${tx}`,
              '2024-04-01 10:00:00',
              '2024-04-01 10:00:00',
              '10',
              'USD',
              null,
              null,
              JSON.stringify({
                external_transaction_id: '=HYPERLINK("http://evil.example","x")',
                notes: '-1 for testing',
              }),
              ex,
            ],
            [
              tx + 1,
              'WITHDRAWL',
              'COMPLETED',
              `cx${tx + 1}`,
              '2024-04-01 11:00:00',
              '2024-04-01 11:00:00',
              '12.5',
              'USD',
              null,
              null,
              JSON.stringify({ exchange_withdrawal_id: '@SUM(A1)' }),
              ex,
            ],
            [
              tx + 2,
              'DEPOSIT',
              'COMPLETED',
              `cx${tx + 2}`,
              '2024-04-01 12:00:00',
              '2024-04-01 12:00:00',
              '1',
              'USD',
              null,
              null,
              JSON.stringify({ external_transaction_id: '-2+3' }),
              ex,
            ],
          ],
        ],
      );
    } finally {
      await conn.end();
    }
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    page = await context.newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cookieHeader = async () =>
    (await context.cookies(app.baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');

  /** Visits `path` and gives its CSP header and every CSP complaint (events and console). */
  async function visit(p: Page, path: string) {
    const consoleErrors: string[] = [];
    const onConsole = (m: import('playwright-core').ConsoleMessage) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
    };
    p.on('console', onConsole);
    const response = await p.goto(url(path));
    await p.waitForLoadState('networkidle');
    const violations = await p.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    p.off('console', onConsole);
    return { response: response!, complaints: [...violations, ...consoleErrors] };
  }

  it('sends a CSP with a fresh nonce and Next uses it: no violations, charts draw, on every page', async () => {
    const pages = [
      '/',
      '/fund?start=2024-03-01&end=2024-03-04',
      '/strategy/manual',
      `${ledger}?start=2024-03-02&end=2024-03-03`,
      `${ledger}/reconcile`,
      '/ledger/no_such_account',
    ];
    const nonces = new Set<string>();
    for (const path of pages) {
      const { response, complaints } = await visit(page, path);
      const csp = (await response.allHeaders())['content-security-policy'] ?? '';
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      nonces.add(/'nonce-([^']+)'/.exec(csp)![1]);
      // Next put the nonce on every script of the HTML it sent (chunks those scripts load later
      // are trusted through 'strict-dynamic' and need none), and they ran: no complaints below.
      const html = await response.text();
      const sent = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(sent.length, path).toBeGreaterThan(0);
      expect(
        sent.filter((tag) => !/\snonce="[^"]+"/.test(tag)),
        path,
      ).toEqual([]);
      expect(complaints, path).toEqual([]);
      expect((await response.allHeaders())['permissions-policy'], path).toContain('camera=()');
      expect((await response.allHeaders())['strict-transport-security'], path).toBeUndefined();
    }
    expect(nonces.size).toBe(pages.length);
    // Charts are drawn by client components under the CSP (inline styles allowed).
    await visit(page, '/fund?start=2024-03-01&end=2024-03-04');
    await page.locator('svg.recharts-surface').first().waitFor();
    await screenshot(page, 'hardening-fund-csp');
  });

  it('the login page has the CSP too and works under it', async () => {
    const anonymous = await browser.newContext();
    await anonymous.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(e.violatedDirective),
      );
    });
    const p = await anonymous.newPage();
    const { response, complaints } = await visit(p, '/login');
    expect((await response.allHeaders())['content-security-policy']).toContain("'strict-dynamic'");
    expect(complaints).toEqual([]);
    await p.fill('input[name=username]', USER);
    await p.fill('input[name=password]', PASSWORD);
    await p.click('button[type=submit]');
    await p.waitForURL((u) => u.pathname === '/');
    expect(await p.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await anonymous.close();
  });

  it('HSTS when the request came over HTTPS (X-Forwarded-Proto)', async () => {
    const r = await page.request.get(url('/'), { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(r.headers()['strict-transport-security']).toBe('max-age=31536000');
    expect(r.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('answers every API no-store, 401s included', async () => {
    for (const path of [
      '/api/fund',
      `/api${ledger}?start=2024-03-02&end=2024-03-03`,
      '/api/ledger/nope',
      '/api/auth/session',
    ]) {
      const r = await page.request.get(url(path));
      expect(r.headers()['cache-control'], path).toContain('no-store');
    }
    const anonymous = await fetch(url('/api/fund'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toContain('no-store');
  });

  it('refuses a POST from another site, accepts one from our pages', async () => {
    const form = {
      file: {
        name: 's.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('time,amount,asset\n2024-03-02 10:00:00,1,USD\n'),
      },
      map_time: 'time',
      map_amount: 'amount',
      map_currency: 'asset',
    };
    const endpoint = url(`/api${ledger}/statements`);
    const evil = await page.request.post(endpoint, {
      multipart: form,
      headers: { Origin: 'https://evil.example', Accept: 'application/json' },
    });
    expect(evil.status()).toBe(403);
    const crossSite = await page.request.post(endpoint, {
      multipart: form,
      headers: { 'Sec-Fetch-Site': 'cross-site', Accept: 'application/json' },
    });
    expect(crossSite.status()).toBe(403);
    const deleteFromElsewhere = await page.request.delete(url(`/api${ledger}/statements/1`), {
      headers: { Origin: 'https://evil.example' },
    });
    expect(deleteFromElsewhere.status()).toBe(403);
    const ours = await page.request.post(endpoint, {
      multipart: form,
      headers: { Origin: app.baseUrl, Accept: 'application/json' },
    });
    expect(ours.status()).toBe(201);
    // Behind a reverse proxy: the public host arrives as X-Forwarded-Host.
    const proxied = await page.request.post(endpoint, {
      multipart: form,
      headers: {
        Origin: 'https://dash.example',
        'X-Forwarded-Host': 'dash.example',
        Accept: 'application/json',
      },
    });
    expect(proxied.status()).toBe(201);
  });

  it('answers 413 to a chunked body over the limit, without reading it all', async () => {
    const cookie = await cookieHeader();
    const status = await new Promise<number>((resolve, reject) => {
      const target = new URL(url(`/api${ledger}/statements`));
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            Cookie: cookie,
            Accept: 'application/json',
            'Content-Type': 'multipart/form-data; boundary=xyz',
            'Transfer-Encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (err) => reject(err));
      req.write(
        '--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\ntime,amount\n',
      );
      const chunk = Buffer.alloc(256 * 1024, '2024-03-02 10:00:00,1\n');
      let sent = 0;
      const pump = () => {
        while (sent < 11 * 1048576) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('\r\n--xyz--\r\n');
      };
      pump();
    });
    expect(status).toBe(413);
    // A declared length over the limit is refused before any of the body is read.
    const declared = await fetch(url(`/api${ledger}/statements`), {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'multipart/form-data; boundary=xyz',
        'Content-Length': String(12 * 1048576),
      },
      body: Buffer.alloc(12 * 1048576, 'a'),
    }).catch((e: unknown) => e);
    if (declared instanceof Response) expect(declared.status).toBe(413);
  });

  it('deletes a statement only after the confirmation page', async () => {
    const upload = await page.request.post(url(`/api${ledger}/statements`), {
      multipart: {
        file: {
          name: 'to-delete.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('time,amount,asset\n2024-03-02 10:00:00,1,USD\n'),
        },
        map_time: 'time',
        map_amount: 'amount',
        map_currency: 'asset',
      },
      headers: { Accept: 'application/json' },
    });
    expect(upload.status()).toBe(201);
    const { statementId } = (await upload.json()) as { statementId: number };
    await page.goto(url(`${ledger}/reconcile`));
    const row = page.locator('[data-testid=statements] tr', { hasText: 'to-delete.csv' });
    await row.getByTestId('delete-statement').click();
    await page.waitForURL((u) => u.pathname.endsWith(`/reconcile/${statementId}/delete`));
    expect(await page.getByTestId('delete-confirmation').textContent()).toContain('to-delete.csv');
    await screenshot(page, 'hardening-delete-confirmation');
    // Cancel changes nothing.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/reconcile'));
    expect(await page.getByTestId('statements').textContent()).toContain('to-delete.csv');
    await page.goto(url(`${ledger}/reconcile/${statementId}/delete`));
    await page.getByTestId('confirm-delete').click();
    await page.waitForURL((u) => u.searchParams.get('deleted') === '1');
    expect(await page.getByTestId('statement-deleted').textContent()).toContain('deleted');
    expect((await page.locator('[data-testid=statements]').textContent()) ?? '').not.toContain(
      'to-delete.csv',
    );
    const again = await page.goto(url(`${ledger}/reconcile/${statementId}`));
    expect(again?.status()).toBe(404);
  });

  it('escapes free text that a spreadsheet would read as a formula; numbers stay numbers', async () => {
    const r = await page.request.get(
      url(
        `/api/ledger/${CSV_ACCOUNT.toLowerCase()}/csv?start=2024-04-01&end=2024-04-02&sort=oldest`,
      ),
    );
    expect(r.status()).toBe(200);
    const records = parse(await r.text(), { columns: true }) as Record<string, string>[];
    expect(records.map((x) => x.external_id)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'@SUM(A1)",
      "'-2+3",
    ]);
    // Amounts carry the currency's decimals (USD: 2), padded, never rounded.
    expect(records.map((x) => x.balance_USD)).toEqual(['10.00', '-2.50', '-1.50']);
    expect(records.map((x) => x.debit)).toEqual(['', '12.50', '']);
    for (const x of records) expect(x.description).not.toMatch(/^[=+\-@]/);
  });
});
