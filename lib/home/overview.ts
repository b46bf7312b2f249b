import 'server-only';
import type { Pool } from 'mysql2/promise';
import { cache } from 'react';
import { getDashboardConfig } from '../config';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { listExchangeAccounts, type ExchangeAccount } from '../db/trading/accounts';
import { listActorActivity, refreshActorCatalog } from '../strategy/catalog';
import { listStrategies, type StrategyListing } from '../strategy/list';

export interface Overview {
  strategies: StrategyListing[];
  accounts: ExchangeAccount[];
  /** 1 when the actor catalog has read the whole trading history. */
  catalogProgress: number;
  configWarnings: string[];
}

const throttle = globalThis as unknown as {
  __catalogRefreshedAt?: number;
  __catalogProgress?: number;
};

/**
 * Strategies and accounts for the home page and the navigation bar. The catalog refresh is
 * throttled per process (every 10 s at most) and time-boxed, so a page never waits long on it.
 */
export const loadOverview = cache(async (): Promise<Overview> => {
  const trading = getTradingDb().pool;
  const dashboards = getDashboardsDb().pool;
  try {
    return await load(trading, dashboards);
  } catch (err) {
    // Connection failures become one clear DatabaseUnreachableError naming the database.
    return rethrowFromPools(err, [trading, dashboards]);
  }
});

async function load(trading: Pool, dashboards: Pool): Promise<Overview> {
  const now = new Date();
  const last = throttle.__catalogRefreshedAt ?? 0;
  if (now.getTime() - last > 10_000 || (throttle.__catalogProgress ?? 0) < 1) {
    throttle.__catalogRefreshedAt = now.getTime();
    const { progress } = await refreshActorCatalog(trading, dashboards, { budgetMs: 1500, now });
    throttle.__catalogProgress = progress;
  }
  const config = getDashboardConfig();
  const [actors, accounts] = await Promise.all([
    listActorActivity(trading, dashboards, now),
    listExchangeAccounts(trading),
  ]);
  return {
    strategies: listStrategies(config.strategies, actors),
    accounts,
    catalogProgress: throttle.__catalogProgress ?? 1,
    configWarnings: config.warnings,
  };
}
