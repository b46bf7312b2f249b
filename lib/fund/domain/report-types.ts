/**
 * What the fund page and GET /api/fund show: plain JSON. Money is an exact decimal string in
 * USD unless a `currency` says otherwise; times are ISO 8601 UTC; series values are numbers
 * (for drawing only).
 */
export type FundPartKey =
  | 'tradingRevenue'
  | 'tradingFees'
  | 'transferFees'
  | 'operatingCosts'
  | 'capitalFlows'
  | 'liabilities'
  | 'drift'
  | 'unrealizedPnl'
  | 'revaluation'
  | 'discrepancy';

export interface FundPart {
  key: FundPartKey;
  label: string;
  /** Signed contribution to the change in net assets. */
  usd: string;
}

export interface FundStrategyRow {
  actor: string;
  displayName: string;
  href: string | null;
  volumeCurrency: string;
  fills: number;
  bidVolume: string;
  askVolume: string;
  positionStart: string;
  positionEnd: string;
  revenue: string;
  fees: string;
  unrealizedStart: string;
  unrealizedEnd: string;
  /** Position the fill history does not explain (normally 0). */
  unexplainedStart: string;
  unexplainedEnd: string;
}

export interface FundCostRow {
  transactionId: number;
  time: string;
  account: string;
  kind: 'cost' | 'refund';
  amount: string;
  currency: string;
  usd: string;
  description: string | null;
}

export interface FundFlowRow {
  transactionId: number;
  time: string;
  account: string;
  type: 'DEPOSIT' | 'WITHDRAWL';
  amount: string;
  currency: string;
  usd: string;
  description: string | null;
}

export interface FundLiabilityRow {
  entity: string;
  type: string;
  amount: string;
  currency: string;
  from: string;
  until: string | null;
  usdStart: string | null;
  usdEnd: string | null;
  takenInWindow: boolean;
  repaidInWindow: boolean;
}

export interface FundAccountRow {
  /** '' = in transit between our own accounts. */
  account: string;
  currency: string;
  start: string;
  end: string;
  /** Null when the currency has no rate: left out of the figures, not valued at 0. */
  usdStart: string | null;
  usdEnd: string | null;
}

export interface FundRateRow {
  currency: string;
  /** Days of the window valued by each source. */
  days: Record<'usd' | 'trading' | 'import' | 'oxr' | 'carried' | 'none', number>;
  rateStart: string | null;
  rateEnd: string | null;
  /** Days with a carried rate, and where from ("2024-03-02 ← 2024-03-01 trading"). */
  carried: string[];
}

export interface FundSeriesPoint {
  t: number;
  netAssets: number;
  assets: number;
  liabilities: number;
}

/** Transfers between our accounts touching the window, and the pairings a reader should check. */
export interface FundTransferSummary {
  /** Pairs found by a shared id, and by Gryphon's record_fiat_withdrawal shape (no id). */
  pairedById: number;
  pairedByDetails: number;
  /** Several legs fitted: paired by nearest creation time, then ids. */
  ambiguous: Array<{
    withdrawalId: number;
    depositId: number;
    from: string;
    to: string;
    time: string;
    amount: string;
    currency: string;
    /** Other transaction ids that fitted one of the two legs. */
    alternatives: number[];
  }>;
}

export interface FundReport {
  window: { start: string; end: string; valuedUntil: string };
  figures: {
    netAssetsStart: string;
    netAssetsEnd: string;
    change: string;
    assetsStart: string;
    assetsEnd: string;
    liabilitiesStart: string;
    liabilitiesEnd: string;
    sumOfParts: string;
    discrepancy: string;
    /** Realized trading revenue − trading fees − wire/transaction fees − operating costs. */
    profit: string;
    /** Trading fees + wire/transaction fees + operating costs, as a positive cost. */
    costs: string;
    /** Δ net assets before capital flows and liabilities (profit + unrealized + revaluation + drift). */
    result: string;
    /** Capital flows + liabilities part: what financing did to net assets, net. */
    financing: string;
  };
  parts: FundPart[];
  strategies: FundStrategyRow[];
  operatingCosts: FundCostRow[];
  capitalFlows: FundFlowRow[];
  drift: { count: number; usd: string };
  transferFees: { count: number; usd: string };
  transfers: FundTransferSummary;
  liabilities: FundLiabilityRow[];
  accounts: FundAccountRow[];
  revaluation: Array<{ currency: string; usd: string }>;
  rates: FundRateRow[];
  series: { stepDays: number; points: FundSeriesPoint[] };
  warnings: string[];
  notes: string[];
  timings: Record<string, number>;
}
