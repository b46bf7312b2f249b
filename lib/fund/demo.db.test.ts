import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'mysql2/promise';
import { BUILTIN_STRATEGIES } from '../config';
import { Dec } from '../core/money/money';
import type { FundReport } from './domain/report-types';
import { loadStrategyDashboard } from '../strategy/dashboard';
import { loadFundReport } from './load';
import { refreshRollup } from '../rollup/refresh';

/**
 * The identity and the revenue on generated demo data (lib/seed): 12 days of a market maker
 * on two exchanges (USD and EUR), an ETH market maker, an arbitrage and manual trades, with
 * transfers between own accounts (some still in transit at the end), wires, operating costs
 * into BURN, drift, a loan and an investor's subscription.
 */
const END = new Date('2025-06-13T00:00:00Z');
const DAY = 86_400_000;
const NOW = new Date(END.getTime() + DAY);

describe('fund view on generated demo data', () => {
  let seeded: SeededDatabases;
  let trading: Pool;
  let dashboards: Pool;
  const load = (start: Date, end: Date) =>
    loadFundReport({ start, end }, NOW, {
      trading,
      dashboards,
      strategies: BUILTIN_STRATEGIES,
    });
  const sumOfParts = (r: FundReport) =>
    r.parts.filter((p) => p.key !== 'discrepancy').reduce((s, p) => s.plus(p.usd), new Dec(0));

  beforeAll(async () => {
    seeded = await seededDatabases({ seed: 7, days: 12, end: END });
    ({ trading, dashboards } = seeded);
    // As the server's background job does: the pages then read the rollup.
    await refreshRollup(trading, dashboards, { budgetMs: 60_000, now: NOW });
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
  });

  const windows: Array<[string, Date, Date]> = [
    ['the whole history', new Date(END.getTime() - 13 * DAY), END],
    ['one day', new Date(END.getTime() - 5 * DAY), new Date(END.getTime() - 4 * DAY)],
    [
      'a week cut mid-day',
      new Date(END.getTime() - 9 * DAY + 7.5 * 3_600_000),
      new Date(END.getTime() - 2 * DAY + 13.25 * 3_600_000),
    ],
    ['the last hours, transfers in transit', new Date(END.getTime() - 6 * 3_600_000), END],
  ];

  it.each(windows)('adds up exactly over %s: discrepancy 0', async (_, start, end) => {
    const r = await load(start, end);
    expect(r.figures.discrepancy).toBe('0');
    expect(sumOfParts(r).toFixed()).toBe(r.figures.change);
    expect(new Dec(r.figures.netAssetsEnd).minus(r.figures.netAssetsStart).toFixed()).toBe(
      r.figures.change,
    );
    // Only days outside the generated history (before it, or the day its end falls on) borrow a rate.
    expect(
      r.warnings.filter(
        (w) => !/^No (BTC|ETH|EUR) rate for .*valued at the nearest known rate/.test(w),
      ),
    ).toEqual([]);
  });

  it('has every kind of part on the whole history, and transfers in transit at the end counted once', async () => {
    const r = await load(new Date(END.getTime() - 13 * DAY), END);
    for (const key of [
      'tradingRevenue',
      'tradingFees',
      'transferFees',
      'operatingCosts',
      'capitalFlows',
      'drift',
      'unrealizedPnl',
      'revaluation',
    ]) {
      expect(r.parts.find((p) => p.key === key)!.usd, key).not.toBe('0');
    }
    expect(r.operatingCosts.length).toBeGreaterThan(2);
    expect(r.operatingCosts.every((c) => c.description)).toBe(true);
    expect(r.liabilities.map((l) => l.type).sort()).toEqual(['FIXED_INTEREST', 'PERFORMANCE']);
    expect(r.accounts.some((a) => a.account === '' && a.end !== '0')).toBe(true);
    expect(r.strategies.map((s) => s.actor).sort()).toEqual([
      'MULTI',
      'SIMPLEARB',
      'SIMPLEMARKETMAKING',
      'SIMPLEMARKETMAKINGETH',
    ]);
  });

  it('chains: one window’s end is the next one’s start', async () => {
    const mid = new Date(END.getTime() - 3 * DAY + 5 * 3_600_000);
    const a = await load(new Date(END.getTime() - 8 * DAY), mid);
    const b = await load(mid, END);
    expect(a.figures.netAssetsEnd).toBe(b.figures.netAssetsStart);
  });

  it.each(windows.slice(1))(
    'realizes the same revenue per strategy as the FIFO of the strategy page over %s',
    async (_, start, end) => {
      const r = await load(start, end);
      for (const s of r.strategies) {
        const config = {
          ...BUILTIN_STRATEGIES.simple_mm,
          key: s.actor,
          displayName: s.actor,
          strategyActor: s.actor,
          volumeCurrency: s.volumeCurrency,
          inferred: [],
        };
        const fifo = await loadStrategyDashboard(config, { start, end }, NOW, {
          trading,
          dashboards,
        });
        expect(
          new Dec(s.revenue).minus(fifo.figures.revenue).abs().lte('1e-17'),
          `${s.actor}: ${s.revenue} vs ${fifo.figures.revenue}`,
        ).toBe(true);
        expect(s.positionEnd).toBe(new Dec(fifo.figures.closingPosition).toFixed());
      }
    },
  );
});
