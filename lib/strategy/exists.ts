import 'server-only';
import { getDashboardConfig } from '../config';
import { ConfigError, DatabaseUnreachableError } from '../core/errors';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { getTradingDb } from '../db/trading/client';
import { resolveStrategy } from './resolve';

/**
 * Whether `/strategy/<key>` names a strategy, before the page streams: a page whose data loads
 * inside <Suspense> has sent its status with the header, so an unknown strategy must be known
 * first to answer 404 (the full request, handleStrategyRequest, resolves it again). The display
 * name when it does; null when it does not; undefined when it cannot be told (a database
 * unreachable, the configuration invalid): the page's own load then reports the reason.
 * Cheap: a configured strategy is found without a query, an actor by the catalog's lookup.
 */
export async function strategyDisplayName(key: string): Promise<string | null | undefined> {
  try {
    const configured = getDashboardConfig().strategies;
    const pools = { trading: getTradingDb().pool, dashboards: getDashboardsDb().pool };
    const found = await resolveStrategy(key, configured, pools).catch((err) =>
      rethrowFromPools(err, [pools.trading, pools.dashboards]),
    );
    return found ? found.displayName : null;
  } catch (err) {
    if (err instanceof DatabaseUnreachableError || err instanceof ConfigError) return undefined;
    throw err;
  }
}
