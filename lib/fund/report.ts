import 'server-only';
import type { Pool } from 'mysql2/promise';
import { type Fixed } from '../core/money/fixed';
import type { TimeWindow } from '../core/time/time-window';
import { summariseReturns, type ReturnReport } from '../report/domain/summary';
import { reportDays } from '../report/domain/window';
import { readRollupStatus, rollupProgressNote } from '../rollup/read';
import { listTransactions } from '../transfers/queries';
import { modifiedDietz } from './domain/daily-returns';
import { buildTimeline } from './domain/days';
import { exact, mul } from './domain/math';
import { prepareFund } from './domain/prepare';
import { valueEvents } from './domain/valuation';
import { loadFillData } from './fill-data';
import { listFundAccounts, listFundLiabilities } from './queries/ledger';
import { loadRates } from './rates';

/**
 * The fund's performance report (docs/report.md): net assets in USD at every UTC day's close
 * (holdings − liabilities, each currency at that day's rate, as on the fund page) and the
 * day's capital flows, from ONE pass over the window (the fund page's ledger and rates on a
 * day grid), then daily time-weighted returns (Modified Dietz) chained into an index.
 */
export interface FundPerformance {
  window: { start: string; end: string };
  days: { first: string | null; last: string | null; count: number };
  figures: {
    netAssetsStart: string;
    netAssetsEnd: string;
    /** Σ capital flows over the window, USD at their days' rates. */
    flows: string;
    /** Change in net assets less the flows: what the fund made. */
    gain: string;
  };
  returns: ReturnReport;
  /** Per day: net assets at its close, its flows and gain (USD, exact), its return (null: none). */
  daily: Array<{ day: string; netAssets: string; flows: string; gain: string; r: number | null }>;
  notes: string[];
  warnings: string[];
  timings: Record<string, number>;
}

export async function loadFundPerformance(
  window: TimeWindow,
  now: Date,
  deps: { trading: Pool; dashboards: Pool },
): Promise<FundPerformance> {
  const { trading, dashboards } = deps;
  const timings: Record<string, number> = {};
  const lap = async <T>(name: string, p: Promise<T>): Promise<T> => {
    const t = performance.now();
    const v = await p;
    timings[name] = Math.round(performance.now() - t);
    return v;
  };
  const notes: string[] = [];
  const { days, boundaries } = reportDays(window, now);
  const base = {
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    days: { first: days[0] ?? null, last: days[days.length - 1] ?? null, count: days.length },
  };
  const start = boundaries[0];
  const end = boundaries[boundaries.length - 1];
  const rollup = await lap('rollup', readRollupStatus(trading, dashboards));
  const behind = rollupProgressNote(rollup);
  if (behind) notes.push(behind);
  const [fills, accounts, transactions, liabilities] = await lap(
    'sql',
    Promise.all([
      loadFillData(trading, dashboards, {
        start: new Date(start),
        end: new Date(end),
        mark: rollup.mark,
      }),
      listFundAccounts(trading),
      listTransactions(trading),
      listFundLiabilities(trading),
    ]),
  );
  const timeline = buildTimeline(start, end);
  const prepared = prepareFund({
    timeline,
    accounts: [
      ...new Map(
        accounts.map((a) => [a.name, { name: a.name, burn: a.name.toUpperCase() === 'BURN' }]),
      ).values(),
    ],
    openingFills: fills.opening,
    windowFills: fills.window,
    transactions,
    liabilities,
  });
  const rates = await lap(
    'rates',
    loadRates(dashboards, {
      currencies: prepared.currencies,
      days: timeline.days,
      rateRows: fills.rateRows,
    }),
  );
  const t = performance.now();
  const rateAt = (cur: string, k: number) => rates.table.rate(cur, timeline.boundaryDays[k]);
  const value = (m: Map<string, Fixed>, k: number) =>
    [...m].reduce((s, [cur, a]) => s + mul(a, rateAt(cur, k)), 0n);
  const netAssets = prepared.holdings.atBoundary.map(
    (h, k) => value(h, k) - value(prepared.liabilities.atBoundary[k], k),
  );
  const n = prepared.index.n;
  const flowsOf: Array<Array<{ time: number; usd: Fixed }>> = Array.from({ length: n }, () => []);
  const capital = prepared.classified.assetEvents.filter((e) => e.category === 'capital');
  for (const { event, usd } of valueEvents(capital, prepared.index, rateAt))
    flowsOf[prepared.index.ofTime(event.time)].push({ time: event.time, usd });
  // All 36 places, as the fund page gives them: the figures compare to the last digit.
  const s = exact;
  const daily = days.map((day, k) => {
    const flows = flowsOf[k].reduce((a, f) => a + f.usd, 0n);
    const iv = timeline.intervals[k];
    return {
      day,
      netAssets: s(netAssets[k + 1]),
      flows: s(flows),
      gain: s(netAssets[k + 1] - netAssets[k] - flows),
      r: modifiedDietz(netAssets[k], netAssets[k + 1], {
        from: iv.from,
        to: iv.to,
        flows: flowsOf[k],
      }),
    };
  });
  const none = daily.filter((d) => d.r === null).length;
  if (none > 0)
    notes.push(
      `${none} days had no net assets to earn on (at most zero at the start, flows included): they count as a return of 0.`,
    );
  const returns = summariseReturns(daily.map((d) => ({ day: d.day, r: d.r ?? 0 })));
  const totalFlows = flowsOf.flat().reduce((a, f) => a + f.usd, 0n);
  timings.compute = Math.round(performance.now() - t);
  return {
    ...base,
    figures: {
      netAssetsStart: s(netAssets[0]),
      netAssetsEnd: s(netAssets[n]),
      flows: s(totalFlows),
      gain: s(netAssets[n] - netAssets[0] - totalFlows),
    },
    returns,
    daily,
    notes,
    warnings: rates.warnings,
    timings,
  };
}
