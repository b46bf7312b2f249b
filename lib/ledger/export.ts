import 'server-only';
import { BalanceBook } from './domain/balances';
import { csvText } from './domain/csv-text';
import { ceilUnixSeconds } from './domain/key';
import { expandItem } from './domain/rows';
import { netOf, summarize } from './domain/totals';
import type { LedgerQuery } from './domain/query';
import type { TimeWindow } from '../core/time/window-shift';
import { scanLedgerItems } from './queries/items';
import type { LedgerSource } from './source';
import { totalsBetween } from './totals';
import { rowMatches, toRowView } from './view';

/**
 * The window's rows as CSV records, every row (no cap), same filters and order as the page.
 * Items are read in keyset batches and rows produced as the consumer pulls them, so memory
 * stays flat however long the export. Running balances are exact: oldest-first starts from
 * the opening balance; newest-first from the closing balance and undoes each row. With a type
 * filter the hidden rows are still walked (and not written) so the balances stay true.
 */
export const CSV_FIXED_COLUMNS = [
  'time_utc',
  'type',
  'description',
  'currency',
  'credit',
  'debit',
  'trade_id',
  'transaction_id',
  'external_id',
  'row_key',
] as const;

const BATCH = 2000;

export async function ledgerCsv(
  src: LedgerSource,
  window: TimeWindow,
  q: Pick<LedgerQuery, 'currency' | 'types' | 'sort'>,
): Promise<{ header: string[]; records: AsyncGenerator<string[]> }> {
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
  const header = [...CSV_FIXED_COLUMNS, ...currencies.map((c) => `balance_${c}`)];

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
        yield [
          v.time,
          v.type,
          // Free text (notes, exchange ids) is escaped against formulas; numbers never are.
          csvText(v.description),
          v.currency,
          v.credit ?? '',
          v.debit ?? '',
          v.tradeId?.toString() ?? '',
          v.transactionId?.toString() ?? '',
          csvText(v.externalId ?? ''),
          v.key,
          ...balances,
        ];
      }
    }
  }
  return { header, records: records() };
}
