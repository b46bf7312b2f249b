import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';
import { buildTimeline, dayOf } from './domain/days';
import { costOfOpenLots } from './domain/lots';
import { mul, fx } from './domain/math';
import { prepareFund } from './domain/prepare';
import { finishFund } from './domain/report';
import type { FundReport } from './domain/report-types';
import type { StrategyKey } from './domain/types';
import { listTransactions } from '../transfers/queries';
import { listFundAccounts, listFundLiabilities } from './queries/ledger';
import { readRollupStatus, rollupProgressNote } from '../rollup/read';
import { loadFillData } from './fill-data';
import { loadLotFills } from './lots';
import { loadRates } from './rates';

export const MAX_SERIES_POINTS = 2000;

/**
 * The fund view of [window.start, window.end), valued up to min(end, now): a window still
 * running shows the fund as it is now, not a guess at its end.
 */
export async function loadFundReport(
  window: { start: Date; end: Date },
  now: Date,
  deps: {
    trading: Pool;
    dashboards: Pool;
    strategies: Record<string, StrategyConfig>;
  },
): Promise<FundReport> {
  const { trading, dashboards } = deps;
  const timings: Record<string, number> = {};
  const lap = async <T>(name: string, p: Promise<T>): Promise<T> => {
    const t = performance.now();
    const v = await p;
    timings[name] = Math.round(performance.now() - t);
    return v;
  };
  const notes: string[] = [];
  const start = window.start.getTime();
  const end = Math.max(start, Math.min(window.end.getTime(), now.getTime()));
  if (end < window.end.getTime())
    notes.push(
      end === start
        ? 'This window has not started yet: the figures are those at its start.'
        : 'This window is still running: the end figures are as of now.',
    );

  const rollup = await lap('rollup', readRollupStatus(trading, dashboards));
  const behind = rollupProgressNote(rollup);
  if (behind) notes.push(behind);
  const [fills, accounts, transactions, liabilities] = await lap(
    'sql',
    Promise.all([
      loadFillData(trading, dashboards, {
        start: window.start,
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
  const [rates, lotFills] = await Promise.all([
    lap(
      'rates',
      loadRates(dashboards, {
        currencies: prepared.currencies,
        days: timeline.days,
        rateRows: fills.rateRows,
      }),
    ),
    lap(
      'lots',
      loadLotFills(trading, dashboards, prepared.strategies, {
        start: window.start,
        end: new Date(end),
      }),
    ),
  ]);
  // A fill without an exchange_rate is valued at its price currency's day rate (never before the window).
  const firstDay = dayOf(start);
  const usdOfUnrated = (lot: { day: string; price: string; priceCurrency: string }) =>
    mul(
      fx(lot.price),
      rates.table.rate(lot.priceCurrency, lot.day < firstDay ? firstDay : lot.day),
    );
  const lots = new Map(
    [...lotFills].map(([id, l]) => {
      const s = prepared.strategies.get(id);
      return [
        id,
        {
          atStart: costOfOpenLots(l.atStart, s?.opening ?? 0n, usdOfUnrated),
          atEnd: costOfOpenLots(l.atEnd, s?.closing ?? 0n, usdOfUnrated),
        },
      ];
    }),
  );
  const t = performance.now();
  const report = finishFund(prepared, {
    rates: rates.table,
    lots,
    describeStrategy: describer(deps.strategies),
    maxPoints: MAX_SERIES_POINTS,
  });
  timings.compute = Math.round(performance.now() - t);
  const unrated = fills.window.filter((r) => !r.rated).reduce((n, r) => n + r.count, 0);
  if (unrated > 0)
    notes.push(
      `${unrated} fills of the window have no exchange_rate on their order: they are valued at their price currency's day rate.`,
    );
  return {
    ...report,
    window: { ...report.window, end: window.end.toISOString() },
    warnings: [...rates.warnings, ...report.warnings],
    notes,
    timings,
  };
}

/** Display names and links from dashboard.conf (an actor's configured strategy), else the actor. */
function describer(configured: Record<string, StrategyConfig>) {
  const byActor = new Map<string, StrategyConfig[]>();
  for (const s of Object.values(configured))
    byActor.set(s.strategyActor.toUpperCase(), [
      ...(byActor.get(s.strategyActor.toUpperCase()) ?? []),
      s,
    ]);
  return (key: StrategyKey) => {
    const matches = byActor.get(key.actor) ?? [];
    const s =
      matches.find((m) => m.volumeCurrency.toUpperCase() === key.volumeCurrency) ?? matches[0];
    if (s) return { displayName: s.displayName, href: `/strategy/${encodeURIComponent(s.key)}` };
    if (key.actor === '') return { displayName: '(no actor)', href: null };
    // An actor named like a configured key is reached as actor:<name> (lib/strategy/resolve.ts).
    const clash = Object.keys(configured).some((k) => k.toUpperCase() === key.actor);
    return {
      displayName: key.actor,
      href: `/strategy/${encodeURIComponent(clash ? `actor:${key.actor}` : key.actor)}`,
    };
  };
}
