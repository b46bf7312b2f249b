import { stringify } from 'csv-stringify/sync';
import { recordAuditOrThrow } from '@/lib/audit/record';
import { AUDIT_CSV_HEADER, auditCsvRecord, EXPORT_LIMIT, loadAuditEvents } from '@/lib/audit/load';
import { requireApiUser } from '@/lib/auth/session';
import { windowToQuery } from '@/lib/core/time/time-window';
import { apiUnavailable, queryOf, respond } from '../../respond';

export const dynamic = 'force-dynamic';

/**
 * The audit log as JSON (admins only, like /admin/audit): start, end, user, action; newest
 * first, up to 100,000 events (`truncated` says when there are more). `format=csv` answers the
 * same events as a CSV download; that export is itself audited first (refused if it cannot be).
 */
export async function GET(request: Request) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  const query = queryOf(request);
  const format = query.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    return Response.json(
      { error: 'format must be json or csv', param: 'format', example: 'csv' },
      { status: 400 },
    );
  const result = await loadAuditEvents(query, new Date(), EXPORT_LIMIT);
  if (format === 'json' || result.kind !== 'ok') return respond(result);
  const w = windowToQuery(result.filter.window);
  try {
    await recordAuditOrThrow({
      action: 'csv-export',
      outcome: 'ok',
      username: user.username,
      subject: 'audit log',
      detail: { window: w, rows: result.data.events.length },
    });
  } catch (err) {
    console.error(`audit: audit log export refused, it could not be recorded: ${String(err)}`);
    return Response.json(
      { error: 'The export was refused: it could not be recorded in the audit log. Try again.' },
      { status: 503 },
    );
  }
  const csv = stringify([AUDIT_CSV_HEADER, ...result.data.events.map(auditCsvRecord)]);
  const fileName = `audit-${w.start}-${w.end}.csv`.replace(/[^\w.-]+/g, '_');
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}
