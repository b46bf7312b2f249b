import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { auditEvent, type AuditEvent } from '../db/dashboards/schema';
import type * as schema from '../db/dashboards/schema';
import type { AuditContext, AuditFilter, AuditInput } from './domain/events';

type Db = MySql2Database<typeof schema>;

/**
 * Appends one event. The only write to audit_event besides the retention job's DELETE: there
 * is no UPDATE anywhere, rows are never changed once written.
 */
export async function insertAuditEvent(
  db: Db,
  event: AuditInput,
  ctx: AuditContext,
  now: Date,
): Promise<void> {
  await db.insert(auditEvent).values({
    time: now,
    action: event.action,
    outcome: event.outcome,
    username: event.username.slice(0, 64),
    subject: (event.subject ?? '').slice(0, 128),
    ip: ctx.ip.slice(0, 64),
    userAgent: ctx.userAgent.slice(0, 255),
    detail: JSON.stringify(event.detail ?? {}),
  });
}

/** Newest first, at most `limit` (the page shows 500, the CSV export up to 100,000). */
export async function listAuditEvents(
  db: Db,
  filter: AuditFilter,
  limit: number,
): Promise<AuditEvent[]> {
  const where: SQL[] = [
    gte(auditEvent.time, filter.window.start),
    lt(auditEvent.time, filter.window.end),
  ];
  if (filter.username !== undefined) where.push(eq(auditEvent.username, filter.username));
  if (filter.action !== undefined) where.push(eq(auditEvent.action, filter.action));
  return db
    .select()
    .from(auditEvent)
    .where(and(...where))
    .orderBy(desc(auditEvent.time), desc(auditEvent.eventId))
    .limit(limit);
}

/** The retention job: deletes events older than `before`, in batches; returns how many. */
export async function pruneAuditEvents(db: Db, before: Date, batch = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const [result] = await db
      .delete(auditEvent)
      .where(lt(auditEvent.time, before))
      .orderBy(auditEvent.time)
      .limit(batch);
    total += result.affectedRows;
    if (result.affectedRows < batch) return total;
  }
}
