import { ledgerQueryParams, type LedgerQuery } from '@/lib/ledger/domain/query';
import { windowToQuery, type TimeWindow } from '@/lib/core/time/time-window';

/** URL path segment of an account (lower-cased, as Gryphon's links were). */
export function ledgerPath(account: string, suffix = ''): string {
  return `/ledger/${encodeURIComponent(account.toLowerCase())}${suffix}`;
}

/**
 * A ledger URL with this window and query; `cursor` only when given; `tz` when the page was
 * given one (its own links keep the zone the page was opened in).
 */
export function ledgerHref(
  base: string,
  window: TimeWindow,
  q: Partial<LedgerQuery>,
  cursor?: string | null,
  tz?: string,
): string {
  const w = windowToQuery(window);
  const p = new URLSearchParams({ start: w.start, end: w.end });
  for (const [k, v] of ledgerQueryParams(q)) p.append(k, v);
  if (cursor) p.set('cursor', cursor);
  if (tz) p.set('tz', tz);
  return `${base}?${p.toString().replace(/%3A/gi, ':')}`;
}
