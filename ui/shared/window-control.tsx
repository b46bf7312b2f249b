import Link from 'next/link';
import {
  buildWindowLinks,
  describeWindow,
  type QueryInput,
  type TimeWindow,
} from '@/lib/core/time/time-window';
import type { WindowLink } from '@/lib/core/time/window-links';
import { UTC, isZonedDayStart, offsetMinutes, zonedFields } from '@/lib/core/time/zone';
import { addZonedDays, addZonedMonths } from '@/lib/core/time/zoned-calendar';
import { formatWallInput } from '@/lib/core/time/wall-input';
import { KeyboardNav } from './keyboard-nav';

/** Keyboard hints, in the links' titles so that the shortcuts can be found. */
const HINTS: Partial<Record<WindowLink['key'], string>> = {
  prev: 'The previous window (← key)',
  next: 'The next window (→ key)',
};

/**
 * Where `t` leads: the current period of the window's length. A calendar month goes to the
 * current month; a whole day (or any other window) to today; a window as long as a quick range
 * (1 hour, 24 hours, 7 or 30 days) that is not a single day, to that range ending now. Months
 * and days are the display zone's (a New York day is 23, 24 or 25 hours long).
 */
export function todayLink(
  links: WindowLink[],
  w: TimeWindow,
  zone: string = UTC,
): WindowLink | undefined {
  const find = (key: WindowLink['key']) => links.find((l) => l.key === key);
  const length = w.end.getTime() - w.start.getTime();
  const midnights = isZonedDayStart(zone, w.start) && isZonedDayStart(zone, w.end);
  if (
    midnights &&
    zonedFields(zone, w.start.getTime()).day === 1 &&
    addZonedMonths(zone, w.start, 1).getTime() === w.end.getTime()
  )
    return find('current-month') ?? find('current-day');
  const oneDay = midnights && addZonedDays(zone, w.start, 1).getTime() === w.end.getTime();
  if (!oneDay) {
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
  const zone = calendar?.zone ?? UTC;
  const today = todayLink(links, window, zone);
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
          <CustomWindow path={path} query={query} window={window} zone={zone} />
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

/**
 * A custom window without editing the URL: a GET form with two date-time fields that keeps the
 * page's other parameters (not `cursor`: a new window restarts pagination). Works without
 * JavaScript; keyed on the window so the fields always show the window in force.
 *
 * The fields hold the display zone's wall clock (a datetime-local value has no zone). In UTC the
 * form goes to the page itself, which reads a value without an offset as UTC. In another zone it
 * goes to /api/window, which writes the values with the zone's offsets and redirects to the page
 * (lib/core/time/custom-window.ts: a time skipped by a clock change moves on by the gap; a
 * repeated one keeps the offset shown here, sent beside it).
 */
function CustomWindow({
  path,
  query,
  window,
  zone,
}: {
  path: string;
  query: QueryInput;
  window: TimeWindow;
  zone: string;
}) {
  const local = zone !== UTC;
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  const kept = entries
    .filter(([name]) => name !== 'start' && name !== 'end' && name !== 'cursor')
    // the form's own fields for /api/window
    .filter(([name]) => !local || !name.startsWith('_'))
    // Strings only: a page's searchParams for `?hasOwnProperty=x` can carry the prototype's
    // function next to the value, and a function cannot be rendered.
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => [name, v]),
    );
  const own = local
    ? [
        ['_path', path],
        ['_zone', zone],
        ['_start_offset', String(offsetMinutes(zone, window.start.getTime()))],
        ['_end_offset', String(offsetMinutes(zone, window.end.getTime()))],
      ]
    : [];
  return (
    <details className="window-custom" data-testid="window-custom">
      <summary className="btn">Custom…</summary>
      <form
        key={`${window.start.getTime()} ${window.end.getTime()} ${zone}`}
        method="get"
        action={local ? '/api/window' : path}
        className="window-custom-form"
      >
        {[...kept, ...own].map(([name, v], i) => (
          <input key={`${name} ${i}`} type="hidden" name={name} value={v} />
        ))}
        <label>
          Start ({zone})
          <input
            type="datetime-local"
            name="start"
            required
            defaultValue={formatWallInput(zone, window.start).slice(0, 16)}
          />
        </label>
        <label>
          End ({zone}, excluded)
          <input
            type="datetime-local"
            name="end"
            required
            defaultValue={formatWallInput(zone, window.end).slice(0, 16)}
          />
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
