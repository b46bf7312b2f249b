import type { AuditEventView } from '@/lib/audit/load';
import { AUDIT_ACTIONS, type AuditFilter } from '@/lib/audit/domain/events';
import { windowToQuery } from '@/lib/core/time/time-window';
import { UTC } from '@/lib/core/time/zone';
import { formatTime } from '@/ui/shared/format';

/**
 * "2026-11-30 00:41:07 UTC", or in the display zone with the offset in force then
 * ("2026-03-08 01:59:59 UTC-05:00"): the stored time to the second.
 */
export function auditTime(iso: string, tz: string = UTC): string {
  return formatTime(iso, { tz });
}

function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => {
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.start === 'string' && typeof o.end === 'string')
          return `${k}: ${o.start} → ${o.end}`;
        return `${k}: ${JSON.stringify(v)}`;
      }
      return `${k}: ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`;
    })
    .join('; ');
}

/** The filters of /admin/audit (a GET form: the URL says what is shown) and the export link. */
export function AuditFilters({
  filter,
  query,
  tz = UTC,
}: {
  filter?: AuditFilter;
  query: string;
  /** The display zone: the fields show the window with its offsets. */
  tz?: string;
}) {
  const w = filter ? windowToQuery(filter.window, tz) : undefined;
  // ISO 8601: a value without an offset is UTC, as every window parameter (time-window.ts)
  const hint = tz === UTC ? '' : ', UTC unless it has an offset';
  return (
    <form method="get" action="/admin/audit" className="panel" data-testid="audit-filters">
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'end' }}>
        <label>
          From ({tz === UTC ? 'UTC' : `ISO 8601${hint}`})
          <br />
          <input name="start" defaultValue={w?.start ?? ''} placeholder="2026-01-01" size={26} />
        </label>
        <label>
          To ({tz === UTC ? 'UTC' : `ISO 8601${hint}`}, exclusive)
          <br />
          <input name="end" defaultValue={w?.end ?? ''} placeholder="2026-02-01" size={26} />
        </label>
        <label>
          User
          <br />
          <input name="user" defaultValue={filter?.username ?? ''} size={16} />
        </label>
        <label>
          Action
          <br />
          <select name="action" defaultValue={filter?.action ?? ''}>
            <option value="">any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
        <a href={`/api/admin/audit?${query}${query ? '&' : ''}format=csv`} data-testid="audit-csv">
          Export CSV
        </a>
        <a href={`/api/admin/audit?${query}`}>JSON</a>
      </div>
    </form>
  );
}

export function AuditTable({ events, tz = UTC }: { events: AuditEventView[]; tz?: string }) {
  if (events.length === 0) return <p className="muted">No events match these filters.</p>;
  return (
    <div className="scroll-x">
      <table className="data" data-testid="audit-events">
        <thead>
          <tr>
            <th>Time ({tz})</th>
            <th>User</th>
            <th>Action</th>
            <th>Outcome</th>
            <th>Subject</th>
            <th>Details</th>
            <th>IP</th>
            <th>User agent</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-action={e.action} data-outcome={e.outcome}>
              <td className="muted" style={{ whiteSpace: 'nowrap' }}>
                {auditTime(e.time, tz)}
              </td>
              <td style={{ whiteSpace: 'nowrap' }}>{e.username}</td>
              <td style={{ whiteSpace: 'nowrap' }}>{e.action}</td>
              <td>
                <span className={`badge${e.outcome === 'ok' ? '' : ' warn'}`}>{e.outcome}</span>
              </td>
              <td>{e.subject}</td>
              <td className="muted">{detailText(e.detail)}</td>
              <td className="muted">{e.ip}</td>
              <td
                className="muted"
                title={e.userAgent}
                style={{
                  maxWidth: 220,
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  whiteSpace: 'nowrap',
                }}
              >
                {e.userAgent}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
