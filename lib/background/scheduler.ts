import 'server-only';
import { drizzle } from 'drizzle-orm/mysql2';
import { runAlertEvaluation } from '../alerts/job';
import { retentionCutoff } from '../audit/domain/events';
import { pruneAuditEvents } from '../audit/queries';
import { getEnv } from '../core/env';
import * as schema from '../db/dashboards/schema';
import { refreshOxrRates } from '../fund/rate-refresh';
import { registerNotifyJobs } from '../notify/jobs';
import { refreshActorCatalog } from '../strategy/catalog';
import { refreshRollup, verifyRollup } from '../rollup/refresh';
import { refreshQualityRollup, rewindQualityRollup } from '../quality/rollup';
import { backgroundPools } from './pools';
import { jobRunRecorder, thisServerId } from './job-runs';
import { registerJob, setJobRecorder, startJobs } from './registry';

/**
 * The background jobs of a server (lib/background/registry.ts runs them): the actor catalog,
 * and the rollup of the trading history, kept up to date from server start so that pages only
 * read. On a large history the first rollup takes a while (about a minute per 10 million
 * fills here), better spent before anyone opens a page; then every minute adds what is new.
 * The rollup is checked against the trading database's counts: the last two days every
 * minute, the whole history once a day (late fills are rebuilt, see lib/rollup/refresh.ts).
 * With EXCHANGE_RATE_APP_ID set, Open Exchange Rates for the days the fund cannot value
 * otherwise, 31 days every 10 minutes (lib/fund/rate-refresh.ts).
 */
const MINUTE = 60_000;
const BUILD_BUDGET_MS = 10 * MINUTE;

export function startBackgroundWork(log: (line: string) => void = console.log): void {
  const pools = backgroundPools;
  const timed = async (what: string, fn: () => Promise<unknown>) => {
    const started = Date.now();
    await fn();
    const seconds = (Date.now() - started) / 1000;
    return seconds > 5 ? `${what} in ${seconds.toFixed(1)} s` : undefined;
  };
  registerJob({
    name: 'actor catalog',
    everyMs: MINUTE,
    run: (now) =>
      timed('brought up to date', () =>
        refreshActorCatalog(pools().trading, pools().dashboards, {
          budgetMs: BUILD_BUDGET_MS,
          now,
        }),
      ),
  });
  registerJob({
    name: 'rollup',
    everyMs: MINUTE,
    run: async (now) => {
      const { trading, dashboards } = pools();
      let added: number | null = null;
      const line = await timed('brought up to date', async () => {
        const progress = await refreshRollup(trading, dashboards, {
          budgetMs: BUILD_BUDGET_MS,
          now,
        });
        added = progress.oldestAdded ?? null;
        return progress;
      });
      // Fills recorded after the markouts passed their time (a backfill, a bot's late batch):
      // the markouts are recomputed from their day (a no-op when they are ahead of it).
      if (added !== null) await rewindQualityRollup(dashboards, added, now);
      const recent = await verifyRollup(trading, dashboards, {
        since: new Date(now.getTime() - 2 * 24 * 60 * MINUTE),
        now,
      });
      // The quality view's markouts (lib/quality/rollup.ts) trail the rollup by an hour; a
      // minute of that build per run, so that its first build never holds up the rollup's.
      if (recent.rebuilt.length)
        await rewindQualityRollup(dashboards, Date.parse(`${recent.rebuilt[0]}T00:00:00Z`), now);
      await refreshQualityRollup(trading, dashboards, { budgetMs: MINUTE, now });
      return (
        [
          line,
          recent.rebuilt.length
            ? `rebuilt ${recent.rebuilt.join(', ')} (fills that arrived late)`
            : undefined,
        ]
          .filter(Boolean)
          .join('; ') || undefined
      );
    },
  });
  registerJob({
    name: 'rollup check',
    everyMs: 24 * 60 * MINUTE,
    notAtStart: true,
    run: async (now) => {
      const { trading, dashboards } = pools();
      const all = await verifyRollup(trading, dashboards, { since: null, now });
      if (all.rebuilt.length)
        await rewindQualityRollup(dashboards, Date.parse(`${all.rebuilt[0]}T00:00:00Z`), now);
      return all.rebuilt.length
        ? `rebuilt ${all.rebuilt.join(', ')} (fills that arrived late)`
        : undefined;
    },
  });
  registerJob({
    name: 'audit retention',
    everyMs: 60 * MINUTE,
    run: async (now) => {
      const removed = await pruneAuditEvents(
        drizzle({ client: pools().dashboards, schema, mode: 'default' }),
        retentionCutoff(now, getEnv().auditRetentionDays),
      );
      return removed > 0
        ? `removed ${removed} audit events older than ${getEnv().auditRetentionDays} days`
        : undefined;
    },
  });
  // The alert rules (lib/alerts), by one server at a time: the others find the lock taken.
  registerJob({
    name: 'alert evaluation',
    everyMs: MINUTE,
    run: (now) => runAlertEvaluation(pools(), now),
  });
  const appId = getEnv().exchangeRateAppId;
  if (appId)
    registerJob({
      name: 'exchange rates',
      everyMs: 10 * MINUTE,
      run: async (now) => {
        const { trading, dashboards } = pools();
        const r = await refreshOxrRates(trading, dashboards, { oxr: { appId }, now });
        if (r.errors.length > 0) throw new Error(r.errors.join('; '));
        return r.fetched > 0
          ? `Open Exchange Rates: ${r.fetched} days stored, ${r.remaining} still to fetch`
          : undefined;
      },
    });
  // Alert and report delivery (lib/notify): issue 14.
  registerNotifyJobs(pools);
  // Every run also in job_run, so that /status shows every server's jobs.
  setJobRecorder(jobRunRecorder(() => pools().dashboards, thisServerId()));
  startJobs(log);
}
