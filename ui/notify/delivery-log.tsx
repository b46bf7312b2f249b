import type { DeliveryRow } from '@/lib/notify/queries';
import { formatCount, formatTime } from '@/ui/shared/format';

const WHAT = (d: DeliveryRow) =>
  d.what === 'alert' ? `alert #${d.refId}` : d.what === 'report' ? `report #${d.refId}` : 'test';

/** The delivery log, newest first, with a pager (`page` from 1). */
export function DeliveryLog({
  rows,
  total,
  page,
  pageSize,
  tz,
}: {
  rows: DeliveryRow[];
  total: number;
  page: number;
  pageSize: number;
  /** The display zone (lib/preferences): times in its wall clock, with their offset. */
  tz?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <section data-testid="delivery-log" style={{ marginTop: 28 }}>
      <h2>Delivery log</h2>
      <p className="muted">
        Every attempt, newest first ({formatCount(total)} in all). A failed attempt is retried after
        1, 5 and 30 minutes, then given up.
      </p>
      {rows.length === 0 ? (
        <p className="muted">Nothing delivered yet.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Time</th>
              <th>Channel</th>
              <th>What</th>
              <th>Attempt</th>
              <th>Outcome</th>
              <th>Status</th>
              <th>Error</th>
              <th>Next retry</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.deliveryId} data-outcome={d.outcome} data-channel={d.channelName}>
                <td>{formatTime(d.time, { tz })}</td>
                <td>{d.channelName}</td>
                <td title={d.title}>{WHAT(d)}</td>
                <td>{d.attempt}</td>
                <td>
                  <span
                    className="badge"
                    style={{ color: d.outcome === 'ok' ? '#1a7f37' : '#b42318' }}
                  >
                    {d.outcome}
                  </span>
                </td>
                <td>{d.status}</td>
                <td className="muted" style={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
                  {d.error}
                </td>
                <td>{d.nextRetry ? formatTime(d.nextRetry, { tz }) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="Delivery log pages">
          {page > 1 && <a href={`?page=${page - 1}`}>← Newer</a>}{' '}
          <span className="muted">
            page {page} of {pages}
          </span>{' '}
          {page < pages && <a href={`?page=${page + 1}`}>Older →</a>}
        </nav>
      )}
    </section>
  );
}
