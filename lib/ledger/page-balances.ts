import 'server-only';
import { addBalances, BalanceBook } from './domain/balances';
import { compareLedgerKeys } from './domain/key';
import { expandItem } from './domain/rows';
import { netOf } from './domain/totals';
import type { Balances, LedgerRow } from './domain/types';
import type { LedgerQuery } from './domain/query';
import { scanLedgerItems } from './queries/items';
import { balancesBefore, netsBetween, rowsAtSecond, rowsAtSeconds, totalsBetween } from './totals';
import type { LedgerSource } from './source';

/**
 * Items walked between a page's first and last row before giving up on walking them all: read
 * in one query (batch of limit + 1), so finding the span too long costs one round trip; past a
 * few hundred items the gap sums (a handful of queries whatever the span) are cheaper.
 */
const SPAN_WALK_LIMIT = 500;

/**
 * How the gaps between a page's sparse rows are summed: 'prefix' (the default), all at once
 * from prefix sums (netsBetween: a handful of queries whatever the number of gaps); 'each',
 * one totalsBetween per gap and one query per shown second (the former way, kept as a
 * reference for the tests and the benchmark).
 */
export type GapSums = 'prefix' | 'each';

/**
 * The balance after each of a page's rows (`chrono`: time order), in `currencies`. Exact:
 * starts from the balance just before the first row (checkpoints + live sums) and adds every
 * row in between, shown or not. Without a type filter the page's rows are all the rows in
 * between; with one, the hidden rows are walked too, or, if there are too many, the gaps
 * between shown rows are summed in SQL (`gapSums`).
 */
export async function balancesAfterRows(
  src: LedgerSource,
  q: Pick<LedgerQuery, 'currency' | 'types'>,
  chrono: readonly LedgerRow[],
  currencies: readonly string[],
  opts: BalanceOptions = {},
): Promise<string[][]> {
  const after = await rowBalances(src, q, chrono, opts);
  return after.map((b) => new BalanceBook(b).format(currencies));
}

/** balancesAfterRows in every currency, unformatted (the page reads them before it knows its columns). */
export async function rowBalances(
  src: LedgerSource,
  q: Pick<LedgerQuery, 'currency' | 'types'>,
  chrono: readonly LedgerRow[],
  opts: BalanceOptions = {},
  /** The balances before the first row's second, when the caller has them. */
  beforeFirstSecond?: Promise<Balances>,
  /** The gap sums, when the caller computes them (page.ts: with its instants' prefix sums). */
  gapNets?: GapNets,
): Promise<Balances[]> {
  if (chrono.length === 0) return [];
  const opening = balancesBefore(src, chrono[0].key, beforeFirstSecond);
  if (!q.types) {
    const book = new BalanceBook(await opening);
    return chrono.map((r) => (book.apply(r), book.snapshot()));
  }
  const limit = opts.spanWalkLimit ?? SPAN_WALK_LIMIT;
  let moving: () => Promise<Balances[]>;
  if (opts.gapSums === 'each') {
    // The former order, so that the benchmark times it as it was: the opening, then the walk,
    // then the gaps.
    await opening;
    moving = async () =>
      (await walkSpan(src, q.currency, chrono, limit)) ??
      (await byGaps(src, q.currency, chrono, 'each'));
  } else {
    // The opening, the walk and the gap sums at once; the walk's answer when it is short
    // enough (the gap sums' then unused, their failure of no interest).
    const gaps = byGaps(src, q.currency, chrono, 'prefix', gapNets);
    gaps.catch(() => undefined);
    moving = async () => (await walkSpan(src, q.currency, chrono, limit)) ?? (await gaps);
  }
  const [start, moved] = await Promise.all([opening, moving()]);
  return moved.map((m) => addBalances(start, m));
}

/** The net movement of each of `gaps` ([from, to) unix seconds), as netsBetween gives it. */
export type GapNets = (gaps: ReadonlyArray<readonly [number, number]>) => Promise<Balances[]>;

export interface BalanceOptions {
  spanWalkLimit?: number;
  gapSums?: GapSums;
  /**
   * Read the account's transactions once for the page (queries/transactions.ts) and sum the
   * balances at the page's instants (window start, now, the audit's, the first row's) in one
   * pass of prefix sums (the default); or, false, let every part query the table and read the
   * whole history once per instant (the former way; tests and benchmarks).
   */
  readTransactionsOnce?: boolean;
}

/**
 * What moved from just before the first row of `chrono` to just after each of its rows, by
 * walking every row between (null if there are more than `limit` items).
 */
async function walkSpan(
  src: LedgerSource,
  currency: string | null,
  chrono: readonly LedgerRow[],
  limit: number,
): Promise<Balances[] | null> {
  const first = chrono[0].key;
  const last = chrono[chrono.length - 1].key;
  const book = new BalanceBook();
  const out: Balances[] = [];
  let walked = 0;
  const scan = scanLedgerItems(src.trading, src.account, {
    from: first.time,
    to: last.time + 1,
    direction: 'asc',
    start: { key: first, inclusive: true },
    filter: { currency, types: null },
    batchSize: Math.min(limit + 1, 1000),
    transactions: src.transactions,
  });
  for await (const item of scan) {
    if (++walked > limit) return null;
    for (const r of expandItem(item)) {
      if (currency && r.currency !== currency) continue;
      if (compareLedgerKeys(r.key, first) < 0) continue;
      if (compareLedgerKeys(r.key, last) > 0) return out;
      book.apply(r);
      if (out.length < chrono.length && compareLedgerKeys(r.key, chrono[out.length].key) === 0)
        out.push(book.snapshot());
    }
  }
  return out;
}

/** walkSpan by the rows at the shown seconds and the sums of the gaps between them. */
async function byGaps(
  src: LedgerSource,
  currency: string | null,
  chrono: readonly LedgerRow[],
  how: GapSums,
  sumGaps?: GapNets,
): Promise<Balances[]> {
  const filter = { currency, types: null };
  const seconds = [...new Set(chrono.map((r) => r.key.time))];
  // Gap i: the seconds strictly between shown seconds i and i + 1.
  const gaps = seconds.slice(1).map((s, i) => [seconds[i] + 1, s] as const);
  const [secondRows, gapNets] = await Promise.all([
    how === 'prefix'
      ? rowsAtSeconds(src, seconds, filter)
      : Promise.all(
          seconds.map(async (s) => [s, await rowsAtSecond(src, s, filter)] as const),
        ).then((entries) => new Map(entries)),
    how === 'prefix'
      ? (sumGaps ?? ((g) => netsBetween(src, g)))(gaps)
      : Promise.all(gaps.map(async ([a, b]) => netOf(await totalsBetween(src, a, b)))),
  ]);
  const book = new BalanceBook();
  const out: Balances[] = [];
  let row = 0;
  seconds.forEach((s, i) => {
    if (i > 0)
      for (const [c, v] of gapNets[i - 1])
        if (!currency || c === currency) book.apply({ currency: c, amount: v });
    for (const r of secondRows.get(s) ?? []) {
      if (compareLedgerKeys(r.key, chrono[0].key) < 0) continue;
      book.apply(r);
      if (row < chrono.length && compareLedgerKeys(r.key, chrono[row].key) === 0) {
        out.push(book.snapshot());
        row++;
      }
    }
  });
  return out;
}
