import 'server-only';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import { getDashboardConfig } from '../config';
import { BadRequestError } from '../core/errors';
import { badRequest, type RequestResult } from '../core/request-result';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { alertEvent, alertState, syncState } from '../db/dashboards/schema';
import { EVALUATED_STATE } from './evaluate';
import { describeRule, formatDuration, RULE_KINDS, type AlertRule } from './domain/rules';
import { HISTORY_PAGE_SIZE, parseHistoryQuery, type HistoryQuery } from './domain/history-query';
import { loadRuleSet } from './rules-store';

/** A rule as /alerts and /api/alerts show it. */
export interface RuleView {
  /** Set for stored rules (editable by admins). */
  ruleId: number | null;
  name: string;
  kind: string;
  subject: string;
  threshold: string;
  unit: string;
  for: string;
  severity: string;
  channels: string;
  enabled: boolean;
  source: AlertRule['source'];
  condition: string;
}

export interface StateView {
  rule: string;
  subject: string;
  state: string;
  since: string;
  value: string;
  evaluated: string;
}

export interface AlertsData {
  rules: RuleView[];
  /** Current states other than ok, firing first. */
  active: StateView[];
  problems: string[];
  /** When a server last evaluated the rules (null: never yet). */
  evaluatedAt: string | null;
  kinds: Array<{ kind: string; unit: string; about: string }>;
}

const iso = (d: Date) => d.toISOString();

function ruleView(r: AlertRule & { ruleId?: number }): RuleView {
  return {
    ruleId: r.ruleId ?? null,
    name: r.name,
    kind: r.kind,
    subject: r.subject,
    threshold: r.threshold,
    unit: RULE_KINDS[r.kind].unit,
    for: formatDuration(r.forSeconds),
    severity: r.severity,
    channels: r.channels.join(','),
    enabled: r.enabled,
    source: r.source,
    condition: describeRule(r),
  };
}

const ORDER = { firing: 0, pending: 1, resolved: 2, ok: 3 } as Record<string, number>;

export async function loadAlerts(): Promise<AlertsData> {
  const { db, pool } = getDashboardsDb();
  try {
    const [set, states, [evaluated]] = await Promise.all([
      loadRuleSet(db, getDashboardConfig()),
      db.select().from(alertState).orderBy(asc(alertState.ruleName), asc(alertState.subject)),
      db
        .select({ value: syncState.value })
        .from(syncState)
        .where(and(eq(syncState.name, EVALUATED_STATE), eq(syncState.scope, ''))),
    ]);
    const ids = new Map(set.stored.map((s) => [s.name, s.ruleId]));
    const shown = [
      ...set.rules,
      // A stored rule a file's rule of the same name replaces is still listed (to edit or delete).
      ...set.stored.filter(
        (s) => !set.rules.some((r) => r.name === s.name && r.source === 'database'),
      ),
    ];
    return {
      rules: shown
        .map((r) =>
          ruleView({ ...r, ruleId: r.source === 'database' ? ids.get(r.name) : undefined }),
        )
        .sort((a, b) => a.name.localeCompare(b.name) || a.source.localeCompare(b.source)),
      active: states
        .filter((s) => s.state !== 'ok')
        .sort((a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9))
        .map((s) => ({
          rule: s.ruleName,
          subject: s.subject,
          state: s.state,
          since: iso(s.since),
          value: s.value,
          evaluated: iso(s.timeEvaluated),
        })),
      problems: set.problems,
      evaluatedAt: evaluated ? iso(new Date(Number(evaluated.value))) : null,
      kinds: Object.entries(RULE_KINDS).map(([kind, k]) => ({
        kind,
        unit: k.unit,
        about: k.about,
      })),
    };
  } catch (err) {
    return rethrowFromPools(err, [pool]);
  }
}

export interface HistoryEventView {
  eventId: number;
  time: string;
  rule: string;
  subject: string;
  state: string;
  severity: string;
  message: string;
  channels: string;
  notified: string | null;
}

export type HistoryResult = RequestResult<{
  data: { events: HistoryEventView[]; page: number; pageSize: number; hasNext: boolean };
  query: HistoryQuery;
}>;

/** Newest first, HISTORY_PAGE_SIZE a page, filtered by rule, subject and state. */
export async function loadAlertHistory(
  q: Record<string, string | string[] | undefined>,
): Promise<HistoryResult> {
  let query: HistoryQuery;
  try {
    query = parseHistoryQuery(q);
  } catch (err) {
    if (err instanceof BadRequestError) return badRequest(err);
    throw err;
  }
  const { db, pool } = getDashboardsDb();
  const where: SQL[] = [];
  if (query.rule) where.push(eq(alertEvent.ruleName, query.rule));
  if (query.subject) where.push(eq(alertEvent.subject, query.subject));
  if (query.state) where.push(eq(alertEvent.state, query.state));
  try {
    const rows = await db
      .select()
      .from(alertEvent)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(alertEvent.eventId))
      .limit(HISTORY_PAGE_SIZE + 1)
      .offset((query.page - 1) * HISTORY_PAGE_SIZE);
    return {
      kind: 'ok',
      query,
      data: {
        events: rows.slice(0, HISTORY_PAGE_SIZE).map((e) => ({
          eventId: e.eventId,
          time: iso(e.time),
          rule: e.ruleName,
          subject: e.subject,
          state: e.state,
          severity: e.severity,
          message: e.message,
          channels: e.channels,
          notified: e.timeNotified ? iso(e.timeNotified) : null,
        })),
        page: query.page,
        pageSize: HISTORY_PAGE_SIZE,
        hasNext: rows.length > HISTORY_PAGE_SIZE,
      },
    };
  } catch (err) {
    return rethrowFromPools(err, [pool]);
  }
}
