import { fixedToNumber } from '../../core/money/fixed';
import { sampleBoundaries } from './days';
import { computeIdentity, type FundParts } from './identity';
import { exact } from './math';
import type { OpenLotsCost } from './lots';
import type { PreparedFund } from './prepare';
import type { RateTable } from './rate-table';
import type { FundPart, FundPartKey, FundReport, FundTransferSummary } from './report-types';
import { describeAccounts, describeLiabilities, describeStrategies } from './report-rows';
import { summariseRates } from './rate-summary';
import { strategyId, type StrategyKey } from './types';
import { valueEvents, valueStrategy, type RateAt } from './valuation';

export const PART_LABELS: Record<FundPartKey, string> = {
  tradingRevenue: 'Trading revenue (realized)',
  tradingFees: 'Trading fees',
  transferFees: 'Wire and transaction fees',
  operatingCosts: 'Operating costs',
  capitalFlows: 'Capital flows',
  liabilities: 'Liabilities taken on / repaid',
  drift: 'Audit corrections (drift)',
  unrealizedPnl: 'Unrealized P&L change',
  revaluation: 'FX and price revaluation',
  discrepancy: 'Discrepancy',
};

/**
 * Did the business make money? `profit`: realized trading revenue less trading fees, wire and
 * transaction fees and operating costs (signed parts: costs are negative). `result`: the
 * change in net assets before capital flows and liabilities (profit plus the open positions'
 * unrealized P&L change, revaluation and audit corrections; the discrepancy left out).
 * `financing`: capital flows and liabilities together: a loan repaid is cash and a liability
 * both going down (net: the interest), an investor's money held as a liability nets to 0.
 */
export function profitFigures(p: FundParts): {
  profit: string;
  costs: string;
  result: string;
  financing: string;
} {
  const costs = -(p.tradingFees + p.transferFees + p.operatingCosts);
  const profit = p.tradingRevenue - costs;
  return {
    profit: exact(profit),
    costs: exact(costs),
    result: exact(profit + p.unrealizedPnl + p.revaluation + p.drift),
    financing: exact(p.capitalFlows + p.liabilities),
  };
}

const NO_LOTS: OpenLotsCost = { cost: 0n, unexplained: 0n, used: 0 };

/** Second half of the fund computation: values everything and writes the report. */
export function finishFund(
  prepared: PreparedFund,
  opts: {
    rates: RateTable;
    lots: Map<string, { atStart: OpenLotsCost; atEnd: OpenLotsCost }>;
    describeStrategy: (key: StrategyKey) => { displayName: string; href: string | null };
    maxPoints: number;
  },
): Omit<FundReport, 'notes' | 'timings'> {
  const { index, holdings, liabilities, classified } = prepared;
  const { timeline } = prepared.input;
  const n = index.n;
  const rateAt: RateAt = (cur, k) => opts.rates.rate(cur, timeline.boundaryDays[k]);
  const strategies = [...prepared.strategies.entries()].map(([id, s]) =>
    valueStrategy(s, opts.lots.get(id) ?? { atStart: NO_LOTS, atEnd: NO_LOTS }, index, rateAt),
  );
  const assetEvents = valueEvents(classified.assetEvents, index, rateAt);
  const costEvents = valueEvents(classified.costEvents, index, rateAt);
  const identity = computeIdentity({
    n,
    rateAt,
    holdings,
    liabilities,
    positions: prepared.positions,
    strategies,
    assetEvents,
    costEvents,
  });

  const partKeys = Object.keys(identity.parts) as Array<keyof FundParts>;
  const parts: FundPart[] = [
    ...partKeys.map((key) => ({ key, label: PART_LABELS[key], usd: exact(identity.parts[key]) })),
    { key: 'discrepancy', label: PART_LABELS.discrepancy, usd: exact(identity.discrepancy) },
  ];
  const iso = (ms: number) => new Date(ms).toISOString();
  const ofCategory = (c: string) => assetEvents.filter((e) => e.event.category === c);
  const sampled = sampleBoundaries(n + 1, opts.maxPoints);
  const rateSummary = summariseRates(prepared, opts.rates);
  const warnings = [
    ...rateSummary.warnings,
    ...ledgerWarnings(
      prepared,
      strategies
        .filter((s) => s.lots.atStart.unexplained !== 0n || s.lots.atEnd.unexplained !== 0n)
        .map((s) => strategyId(s.positions.key)),
    ),
  ];
  return {
    window: { start: iso(timeline.start), end: iso(timeline.end), valuedUntil: iso(timeline.end) },
    figures: {
      netAssetsStart: exact(identity.netAssets[0]),
      netAssetsEnd: exact(identity.netAssets[n]),
      change: exact(identity.change),
      assetsStart: exact(identity.assets[0]),
      assetsEnd: exact(identity.assets[n]),
      liabilitiesStart: exact(identity.liabilityTotals[0]),
      liabilitiesEnd: exact(identity.liabilityTotals[n]),
      sumOfParts: exact(identity.change - identity.discrepancy),
      discrepancy: exact(identity.discrepancy),
      ...profitFigures(identity.parts),
    },
    parts,
    strategies: describeStrategies(strategies, opts.describeStrategy),
    operatingCosts: costEvents.map(({ event: e, usd }) => ({
      transactionId: e.tx.id,
      time: iso(e.time),
      account: e.tx.account ?? '',
      kind: e.amount >= 0n ? 'cost' : 'refund',
      amount: exact(e.amount),
      currency: e.currency,
      usd: exact(usd),
      description: e.description,
    })),
    capitalFlows: ofCategory('capital').map(({ event: e, usd }) => ({
      transactionId: e.tx.id,
      time: iso(e.time),
      account: e.account,
      type: e.tx.type,
      amount: exact(e.amount),
      currency: e.currency,
      usd: exact(usd),
      description: e.tx.description,
    })),
    drift: { count: ofCategory('drift').length, usd: exact(identity.parts.drift) },
    transferFees: { count: ofCategory('fee').length, usd: exact(identity.parts.transferFees) },
    transfers: summariseTransfers(prepared),
    liabilities: describeLiabilities(liabilities, rateAt, n),
    accounts: describeAccounts(
      holdings,
      rateAt,
      n,
      (cur, k) => opts.rates.get(cur, timeline.boundaryDays[k]).source !== 'none',
    ),
    revaluation: [...identity.revaluationByCurrency]
      .sort()
      .map(([currency, v]) => ({ currency, usd: exact(v) })),
    rates: rateSummary.rows,
    series: {
      stepDays: sampled.length > 1 ? sampled[1] - sampled[0] : 1,
      points: sampled.map((k) => ({
        t: timeline.boundaries[k],
        netAssets: fixedToNumber(identity.netAssets[k]),
        assets: fixedToNumber(identity.assets[k]),
        liabilities: fixedToNumber(identity.liabilityTotals[k]),
      })),
    },
    warnings,
  };
}

function ledgerWarnings(prepared: PreparedFund, unexplained: string[]): string[] {
  const out: string[] = [];
  for (const [name, count] of prepared.holdings.fillsOutsideAccounts) {
    out.push(
      `${count} fills are on "${name || '(no exchange_name)'}", which is not an account of the exchange table (or is BURN): they count in trading revenue but in no balance.`,
    );
  }
  const unknown = prepared.classified.unknownAccount.length;
  if (unknown > 0)
    out.push(
      `${unknown} transactions reference an exchange_id that is not in the exchange table; they are left out.`,
    );
  for (const id of unexplained) {
    const [actor, cur] = id.split('\u0000');
    out.push(
      `The ${cur} position of ${actor || '(no actor)'} is not fully explained by its fill history: its revenue is not exact.`,
    );
  }
  return out;
}

/** Pairs with a leg created or completed in the window; ambiguous ones listed for checking. */
function summariseTransfers(prepared: PreparedFund): FundTransferSummary {
  const { start, end } = prepared.input.timeline;
  const inWindow = (t: number | null) => t !== null && t >= start && t < end;
  const pairs = prepared.classified.pairs.filter((p) =>
    [p.withdrawal.created, p.withdrawal.completed, p.deposit.created, p.deposit.completed].some(
      inWindow,
    ),
  );
  return {
    pairedById: pairs.filter((p) => p.by === 'id').length,
    pairedByDetails: pairs.filter((p) => p.by === 'details').length,
    ambiguous: pairs
      .filter((p) => p.alternatives.length > 0)
      .map((p) => ({
        withdrawalId: p.withdrawal.id,
        depositId: p.deposit.id,
        from: p.withdrawal.account ?? '',
        to: p.deposit.account ?? '',
        time: new Date(p.withdrawal.created).toISOString(),
        amount: p.withdrawal.amount,
        currency: p.withdrawal.currency,
        alternatives: p.alternatives,
      })),
  };
}
