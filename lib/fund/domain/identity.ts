import type { Fixed } from '../../core/money/fixed';
import { addTo, mul } from './math';
import type { Holdings } from './holdings';
import type { LiabilityTimeline } from './liabilities';
import type { StrategyValuation, ValuedEvent, RateAt } from './valuation';
import type { AssetEvent, CostEvent } from './transfers';

/**
 * The accounting identity of the fund view (README, "The accounting identity"), exact on bigints:
 *
 *   Δ net assets = trading revenue − trading fees − transfer fees − operating costs
 *                + capital flows + liabilities (repaid − taken on) + drift
 *                + Δ unrealized P&L + revaluation + discrepancy
 *
 * with net assets = Σ_currencies (holdings − liabilities) × that instant's day rate. The
 * revaluation is what the rates did to what was held between the day boundaries (holdings
 * net of liabilities, except the strategies' open positions, whose revaluation is in the
 * unrealized P&L), plus the difference between the day rates and the orders'
 * exchange_rates on the fills' notionals, plus what transfers converted into another
 * currency on the way gained or lost against the day rates. Every flow is valued at its own day's rate, so on
 * consistent books the telescoping sum leaves nothing over and the discrepancy is 0. It is
 * not 0 when books disagree: fills on no asset account, a transfer received for another
 * amount than was sent, a payment into BURN without its asset leg in the same window, or an
 * opening position the fill history does not explain.
 */
export interface FundParts {
  tradingRevenue: Fixed;
  tradingFees: Fixed;
  transferFees: Fixed;
  operatingCosts: Fixed;
  capitalFlows: Fixed;
  liabilities: Fixed;
  drift: Fixed;
  unrealizedPnl: Fixed;
  revaluation: Fixed;
}

export interface IdentityResult {
  netAssets: Fixed[];
  assets: Fixed[];
  liabilityTotals: Fixed[];
  parts: FundParts;
  revaluationByCurrency: Map<string, Fixed>;
  change: Fixed;
  discrepancy: Fixed;
}

export function computeIdentity(input: {
  n: number;
  rateAt: RateAt;
  holdings: Holdings;
  liabilities: LiabilityTimeline;
  positions: Array<Map<string, Fixed>>;
  strategies: readonly StrategyValuation[];
  assetEvents: ReadonlyArray<ValuedEvent<AssetEvent>>;
  costEvents: ReadonlyArray<ValuedEvent<CostEvent>>;
}): IdentityResult {
  const { n, rateAt, holdings, liabilities, positions } = input;
  const value = (m: Map<string, Fixed>, k: number) =>
    [...m].reduce((t, [cur, a]) => t + mul(a, rateAt(cur, k)), 0n);
  const assets = holdings.atBoundary.map(value);
  const liabilityTotals = liabilities.atBoundary.map(value);
  const netAssets = assets.map((a, k) => a - liabilityTotals[k]);

  const sum = (xs: ReadonlyArray<{ usd: Fixed }>) => xs.reduce((t, x) => t + x.usd, 0n);
  const byCategory = (c: AssetEvent['category']) =>
    sum(input.assetEvents.filter((e) => e.event.category === c));
  let liabilityChanges = 0n;
  for (let k = 0; k < n; k++) liabilityChanges += value(liabilities.changes[k], k);

  const revaluationByCurrency = new Map<string, Fixed>();
  const currencies = new Set<string>();
  for (const list of [holdings.atBoundary, liabilities.atBoundary, positions])
    for (const m of list) for (const c of m.keys()) currencies.add(c);
  for (const s of input.strategies) for (const c of s.conversion.keys()) currencies.add(c);
  for (const cur of currencies) {
    let total = 0n;
    for (let k = 0; k < n; k++) {
      const step = rateAt(cur, k + 1) - rateAt(cur, k);
      if (step === 0n) continue;
      const held =
        (holdings.atBoundary[k + 1].get(cur) ?? 0n) -
        (positions[k + 1].get(cur) ?? 0n) -
        (liabilities.atBoundary[k + 1].get(cur) ?? 0n);
      total += mul(held, step);
    }
    for (const s of input.strategies) total += s.conversion.get(cur) ?? 0n;
    if (total !== 0n) revaluationByCurrency.set(cur, total);
  }
  // A transfer converted on the way (a USD wire landing as EUR): received − sent, each at its
  // day rate, is what the conversion gained or lost against the rates; it counts with the
  // currency received.
  for (const { event, usd } of input.assetEvents) {
    if (event.category === 'conversion' && event.convertedInto)
      addTo(revaluationByCurrency, event.convertedInto, usd);
  }

  const parts: FundParts = {
    tradingRevenue: input.strategies.reduce((t, s) => t + s.revenue, 0n),
    tradingFees: -input.strategies.reduce((t, s) => t + s.fees, 0n),
    transferFees: byCategory('fee'),
    operatingCosts: -sum(input.costEvents),
    capitalFlows: byCategory('capital'),
    liabilities: -liabilityChanges,
    drift: byCategory('drift'),
    unrealizedPnl: input.strategies.reduce((t, s) => t + s.unrealizedEnd - s.unrealizedStart, 0n),
    revaluation: [...revaluationByCurrency.values()].reduce((t, v) => t + v, 0n),
  };
  const change = netAssets[n] - netAssets[0];
  const explained = Object.values(parts).reduce((t: Fixed, v: Fixed) => t + v, 0n);
  return {
    netAssets,
    assets,
    liabilityTotals,
    parts,
    revaluationByCurrency,
    change,
    discrepancy: change - explained,
  };
}
