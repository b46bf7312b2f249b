import 'server-only';
import type { Pool } from 'mysql2/promise';
import { registerJob } from '../background/registry';
import { getDashboardConfig } from '../config';
import { getEnv } from '../core/env';
import { dispatchOutbox } from './dispatch';
import { runReportSchedules } from './schedules';

const MINUTE = 60_000;

/**
 * The notify jobs (lib/background/scheduler.ts registers them): every minute the due scheduled
 * reports are built, then the outbox (alerts and reports) is delivered. Each takes its own
 * MariaDB named lock, so with several app servers one does the work and the others skip.
 */
export function registerNotifyJobs(pools: () => { trading: Pool; dashboards: Pool }): void {
  registerJob({
    name: 'report schedules',
    everyMs: MINUTE,
    run: async (now) => {
      const r = await runReportSchedules(pools(), getDashboardConfig().strategies, now);
      return r.built.length
        ? `built ${r.built.map((b) => `${b.schedule} ${b.start.toISOString().slice(0, 10)}`).join(', ')}`
        : undefined;
    },
  });
  registerJob({
    name: 'notify dispatch',
    everyMs: MINUTE,
    run: async (now) => {
      const env = getEnv();
      const r = await dispatchOutbox(
        pools().dashboards,
        { smtp: env.smtp, baseUrl: env.publicUrl },
        now,
      );
      return r.attempts > 0
        ? `${r.attempts} deliveries attempted, ${r.failed} failed, ${r.finished} finished`
        : undefined;
    },
  });
}
