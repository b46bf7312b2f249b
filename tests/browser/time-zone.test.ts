import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';
import { connectUrl } from '../helpers/sql';
import * as schema from '../../lib/db/dashboards/schema';
import { createAccount } from '../../lib/auth/accounts';

const USER = 'tz-tester';
const PASSWORD = 'time zone tests password';
const NY = 'America/New_York';
const H = 3_600_000;
const ADMIN = 'tz-admin';
const ADMIN_PASSWORD = 'time zone admin password';

/**
 * Issue 15 items 1 and 7: a user whose preference is America/New_York, across the spring-forward
 * change of Sunday 8 March 2026 (02:00 EST -> 03:00 EDT, 07:00Z) and the fall-back of 1 November
 * (02:00 EDT -> 01:00 EST, 06:00Z). Expected values are worked by hand from those rules: the
 * 8th runs from 05:00Z to 04:00Z on the 9th (23 hours), 1 November from 04:00Z to 05:00Z on the
 * 2nd (25 hours).
 */
describe('display time zone in the browser', () => {
  let browser: Browser;
  let page: Page;
  const app = testApp();
  const url = (p: string) => `${app.baseUrl}${p}`;
  const text = async (id: string) => (await page.getByTestId(id).textContent()) ?? '';
  const query = () => new URL(page.url()).searchParams;

  beforeAll(async () => {
    await createAppUser(USER, PASSWORD);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await logIn(page, app.baseUrl, USER, PASSWORD);
  });
  afterAll(async () => browser?.close());

  it('saves the preference on /account', async () => {
    expect((await page.goto(url('/account')))?.status()).toBe(200);
    await page.getByTestId('pref-time-zone').selectOption(NY);
    await page.getByTestId('pref-week-start').selectOption('sunday');
    await page.getByTestId('pref-fiscal-month').selectOption('4');
    await page.getByTestId('preferences-form').getByRole('button').click();
    await expect
      .poll(() => text('preferences-form-result'), { timeout: 10_000 })
      .toContain('Saved: times in America/New_York');
    // the form, reset after the action, shows the saved values, not the old ones
    expect(await page.getByTestId('pref-time-zone').inputValue()).toBe(NY);
    await screenshot(page, 'time-zone-account');
    // read back after a reload: the form shows what is stored
    await page.reload();
    expect(await page.getByTestId('pref-time-zone').inputValue()).toBe(NY);
    expect(await page.getByTestId('pref-fiscal-month').inputValue()).toBe('4');
  });

  it('a day window steps across the March change: Next gives a 23-hour day with both offsets in the URL', async () => {
    const res = await page.goto(
      url('/fund?start=2026-03-07T00:00:00-05:00&end=2026-03-08T00:00:00-05:00'),
    );
    expect(res?.status()).toBe(200);
    expect(await text('window-words')).toBe('7 March 2026');
    expect(await text('window-utc')).toBe(
      '2026-03-07T00:00:00-05:00 to 2026-03-08T00:00:00-05:00 (end exclusive; 1 day)',
    );
    await page.locator('[data-window=next]').click();
    await page.waitForURL((u) => u.searchParams.get('start') === '2026-03-08T00:00:00-05:00');
    expect(query().get('end')).toBe('2026-03-09T00:00:00-04:00');
    expect(Date.parse(query().get('end')!) - Date.parse(query().get('start')!)).toBe(23 * H);
    expect(await text('window-words')).toBe('8 March 2026');
    expect(await text('window-utc')).toBe(
      '2026-03-08T00:00:00-05:00 to 2026-03-09T00:00:00-04:00 (end exclusive; 23 hours)',
    );
    // times on the page carry the zone's offset at that instant
    const parts = await text('fund-parts');
    expect(parts).toContain('2026-03-08 00:00:00 UTC-05:00');
    await screenshot(page, 'time-zone-fund-2026-03-08');
    // and on again: the 9th is 24 hours, in EDT
    await page.locator('[data-window=next]').click();
    await page.waitForURL((u) => u.searchParams.get('start') === '2026-03-09T00:00:00-04:00');
    expect(query().get('end')).toBe('2026-03-10T00:00:00-04:00');
  });

  it('Prev from 2 November gives the 25-hour 1 November', async () => {
    await page.goto(url('/fund?start=2026-11-02T00:00:00-05:00&end=2026-11-03T00:00:00-05:00'));
    await page.locator('[data-window=prev]').click();
    await page.waitForURL((u) => u.searchParams.get('start') === '2026-11-01T00:00:00-04:00');
    expect(query().get('end')).toBe('2026-11-02T00:00:00-05:00');
    expect(await text('window-utc')).toContain('(end exclusive; 1 day 1 hour)');
  });

  it("Current Day and the other presets are New York's calendar units", async () => {
    await page.goto(url('/fund'));
    // New York's date now, read from the browser's own Intl (a second implementation)
    const nyToday = await page.evaluate(
      (zone) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date()),
      NY,
    );
    const day = new URL(
      (await page.locator('[data-window=current-day]').getAttribute('href'))!,
      app.baseUrl,
    ).searchParams;
    expect(day.get('start')).toMatch(new RegExp(`^${nyToday}T00:00:00-0[45]:00$`));
    const hours = (Date.parse(day.get('end')!) - Date.parse(day.get('start')!)) / H;
    expect([23, 24, 25]).toContain(hours);
    // without start/end the page shows that very day
    expect((await text('window-utc')).startsWith(`${day.get('start')} to ${day.get('end')}`)).toBe(
      true,
    );
    expect(await page.locator('[data-window=current-day]').getAttribute('aria-current')).toBe(
      'page',
    );
    // the week starts on Sunday (the preference), the fiscal year in April
    const week = new URL(
      (await page.locator('[data-window=this-week]').getAttribute('href'))!,
      app.baseUrl,
    ).searchParams;
    const weekStart = await page.evaluate(
      ([zone, iso]) =>
        new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long' }).format(new Date(iso)),
      [NY, week.get('start')!],
    );
    expect(weekStart).toBe('Sunday');
    const fiscal = new URL(
      (await page.locator('[data-window=this-fiscal-year]').getAttribute('href'))!,
      app.baseUrl,
    ).searchParams;
    expect(fiscal.get('start')).toMatch(/^\d{4}-04-01T00:00:00-04:00$/);
    expect(fiscal.get('end')).toMatch(/^\d{4}-04-01T00:00:00-04:00$/);
    for (const key of ['this-quarter', 'year-to-date', 'current-month'])
      expect(await page.locator(`[data-window=${key}]`).count()).toBe(1);
    await screenshot(page, 'time-zone-fund-today');
  });

  it('tz= overrides the preference for that view, and the links keep it', async () => {
    const res = await page.goto(
      url('/fund?start=2026-03-29T00:00:00Z&end=2026-03-30T00:00:00Z&tz=Europe/London'),
    );
    expect(res?.status()).toBe(200);
    // London moves to BST at 01:00Z on the 29th: 24 hours from its midnight end at 01:00 BST
    expect(await text('window-utc')).toBe(
      '2026-03-29T00:00:00+00:00 to 2026-03-30T01:00:00+01:00 (end exclusive)',
    );
    expect(await text('fund-parts')).toContain('2026-03-29 00:00:00 UTC+00:00');
    const next = (await page.locator('[data-window=next]').getAttribute('href'))!;
    expect(next).toContain('tz=Europe%2FLondon');
    await page.goto(url('/fund?start=2026-03-29T00:00:00Z&tz=UTC'));
    expect(await text('window-utc')).toBe(
      '2026-03-29T00:00:00Z to 2026-03-30T00:00:00Z (end exclusive)',
    );
    await screenshot(page, 'time-zone-fund-tz-london');
  });

  it('the reports say their daily figures are UTC days', async () => {
    expect((await page.goto(url('/fund/report')))?.status()).toBe(200);
    expect(await text('utc-days-note')).toContain('the daily figures are UTC days');
    await page.goto(url('/fund/report?tz=UTC'));
    expect(await page.getByTestId('utc-days-note').count()).toBe(0);
  });

  it('an unknown tz is a 400 naming tz, on the page and in the API', async () => {
    const res = await page.goto(url('/fund?tz=Mars/Olympus_Mons'));
    expect(res?.status()).toBe(400);
    const error = page.getByTestId('window-error');
    expect(await error.getAttribute('data-param')).toBe('tz');
    expect(await error.textContent()).toContain('Invalid tz "Mars/Olympus_Mons"');
    await screenshot(page, 'time-zone-bad-tz');
    const report = await page.goto(url('/fund/report?tz=Mars/Olympus_Mons'));
    expect(report?.status()).toBe(400);
    expect(await page.getByTestId('window-error').getAttribute('data-param')).toBe('tz');
    const api = await page.request.get(url('/api/fund?tz=Nowhere/Land'));
    expect(api.status()).toBe(400);
    expect((await api.json()).param).toBe('tz');
  });

  it('Custom… shows and takes New York wall times across the March change; a plain GET form through /api/window', async () => {
    await page.goto(url('/fund?start=2026-03-08T00:00:00-05:00&end=2026-03-09T00:00:00-04:00'));
    const custom = page.getByTestId('window-custom');
    await custom.locator('summary').click();
    const start = custom.locator('input[name=start]');
    const end = custom.locator('input[name=end]');
    // the 23-hour day: midnight EST to midnight EDT, both shown as the wall clock reads
    expect(await start.inputValue()).toBe('2026-03-08T00:00');
    expect(await end.inputValue()).toBe('2026-03-09T00:00');
    expect(await custom.locator('label').first().textContent()).toContain(
      'Start (America/New_York)',
    );
    expect(await custom.locator('label').nth(1).textContent()).toContain(
      'End (America/New_York, excluded)',
    );
    await screenshot(page, 'time-zone-custom-open');
    // 01:00 EST (06:00Z) to 04:00 EDT (08:00Z): two hours, the clocks skip 02:00-03:00
    await start.fill('2026-03-08T01:00');
    await end.fill('2026-03-08T04:00');
    await custom.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/fund' && u.searchParams.has('start'));
    expect(query().get('start')).toBe('2026-03-08T01:00:00-05:00');
    expect(query().get('end')).toBe('2026-03-08T04:00:00-04:00');
    expect(await text('window-utc')).toBe(
      '2026-03-08T01:00:00-05:00 to 2026-03-08T04:00:00-04:00 (end exclusive)',
    );
    expect(await text('window-words')).toBe(
      '8 Mar 2026 01:00 to 8 Mar 2026 04:00 America/New_York (2 hours)',
    );
    // round trip: the form shows what was typed
    expect(await page.getByTestId('window-custom').locator('input[name=start]').inputValue()).toBe(
      '2026-03-08T01:00',
    );
    // 02:30 never happens that day: read as 03:30 EDT (moved on by the gap)
    const again = page.getByTestId('window-custom');
    await again.locator('summary').click();
    await again.locator('input[name=start]').fill('2026-03-08T02:30');
    await again.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.searchParams.get('start') === '2026-03-08T03:30:00-04:00');
    expect(query().get('end')).toBe('2026-03-08T04:00:00-04:00');
    await screenshot(page, 'time-zone-custom-after');

    // The form has no script of its own: a plain GET to /api/window, answered by a redirect.
    // Here, its fields as the browser would send them, on the 25-hour 1 November.
    await page.goto(url('/fund?start=2026-11-01T00:00:00-04:00&end=2026-11-02T00:00:00-05:00'));
    const form = page.getByTestId('window-custom');
    await form.locator('summary').click();
    expect(await form.locator('input[name=end]').inputValue()).toBe('2026-11-02T00:00');
    // 01:30 happens twice that day: the first (EDT) unless the form showed EST
    await form.locator('input[name=start]').fill('2026-11-01T01:30');
    const submitted = await form
      .locator('form')
      .evaluate((f: HTMLFormElement) => [
        f.getAttribute('action'),
        new URLSearchParams(new FormData(f) as unknown as Record<string, string>).toString(),
      ]);
    expect(submitted[0]).toBe('/api/window');
    const redirect = await page.request.get(url(`${submitted[0]}?${submitted[1]}`), {
      maxRedirects: 0,
    });
    expect(redirect.status()).toBe(303);
    const to = new URL(redirect.headers()['location'], app.baseUrl);
    expect(to.pathname).toBe('/fund');
    expect(to.searchParams.get('start')).toBe('2026-11-01T01:30:00-04:00');
    expect(to.searchParams.get('end')).toBe('2026-11-02T00:00:00-05:00');
    // a bad field is a 400 naming it
    const bad = await page.request.get(
      url('/api/window?_path=/fund&_zone=America/New_York&start=soon'),
    );
    expect(bad.status()).toBe(400);
    expect((await bad.json()).param).toBe('start');
  });

  it("the overview's today is New York's calendar day, and tz= changes it", async () => {
    expect((await page.goto(url('/')))?.status()).toBe(200);
    const today = page.getByTestId('today');
    await today.waitFor();
    const [nyToday, startWall, endWall] = await page.evaluate(
      ([zone, start, end]) => {
        const f = (d: Date) =>
          new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          }).format(d);
        return [f(new Date()).slice(0, 10), f(new Date(start)), f(new Date(end))];
      },
      [NY, (await today.getAttribute('data-start'))!, (await today.getAttribute('data-end'))!],
    );
    expect(await today.getAttribute('data-zone')).toBe(NY);
    expect(await page.locator('#today-heading').textContent()).toContain(
      `Today, ${nyToday} (America/New_York, so far)`,
    );
    // from New York's midnight to the next one (23, 24 or 25 hours)
    expect(startWall).toBe(`${nyToday}, 00:00`);
    expect(endWall).toMatch(/, 00:00$/);
    const hours =
      (Date.parse((await today.getAttribute('data-end'))!) -
        Date.parse((await today.getAttribute('data-start'))!)) /
      H;
    expect([23, 24, 25]).toContain(hours);
    expect(await text('today-span')).toMatch(/^Since \d{4}-\d\d-\d\d 00:00:00 UTC-0[45]:00/);
    // the data-as-of time in the zone too
    expect(await text('data-as-of')).toMatch(/Data as of \S+ \S+ UTC-0[45]:00/);
    await screenshot(page, 'time-zone-home-new-york');

    // Kolkata, +05:30, for this view: the link to the fund keeps it
    expect((await page.goto(url('/?tz=Asia/Kolkata')))?.status()).toBe(200);
    const kolkata = page.getByTestId('today');
    await kolkata.waitFor();
    expect(await kolkata.getAttribute('data-zone')).toBe('Asia/Kolkata');
    const start = Date.parse((await kolkata.getAttribute('data-start'))!);
    // Kolkata's midnight is 18:30Z the day before, every day
    expect(new Date(start).toISOString().slice(11)).toBe('18:30:00.000Z');
    expect(Date.parse((await kolkata.getAttribute('data-end'))!) - start).toBe(24 * H);
    expect(await text('today-span')).toMatch(/^Since \d{4}-\d\d-\d\d 00:00:00 UTC\+05:30\.$/);
    expect(await kolkata.locator('#today-heading a').getAttribute('href')).toBe(
      '/fund?tz=Asia%2FKolkata',
    );
    await screenshot(page, 'time-zone-home-kolkata');
    const bad = await page.goto(url('/?tz=Mars/Olympus_Mons'));
    expect(bad?.status()).toBe(400);
    expect(await page.getByTestId('tz-error').getAttribute('data-param')).toBe('tz');
  });

  it('the audit log prints its times in the display zone, each with the offset of the moment', async () => {
    const conn = await connectUrl(app.dashboardsUrl);
    try {
      await createAccount(
        drizzle({ client: conn, schema, mode: 'default' }),
        { username: ADMIN, password: ADMIN_PASSWORD, role: 'ADMIN' },
        { username: 'tz-test-setup', ctx: { ip: 'test', userAgent: 'time-zone.test.ts' } },
      );
      // the last second of EST and the first of EDT on 8 March 2026 (07:00Z), naive UTC
      await conn.query(
        `INSERT INTO audit_event (time, action, outcome, username, subject, ip, user_agent, detail)
         VALUES ('2026-03-08 06:59:59.000', 'login', 'ok', 'tz-audit-probe', 'before', 'test', 'test', '{}'),
                ('2026-03-08 07:00:00.000', 'login', 'ok', 'tz-audit-probe', 'after', 'test', 'test', '{}')`,
      );
    } finally {
      await conn.end();
    }
    const admin = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const p = await admin.newPage();
      await logIn(p, app.baseUrl, ADMIN, ADMIN_PASSWORD);
      const res = await p.goto(
        url(
          '/admin/audit?user=tz-audit-probe&start=2026-03-08T00:00:00-05:00&end=2026-03-09T00:00:00-04:00&tz=America/New_York',
        ),
      );
      expect(res?.status()).toBe(200);
      const rows = await p
        .locator('[data-testid=audit-events] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.children[0].textContent, tr.children[4].textContent]),
        );
      // newest first
      expect(rows).toEqual([
        ['2026-03-08 03:00:00 UTC-04:00', 'after'],
        ['2026-03-08 01:59:59 UTC-05:00', 'before'],
      ]);
      expect(await p.locator('[data-testid=audit-events] th').first().textContent()).toBe(
        'Time (America/New_York)',
      );
      // the filter fields show the window with the zone's offsets
      expect(await p.locator('[data-testid=audit-filters] input[name=start]').inputValue()).toBe(
        '2026-03-08T00:00:00-05:00',
      );
      await screenshot(p, 'time-zone-audit');
      // in UTC (the admin's own default), as before
      await p.goto(url('/admin/audit?user=tz-audit-probe&start=2026-03-08&end=2026-03-09'));
      expect(
        await p.locator('[data-testid=audit-events] tbody tr td:first-child').allTextContents(),
      ).toEqual(['2026-03-08 07:00:00 UTC', '2026-03-08 06:59:59 UTC']);
      const bad = await p.goto(url('/admin/audit?tz=Nowhere/Land'));
      expect(bad?.status()).toBe(400);
      expect(await p.locator('[data-param=tz]').count()).toBe(1);
    } finally {
      await admin.close();
    }
  });

  it('the status board and the alert history print times in the display zone', async () => {
    // The user's preference is New York (the first test): the offset in force now, -05:00 or
    // -04:00, never a bare UTC.
    expect((await page.goto(url('/status')))?.status()).toBe(200);
    expect(await text('status-as-of')).toMatch(/As of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC-0[45]:00/);
    expect((await page.goto(url('/alerts/history')))?.status()).toBe(200);
    expect(await page.getByTestId('history').locator('th').first().textContent()).toBe(
      'Time (America/New_York)',
    );
  });
});
