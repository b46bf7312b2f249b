import Link from 'next/link';
import {
  buildWindowLinks,
  describeWindow,
  type QueryInput,
  type TimeWindow,
} from '@/lib/core/time/time-window';

/**
 * The time-window toggles under a dashboard's title (Prev, Next, Current Day, Current Month,
 * quick ranges) and the window in force, in words and in exact UTC. Every link keeps the page's
 * other query parameters.
 */
export function WindowControl({
  path,
  query,
  window,
  now,
}: {
  path: string;
  query: QueryInput;
  window: TimeWindow;
  now: Date;
}) {
  const links = buildWindowLinks(path, query, window, now);
  const { words, utc } = describeWindow(window);
  return (
    <div className="window-control" data-testid="window-control">
      <div className="window-words">
        <strong data-testid="window-words">{words}</strong>
        <span className="muted window-utc" data-testid="window-utc">
          {utc}
        </span>
      </div>
      <nav className="window-links" aria-label="Time window">
        {links.map((l) => (
          <Link
            key={l.key}
            href={l.href}
            className={`btn${l.active ? ' active' : ''}`}
            aria-current={l.active ? 'page' : undefined}
            data-window={l.key}
            prefetch={false}
          >
            {l.key === 'prev' ? '‹ Prev' : l.key === 'next' ? 'Next ›' : l.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}

/** The inline message for a bad `start`/`end`, with links back to a valid window. */
export function WindowError({
  message,
  param,
  example,
  path,
  now,
  query,
}: {
  message: string;
  param?: string;
  example?: string;
  path: string;
  now: Date;
  query: QueryInput;
}) {
  const today = buildWindowLinks(
    path,
    query,
    { start: now, end: new Date(now.getTime() + 1) },
    now,
  ).find((l) => l.key === 'current-day');
  return (
    <div className="alert error" role="alert" data-testid="window-error" data-param={param}>
      <strong>Invalid time window{param ? `: the \`${param}\` parameter` : ''}.</strong>
      <div>{message}</div>
      {example && (
        <div>
          A valid example: <code>{example}</code>
        </div>
      )}
      {today && (
        <div>
          <Link href={today.href}>Show today instead</Link>
        </div>
      )}
    </div>
  );
}
