import type { DataAsOf as DataAsOfValue } from '@/lib/db/trading/data-as-of';
import type { TimeWindow } from '@/lib/core/time/time-window';
import { formatCount, formatDuration, formatTime } from './format';
import { LiveRefresh } from './live-refresh';

/** "12 s ago" under two minutes, then "3 hours 5 minutes ago"; a fill stamped after now says so. */
function describeAge(seconds: number): string {
  if (seconds < 0) return `${formatCount(-seconds)} s in the future`;
  if (seconds < 120) return `${formatCount(seconds)} s ago`;
  return `${formatDuration(seconds * 1000)} ago`;
}

/**
 * "Data as of <time> (newest fill #<id>, <n> s ago)" on every dashboard, read in the page's
 * own request (lib/db/trading/data-as-of.ts), so that stale data is not taken for a quiet
 * market. Nothing when the trading database could not be read: the page says why.
 */
export function DataAsOf({ asOf, tz }: { asOf: DataAsOfValue | null; tz?: string }) {
  if (!asOf) return null;
  const text =
    `Data as of ${formatTime(asOf.time, { tz })} ` +
    (asOf.newestFillId === null || asOf.ageSeconds === null
      ? '(the trading database has no fills yet)'
      : `(newest fill #${asOf.newestFillId}, ${describeAge(asOf.ageSeconds)})`);
  return (
    <span
      className="muted"
      data-testid="data-as-of"
      data-newest-fill={asOf.newestFillId ?? ''}
      data-age-seconds={asOf.ageSeconds ?? ''}
      // The line may be cut with an ellipsis to keep the header one line: the title has it all.
      title={
        asOf.newestFillTime
          ? `${text} · newest fill at ${formatTime(asOf.newestFillTime, { tz })}`
          : text
      }
    >
      {text}
    </span>
  );
}

/** The window holds the present moment: its page refreshes itself. */
export function windowIncludesNow(window: TimeWindow, now: Date): boolean {
  return window.start.getTime() <= now.getTime() && now.getTime() < window.end.getTime();
}

/**
 * The line under a dashboard's title: how fresh the data is and, for a window that includes
 * now (or a page without a window: `live`), the live-refresh toggle. A window in the past
 * never changes, so it has no toggle.
 */
export function DataStatus({
  asOf,
  window,
  now,
  live,
  tz,
}: {
  asOf: DataAsOfValue | null;
  window?: TimeWindow;
  now?: Date;
  live?: boolean;
  /** The display zone of the time shown (UTC when absent). */
  tz?: string;
}) {
  const refreshes = live ?? (window && now ? windowIncludesNow(window, now) : false);
  return (
    // One line (app/globals.css .data-status): the loading header's placeholder has its height.
    <div
      className="data-status"
      data-testid="data-status"
      // A page without a window (the overview) has it under its title, before the panels.
      style={{ marginBottom: window ? 0 : 16 }}
    >
      <DataAsOf asOf={asOf} tz={tz} />
      {refreshes && (
        <>
          <span aria-hidden="true">·</span>
          <LiveRefresh />
        </>
      )}
    </div>
  );
}
