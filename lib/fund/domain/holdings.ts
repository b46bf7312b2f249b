import type { Fixed } from '../../core/money/fixed';
import { addTo, fx, type CurrencyAmounts } from './math';
import type { TimelineIndex } from './timeline-index';
import type { AssetEvent } from './transfers';
import type { FillSums } from './types';

/**
 * The fund's holdings per currency at every boundary of the timeline: the ledger balances of
 * every asset account (fills: bids add volume and spend the notional, asks the reverse, fees
 * are spent; COMPLETED transactions), plus the in-transit correction of transfers between our
 * own accounts, kept under the account name '' ("in transit").
 */
export interface Holdings {
  /** n + 1 maps: what was held at each boundary. */
  atBoundary: CurrencyAmounts[];
  /** Account -> currency -> balance, at the start and at the end. */
  startByAccount: Map<string, CurrencyAmounts>;
  endByAccount: Map<string, CurrencyAmounts>;
  /** Fills whose order.exchange_name is no asset account, by that name (they count nowhere). */
  fillsOutsideAccounts: Map<string, number>;
}

/** Resolves order.exchange_name (upper-cased) to an asset account's name, or null. */
export type FillAccountResolver = (exchangeName: string) => string | null;

export function fillAccountResolver(
  accounts: ReadonlyArray<{ name: string; burn: boolean }>,
): FillAccountResolver {
  const byUpper = new Map<string, string | null>();
  for (const a of accounts) byUpper.set(a.name.toUpperCase(), a.burn ? null : a.name);
  // Gryphon's Exchange.all_pair_names: the GEMINI account also holds GEMINI_ETH_USD's fills.
  if (byUpper.get('GEMINI') && !byUpper.has('GEMINI_ETH_USD'))
    byUpper.set('GEMINI_ETH_USD', byUpper.get('GEMINI') ?? null);
  return (name) => byUpper.get(name) ?? null;
}

/** The ledger effect of a group of fills, per currency. */
export function fillLegs(r: FillSums): Array<[string, Fixed]> {
  const volume = fx(r.volume);
  const price = fx(r.price);
  const bid = r.side === 'BID';
  return [
    [r.volumeCurrency, bid ? volume : -volume],
    [r.priceCurrency, bid ? -price : price],
    [r.feeCurrency, -fx(r.fee)],
  ];
}

export function computeHoldings(input: {
  index: TimelineIndex;
  resolve: FillAccountResolver;
  openingFills: readonly FillSums[];
  windowFills: readonly FillSums[];
  assetEvents: readonly AssetEvent[];
}): Holdings {
  const { index, resolve } = input;
  const n = index.n;
  const start = new Map<string, CurrencyAmounts>();
  const end = new Map<string, CurrencyAmounts>();
  const flows: CurrencyAmounts[] = Array.from({ length: n }, () => new Map());
  const outside = new Map<string, number>();
  const book = (
    target: Map<string, CurrencyAmounts>,
    account: string,
    cur: string,
    amount: Fixed,
  ) => {
    const m = target.get(account) ?? new Map<string, Fixed>();
    addTo(m, cur, amount);
    target.set(account, m);
  };
  const apply = (account: string, cur: string, amount: Fixed, k: number) => {
    if (k >= n) return;
    if (k < 0) book(start, account, cur, amount);
    else addTo(flows[k], cur, amount);
    book(end, account, cur, amount);
  };
  for (const r of input.openingFills) {
    const account = resolve(r.account);
    if (account === null) outside.set(r.account, (outside.get(r.account) ?? 0) + r.count);
    else for (const [cur, a] of fillLegs(r)) apply(account, cur, a, -1);
  }
  for (const r of input.windowFills) {
    const account = resolve(r.account);
    const k = r.day === null ? undefined : index.ofDay(r.day);
    if (k === undefined) throw new Error(`Window fills of day ${r.day} fall outside the window`);
    if (account === null) outside.set(r.account, (outside.get(r.account) ?? 0) + r.count);
    else for (const [cur, a] of fillLegs(r)) apply(account, cur, a, k);
  }
  for (const e of input.assetEvents) apply(e.account, e.currency, e.amount, index.ofTime(e.time));

  const atBoundary: CurrencyAmounts[] = [new Map()];
  for (const m of start.values()) for (const [cur, a] of m) addTo(atBoundary[0], cur, a);
  for (let k = 0; k < n; k++) {
    const next = new Map(atBoundary[k]);
    for (const [cur, a] of flows[k]) addTo(next, cur, a);
    atBoundary.push(next);
  }
  return { atBoundary, startByAccount: start, endByAccount: end, fillsOutsideAccounts: outside };
}
