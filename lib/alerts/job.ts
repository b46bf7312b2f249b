import 'server-only';
import type { Pool } from 'mysql2/promise';
import { getDashboardConfig } from '../config';
import { thisServerId } from '../background/job-runs';
import { liveDatabases, liveJobs, readRulesAndSnapshot } from '../status/load';
import { evaluateAlerts } from './evaluate';

/**
 * The background job (lib/background/scheduler.ts, every minute): evaluates the rules over a
 * fresh snapshot under the evaluation lock and stores that snapshot for /status to serve;
 * returns a line for the log when states changed.
 */
export async function runAlertEvaluation(
  pools: { trading: Pool; dashboards: Pool },
  now: Date,
): Promise<string | undefined> {
  const result = await evaluateAlerts(
    pools.dashboards,
    async () =>
      readRulesAndSnapshot(pools, getDashboardConfig(), now, {
        ...(await liveJobs(pools.dashboards)),
        databases: await liveDatabases(),
      }),
    now,
    { serverId: thisServerId() },
  );
  if (!result.ran || result.events.length === 0) return undefined;
  const firing = result.events.filter((e) => e.state === 'firing').length;
  const resolved = result.events.filter((e) => e.state === 'resolved').length;
  return `${result.events.length} alert state changes (${firing} firing, ${resolved} resolved)`;
}
