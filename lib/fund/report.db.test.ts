import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFixed } from '../core/money/fixed';
import { refreshRollup } from '../rollup/refresh';
import { loadFundReport } from './load';
import { loadFundPerformance } from './report';

/**
 * The fund report's daily net assets and capital flows, made in one pass over the window,
 * against the fund page's own figures (loadFundReport) for the window up to each day's close
 * and for each day alone, on a generated history with deposits and withdrawals.
 */
const END = new Date('2025-06-13T00:00:00Z');
const DAY = 86_400_000;
const NOW = new Date(END.getTime() + DAY);

let seeded: SeededDatabases;
let trading: Pool;
let dashboards: Pool;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 11, days: 12, end: END });
  ({ trading, dashboards } = seeded);
  await refreshRollup(trading, dashboards, { budgetMs: 120_000, now: NOW });
}, 180_000);

afterAll(async () => {
  await seeded?.close();
});

describe('fund report: daily net assets and flows equal the fund page’s', () => {
  it('every day of an 8-day window', async () => {
    const start = new Date(END.getTime() - 8 * DAY);
    const report = await loadFundPerformance({ start, end: END }, NOW, { trading, dashboards });
    expect(report.daily).toHaveLength(8);
    const deps = { trading, dashboards, strategies: {} };
    const first = await loadFundReport({ start, end: new Date(start.getTime() + DAY) }, NOW, deps);
    expect(report.figures.netAssetsStart).toBe(first.figures.netAssetsStart);
    let flowDays = 0;
    for (const [k, d] of report.daily.entries()) {
      const to = new Date(start.getTime() + (k + 1) * DAY);
      const upTo = await loadFundReport({ start, end: to }, NOW, deps);
      expect(d.netAssets, d.day).toBe(upTo.figures.netAssetsEnd);
      const alone = await loadFundReport(
        { start: new Date(to.getTime() - DAY), end: to },
        NOW,
        deps,
      );
      const flows = alone.parts.find((p) => p.key === 'capitalFlows')!.usd;
      expect(parseFixed(d.flows), d.day).toBe(parseFixed(flows));
      // gain = Δ net assets − flows, exactly
      expect(parseFixed(d.gain)).toBe(
        parseFixed(alone.figures.netAssetsEnd) -
          parseFixed(alone.figures.netAssetsStart) -
          parseFixed(flows),
      );
      if (d.flows !== '0') flowDays++;
    }
    expect(report.figures.netAssetsEnd).toBe(report.daily[7].netAssets);
    // The history has capital flows in this window: the returns keep them out.
    expect(flowDays).toBeGreaterThan(0);
    expect(report.returns.days).toHaveLength(8);
  });
});
