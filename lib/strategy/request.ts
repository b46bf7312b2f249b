import 'server-only';
import type { Pool } from 'mysql2/promise';
import { getDashboardConfig } from '../config';
import { strategyNotFound } from './not-found';
import type { StrategyConfig } from '../config/types';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { failureOf, type RequestResult } from '../core/request-result';
import { parseTimeWindow, type TimeWindow } from '../core/time/time-window';
import type { HistoryBounds } from '../core/time/history-edge';
import { fillHistoryBounds } from '../rollup/history-bounds';
import { loadStrategyDashboard, type StrategyDashboard } from './dashboard';
import { resolveStrategy } from './resolve';

/** A bad request names the strategy (its display name, else the key asked for). */
export type StrategyResult = RequestResult<
  // history: the actor's first and last fill, looked up only for a window without fills
  { data: StrategyDashboard; window: TimeWindow; history: HistoryBounds | null },
  string
>;

type Query = Record<string, string | string[] | undefined>;
type Pools = { trading: Pool; dashboards: Pool };

/**
 * One strategy request, shared by /strategy/<key> and /api/strategy/<key>: unknown strategy
 * (with the keys that exist), bad window, unreachable database or bad configuration each come
 * back as their own kind, never as an exception. Only reads, both databases.
 */
export async function handleStrategyRequest(
  key: string,
  query: Query,
  now: Date,
): Promise<StrategyResult> {
  // The window is checked before the strategy is looked up, as the proxy's parameter gate
  // checks it (without a database): a bad window is a 400 whatever the strategy.
  let window: TimeWindow;
  try {
    window = parseTimeWindow({ start: query.start, end: query.end, tz: query.tz }, now);
  } catch (err) {
    return failureOf(err, key);
  }
  try {
    const configured = getDashboardConfig().strategies;
    const pools = { trading: getTradingDb().pool, dashboards: getDashboardsDb().pool };
    return await answer(key, window, now, configured, pools).catch((err) =>
      rethrowFromPools(err, [pools.trading, pools.dashboards]),
    );
  } catch (err) {
    return failureOf(err, key);
  }
}

async function answer(
  key: string,
  window: TimeWindow,
  now: Date,
  configured: Record<string, StrategyConfig>,
  pools: Pools,
): Promise<StrategyResult> {
  const strategy = await resolveStrategy(key, configured, pools);
  if (!strategy) {
    return strategyNotFound(key, configured, pools);
  }
  const data = await loadStrategyDashboard(strategy, window, now, pools);
  const history =
    data.figures.fillCount === 0
      ? await fillHistoryBounds(pools.trading, pools.dashboards, { actor: strategy.strategyActor })
      : null;
  return { kind: 'ok', window, data, history };
}
