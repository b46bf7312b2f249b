import 'server-only';
import { headers } from 'next/headers';
import { requestClientIp } from '../auth/client-address';
import { getDashboardsDb } from '../db/dashboards/client';
import type { AuditContext, AuditInput } from './domain/events';
import { insertAuditEvent } from './queries';

/** The client address (as the login limits see it) and user agent of the current request. */
export async function requestAuditContext(): Promise<AuditContext> {
  try {
    const h = await headers();
    return {
      ip: requestClientIp((n) => h.get(n)),
      userAgent: h.get('user-agent') ?? '',
    };
  } catch {
    return { ip: 'unknown', userAgent: '' }; // outside a request (next-auth's events)
  }
}

/**
 * Records an event of the current request and never throws into it: a failed insert is logged
 * (the action has happened: a login, an upload). Where the action must not happen unrecorded
 * (a CSV export), use recordAuditOrThrow before doing it.
 */
export async function recordAudit(event: AuditInput, ctx?: AuditContext): Promise<void> {
  try {
    await recordAuditOrThrow(event, ctx);
  } catch (err) {
    console.error(
      `audit: could not record ${event.action} (${event.outcome}) by ${event.username}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export async function recordAuditOrThrow(event: AuditInput, ctx?: AuditContext): Promise<void> {
  const { db } = getDashboardsDb();
  await insertAuditEvent(db, event, ctx ?? (await requestAuditContext()), new Date());
}
