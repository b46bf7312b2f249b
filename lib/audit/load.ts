import 'server-only';
import { failureOf, type RequestResult } from '../core/request-result';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { parseAuditQuery, type AuditFilter } from './domain/events';
import { listAuditEvents } from './queries';

export interface AuditEventView {
  id: number;
  /** ISO 8601, UTC, milliseconds. */
  time: string;
  action: string;
  outcome: string;
  username: string;
  subject: string;
  ip: string;
  userAgent: string;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  events: AuditEventView[];
  /** More events match than `limit`: narrow the filters (or export). */
  truncated: boolean;
  limit: number;
}

export type AuditResult = RequestResult<{ data: AuditPage; filter: AuditFilter }>;

/** The page shows this many; the CSV export and the JSON API up to EXPORT_LIMIT. */
export const PAGE_LIMIT = 500;
export const EXPORT_LIMIT = 100_000;

/** /admin/audit and /api/admin/audit: the filters (start, end, user, action), newest first. */
export async function loadAuditEvents(
  query: Record<string, string | string[] | undefined>,
  now: Date,
  limit = PAGE_LIMIT,
): Promise<AuditResult> {
  let filter: AuditFilter;
  try {
    filter = parseAuditQuery(query, now);
  } catch (err) {
    return failureOf(err);
  }
  const { db, pool } = getDashboardsDb();
  try {
    const rows = await listAuditEvents(db, filter, limit + 1);
    return {
      kind: 'ok',
      filter,
      data: {
        truncated: rows.length > limit,
        limit,
        events: rows.slice(0, limit).map((r) => ({
          id: r.eventId,
          time: r.time.toISOString(),
          action: r.action,
          outcome: r.outcome,
          username: r.username,
          subject: r.subject,
          ip: r.ip,
          userAgent: r.userAgent,
          detail: safeJson(r.detail),
        })),
      },
    };
  } catch (err) {
    try {
      return await rethrowFromPools(err, [pool]);
    } catch (known) {
      return failureOf(known);
    }
  }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const AUDIT_CSV_HEADER = [
  'time_utc',
  'username',
  'action',
  'outcome',
  'subject',
  'ip',
  'user_agent',
  'detail',
];

export function auditCsvRecord(e: AuditEventView): string[] {
  return [
    e.time,
    e.username,
    e.action,
    e.outcome,
    e.subject,
    e.ip,
    e.userAgent,
    JSON.stringify(e.detail),
  ];
}
