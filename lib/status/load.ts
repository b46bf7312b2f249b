import 'server-only';
import { drizzle } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2/promise';
import * as schema from '../db/dashboards/schema';
import { loadRuleSet } from '../alerts/rules-store';
import { evaluateRules, verdicts, type LineState } from '../alerts/domain/evaluate';
import type { AlertRule } from '../alerts/domain/rules';
import { mayOpenAccount, mayOpenStrategy, type Principal } from '../auth/domain/access';
import { jobStatuses } from '../background/registry';
import { getDashboardConfig, type DashboardConfig } from '../config';
import { getEnv } from '../core/env';
import { getDashboardsDb } from '../db/dashboards/client';
import { checkDatabase } from '../db/health';
import { getTradingDb } from '../db/trading/client';
import type { DatabaseLine, JobLine, StatusSnapshot } from './domain/snapshot';
import { readStatusSnapshot } from './snapshot';

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
}

export function liveJobs(): JobLine[] {
  return jobStatuses().map((j) => ({
    name: j.name,
    lastFinished: j.lastFinished,
    lastError: j.lastError,
  }));
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
  live: { jobs: JobLine[]; databases: DatabaseLine[] },
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

export async function loadStatus(who: Principal, now: Date): Promise<StatusView> {
  const pools = { trading: getTradingDb().pool, dashboards: getDashboardsDb().pool };
  const databases = await liveDatabases();
  const { rules, problems, snapshot } = await readRulesAndSnapshot(
    pools,
    getDashboardConfig(),
    now,
    { jobs: liveJobs(), databases },
  );
  const mine = scoped(snapshot, who);
  const lines = judge(mine, rules);
  const states = Object.values(lines).map((l) => l.state);
  return {
    snapshot: mine,
    lines,
    summary: {
      failing: states.filter((s) => s === 'failing').length,
      warning: states.filter((s) => s === 'warning').length,
      ok: states.filter((s) => s === 'ok').length,
    },
    problems,
    rules: rules.filter((r) => r.enabled).length,
  };
}
