import 'server-only';
import { getDashboardConfig } from '../config';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { BadRequestError, ConfigError, DatabaseUnreachableError } from '../core/errors';
import { parseTimeWindow, type TimeWindow } from '../core/time/time-window';
import { loadStrategyDashboard, type StrategyDashboard } from './dashboard';
import { resolveStrategy } from './resolve';
import { refreshActorCatalog } from './catalog';

export type StrategyRequest =
  | { kind: 'ok'; window: TimeWindow; data: StrategyDashboard }
  | { kind: 'not-found' }
  | { kind: 'bad-request'; error: BadRequestError; displayName: string }
  | { kind: 'unavailable'; message: string; displayName?: string };

type Query = Record<string, string | string[] | undefined>;

/**
 * One strategy request, shared by the page and the JSON endpoint: unknown strategy, bad
 * window, unreachable database and bad data (e.g. a fill that cannot be converted to the
 * price currency) each come back as their own kind, never as an exception.
 */
export async function handleStrategyRequest(
  key: string,
  query: Query,
  now: Date,
): Promise<StrategyRequest> {
  const trading = getTradingDb().pool;
  const dashboards = getDashboardsDb().pool;
  try {
    const configured = getDashboardConfig().strategies;
    let strategy = await resolveStrategy(key, configured, dashboards);
    if (!strategy) {
      // An actor that started trading since the catalog's last refresh: catch up once, then decide.
      await refreshActorCatalog(trading, dashboards, { budgetMs: 2000, now });
      strategy = await resolveStrategy(key, configured, dashboards);
    }
    if (!strategy) return { kind: 'not-found' };
    let window: TimeWindow;
    try {
      window = parseTimeWindow({ start: query.start, end: query.end }, now);
    } catch (err) {
      if (err instanceof BadRequestError)
        return { kind: 'bad-request', error: err, displayName: strategy.displayName };
      throw err;
    }
    const data = await loadStrategyDashboard(strategy, window, now, { trading, dashboards }).catch(
      (err) => rethrowFromPools(err, [trading, dashboards]),
    );
    return { kind: 'ok', window, data };
  } catch (err) {
    if (err instanceof DatabaseUnreachableError || err instanceof ConfigError) {
      return { kind: 'unavailable', message: err.message };
    }
    try {
      await rethrowFromPools(err, [trading, dashboards]);
    } catch (known) {
      if (known instanceof DatabaseUnreachableError)
        return { kind: 'unavailable', message: known.message };
    }
    throw err;
  }
}
