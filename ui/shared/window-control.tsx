import Link from 'next/link';
import {
  buildWindowLinks,
  describeWindow,
  type QueryInput,
  type TimeWindow,
} from '@/lib/core/time/time-window';
import type { WindowLink } from '@/lib/core/time/window-links';
import { addUtcMonths, isUtcMidnight } from '@/lib/core/time/calendar';
import { KeyboardNav } from './keyboard-nav';

/** Keyboard hints, in the links' titles so that the shortcuts can be found. */
const HINTS: Partial<Record<WindowLink['key'], string>> = {
  prev: 'The previous window (← key)',
  next: 'The next window (→ key)',
};

/**
 * Where `t` leads: the current period of the window's length. A calendar month goes to the
 * current month; a whole UTC day (or any other window) to today; a window as long as a quick
 * range (1 hour, 24 hours, 7 or 30 days) that is not a single day, to that range ending now.
 */
export function todayLink(links: WindowLink[], w: TimeWindow): WindowLink | undefined {
  const find = (key: WindowLink['key']) => links.find((l) => l.key === key);
  const length = w.end.getTime() - w.start.getTime();
  const midnights = isUtcMidnight(w.start) && isUtcMidnight(w.end);
  if (
    midnights &&
    w.start.getUTCDate() === 1 &&
    addUtcMonths(w.start, 1).getTime() === w.end.getTime()
  )
    return find('current-month') ?? find('current-day');
  if (!(midnights && length === 86_400_000)) {
    const same = links.find(
      (l) =>
        (l.key === '1h' || l.key === '24h' || l.key === '7d' || l.key === '30d') &&
        l.window.end.getTime() - l.window.start.getTime() === length,
    );
    if (same) return same;
  }
  return find('current-day');
}
import type { CalendarSettings } from '@/lib/core/time/presets';

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
  calendar,
  preview = false,
}: {
  path: string;
  query: QueryInput;
  window: TimeWindow;
  now: Date;
  /** The display zone, week and fiscal-year start (lib/preferences); UTC defaults without. */
  calendar?: CalendarSettings;
  /**
   * The loading skeleton's copy: the same links, without the test ids, `data-window` marks and
   * keyboard of the real one (which streams in beside it until React swaps them).
   */
  preview?: boolean;
}) {
  const links = buildWindowLinks(path, query, window, now, calendar);
  const { words, utc } = describeWindow(window, calendar?.zone);
  const prev = links.find((l) => l.key === 'prev');
  const next = links.find((l) => l.key === 'next');
  const today = todayLink(links, window);
  return (
    <div
      className="window-control"
      data-testid={preview ? 'window-control-preview' : 'window-control'}
    >
      <div className="window-words">
        <strong data-testid={preview ? undefined : 'window-words'}>{words}</strong>
        <span className="muted window-utc" data-testid={preview ? undefined : 'window-utc'}>
          {utc}
        </span>
      </div>
      <nav className="window-links" aria-label="Time window">
        {links.map((l) =>
          l.disabled ? (
            <span
              key={l.key}
              className="btn disabled"
              aria-disabled="true"
              data-window={preview ? undefined : l.key}
              title="The next window would start after now (→ key)"
            >
              {l.key === 'next' ? 'Next ›' : l.label}
            </span>
          ) : (
            <Link
              key={l.key}
              href={l.href}
              className={`btn${l.active ? ' active' : ''}`}
              aria-current={l.active ? 'page' : undefined}
              data-window={preview ? undefined : l.key}
              prefetch={false}
              title={l === today ? `${l.label} (t key)` : HINTS[l.key]}
            >
              {l.key === 'prev' ? '‹ Prev' : l.key === 'next' ? 'Next ›' : l.label}
            </Link>
          ),
        )}
        {preview ? (
          // The same width as the real one, so the links wrap where the page's will.
          <span className="btn disabled" aria-hidden="true">
            Custom…
          </span>
        ) : (
          <CustomWindow path={path} query={query} window={window} />
        )}
      </nav>
      {/* The keyboard's pending line is a zero-height flex item: the preview keeps its gap. */}
      {today && preview && <span aria-hidden="true" style={{ height: 0 }} />}
      {today && !preview && (
        <KeyboardNav
          prev={prev && !prev.disabled ? prev.href : null}
          next={next && !next.disabled ? next.href : null}
          today={today.href}
        />
      )}
    </div>
  );
}

/** `YYYY-MM-DDTHH:MM` in UTC, what a datetime-local field holds (the URL parser reads it as UTC). */
const localValue = (d: Date) => d.toISOString().slice(0, 16);

/**
 * A custom window without editing the URL: a GET form with two UTC date-time fields that keeps
 * the page's other parameters (not `cursor`: a new window restarts pagination). Works without
 * JavaScript; keyed on the window so the fields always show the window in force.
 */
function CustomWindow({
  path,
  query,
  window,
}: {
  path: string;
  query: QueryInput;
  window: TimeWindow;
}) {
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  const kept = entries
    .filter(([name]) => name !== 'start' && name !== 'end' && name !== 'cursor')
    // Strings only: a page's searchParams for `?hasOwnProperty=x` can carry the prototype's
    // function next to the value, and a function cannot be rendered.
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => [name, v]),
    );
  return (
    <details className="window-custom" data-testid="window-custom">
      <summary className="btn">Custom…</summary>
      <form
        key={`${window.start.getTime()} ${window.end.getTime()}`}
        method="get"
        action={path}
        className="window-custom-form"
      >
        {kept.map(([name, v], i) => (
          <input key={`${name} ${i}`} type="hidden" name={name} value={v} />
        ))}
        <label>
          Start (UTC)
          <input
            type="datetime-local"
            name="start"
            required
            defaultValue={localValue(window.start)}
          />
        </label>
        <label>
          End (UTC, excluded)
          <input type="datetime-local" name="end" required defaultValue={localValue(window.end)} />
        </label>
        <button type="submit">Show</button>
      </form>
    </details>
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
  calendar,
}: {
  message: string;
  param?: string;
  example?: string;
  path: string;
  now: Date;
  query: QueryInput;
  calendar?: CalendarSettings;
}) {
  // a bad tz is not carried into the way back
  const kept = param === 'tz' ? withoutTz(query) : query;
  const today = buildWindowLinks(
    path,
    kept,
    { start: now, end: new Date(now.getTime() + 1) },
    now,
    calendar,
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

function withoutTz(query: QueryInput): QueryInput {
  const params = new URLSearchParams(
    query instanceof URLSearchParams
      ? query
      : Object.entries(query).flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v])
            .filter((x): x is string => typeof x === 'string')
            .map((x) => [k, x]),
        ),
  );
  params.delete('tz');
  return params;
}
