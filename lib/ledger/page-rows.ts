import 'server-only';
import { compareLedgerKeys } from './domain/key';
import { expandItem } from './domain/rows';
import type { LedgerKey, LedgerRow } from './domain/types';
import type { LedgerQuery } from './domain/query';
import { scanLedgerItems } from './queries/items';
import type { LedgerSource } from './source';
import { rowMatches } from './view';

/**
 * Up to `limit` rows matching the filters, in `direction` order, strictly after `after` in that
 * order (keyset: the cursor row's item is re-read and its earlier rows skipped, so a cursor can
 * point into the middle of a fill).
 */
export async function collectRows(
  src: LedgerSource,
  window: { from: number; to: number },
  q: Pick<LedgerQuery, 'currency' | 'types'>,
  direction: 'asc' | 'desc',
  after: LedgerKey | null,
  limit: number,
): Promise<LedgerRow[]> {
  const out: LedgerRow[] = [];
  const sign = direction === 'asc' ? 1 : -1;
  const scan = scanLedgerItems(src.trading, src.account, {
    ...window,
    direction,
    start: after ? { key: after, inclusive: true } : undefined,
    filter: { currency: q.currency, types: q.types },
    batchSize: Math.min(1000, limit + 1),
    transactions: src.transactions,
  });
  for await (const item of scan) {
    const rows = expandItem(item);
    if (direction === 'desc') rows.reverse();
    for (const r of rows) {
      if (after && sign * compareLedgerKeys(r.key, after) <= 0) continue;
      if (!rowMatches(r, q)) continue;
      out.push(r);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

export interface PageRows {
  /** In display order. */
  rows: LedgerRow[];
  hasNext: boolean;
  hasPrev: boolean;
}

/** One page: the first, the one after a cursor, or the one before it (Previous). */
export async function loadPageRows(
  src: LedgerSource,
  window: { from: number; to: number },
  q: LedgerQuery,
): Promise<PageRows> {
  const display = q.sort === 'oldest' ? 'asc' : 'desc';
  if (q.cursor?.direction === 'before') {
    const back = await collectRows(
      src,
      window,
      q,
      display === 'asc' ? 'desc' : 'asc',
      q.cursor.key,
      q.pageSize + 1,
    );
    if (back.length > q.pageSize)
      return { rows: back.slice(0, q.pageSize).reverse(), hasNext: true, hasPrev: true };
    // Fewer than a page before the cursor: that is the first page.
    return loadPageRows(src, window, { ...q, cursor: null });
  }
  const after = q.cursor?.key ?? null;
  const rows = await collectRows(src, window, q, display, after, q.pageSize + 1);
  return {
    rows: rows.slice(0, q.pageSize),
    hasNext: rows.length > q.pageSize,
    hasPrev: after !== null,
  };
}
