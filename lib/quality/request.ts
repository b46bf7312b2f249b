import 'server-only';
import type { Pool } from 'mysql2/promise';
import { getDashboardConfig } from '../config';
import { strategyNotFound } from '../strategy/not-found';
import type { StrategyConfig } from '../config/types';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { failureOf, type RequestResult } from '../core/request-result';
import { parseTimeWindow, type TimeWindow } from '../core/time/time-window';
import { resolveStrategy } from '../strategy/resolve';
import { loadStrategyQuality, type QualityView } from './load';

/** A bad request names the strategy (the key asked for). */
export type QualityResult = RequestResult<{ data: QualityView; window: TimeWindow }, string>;

type Query = Record<string, string | string[] | undefined>;
type Pools = { trading: Pool; dashboards: Pool };

/**
 * One quality request, shared by /strategy/<key>/quality and /api/strategy/<key>/quality, as
 * lib/strategy/request.ts answers the trading view: the window is checked first (a bad window
 * is a 400 whatever the strategy), then the strategy is resolved the same way (unknown: 404
 * with the keys that exist). Only reads, both databases. A database that is down or a statement
 * stopped at its time limit (TRADING_DB_STATEMENT_TIMEOUT) is `unavailable`: the page's
 * "cannot be shown" panel, a 503 from the API (request.db.test.ts). `deps` (tests): the
 * strategies and pools instead of the configured ones.
 */
export async function handleQualityRequest(
  key: string,
  query: Query,
  now: Date,
  deps?: { configured: Record<string, StrategyConfig>; pools: Pools },
): Promise<QualityResult> {
  let window: TimeWindow;
  try {
    window = parseTimeWindow({ start: query.start, end: query.end, tz: query.tz }, now);
  } catch (err) {
    return failureOf(err, key);
  }
  try {
    const configured = deps?.configured ?? getDashboardConfig().strategies;
    const pools = deps?.pools ?? {
      trading: getTradingDb().pool,
      dashboards: getDashboardsDb().pool,
    };
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
): Promise<QualityResult> {
  const strategy = await resolveStrategy(key, configured, pools);
  if (!strategy) {
    return strategyNotFound(key, configured, pools);
  }
  const data = await loadStrategyQuality(strategy, window, now, pools);
  return { kind: 'ok', window, data };
}
