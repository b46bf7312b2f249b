import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { DashboardConfig } from '../config';
import * as schema from '../db/dashboards/schema';
import { alertRule } from '../db/dashboards/schema';
import { formatDuration, parseRule, RuleInputError, type AlertRule } from './domain/rules';
import { mergeRules } from './domain/defaults';

type Db = MySql2Database<typeof schema>;

/** A stored rule: the rule and its row's bookkeeping. */
export interface StoredRule extends AlertRule {
  ruleId: number;
  timeUpdated: Date;
  updatedBy: string;
}

function fromRow(r: schema.AlertRuleRow): StoredRule | null {
  try {
    const rule = parseRule(
      {
        name: r.name,
        kind: r.kind,
        subject: r.subject,
        threshold: r.threshold,
        for: String(r.forSeconds),
        severity: r.severity,
        channels: r.channels,
        enabled: r.enabled ? 'true' : 'false',
      },
      'database',
    );
    return { ...rule, ruleId: r.ruleId, timeUpdated: r.timeUpdated, updatedBy: r.updatedBy };
  } catch {
    return null; // a row a newer version wrote (an unknown kind): not evaluated
  }
}

export async function listStoredRules(db: Db): Promise<StoredRule[]> {
  const rows = await db.select().from(alertRule).orderBy(asc(alertRule.name));
  return rows.map(fromRow).filter((r): r is StoredRule => r !== null);
}

/** dashboard.conf's `[alert:<name>]` sections as rules, and what is wrong with the others. */
export function declaredRules(config: DashboardConfig): { rules: AlertRule[]; errors: string[] } {
  const rules: AlertRule[] = [];
  const errors: string[] = [];
  const file = config.file ? config.file.split('/').pop() : 'dashboard.conf';
  for (const [name, values] of Object.entries(config.alerts ?? {})) {
    try {
      rules.push(parseRule({ ...values, name }, 'config'));
    } catch (err) {
      if (!(err instanceof RuleInputError)) throw err;
      errors.push(`${file} [alert:${name}] ${err.message}; the rule is not used`);
    }
  }
  return { rules, errors };
}

/** Every rule in force (lib/alerts/domain/defaults.ts mergeRules) and what the page must say. */
export async function loadRuleSet(
  db: Db,
  config: DashboardConfig,
): Promise<{ rules: AlertRule[]; stored: StoredRule[]; problems: string[] }> {
  const stored = await listStoredRules(db);
  const declared = declaredRules(config);
  const merged = mergeRules(stored, declared.rules);
  return { rules: merged.rules, stored, problems: [...declared.errors, ...merged.clashes] };
}

export class RuleChangeError extends Error {}

const values = (rule: AlertRule, by: string, now: Date) => ({
  name: rule.name,
  kind: rule.kind,
  subject: rule.subject,
  threshold: rule.threshold,
  forSeconds: rule.forSeconds,
  severity: rule.severity,
  channels: rule.channels.join(','),
  enabled: rule.enabled,
  timeUpdated: now,
  updatedBy: by.slice(0, 64),
});

export async function createRule(db: Db, rule: AlertRule, by: string, now: Date): Promise<void> {
  const [existing] = await db
    .select({ id: alertRule.ruleId })
    .from(alertRule)
    .where(eq(alertRule.name, rule.name));
  if (existing) throw new RuleChangeError(`a rule named "${rule.name}" exists already`);
  await db.insert(alertRule).values(values(rule, by, now));
}

/** Replaces the rule `ruleId` (its name may change); false when there is no such rule. */
export async function updateRule(
  db: Db,
  ruleId: number,
  rule: AlertRule,
  by: string,
  now: Date,
): Promise<StoredRule> {
  const [before] = await db.select().from(alertRule).where(eq(alertRule.ruleId, ruleId));
  if (!before) throw new RuleChangeError(`no rule #${ruleId} (deleted meanwhile?)`);
  if (before.name !== rule.name) {
    const [clash] = await db
      .select({ id: alertRule.ruleId })
      .from(alertRule)
      .where(eq(alertRule.name, rule.name));
    if (clash) throw new RuleChangeError(`a rule named "${rule.name}" exists already`);
  }
  await db
    .update(alertRule)
    .set(values(rule, by, now))
    .where(eq(alertRule.ruleId, ruleId));
  return fromRow(before) as StoredRule;
}

export async function setRuleEnabled(
  db: Db,
  ruleId: number,
  enabled: boolean,
  by: string,
  now: Date,
): Promise<StoredRule> {
  const [before] = await db.select().from(alertRule).where(eq(alertRule.ruleId, ruleId));
  if (!before) throw new RuleChangeError(`no rule #${ruleId} (deleted meanwhile?)`);
  await db
    .update(alertRule)
    .set({ enabled, timeUpdated: now, updatedBy: by.slice(0, 64) })
    .where(eq(alertRule.ruleId, ruleId));
  return fromRow(before) as StoredRule;
}

export async function deleteRule(db: Db, ruleId: number): Promise<StoredRule> {
  const [before] = await db.select().from(alertRule).where(eq(alertRule.ruleId, ruleId));
  if (!before) throw new RuleChangeError(`no rule #${ruleId} (deleted meanwhile?)`);
  await db.delete(alertRule).where(eq(alertRule.ruleId, ruleId));
  return fromRow(before) as StoredRule;
}

/** The rule as the audit log's detail and the page's form show it. */
export function ruleSummary(r: AlertRule): Record<string, string | boolean> {
  return {
    name: r.name,
    kind: r.kind,
    subject: r.subject,
    threshold: r.threshold,
    for: formatDuration(r.forSeconds),
    severity: r.severity,
    channels: r.channels.join(','),
    enabled: r.enabled,
  };
}
