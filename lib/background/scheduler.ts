import 'server-only';
import { getDashboardsDb } from '../db/dashboards/client';
import { getTradingDb } from '../db/trading/client';
import { refreshActorCatalog } from '../strategy/catalog';
import { refreshActorDaily } from '../strategy/actor-daily';
import { refreshLedgerCheckpoints } from '../ledger/checkpoints';
import { refreshFundCheckpoints } from '../fund/checkpoints';

/**
 * Keeps every incremental cache of the dashboards database (actor catalog, strategy, ledger
 * and fund daily checkpoints) up to date in the background, from server start: on a large
 * trading history the first build takes a while (about a minute per 10 million fills here),
 * and it is better spent before anyone opens a page. Then every minute, so requests only
 * ever add a few new fills. Errors are logged and retried; they never stop the server.
 */
const INTERVAL_MS = 60_000;
const state = globalThis as unknown as { __backgroundCheckpoints?: boolean };

export function startBackgroundCheckpoints(log: (line: string) => void = console.log): void {
  if (state.__backgroundCheckpoints) return;
  state.__backgroundCheckpoints = true;
  const run = async () => {
    const started = Date.now();
    try {
      const trading = getTradingDb().pool;
      const dashboards = getDashboardsDb().pool;
      const budget = { budgetMs: 10 * 60_000, now: new Date() };
      await refreshActorCatalog(trading, dashboards, budget);
      await refreshActorDaily(trading, dashboards, budget);
      await refreshLedgerCheckpoints(trading, dashboards, budget);
      await refreshFundCheckpoints(trading, dashboards, budget);
      const seconds = (Date.now() - started) / 1000;
      if (seconds > 5) log(`checkpoints brought up to date in ${seconds.toFixed(1)} s`);
    } catch (err) {
      log(
        `checkpoint refresh failed (will retry): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    setTimeout(run, INTERVAL_MS).unref();
  };
  setTimeout(run, 0).unref();
}
