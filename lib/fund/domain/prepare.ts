import type { FundTimeline } from './days';
import { computeHoldings, fillAccountResolver, type Holdings } from './holdings';
import { computeLiabilities, type LiabilityTimeline } from './liabilities';
import { positionsAtBoundaries, strategyPositions, type StrategyPositions } from './strategies';
import { indexTimeline, type TimelineIndex } from './timeline-index';
import { classifyTransactions, type ClassifiedTransactions } from './transfers';
import type { FillSums, FundLiability, FundTransaction } from './types';

/**
 * First half of the fund computation, before any rate is known: the ledger (holdings at every
 * boundary), the strategies' positions (whose open lots the caller then looks up), the
 * liabilities, and the currencies that need a rate.
 */
export interface FundInput {
  timeline: FundTimeline;
  accounts: ReadonlyArray<{ name: string; burn: boolean }>;
  /** Fills before the window start (any grouping by day). */
  openingFills: readonly FillSums[];
  /** Fills of the window, grouped by day. */
  windowFills: readonly FillSums[];
  transactions: readonly FundTransaction[];
  liabilities: readonly FundLiability[];
}

export interface PreparedFund {
  input: FundInput;
  index: TimelineIndex;
  classified: ClassifiedTransactions;
  holdings: Holdings;
  liabilities: LiabilityTimeline;
  strategies: Map<string, StrategyPositions>;
  positions: Array<Map<string, bigint>>;
  /** Every currency held, traded, owed or moved: each needs a rate. */
  currencies: string[];
}

export function prepareFund(input: FundInput): PreparedFund {
  const index = indexTimeline(input.timeline);
  const burn = new Set(input.accounts.filter((a) => a.burn).map((a) => a.name));
  const classified = classifyTransactions(input.transactions, (name) =>
    burn.has(name) ? 'burn' : 'asset',
  );
  const holdings = computeHoldings({
    index,
    resolve: fillAccountResolver(input.accounts),
    openingFills: input.openingFills,
    windowFills: input.windowFills,
    assetEvents: classified.assetEvents,
  });
  const liabilities = computeLiabilities(input.liabilities, index);
  const strategies = strategyPositions(input.openingFills, input.windowFills, index);
  const positions = positionsAtBoundaries(strategies.values(), index.n);
  const currencies = new Set<string>(['USD']);
  for (const list of [holdings.atBoundary, liabilities.atBoundary, positions])
    for (const m of list) for (const c of m.keys()) currencies.add(c);
  for (const r of input.windowFills)
    for (const c of [r.priceCurrency, r.volumeCurrency, r.feeCurrency]) currencies.add(c);
  for (const e of classified.costEvents) currencies.add(e.currency);
  currencies.delete('');
  return {
    input,
    index,
    classified,
    holdings,
    liabilities,
    strategies,
    positions,
    currencies: [...currencies].sort(),
  };
}
