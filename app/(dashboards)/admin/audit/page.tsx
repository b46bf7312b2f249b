import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { loadAuditEvents } from '@/lib/audit/load';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { AuditFilters, AuditTable } from '@/ui/admin/audit-table';
import { displayCalendar } from '@/lib/preferences/display';
import { parseTimeZoneParam } from '@/lib/core/time/time-window';
import { BadRequestError } from '@/lib/core/errors';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /admin/audit (admins only): who did what, newest first, with filters and a CSV export. */
export default async function AuditPage({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  // A bad tz: 400 from the parameter gate (lib/http/gates/routes.ts), named here.
  let tzError: BadRequestError | null = null;
  try {
    parseTimeZoneParam(query);
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    tzError = err;
  }
  const [result, calendar] = await Promise.all([
    loadAuditEvents(query, new Date()),
    displayCalendar(query),
  ]);
  const tz = calendar.zone;
  const qs = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) =>
      k === 'format' || v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x]),
    ),
  ).toString();
  return (
    <main className="page">
      <h1>Audit log</h1>
      <p className="muted">
        Logins, logouts, password and user changes, CSV exports and statement uploads and deletions,
        with who, when ({tz === 'UTC' ? 'UTC' : `in ${tz}, with the UTC offset of the moment`}),
        from which address and browser. Kept for AUDIT_RETENTION_DAYS (default 365 days); older
        events are removed.
      </p>
      {tzError && (
        <div className="alert error" role="alert" data-param="tz">
          {tzError.message}. Times below are in {tz}.
        </div>
      )}
      {result.kind === 'bad-request' ? (
        <>
          <AuditFilters query="" />
          <div data-param={result.error.param}>
            <ErrorPanel
              title={`Invalid ${result.error.param ?? 'filter'}`}
              message={result.error.message}
            />
          </div>
        </>
      ) : result.kind !== 'ok' ? (
        <ErrorPanel
          title="The audit log cannot be shown"
          message={'message' in result ? result.message : 'unavailable'}
        />
      ) : (
        <>
          <AuditFilters filter={result.filter} query={qs} tz={tz} />
          {result.data.truncated && (
            <div className="alert" data-testid="audit-truncated">
              Showing the newest {result.data.limit.toLocaleString('en-US')} events: narrow the
              filters, or export the CSV (up to 100,000).
            </div>
          )}
          <AuditTable events={result.data.events} tz={tz} />
        </>
      )}
    </main>
  );
}
