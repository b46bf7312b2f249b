import 'server-only';
import { BalanceBook } from './domain/balances';
import { compareLedgerKeys } from './domain/key';
import { expandItem } from './domain/rows';
import { netOf } from './domain/totals';
import type { Balances, LedgerRow } from './domain/types';
import type { LedgerQuery } from './domain/query';
import { scanLedgerItems } from './queries/items';
import { balancesBefore, rowsAtSecond, totalsBetween } from './totals';
import type { LedgerSource } from './source';

/** Rows walked between a page's first and last row before giving up on walking them all. */
const SPAN_WALK_LIMIT = 20_000;

/**
 * The balance after each of a page's rows (`chrono`: time order), in `currencies`. Exact:
 * starts from the balance just before the first row (checkpoints + live sums) and adds every
 * row in between, shown or not. Without a type filter the page's rows are all the rows in
 * between; with one, the hidden rows are walked too, or, if there are too many, the gaps
 * between shown rows are summed in SQL.
 */
export async function balancesAfterRows(
  src: LedgerSource,
  q: Pick<LedgerQuery, 'currency' | 'types'>,
  chrono: readonly LedgerRow[],
  currencies: readonly string[],
  opts: { spanWalkLimit?: number } = {},
): Promise<string[][]> {
  if (chrono.length === 0) return [];
  const opening = await balancesBefore(src, chrono[0].key);
  if (!q.types) {
    const book = new BalanceBook(opening);
    return chrono.map((r) => (book.apply(r), book.format(currencies)));
  }
  return (
    (await walkSpan(
      src,
      q.currency,
      chrono,
      opening,
      currencies,
      opts.spanWalkLimit ?? SPAN_WALK_LIMIT,
    )) ?? bySqlGaps(src, q.currency, chrono, opening, currencies)
  );
}

async function walkSpan(
  src: LedgerSource,
  currency: string | null,
  chrono: readonly LedgerRow[],
  opening: Balances,
  currencies: readonly string[],
  limit: number,
): Promise<string[][] | null> {
  const first = chrono[0].key;
  const last = chrono[chrono.length - 1].key;
  const book = new BalanceBook(opening);
  const out: string[][] = [];
  let walked = 0;
  const scan = scanLedgerItems(src.trading, src.account, {
    from: first.time,
    to: last.time + 1,
    direction: 'asc',
    start: { key: first, inclusive: true },
    filter: { currency, types: null },
  });
  for await (const item of scan) {
    if (++walked > limit) return null;
    for (const r of expandItem(item)) {
      if (currency && r.currency !== currency) continue;
      if (compareLedgerKeys(r.key, first) < 0) continue;
      if (compareLedgerKeys(r.key, last) > 0) return out;
      book.apply(r);
      if (out.length < chrono.length && compareLedgerKeys(r.key, chrono[out.length].key) === 0)
        out.push(book.format(currencies));
    }
  }
  return out;
}

async function bySqlGaps(
  src: LedgerSource,
  currency: string | null,
  chrono: readonly LedgerRow[],
  opening: Balances,
  currencies: readonly string[],
): Promise<string[][]> {
  const filter = { currency, types: null };
  const seconds = [...new Set(chrono.map((r) => r.key.time))];
  const secondRows = new Map(
    await Promise.all(seconds.map(async (s) => [s, await rowsAtSecond(src, s, filter)] as const)),
  );
  const gapNets = await Promise.all(
    seconds.slice(1).map(async (s, i) => netOf(await totalsBetween(src, seconds[i] + 1, s))),
  );
  const book = new BalanceBook(opening);
  const out: string[][] = [];
  let row = 0;
  seconds.forEach((s, i) => {
    if (i > 0)
      for (const [c, v] of gapNets[i - 1])
        if (!currency || c === currency) book.apply({ currency: c, amount: v });
    for (const r of secondRows.get(s) ?? []) {
      if (compareLedgerKeys(r.key, chrono[0].key) < 0) continue;
      book.apply(r);
      if (row < chrono.length && compareLedgerKeys(r.key, chrono[row].key) === 0) {
        out.push(book.format(currencies));
        row++;
      }
    }
  });
  return out;
}
