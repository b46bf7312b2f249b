import 'server-only';
import { cache } from 'react';
import { getCurrentUser } from '../auth/session';
import { mayOpenAccount, mayOpenStrategy } from '../auth/domain/access';
import { getDashboardConfig } from '../config';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { rethrowFromPools } from '../db/pool';
import { listExchangeAccounts, type ExchangeAccount } from '../db/trading/accounts';
import { listActorActivity } from '../strategy/catalog-read';
import { listStrategies, type StrategyListing } from '../strategy/list';

export interface Overview {
  strategies: StrategyListing[];
  accounts: ExchangeAccount[];
  /** 1 when the list is complete; less while a first build of the actor catalog is under way. */
  catalogProgress: number;
  configWarnings: string[];
}

/**
 * Strategies and accounts for the home page, the navigation bar and the not-found pages,
 * limited to what the logged-in user may open (their scope, lib/auth/domain/access.ts; nothing
 * without a user). Only reads: the actor catalog is kept up to date by the background job
 * (lib/background/scheduler.ts), and what it has not read yet is read here
 * (lib/strategy/catalog-read.ts).
 */
export const loadOverview = cache(async (): Promise<Overview> => {
  const [all, user] = await Promise.all([loadAll(), getCurrentUser()]);
  return {
    ...all,
    strategies: user ? all.strategies.filter((s) => mayOpenStrategy(user, s.key)) : [],
    accounts: user ? all.accounts.filter((a) => mayOpenAccount(user, a.name)) : [],
  };
});

const loadAll = cache(async (): Promise<Overview> => {
  const trading = getTradingDb().pool;
  const dashboards = getDashboardsDb().pool;
  try {
    const config = getDashboardConfig();
    const [activity, accounts] = await Promise.all([
      listActorActivity(trading, dashboards, new Date()),
      listExchangeAccounts(trading),
    ]);
    return {
      strategies: listStrategies(config.strategies, activity.actors),
      accounts,
      catalogProgress: activity.progress,
      configWarnings: config.warnings,
    };
  } catch (err) {
    // Connection failures become one clear DatabaseUnreachableError naming the database.
    return rethrowFromPools(err, [trading, dashboards]);
  }
});
