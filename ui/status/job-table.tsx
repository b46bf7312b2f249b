import { jobSubject, RETIRED_AFTER_MS, SERVER_SILENT_AFTER_MS } from '@/lib/alerts/domain/evaluate';
import type { LineView } from '@/lib/status/load';
import type { JobLine, StatusSnapshot } from '@/lib/status/domain/snapshot';
import { formatDuration, formatTime } from '@/ui/shared/format';
import { StateBadge } from './state-badge';

/**
 * The background jobs of every app server (table job_run): one row per server and job, judged
 * by the job rules (job-failing, job-late). A server silent for SERVER_SILENT_AFTER_MS is
 * marked as stopped; one no rule judges any more (silent over 7 days) is shown as stale, not
 * dropped.
 */
const ago = (now: number, t: number | null) =>
  t === null ? 'never' : `${formatDuration(Math.max(0, now - t))} ago`;

function LastRun({ j, now }: { j: JobLine; now: number }) {
  if (j.lastOk === null)
    return <span className="muted">{j.lastStarted === null ? 'not run' : 'running'}</span>;
  if (j.lastOk) return <span>ok</span>;
  return (
    <span className="error-text" title={j.lastError ?? ''}>
      failed {ago(now, j.lastFailed)}: {(j.lastError ?? '').slice(0, 160)}
    </span>
  );
}

export function JobTable({
  snapshot: s,
  lines,
  tz,
}: {
  snapshot: StatusSnapshot;
  lines: Record<string, LineView>;
  /** The display zone (lib/preferences): times in its wall clock, with their offset. */
  tz?: string;
}) {
  const now = s.liveAt ?? s.now;
  const jobs = [...s.jobs].sort(
    (a, b) => a.server.localeCompare(b.server) || a.name.localeCompare(b.name),
  );
  return (
    <>
      <h2>Background jobs</h2>
      {s.jobsSource === 'this server' && (
        <div className="alert" data-testid="jobs-this-server">
          The job runs of every server (table job_run) cannot be read: this server&apos;s jobs only.
        </div>
      )}
      <table className="data" data-testid="status-jobs">
        <thead>
          <tr>
            <th>State</th>
            <th>Server</th>
            <th>Job</th>
            <th>Every</th>
            <th>Last start</th>
            <th>Last success</th>
            <th>Last run</th>
            <th className="num">Took</th>
            <th>Rule and measured value</th>
          </tr>
        </thead>
        <tbody>
          {jobs.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                No job has reported yet.
              </td>
            </tr>
          )}
          {jobs.map((j) => {
            const subject = jobSubject(j);
            const line = lines[subject];
            const silent = now - j.serverSeen > SERVER_SILENT_AFTER_MS;
            const state = line?.state ?? (silent ? 'stale' : 'ok');
            return (
              <tr
                key={subject}
                data-testid={`job-${j.name}@${j.server}`}
                data-state={state}
                data-silent={silent ? 'true' : undefined}
              >
                <td>
                  <StateBadge state={state} />
                </td>
                <td>
                  {j.server}
                  {silent && (
                    <div className="muted">stopped reporting {ago(now, j.serverSeen)}</div>
                  )}
                </td>
                <td>{j.name}</td>
                <td style={{ whiteSpace: 'nowrap' }}>{formatDuration(j.everyMs)}</td>
                <td title={j.lastStarted === null ? undefined : formatTime(j.lastStarted, { tz })}>
                  {ago(now, j.lastStarted)}
                </td>
                <td
                  title={j.lastSucceeded === null ? undefined : formatTime(j.lastSucceeded, { tz })}
                >
                  {ago(now, j.lastSucceeded)}
                </td>
                <td>
                  <LastRun j={j} now={now} />
                </td>
                <td className="num">
                  {j.lastDurationMs === null ? '—' : formatDuration(j.lastDurationMs)}
                </td>
                <td>
                  {line?.rule ? (
                    <span>
                      <strong>{line.rule.name}</strong>
                      <span className="muted"> ({line.rule.condition})</span>
                      <br />
                      {line.measured}
                    </span>
                  ) : (
                    <span className="muted">
                      {now - j.serverSeen > RETIRED_AFTER_MS
                        ? 'silent over 7 days: no * rule judges it'
                        : 'no rule applies'}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
