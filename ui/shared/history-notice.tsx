import Link from 'next/link';
import { type HistoryBounds, historyEdge } from '@/lib/core/time/history-edge';
import {
  describeWindow,
  type QueryInput,
  type TimeWindow,
  windowHref,
} from '@/lib/core/time/time-window';
import { formatTime } from './format';

/**
 * Said when the window lies wholly before the first entry of a history or after its last
 * (lib/core/time/history-edge.ts): where the history begins or ends, and a link to a window of
 * the same length that holds that entry (the page's other query parameters kept).
 */
export function HistoryNotice({
  window,
  history,
  path,
  query,
  none,
  subject,
  entry,
  tz,
}: {
  window: TimeWindow;
  history: HistoryBounds | null;
  path: string;
  query: QueryInput;
  /** "No fills", "No entries". */
  none: string;
  /** Whose history: "Simple MM’s", "the fund’s", "BITSTAMP_BTC_USD’s". */
  subject: string;
  /** What an entry is called: "fill", "entry". */
  entry: string;
  /** The display zone (UTC when absent). */
  tz?: string;
}) {
  const edge = historyEdge(window, history);
  if (edge === null) return null;
  const href = windowHref(path, query, edge.suggested, tz);
  return (
    <div className="alert" data-testid="history-edge" data-side={edge.side}>
      {none} in this window: {subject}{' '}
      {edge.side === 'before'
        ? `history begins ${formatTime(edge.at, { tz })}`
        : `last ${entry} is ${formatTime(edge.at, { tz })}`}
      .{' '}
      <Link href={href} data-testid="history-edge-link" prefetch={false}>
        Show {describeWindow(edge.suggested, tz).words}
      </Link>
    </div>
  );
}
