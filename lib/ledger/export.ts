import 'server-only';
import { BalanceBook } from './domain/balances';
import { displayDecimals } from '../core/money/money';
import { CSV_FIXED_COLUMNS, csvAmount, csvText, excelTime } from './domain/csv-text';
import { ceilUnixSeconds } from './domain/key';
import { expandItem } from './domain/rows';
import { netOf, summarize } from './domain/totals';
import type { LedgerQuery } from './domain/query';
import type { TimeWindow } from '../core/time/window-shift';
import { scanLedgerItems } from './queries/items';
import type { LedgerSource } from './source';
import { totalsBetween } from './totals';
import { rowMatches, toRowView } from './view';
import { UTC } from '../core/time/zone';
import { formatZonedIso } from '../core/time/zoned-calendar';
import { formatWallDateTime } from '../core/time/wall-input';

/** Column names before the balances: domain/csv-text.ts. */
export { CSV_FIXED_COLUMNS };

const BATCH = 2000;

/**
 * The window's rows as CSV records, every row (no cap), same filters and order as the page.
 * `time_utc` is ISO 8601; `time_excel` the same instant as "YYYY-MM-DD HH:MM:SS" (UTC), which
 * spreadsheets read as a date-time. Amounts and balances are exact, written with at least the
 * currency's decimals (USD 2, BTC 8: money.ts displayDecimals) and never rounded.
 * Items are read in keyset batches and rows produced as the consumer pulls them, so memory
 * stays flat however long the export. Running balances are exact: oldest-first starts from
 * the opening balance; newest-first from the closing balance and undoes each row. With a type
 * filter the hidden rows are still walked (and not written) so the balances stay true.
 * In a display zone other than UTC (`zone`: the `tz` parameter, else the user's preference) two
 * columns are appended after the balances, the UTC ones unchanged: `time_local`, ISO 8601 with the
 * zone's offset at that instant ("2026-03-08T03:30:00-04:00"), and `time_local_excel`, the zone's
 * wall clock "YYYY-MM-DD HH:MM:SS" for spreadsheets (the same text twice in the hour repeated when
 * clocks go back: `time_local` tells them apart).
 */
export async function ledgerCsv(
  src: LedgerSource,
  window: TimeWindow,
  q: Pick<LedgerQuery, 'currency' | 'types' | 'sort'>,
  zone: string = UTC,
): Promise<{ header: string[]; records: AsyncGenerator<string[]> }> {
  const local = zone !== UTC;
  const from = ceilUnixSeconds(window.start);
  const to = ceilUnixSeconds(window.end);
  const [openingTotals, windowTotals] = await Promise.all([
    totalsBetween(src, null, from),
    totalsBetween(src, from, to),
  ]);
  const opening = netOf(openingTotals);
  const currencies = q.currency
    ? [q.currency]
    : summarize(opening, windowTotals).map((s) => s.currency);
  const asc = q.sort === 'oldest';
  const closing = new BalanceBook(opening);
  for (const [c, v] of netOf(windowTotals)) closing.apply({ currency: c, amount: v });
  const header = [
    ...CSV_FIXED_COLUMNS,
    ...currencies.map((c) => `balance_${c}`),
    ...(local ? ['time_local', 'time_local_excel'] : []),
  ];
  const places = new Map<string, number>();
  const placesOf = (c: string) => {
    let p = places.get(c);
    if (p === undefined) places.set(c, (p = displayDecimals(c)));
    return p;
  };
  const balancePlaces = currencies.map(placesOf);

  async function* records(): AsyncGenerator<string[]> {
    const book = asc ? new BalanceBook(opening) : new BalanceBook(closing.snapshot());
    const scan = scanLedgerItems(src.trading, src.account, {
      from,
      to,
      direction: asc ? 'asc' : 'desc',
      // No type filter in SQL: hidden rows still move the balances.
      filter: { currency: q.currency, types: null },
      batchSize: BATCH,
      prefetch: true,
    });
    for await (const item of scan) {
      const rows = expandItem(item);
      if (!asc) rows.reverse();
      for (const r of rows) {
        if (q.currency && r.currency !== q.currency) continue;
        let balances: string[];
        if (asc) {
          book.apply(r);
          balances = book.format(currencies);
        } else {
          balances = book.format(currencies);
          book.unapply(r);
        }
        if (!rowMatches(r, q)) continue;
        const v = toRowView(r, balances);
        const p = placesOf(v.currency);
        yield [
          v.time,
          excelTime(v.time),
          v.type,
          // Free text (notes, exchange ids) is escaped against formulas; numbers never are.
          csvText(v.description),
          v.currency,
          csvAmount(v.credit ?? '', p),
          csvAmount(v.debit ?? '', p),
          v.tradeId?.toString() ?? '',
          v.transactionId?.toString() ?? '',
          csvText(v.externalId ?? ''),
          v.key,
          ...balances.map((b, i) => csvAmount(b, balancePlaces[i])),
          ...(local ? localTimes(zone, v.time) : []),
        ];
      }
    }
  }
  return { header, records: records() };
}

/** `time_local` and `time_local_excel` of a row's ISO UTC time. */
function localTimes(zone: string, iso: string): string[] {
  const d = new Date(iso);
  return [formatZonedIso(zone, d), formatWallDateTime(zone, d)];
}
