import 'server-only';
import { expandItem } from './domain/rows';
import { compareLedgerKeys } from './domain/key';
import {
  addTradeSums,
  addTransactionSums,
  emptyTotals,
  netOf,
  type LedgerTotals,
  type TradeSums,
} from './domain/totals';
import type { Balances, LedgerKey, LedgerRow } from './domain/types';
import { sumTransactions, sumTransactionsBetween } from './queries/aggregates';
import { scanLedgerItems } from './queries/items';
import type { ItemFilter } from './queries/sql';
import { FIXED_SCALE, fixedToString } from '../core/money/fixed';
import { type BucketFlows, readFillSums, readFlows } from '../rollup/read';
import { planPrefixes, type Level } from '../rollup/domain/buckets';
import type { BucketSums } from '../rollup/domain/sums';
import { Cumulative, PrefixSums } from './domain/prefix';
import type { LedgerSource } from './source';

/** A rollup row as the ledger's totals take it (exact decimal strings). */
function toTradeSums(r: BucketSums): TradeSums {
  const exact = (v: bigint) => fixedToString(v, FIXED_SCALE);
  return {
    side: r.side,
    priceCurrency: r.priceCurrency,
    volumeCurrency: r.volumeCurrency,
    feeCurrency: r.feeCurrency,
    price: exact(r.notional),
    volume: exact(r.volume),
    fee: exact(r.fee),
    count: r.count,
  };
}

/**
 * Totals of the account's movements in [from, to) (unix seconds; from null = since the
 * beginning). Fills from the rollup (whole buckets, the ends and the newest fills live: see
 * lib/rollup/read.ts); transactions always live (their status changes after insertion).
 */
export async function totalsBetween(
  src: LedgerSource,
  from: number | null,
  to: number,
): Promise<LedgerTotals> {
  return (await totalsAndFills(src, from, to)).totals;
}

/** totalsBetween, and the rollup's fill sums it added up (the page counts its rows from them). */
export async function totalsAndFills(
  src: LedgerSource,
  from: number | null,
  to: number,
): Promise<{ totals: LedgerTotals; fills: BucketSums[] }> {
  const { trading, dashboards, account, rollupMark: mark } = src;
  const [fills, txs] = await Promise.all([
    account.hasOrders
      ? readFillSums(trading, dashboards, {
          from: from === null ? null : new Date(from * 1000),
          to: new Date(to * 1000),
          byDay: false,
          accounts: account.orderExchangeNames,
          mark,
        })
      : Promise.resolve([]),
    sumTransactions(trading, account, from, to, src.transactions),
  ]);
  return {
    totals: addTransactionSums(addTradeSums(emptyTotals(), fills.map(toTradeSums)), txs),
    fills,
  };
}

/** What each stretch's fills did to the balances (net per currency), by the stretch's start. */
function fillMovements(rows: readonly BucketFlows[]): Cumulative {
  const byStart = new Map<number, LedgerTotals>();
  for (const r of rows) {
    let totals = byStart.get(r.bucket);
    if (!totals) byStart.set(r.bucket, (totals = emptyTotals()));
    addTradeSums(totals, [{ ...r, price: r.notional }]);
  }
  return new Cumulative([...byStart].map(([start, totals]) => [start, netOf(totals)] as const));
}

/**
 * The net movement of each of `gaps` ([from, to) in unix seconds, in time order, not
 * overlapping), as netOf(totalsBetween(src, from, to)) gives it for each, but in one pass of
 * eight queries whatever their number: prefix sums from the first gap's day (lib/ledger/
 * domain/prefix.ts) over the rollup's days, the hours, minutes and live seconds of the gaps'
 * own ends only, and the fills above the mark live into the same stretches; the transactions
 * live over the whole span (like totalsBetween: their status changes after insertion). Each
 * read is summed in SQL between the gaps' ends, so it returns a few rows per gap.
 */
export async function netsBetween(
  src: LedgerSource,
  gaps: ReadonlyArray<readonly [number, number]>,
): Promise<Balances[]> {
  const open = gaps.filter(([a, b]) => a < b);
  if (open.length === 0) return gaps.map(() => new Map());
  const points = [...new Set(open.flat())].sort((x, y) => x - y);
  const plan = planPrefixes(points.map((s) => s * 1000));
  const { trading, dashboards, account, rollupMark: mark } = src;
  const accounts = account.orderExchangeNames;
  const fills = (level: Level | 'live') =>
    account.hasOrders
      ? readFlows(trading, dashboards, {
          ...plan.reads[level],
          level: level === 'live' ? 'second' : level,
          accounts,
          mark,
        })
      : Promise.resolve([]);
  const [days, hours, minutes, seconds, txs] = await Promise.all([
    fills(3),
    fills(2),
    fills(1),
    fills('live'),
    sumTransactionsBetween(
      trading,
      account,
      [...new Set([plan.origin / 1000, ...points])],
      src.transactions,
    ),
  ]);
  const byStart = new Map<number, LedgerTotals>();
  for (const { start, sums } of txs) {
    let totals = byStart.get(start * 1000);
    if (!totals) byStart.set(start * 1000, (totals = emptyTotals()));
    addTransactionSums(totals, [sums]);
  }
  const transfers = new Cumulative(
    [...byStart].map(([start, totals]) => [start, netOf(totals)] as const),
  );
  const levels = {
    3: fillMovements(days),
    2: fillMovements(hours),
    1: fillMovements(minutes),
    live: fillMovements(seconds),
  };
  const prefix = new PrefixSums(plan.origin, levels, transfers);
  return gaps.map(([a, b]) => (a < b ? prefix.between(a * 1000, b * 1000) : new Map()));
}

/** Every row at second `time`, in key order (filtered by currency if asked). */
export async function rowsAtSecond(
  src: LedgerSource,
  time: number,
  filter?: ItemFilter,
): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  for await (const item of scanLedgerItems(src.trading, src.account, {
    from: time,
    to: time + 1,
    direction: 'asc',
    filter,
    transactions: src.transactions,
  })) {
    for (const r of expandItem(item))
      if (!filter?.currency || r.currency === filter.currency) rows.push(r);
  }
  return rows;
}

/** Every row at each of `seconds` (unix), in key order per second, in one scan. */
export async function rowsAtSeconds(
  src: LedgerSource,
  seconds: readonly number[],
  filter?: ItemFilter,
): Promise<Map<number, LedgerRow[]>> {
  const out = new Map<number, LedgerRow[]>(seconds.map((s) => [s, []]));
  if (seconds.length === 0) return out;
  for await (const item of scanLedgerItems(src.trading, src.account, {
    from: Math.min(...seconds),
    to: Math.max(...seconds) + 1,
    seconds,
    direction: 'asc',
    filter,
    transactions: src.transactions,
  })) {
    for (const r of expandItem(item))
      if (!filter?.currency || r.currency === filter.currency) out.get(r.key.time)?.push(r);
  }
  return out;
}

/**
 * The balances just before each of `instants` (unix seconds): what netOf(totalsBetween(src,
 * null, t)) gives for each, in one pass of prefix sums (netsBetween over the stretches between
 * them, from the epoch) instead of one read of the whole history per instant.
 */
export async function balancesAtInstants(
  src: LedgerSource,
  instants: readonly number[],
): Promise<Map<number, Balances>> {
  const points = [...new Set(instants)].sort((a, b) => a - b);
  const gaps = points.map((p, i) => [i === 0 ? 0 : points[i - 1], p] as const);
  const nets = await netsBetween(src, gaps);
  const out = new Map<number, Balances>();
  const running: Balances = new Map();
  points.forEach((p, i) => {
    for (const [c, v] of nets[i]) running.set(c, (running.get(c) ?? 0n) + v);
    out.set(p, new Map(running));
  });
  return out;
}

/**
 * The exact balances just before the row with key `key` (all rows before it in time order).
 * `beforeSecond`: the balances before its second when the caller has them (balancesAtInstants).
 */
export async function balancesBefore(
  src: LedgerSource,
  key: LedgerKey,
  beforeSecond?: Promise<Balances>,
): Promise<Balances> {
  const [b0, second] = await Promise.all([
    beforeSecond ?? totalsBetween(src, null, key.time).then(netOf),
    rowsAtSecond(src, key.time),
  ]);
  const b = new Map(b0);
  for (const r of second)
    if (compareLedgerKeys(r.key, key) < 0) b.set(r.currency, (b.get(r.currency) ?? 0n) + r.amount);
  return b;
}
