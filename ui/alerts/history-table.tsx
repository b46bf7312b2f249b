import Link from 'next/link';
import type { HistoryEventView } from '@/lib/alerts/load';
import { ALERT_STATES } from '@/lib/alerts/domain/state';
import type { HistoryQuery } from '@/lib/alerts/domain/history-query';
import { formatTime, zoneHeading } from '@/ui/shared/format';
import { StateBadge } from '@/ui/status/state-badge';

/** A plain GET form: the filters are the page's query string. */
export function HistoryFilters({ query }: { query?: HistoryQuery }) {
  return (
    <form method="get" className="action-form" data-testid="history-filters">
      <label>
        Rule <input name="rule" defaultValue={query?.rule ?? ''} size={16} />
      </label>
      <label>
        Subject <input name="subject" defaultValue={query?.subject ?? ''} size={22} />
      </label>
      <label>
        State{' '}
        <select name="state" defaultValue={query?.state ?? ''}>
          <option value="">any</option>
          {ALERT_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

function pageHref(q: HistoryQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.rule) p.set('rule', q.rule);
  if (q.subject) p.set('subject', q.subject);
  if (q.state) p.set('state', q.state);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/alerts/history?${s}` : '/alerts/history';
}

export function HistoryTable({
  data,
  query,
  tz,
}: {
  data: { events: HistoryEventView[]; page: number; hasNext: boolean };
  query: HistoryQuery;
  /** The display zone (lib/preferences): times in its wall clock. */
  tz?: string;
}) {
  return (
    <>
      <table className="data" data-testid="history">
        <thead>
          <tr>
            <th>Time ({zoneHeading(tz)})</th>
            <th>State</th>
            <th>Rule</th>
            <th>Subject</th>
            <th>What happened</th>
            <th>Channels</th>
          </tr>
        </thead>
        <tbody>
          {data.events.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No changes of state match.
              </td>
            </tr>
          )}
          {data.events.map((e) => (
            <tr key={e.eventId}>
              <td>{formatTime(e.time, { zone: false, tz })}</td>
              <td>
                <StateBadge state={e.state} />
              </td>
              <td>
                <Link href={pageHref({ page: 1, rule: e.rule }, 1)}>{e.rule}</Link>
              </td>
              <td>
                <Link href={pageHref({ page: 1, subject: e.subject }, 1)}>{e.subject}</Link>
              </td>
              <td>{e.message}</td>
              <td>
                {e.channels || <span className="muted">none</span>}
                {e.channels && (
                  <div className="muted">
                    {e.notified ? `sent ${formatTime(e.notified, { tz })}` : 'not sent yet'}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Page {data.page}
        {data.page > 1 && (
          <>
            {' · '}
            <Link href={pageHref(query, data.page - 1)}>newer</Link>
          </>
        )}
        {data.hasNext && (
          <>
            {' · '}
            <Link href={pageHref(query, data.page + 1)}>older</Link>
          </>
        )}
      </p>
    </>
  );
}
