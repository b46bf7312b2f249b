import type { AlertRule } from './rules';

const rule = (
  name: string,
  kind: AlertRule['kind'],
  threshold: string,
  severity: AlertRule['severity'],
  forSeconds = 0,
): AlertRule => ({
  name,
  kind,
  subject: '*',
  threshold,
  forSeconds,
  severity,
  channels: [],
  enabled: true,
  source: 'builtin',
});

/**
 * The rules /status applies with no configuration (docs/operations.md#built-in-rules). They
 * notify nobody (no channels): a rule of the same name on /alerts or in dashboard.conf
 * replaces one, e.g. to add channels or change its threshold; `enabled = false` there turns it
 * off. There is no built-in loss rule: what loss matters is the firm's to say.
 */
export const BUILTIN_RULES: readonly AlertRule[] = [
  rule('trading-db-quiet', 'trading-stale', '15', 'warning', 120),
  rule('rollup-behind', 'rollup-lag', '10', 'warning', 120),
  rule('strategy-no-fill', 'stale-fill', '240', 'warning'),
  rule('audit-old', 'stale-audit', '1440', 'warning'),
  rule('audit-drift', 'drift', '0', 'warning'),
  rule('transfer-stuck', 'transfer-in-transit', '24', 'warning'),
  rule('position-out-of-range', 'position-range', '0', 'failing'),
  rule('job-failing', 'job-failing', '0', 'warning', 300),
  rule('job-late', 'job-late', '3', 'warning'),
  rule('database-down', 'database-unreachable', '0', 'failing', 60),
];

export interface RuleSet {
  /** The rules in force: stored and declared ones, then the built-ins no other rule replaces. */
  rules: AlertRule[];
  /** Name clashes between dashboard.conf and the stored rules (the file's rule wins). */
  clashes: string[];
}

/**
 * Merges the rules by name: dashboard.conf over the stored rules (the file is what an operator
 * deployed; the page shows the clash), both over the built-ins. Disabled rules are kept in the
 * list (the pages show them) and skipped by the evaluation.
 */
export function mergeRules(stored: readonly AlertRule[], declared: readonly AlertRule[]): RuleSet {
  const byName = new Map<string, AlertRule>();
  const clashes: string[] = [];
  for (const r of BUILTIN_RULES) byName.set(r.name, r);
  for (const r of stored) byName.set(r.name, r);
  for (const r of declared) {
    if (byName.get(r.name)?.source === 'database')
      clashes.push(
        `[alert:${r.name}] in dashboard.conf and a rule of the same name on /alerts: the file's is used`,
      );
    byName.set(r.name, r);
  }
  return { rules: [...byName.values()], clashes };
}
