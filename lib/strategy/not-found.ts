import 'server-only';
import type { Pool } from 'mysql2/promise';
import { onlyVisible } from '../auth/scope-filter';
import type { StrategyConfig } from '../config/types';
import { listCatalogActors } from './catalog-read';
import { listStrategies } from './list';

/**
 * The answer to a strategy name nobody knows, shared by the trading view, its quality view and
 * its report: the message and the names that do exist and the user's scope opens (the 404
 * page and the JSON answer list them).
 */
export async function strategyNotFound(
  key: string,
  configured: Record<string, StrategyConfig>,
  pools: { trading: Pool; dashboards: Pool },
): Promise<{ kind: 'not-found'; message: string; known: string[] }> {
  const { actors } = await listCatalogActors(pools.trading, pools.dashboards);
  const listed = listStrategies(
    configured,
    actors.map((a) => ({ ...a, fills24h: 0 })),
  );
  return {
    kind: 'not-found',
    message: `unknown strategy "${key}"`,
    known: await onlyVisible(
      'strategy',
      listed.map((s) => s.key),
    ),
  };
}
