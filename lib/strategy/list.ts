import type { StrategyConfig } from '../config/types';
import type { ActorActivity } from './catalog-read';

export interface StrategyListing {
  /** URL key: `/strategy/<key>`. */
  key: string;
  displayName: string;
  actor: string;
  source: 'builtin' | 'config' | 'database';
  fills24h: number;
  lastFillTime: Date | null;
  /** False for a configured/builtin strategy whose actor has never placed an order. */
  seenInDatabase: boolean;
}

/**
 * Every strategy a user can open: the configured and builtin ones, plus every actor present in
 * the trading database that no configuration covers (Gryphon showed only configured ones).
 * Actors compare case-insensitively, as MySQL's collation made them in Gryphon ('Multi' and
 * 'MULTI' are one actor). Active strategies first, then by latest fill, then by name.
 */
export function listStrategies(
  configured: Record<string, StrategyConfig>,
  actors: ActorActivity[],
): StrategyListing[] {
  const byActor = new Map<string, ActorActivity>();
  for (const a of actors) byActor.set(a.actor.toUpperCase(), a);
  const covered = new Set<string>();
  const out: StrategyListing[] = [];
  for (const s of Object.values(configured)) {
    const activity = byActor.get(s.strategyActor.toUpperCase());
    covered.add(s.strategyActor.toUpperCase());
    out.push({
      key: s.key,
      displayName: s.displayName,
      actor: s.strategyActor,
      source: s.source,
      fills24h: activity?.fills24h ?? 0,
      lastFillTime: activity?.lastFillTime ?? null,
      seenInDatabase: Boolean(activity),
    });
  }
  const configuredKeys = new Set(Object.keys(configured).map((k) => k.toLowerCase()));
  for (const a of actors) {
    const upper = a.actor.toUpperCase();
    if (covered.has(upper)) continue;
    covered.add(upper);
    // An actor whose name collides with a configured key would be shadowed by that key's route.
    const key = configuredKeys.has(a.actor.toLowerCase()) ? `actor:${a.actor}` : a.actor;
    out.push({
      key,
      displayName: a.actor,
      actor: a.actor,
      source: 'database',
      fills24h: a.fills24h,
      lastFillTime: a.lastFillTime,
      seenInDatabase: true,
    });
  }
  return out.sort(
    (x, y) =>
      Number(y.fills24h > 0) - Number(x.fills24h > 0) ||
      (y.lastFillTime?.getTime() ?? 0) - (x.lastFillTime?.getTime() ?? 0) ||
      x.displayName.localeCompare(y.displayName),
  );
}
