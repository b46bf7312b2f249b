import 'server-only';
import { drizzle } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2/promise';
import * as schema from '../db/dashboards/schema';
import { loadRuleSet } from '../alerts/rules-store';
import { evaluateRules, verdicts, type LineState } from '../alerts/domain/evaluate';
import type { AlertRule } from '../alerts/domain/rules';
import { mayOpenAccount, mayOpenStrategy, type Principal } from '../auth/domain/access';
import { readJobRuns, thisServerId } from '../background/job-runs';
import { jobStatuses } from '../background/registry';
import { getDashboardConfig, type DashboardConfig } from '../config';
import { getEnv } from '../core/env';
import { getDashboardsDb } from '../db/dashboards/client';
import { checkDatabase } from '../db/health';
import { getTradingDb } from '../db/trading/client';
import type { DatabaseLine, JobLine, StatusSnapshot } from './domain/snapshot';
import { readStatusSnapshot } from './snapshot';
import { readStoredSnapshot, servable } from './stored';

/**
 * The status board: the snapshot, each line's verdict under the rules in force and a summary.
 * /status and /api/status both call loadStatus and show the same shape.
 */
export interface LineView {
  /** `account:NAME`, `strategy:KEY`, `trading`, `rollup`, `fund`, `job:NAME`, `database:NAME`. */
  subject: string;
  state: LineState;
  /** The rule that decided the state (the worst breach, else the first rule checked). */
  rule: { name: string; condition: string; severity: string; source: string } | null;
  measured: string | null;
  /** Every rule that applies, breached or not. */
  checks: Array<{ rule: string; condition: string; breached: boolean; measured: string }>;
}

export interface StatusView {
  snapshot: StatusSnapshot;
  lines: Record<string, LineView>;
  summary: { failing: number; warning: number; ok: number };
  /** dashboard.conf alert sections that are invalid or clash with stored rules. */
  problems: string[];
  rules: number;
  /**
   * Where the snapshot comes from: the one the alert evaluation stored (measured then, by that
   * server, in buildMs), or one built for this request (none stored, or too old to serve).
   */
  source: { kind: 'stored' | 'fresh'; measuredAt: number; buildMs: number; server: string | null };
}

export interface LiveLines {
  jobs: JobLine[];
  jobsSource?: StatusSnapshot['jobsSource'];
  databases: DatabaseLine[];
}

/**
 * Every server's job runs (table job_run); when that table cannot be read (the dashboards
 * database is down), this server's own from memory, and the lines say so.
 */
export async function liveJobs(dashboards: Pool): Promise<Pick<LiveLines, 'jobs' | 'jobsSource'>> {
  try {
    return { jobs: await readJobRuns(dashboards), jobsSource: 'database' };
  } catch {
    const server = thisServerId();
    const mine = jobStatuses();
    const seen = Math.max(0, ...mine.map((j) => Math.max(j.lastStarted ?? 0, j.lastFinished ?? 0)));
    return {
      jobsSource: 'this server',
      jobs: mine.map((j) => ({
        server,
        name: j.name,
        everyMs: j.everyMs,
        lastStarted: j.lastStarted,
        lastFinished: j.lastFinished,
        lastSucceeded: j.lastSucceeded,
        lastOk: j.lastFinished === null ? null : j.lastError === null,
        lastFailed: j.lastError === null ? null : j.lastFinished,
        lastError: j.lastError,
        lastDurationMs: j.lastDurationMs,
        serverSeen: seen,
      })),
    };
  }
}

export async function liveDatabases(): Promise<DatabaseLine[]> {
  const env = getEnv();
  const [d, t] = await Promise.all([
    checkDatabase('dashboards', env.dashboardDb),
    checkDatabase('trading', env.tradingDb),
  ]);
  return [d, t].map((h) => ({
    database: h.database,
    ok: h.ok,
    address: h.address,
    ...(h.reason ? { reason: h.reason } : {}),
  }));
}

/** The rules in force and the snapshot, as the evaluator and the status page both read them. */
export async function readRulesAndSnapshot(
  pools: { trading: Pool; dashboards: Pool },
  config: DashboardConfig,
  now: Date,
  live: LiveLines,
): Promise<{ rules: AlertRule[]; problems: string[]; snapshot: StatusSnapshot }> {
  const db = drizzle({ client: pools.dashboards, schema, mode: 'default' });
  const [set, snapshot] = await Promise.all([
    loadRuleSet(db, config),
    readStatusSnapshot({ ...pools, config, ...live }, now),
  ]);
  return { rules: set.rules, problems: set.problems, snapshot };
}

export function judge(snapshot: StatusSnapshot, rules: AlertRule[]): StatusView['lines'] {
  const lines: StatusView['lines'] = {};
  for (const [subject, v] of verdicts(evaluateRules(snapshot, rules))) {
    lines[subject] = {
      subject,
      state: v.state,
      rule: v.decidedBy && {
        name: v.decidedBy.rule.name,
        condition: v.decidedBy.condition,
        severity: v.decidedBy.rule.severity,
        source: v.decidedBy.rule.source,
      },
      measured: v.decidedBy?.measured ?? null,
      checks: v.findings.map((f) => ({
        rule: f.rule.name,
        condition: f.condition,
        breached: f.breached,
        measured: f.measured,
      })),
    };
  }
  return lines;
}

/** Only what the user may open (a scoped MEMBER or VIEWER sees their strategies and accounts). */
function scoped(s: StatusSnapshot, who: Principal): StatusSnapshot {
  return {
    ...s,
    accounts: s.accounts.filter((a) => mayOpenAccount(who, a.name)),
    strategies: s.strategies.filter((x) => mayOpenStrategy(who, x.key)),
  };
}

/**
 * The status board at `now` for `who`: the snapshot the alert evaluation stored, when there is
 * one fresh enough (stored.ts STORED_MAX_AGE_MS), with this request's own job and database
 * lines; else a snapshot built now (readStatusSnapshot). Either way judged by the rules in
 * force now. Reads only: a request never writes (the evaluation stores the snapshot).
 */
export async function buildStatusView(
  pools: { trading: Pool; dashboards: Pool },
  config: DashboardConfig,
  who: Principal,
  now: Date,
  live: LiveLines,
  opts: { useStored?: boolean } = {},
): Promise<StatusView> {
  const db = drizzle({ client: pools.dashboards, schema, mode: 'default' });
  const [set, stored] = await Promise.all([
    loadRuleSet(db, config),
    opts.useStored === false ? null : readStoredSnapshot(pools.dashboards).catch(() => null),
  ]);
  let snapshot: StatusSnapshot;
  let source: StatusView['source'];
  // A snapshot measured while a database was down holds no figures: once both answer again,
  // the request builds its own rather than show an empty board for up to a minute.
  const recovered =
    stored !== null &&
    stored.snapshot.databases.some((d) => !d.ok) &&
    live.databases.every((d) => d.ok);
  if (stored && servable(stored.snapshot.now, now.getTime()) && !recovered) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { liveAt, ...measured } = stored.snapshot;
    snapshot = {
      ...measured,
      jobs: live.jobs,
      jobsSource: live.jobsSource ?? 'database',
      databases: live.databases,
      ...(now.getTime() > measured.now ? { liveAt: now.getTime() } : {}),
    };
    source = {
      kind: 'stored',
      measuredAt: measured.now,
      buildMs: stored.buildMs,
      server: stored.server,
    };
  } else {
    const started = performance.now();
    snapshot = await readStatusSnapshot({ ...pools, config, ...live }, now);
    source = {
      kind: 'fresh',
      measuredAt: now.getTime(),
      buildMs: Math.round(performance.now() - started),
      server: null,
    };
  }
  const mine = scoped(snapshot, who);
  const lines = judge(mine, set.rules);
  const states = Object.values(lines).map((l) => l.state);
  return {
    snapshot: mine,
    lines,
    summary: {
      failing: states.filter((s) => s === 'failing').length,
      warning: states.filter((s) => s === 'warning').length,
      ok: states.filter((s) => s === 'ok').length,
    },
    problems: set.problems,
    rules: set.rules.filter((r) => r.enabled).length,
    source,
  };
}

export async function loadStatus(who: Principal, now: Date): Promise<StatusView> {
  const pools = { trading: getTradingDb().pool, dashboards: getDashboardsDb().pool };
  const [databases, jobs] = await Promise.all([liveDatabases(), liveJobs(pools.dashboards)]);
  return buildStatusView(pools, getDashboardConfig(), who, now, { ...jobs, databases });
}
