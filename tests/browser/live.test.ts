import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type mysql from 'mysql2/promise';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl, idAbove } from '../helpers/sql';

const USER = 'live-tester';
const PASSWORD = 'live pages browser tests password';
const ACTOR = 'LIVEBOT';
const ACCOUNT = 'LIVETEST_BTC_USD';
const PAST = 'start=2024-06-01&end=2024-06-02';

const dbTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** One BID fill of LIVEBOT on LIVETEST_BTC_USD at `at`, with ids above every row; its trade id. */
async function insertFill(conn: mysql.Connection, at: Date): Promise<number> {
  const [o, t] = [await idAbove(conn, 'order'), await idAbove(conn, 'trade')];
  await conn.query(
    'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, ' +
      '`time_created`, `exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`) ' +
      "VALUES (?, 'FILLED', 'BID', ?, ?, 1, ?, ?, '100', 'USD', '1', 'BTC')",
    [o, `lo${o}`, ACTOR, dbTime(at), ACCOUNT],
  );
  await conn.query(
    'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, ' +
      "`price`, `price_currency`, `volume`, `volume_currency`, `order_id`) VALUES (?, 'BID', ?, ?, " +
      "'0.1', 'USD', '100', 'USD', '1', 'BTC', ?)",
    [t, `lt${t}`, dbTime(at), o],
  );
  return t;
}

async function newestFillId(conn: mysql.Connection): Promise<number> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>(
    'SELECT MAX(`trade_id`) AS m FROM `trade`',
  );
  return Number(rows[0].m);
}

describe('live pages: data as of, live refresh, loading states, keyboard', () => {
  let browser: Browser;
  let page: Page;
  let conn: mysql.Connection;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  const today = utcDay(new Date());
  const live = `/strategy/${ACTOR}?start=${today}`;

  beforeAll(async () => {
    conn = await connectUrl(app.tradingWriteUrl);
    const e = await idAbove(conn, 'exchange');
    await conn.query(
      'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, ?, ?, ?)',
      [e, `live-${e}`, ACCOUNT, '{"USD": "USD 1000", "BTC": "BTC 0"}'],
    );
    await insertFill(conn, new Date('2024-06-01T12:00:00Z'));
    await insertFill(conn, new Date(Math.max(Date.parse(today), Date.now() - 60_000)));
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    // Short enough that the strategy page scrolls.
    page = await (await browser.newContext({ viewport: { width: 1400, height: 700 } })).newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => {
    await conn?.query('UNLOCK TABLES').catch(() => undefined);
    await conn?.end();
    await browser?.close();
  });

  it('says on every dashboard and in its JSON how fresh the data is: the newest fill id', async () => {
    const newest = await newestFillId(conn);
    const pages = [
      '/',
      live,
      `/strategy/${ACTOR}/quality?start=${today}`,
      `/strategy/${ACTOR}/report`,
      '/fund',
      '/fund/report',
      `/ledger/${ACCOUNT.toLowerCase()}`,
    ];
    for (const p of pages) {
      const response = await page.goto(url(p));
      expect(response?.status(), p).toBe(200);
      const asOf = page.getByTestId('data-as-of');
      await asOf.waitFor();
      const text = (await asOf.textContent()) ?? '';
      expect(text, p).toMatch(
        new RegExp(
          `^Data as of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(newest fill #${newest}, \\d+ s ago\\)$`,
        ),
      );
      // The fill was inserted about a minute ago: its age is that, read in this request.
      const age = Number(await asOf.getAttribute('data-age-seconds'));
      expect(age, p).toBeGreaterThanOrEqual(0);
      expect(age, p).toBeLessThan(600);
    }
    await page.goto(url(live));
    await screenshot(page, 'live-strategy-header');
    await page.goto(url('/'));
    await screenshot(page, 'live-home');
    await page.goto(url(`/ledger/${ACCOUNT.toLowerCase()}`));
    await screenshot(page, 'live-ledger');

    for (const api of [
      `/api/strategy/${ACTOR}?start=${today}`,
      `/api/strategy/${ACTOR}/quality`,
      `/api/strategy/${ACTOR}/report`,
      '/api/fund',
      '/api/fund/report',
      `/api/ledger/${ACCOUNT.toLowerCase()}`,
    ]) {
      const res = await page.request.get(url(api));
      expect(res.status(), api).toBe(200);
      const body = (await res.json()) as { dataAsOf: Record<string, unknown> };
      expect(Object.keys(body.dataAsOf).sort(), api).toEqual([
        'ageSeconds',
        'newestFillId',
        'newestFillTime',
        'time',
      ]);
      expect(body.dataAsOf.newestFillId, api).toBe(newest);
      expect(Date.now() - Date.parse(String(body.dataAsOf.time)), api).toBeLessThan(60_000);
      expect(body.dataAsOf.ageSeconds, api).toBeLessThan(600);
    }
  });

  it('refreshes a window that includes now in place: new newest fill, same scroll, details open', async () => {
    await page.goto(url(live));
    await page.evaluate(() => {
      localStorage.setItem('gryphon:live-refresh-seconds', '5');
      localStorage.removeItem('gryphon:live-refresh');
    });
    await page.goto(url(live));
    const toggle = page.getByTestId('live-refresh');
    // The server renders the default period; the browser's own once hydrated.
    await toggle.getByText('Live: refresh every 5 s').waitFor();
    expect(await toggle.locator('input').isChecked()).toBe(true);
    const before = await newestFillId(conn);
    expect(await page.getByTestId('data-as-of').getAttribute('data-newest-fill')).toBe(
      String(before),
    );
    // A marker a reload would lose, an open <details>, and a scroll position.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.locator('[data-testid=window-custom] summary').click();
    await page.evaluate(() => window.scrollTo(0, 400));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(100);

    const added = await insertFill(conn, new Date());
    await page
      .locator(`[data-testid=data-as-of][data-newest-fill="${added}"]`)
      .waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(await page.locator('[data-testid=window-custom]').getAttribute('open')).not.toBeNull();
    await screenshot(page, 'live-refreshed');
  });

  it('stops refreshing when the toggle is off, and remembers it', async () => {
    await page.goto(url(live));
    const toggle = page.getByTestId('live-refresh');
    await toggle.getByText('Live: refresh every 5 s').waitFor();
    await toggle.locator('input').uncheck();
    expect(await toggle.getAttribute('data-on')).toBe('false');
    const shown = await page.getByTestId('data-as-of').getAttribute('data-newest-fill');
    const added = await insertFill(conn, new Date());
    // Two periods of 5 s: an active toggle would have refreshed twice.
    await page.waitForTimeout(11_000);
    expect(await page.getByTestId('data-as-of').getAttribute('data-newest-fill')).toBe(shown);
    await page.reload();
    await page.locator('[data-testid=live-refresh][data-on=false]').waitFor();
    expect(await page.getByTestId('live-refresh').locator('input').isChecked()).toBe(false);
    expect(await page.getByTestId('data-as-of').getAttribute('data-newest-fill')).toBe(
      String(added),
    );
    await page.getByTestId('live-refresh').locator('input').check();
    await page.evaluate(() => localStorage.removeItem('gryphon:live-refresh-seconds'));
  });

  it('offers no live refresh for a window in the past', async () => {
    await page.goto(url(`/strategy/${ACTOR}?${PAST}`));
    await page.getByTestId('data-as-of').waitFor();
    expect(await page.getByTestId('live-refresh').count()).toBe(0);
    await page.goto(url(`/fund?${PAST}`));
    await page.getByTestId('data-as-of').waitFor();
    expect(await page.getByTestId('live-refresh').count()).toBe(0);
    await page.goto(url(`/fund?start=${today}`));
    expect(await page.getByTestId('live-refresh').count()).toBe(1);
  });

  it('moves the window with the arrow keys and `t`, not while typing or with a modifier', async () => {
    await page.goto(url(`/strategy/${ACTOR}?${PAST}`));
    await page.getByTestId('strategy-page').waitFor();
    await page.getByTestId('dashboard-skeleton').waitFor({ state: 'detached' });
    // The keys work once the page is hydrated: wait for the listener.
    await page.locator('[data-keys=on]').first().waitFor({ state: 'attached' });
    expect(await page.locator('[data-window=prev]').getAttribute('title')).toContain('← key');
    expect(await page.locator('[data-window=current-day]').getAttribute('title')).toContain(
      't key',
    );
    const search = () => new URL(page.url()).search;

    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((u) => u.search === '?start=2024-05-31&end=2024-06-01');
    await page.getByTestId('window-words').getByText('31 May 2024').waitFor();
    await page.locator('[data-keys=on]').first().waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((u) => u.search === '?start=2024-06-01&end=2024-06-02');
    await page.getByTestId('window-words').getByText('1 June 2024').waitFor();

    // Typing in a field, or with a modifier held, is not a shortcut.
    await page.locator('[data-testid=window-custom] summary').click();
    await page.locator('input[name=start]').focus();
    await page.keyboard.press('ArrowLeft');
    await page.locator('input[name=start]').blur();
    await page.keyboard.press('Alt+ArrowLeft').catch(() => undefined);
    await page.keyboard.press('Control+t').catch(() => undefined);
    await page.waitForTimeout(1500);
    expect(search()).toBe(`?${PAST}`);

    const tomorrow = utcDay(new Date(Date.parse(today) + 86_400_000));
    await page.keyboard.press('t');
    await page.waitForURL((u) => u.search === `?start=${today}&end=${tomorrow}`);
    await page.getByTestId('live-refresh').waitFor();
    // Today has no next window.
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(1000);
    expect(search()).toBe(`?start=${today}&end=${tomorrow}`);
  });

  it('keeps the previous window on screen until the next one has arrived', async () => {
    // Hold every request for the previous window (prefetches included) until the checks are
    // done: a timed delay raced the checks on a loaded machine.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(
      (u) => u.pathname === `/strategy/${ACTOR}` && u.search.includes('2024-05-31'),
      async (route) => {
        await held;
        await route.continue().catch(() => undefined);
      },
    );
    await page.goto(url(`/strategy/${ACTOR}?${PAST}`));
    await page.getByTestId('strategy-page').waitFor();
    await page.getByTestId('dashboard-skeleton').waitFor({ state: 'detached' });
    await page.locator('[data-keys=on]').first().waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('window-pending').getByText('Loading…').waitFor();
    // Meanwhile: the old window's figures and words, no skeleton.
    expect(await page.getByTestId('window-words').textContent()).toBe('1 June 2024');
    expect(await page.getByTestId('strategy-page').isVisible()).toBe(true);
    expect(await page.getByTestId('dashboard-skeleton').count()).toBe(0);
    await screenshot(page, 'live-navigation-pending');
    release();
    await page.getByTestId('window-words').getByText('31 May 2024').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('dashboard-skeleton').count()).toBe(0);
    await page.unrouteAll();
  });

  it('shows the header and skeletons at once while the data loads', async () => {
    // Hold the fund's reads of `transaction` with a lock (the navigation bar and the data-as-of
    // line do not read it): the page streams its header and skeleton, then waits.
    await conn.query('LOCK TABLES `transaction` WRITE');
    let unlocked = false;
    try {
      await page.goto(url(`/fund?start=${today}`), { waitUntil: 'commit' });
      const skeleton = page.getByTestId('dashboard-skeleton');
      await skeleton.waitFor({ timeout: 10_000 });
      expect(await skeleton.locator('h1').textContent()).toBe('Fund');
      expect(await skeleton.getByTestId('window-control-preview').isVisible()).toBe(true);
      expect(await skeleton.getByTestId('skeleton').count()).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'live-skeleton');
      // The header keeps its height when the data arrives (within a line's leading).
      const headerBefore = (await skeleton.locator('.dash-header').boundingBox())?.height ?? 0;
      await conn.query('UNLOCK TABLES');
      unlocked = true;
      await page.getByTestId('fund-page').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('dashboard-skeleton').count()).toBe(0);
      await screenshot(page, 'live-skeleton-loaded');
      const headerAfter = (await page.locator('.dash-header').first().boundingBox())?.height ?? 0;
      // The data-status line is one line whatever its text (an ellipsis gives way), and the
      // placeholder has that line's box: the header does not jump.
      expect(Math.abs(headerAfter - headerBefore)).toBeLessThanOrEqual(2);
    } finally {
      if (!unlocked) await conn.query('UNLOCK TABLES');
    }
  });
});
