import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';
import { findActor } from './catalog-read';

/**
 * `/strategy/<key>` -> the strategy to show: a `[strategies:<key>]` section or builtin first
 * (keys compare case-insensitively), then `actor:<name>` (the home page's key for an actor
 * whose name collides with a configured key), then any actor of the trading database, the
 * newest included (findActor reads past the catalog). Database-only strategies start with
 * every inferable key marked for inference. Only reads.
 */
export async function resolveStrategy(
  key: string,
  configured: Record<string, StrategyConfig>,
  pools: { trading: Pool; dashboards: Pool },
): Promise<StrategyConfig | null> {
  // Object.hasOwn: a key such as __proto__ or toString must not find Object.prototype's members.
  const exact =
    (Object.hasOwn(configured, key) ? configured[key] : undefined) ??
    Object.values(configured).find((s) => s.key.toLowerCase() === key.toLowerCase());
  if (exact) return exact;
  const actor = key.startsWith('actor:') ? key.slice('actor:'.length) : key;
  if (!actor || actor.length > 64) return null;
  const name = await findActor(pools.trading, pools.dashboards, actor);
  if (name === null) return null;
  return {
    key,
    displayName: name,
    strategyActor: name,
    priceCurrency: 'USD',
    volumeCurrency: 'BTC',
    basePointRadius: 10,
    graphVolumeThreshold: '0.00001',
    source: 'database',
    inferred: ['priceCurrency', 'volumeCurrency', 'basePointRadius'],
  };
}
