import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp, createAppUser } from '../helpers/app';
import { launchBrowser, logIn, screenshot } from '../helpers/browser';

const USER = 'tz-tester';
const PASSWORD = 'time zone tests password';
const NY = 'America/New_York';
const H = 3_600_000;

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
});
