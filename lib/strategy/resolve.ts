import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';

/**
 * `/strategy/<key>` -> the strategy to show: a `[strategies:<key>]` section or builtin first
 * (keys compare case-insensitively), then `actor:<name>` (the home page's key for an actor
 * whose name collides with a configured key), then any actor present in the trading
 * database. Database-only strategies start with every inferable key marked for inference.
 */
export async function resolveStrategy(
  key: string,
  configured: Record<string, StrategyConfig>,
  dashboards: Pool,
): Promise<StrategyConfig | null> {
  const exact =
    configured[key] ??
    Object.values(configured).find((s) => s.key.toLowerCase() === key.toLowerCase());
  if (exact) return exact;
  const actor = key.startsWith('actor:') ? key.slice('actor:'.length) : key;
  if (!actor || actor.length > 64) return null;
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `actor` FROM `actor_catalog` WHERE UPPER(`actor`) = ? LIMIT 1',
    [actor.toUpperCase()],
  );
  if (rows.length === 0) return null;
  const name = String(rows[0].actor);
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
