import type { TransactionRecord, TransferLeg } from '../../transfers/domain/pairing';

/**
 * Inputs of the fund computation (lib/fund/domain/*.ts), as the SQL layer delivers them:
 * amounts are exact decimal strings, times epoch milliseconds (UTC), days 'YYYY-MM-DD' (UTC).
 * Codes (accounts, actors, currencies) are upper-cased; a NULL is ''.
 */
export type Side = 'BID' | 'ASK';

/** Sums over the fills sharing every key field; `day` is null for sums over many days. */
export interface FillSums {
  day: string | null;
  /** order.exchange_name: the account the fills belong to. */
  account: string;
  actor: string;
  side: Side;
  priceCurrency: string;
  volumeCurrency: string;
  /** A NULL fee currency is the price currency (the ledger's rule). */
  feeCurrency: string;
  /** False when the order has no usable exchange_rate and the price currency is not USD. */
  rated: boolean;
  volume: string;
  /** Total notional, price currency. */
  price: string;
  /** Σ price × order.exchange_rate (× 1 for unrated USD fills); 0 for unrated rows. */
  priceUsd: string;
  fee: string;
  count: number;
}

export type TransactionType = TransferLeg['type'];

/** A transaction as the fund reads it (lib/transfers/queries.ts). */
export type FundTransaction = TransactionRecord;

export interface FundLiability {
  id: number;
  entity: string;
  type: string;
  amount: string;
  currency: string;
  /** time_started, or time_created when NULL. */
  started: number;
  repaid: number | null;
}

/** A fill as the lot search returns it (newest first), price already in USD when rated. */
export interface LotFill {
  tradeId: number;
  timeMs: number;
  day: string;
  side: Side;
  volume: string;
  price: string;
  priceCurrency: string;
  /** Null when the order has no usable exchange_rate (valued at a day rate instead). */
  priceUsd: string | null;
}

/** A strategy of the fund view: one actor's position in one volume currency. */
export interface StrategyKey {
  actor: string;
  volumeCurrency: string;
}

export const strategyId = (s: StrategyKey) => `${s.actor}\u0000${s.volumeCurrency}`;

export type RateSource = 'import' | 'trading' | 'oxr';
