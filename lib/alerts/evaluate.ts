import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../db/db-time';
import type { StatusSnapshot } from '../status/domain/snapshot';
import { storeSnapshot, type StoredSnapshot } from '../status/stored';
import { evaluateRules } from './domain/evaluate';
import type { AlertRule } from './domain/rules';
import { eventOf, step, type AlertStateName, type EventDraft } from './domain/state';

/**
 * One evaluation of every rule, by one server at a time: a MariaDB named lock on the
 * dashboards database (GET_LOCK with timeout 0: a server that finds it taken skips this turn),
 * held on one connection for the whole evaluation and released after. Under the lock the
 * last evaluation's time is read from sync_state: within MIN_INTERVAL_MS of it this server
 * skips too, so that two servers whose minutes interleave evaluate once a minute between them.
 * Every change of state of a (rule, subject) is written to alert_state and appended to
 * alert_event in one transaction, with the snapshot judged (status_snapshot, lib/status/
 * stored.ts): /status serves it rather than building its own on each request.
 */
export const ALERT_LOCK = 'gryphon_dashboards.alert_evaluation';
export const EVALUATED_STATE = 'alerts.evaluated_ms';
export const MIN_INTERVAL_MS = 45_000;

export interface EvaluationResult {
  /** False: another server holds the lock, or evaluated less than MIN_INTERVAL_MS ago. */
  ran: boolean;
  events: EventDraft[];
}

const dbTime = (ms: number) => `${toDbDate(new Date(ms))}.${String(ms % 1000).padStart(3, '0')}`;

export async function evaluateAlerts(
  dashboards: Pool,
  load: () => Promise<{ rules: AlertRule[]; snapshot: StatusSnapshot }>,
  now: Date,
  opts: { minIntervalMs?: number; serverId?: string } = {},
): Promise<EvaluationResult> {
  const conn = await dashboards.getConnection();
  try {
    const [[got]] = await conn.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS got', [ALERT_LOCK]);
    if (Number(got.got) !== 1) return { ran: false, events: [] };
    try {
      const [last] = await conn.query<RowDataPacket[]>(
        "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
        [EVALUATED_STATE],
      );
      const lastMs = last.length ? Number(last[0].value) : null;
      const gap = opts.minIntervalMs ?? MIN_INTERVAL_MS;
      if (lastMs !== null && now.getTime() >= lastMs && now.getTime() - lastMs < gap)
        return { ran: false, events: [] };
      const started = performance.now();
      const { rules, snapshot } = await load();
      const stored = {
        snapshot,
        server: opts.serverId ?? '',
        buildMs: performance.now() - started,
      };
      const events = await applyFindings(conn, rules, stored, now);
      return { ran: true, events };
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [ALERT_LOCK]);
    }
  } finally {
    conn.release();
  }
}

async function applyFindings(
  conn: PoolConnection,
  rules: AlertRule[],
  judged: StoredSnapshot,
  now: Date,
): Promise<EventDraft[]> {
  const { snapshot } = judged;
  const t = now.getTime();
  const findings = evaluateRules(snapshot, rules);
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT `rule_name` AS rule, `subject`, `state`, `since` FROM `alert_state`',
  );
  const key = (rule: string, subject: string) => `${rule}\u0000${subject}`;
  const stored = new Map(
    rows.map((r) => [
      key(String(r.rule), String(r.subject)),
      {
        state: String(r.state) as AlertStateName,
        since: Date.parse(`${String(r.since).replace(' ', 'T')}Z`),
      },
    ]),
  );
  const events: EventDraft[] = [];
  const upserts: unknown[][] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const k = key(f.rule.name, f.subject);
    seen.add(k);
    const { next, changed } = step(stored.get(k) ?? null, f.breached, f.rule.forSeconds, t);
    if (changed) events.push(eventOf(f.rule, f, next.state));
    upserts.push([
      f.rule.name,
      f.subject,
      next.state,
      dbTime(next.since),
      f.measured.slice(0, 512),
      dbTime(t),
    ]);
  }
  // A rule deleted or disabled, a subject gone: a firing alert is resolved, the state forgotten.
  const gone: Array<[string, string]> = [];
  for (const r of rows) {
    const k = key(String(r.rule), String(r.subject));
    if (seen.has(k)) continue;
    gone.push([String(r.rule), String(r.subject)]);
    if (String(r.state) === 'firing') {
      const rule = rules.find((x) => x.name === String(r.rule));
      events.push({
        ruleName: String(r.rule),
        subject: String(r.subject),
        state: 'resolved',
        severity: rule?.severity ?? 'warning',
        message: `${String(r.rule)} on ${String(r.subject)}: resolved (the rule or its subject is no longer evaluated)`,
        detail: JSON.stringify({ reason: 'no longer evaluated' }),
        channels: rule?.channels.join(',') ?? '',
      });
    }
  }
  await conn.beginTransaction();
  try {
    if (upserts.length)
      await conn.query(
        'INSERT INTO `alert_state` (`rule_name`, `subject`, `state`, `since`, `value`, `time_evaluated`) VALUES ? ' +
          'ON DUPLICATE KEY UPDATE `state` = VALUES(`state`), `since` = VALUES(`since`), `value` = VALUES(`value`), ' +
          '`time_evaluated` = VALUES(`time_evaluated`)',
        [upserts],
      );
    for (const [rule, subject] of gone)
      await conn.query('DELETE FROM `alert_state` WHERE `rule_name` = ? AND `subject` = ?', [
        rule,
        subject,
      ]);
    if (events.length)
      await conn.query(
        'INSERT INTO `alert_event` (`time`, `rule_name`, `subject`, `state`, `severity`, `message`, `detail`, `channels`) VALUES ?',
        [
          events.map((e) => [
            dbTime(t),
            e.ruleName,
            e.subject,
            e.state,
            e.severity,
            e.message,
            e.detail,
            e.channels.slice(0, 512),
          ]),
        ],
      );
    await conn.query(
      "INSERT INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', ?, ?) " +
        'ON DUPLICATE KEY UPDATE `value` = VALUES(`value`), `time_updated` = VALUES(`time_updated`)',
      [EVALUATED_STATE, String(t), toDbDate(now)],
    );
    await storeSnapshot(conn, judged);
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  }
  return events;
}
