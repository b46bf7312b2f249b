import { DAY_MS, HOUR_MS, MINUTE_MS } from './calendar';
import type { TimeWindow } from './window-shift';

/**
 * Where a history (a strategy's fills, the fund's transactions and fills, an account's ledger
 * entries) begins and ends, and whether a window lies wholly outside it. Pure: the queries
 * that find the bounds are in lib/rollup/history-bounds.ts and its callers.
 */
export interface HistoryBounds {
  /** The first and the last entry (inclusive); null when there is none at all. */
  first: Date;
  last: Date;
}

export interface HistoryEdge {
  /** before: the window ends before the first entry; after: it starts after the last. */
  side: 'before' | 'after';
  /** The first (before) or last (after) entry. */
  at: Date;
  /** A window of the same length that holds that entry, on round UTC days, hours or minutes. */
  suggested: TimeWindow;
}

/** The largest of day, hour, minute that divides the window's length (a minute at least). */
function roundUnit(length: number): number {
  if (length >= DAY_MS && length % DAY_MS === 0) return DAY_MS;
  if (length >= HOUR_MS && length % HOUR_MS === 0) return HOUR_MS;
  return MINUTE_MS;
}

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;

/** Null when the window overlaps the history (or there is no history to point to). */
export function historyEdge(w: TimeWindow, bounds: HistoryBounds | null): HistoryEdge | null {
  if (bounds === null) return null;
  const start = w.start.getTime();
  const end = w.end.getTime();
  const length = Math.max(MINUTE_MS, end - start);
  const unit = roundUnit(length);
  if (end <= bounds.first.getTime()) {
    const from = floorTo(bounds.first.getTime(), unit);
    return {
      side: 'before',
      at: bounds.first,
      suggested: { start: new Date(from), end: new Date(from + length) },
    };
  }
  if (start > bounds.last.getTime()) {
    // length is a whole number of units, so [to - length, to) holds the last entry
    const to = floorTo(bounds.last.getTime(), unit) + unit;
    return {
      side: 'after',
      at: bounds.last,
      suggested: { start: new Date(to - length), end: new Date(to) },
    };
  }
  return null;
}

/** The earlier first and the later last of several histories (null ones left out). */
export function mergeBounds(...all: Array<HistoryBounds | null>): HistoryBounds | null {
  const known = all.filter((b): b is HistoryBounds => b !== null);
  if (known.length === 0) return null;
  return {
    first: new Date(Math.min(...known.map((b) => b.first.getTime()))),
    last: new Date(Math.max(...known.map((b) => b.last.getTime()))),
  };
}
