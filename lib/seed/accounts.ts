/**
 * The demo firm's accounts: four exchange pair accounts, a bank account and Gryphon's BURN
 * account for operating costs. Rows of the `exchange` table, with fixed ids (1..6) so that
 * transactions can reference them before the exchange rows are written.
 */

export const CURRENCIES = ['USD', 'EUR', 'BTC', 'ETH'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const CURRENCY_INDEX: Record<Currency, number> = { USD: 0, EUR: 1, BTC: 2, ETH: 3 };
export const isCrypto = (c: Currency) => c === 'BTC' || c === 'ETH';

export interface PairAccount {
  kind: 'pair';
  id: number;
  name: string;
  /** Volume (base) currency and price (quote) currency of the pair. */
  base: Currency;
  quote: Currency;
  /** Exchange fee schedules in basis points of notional (maker for resting quotes, taker otherwise). */
  makerFeeBps: number;
  takerFeeBps: number;
  /** Share of this exchange's BID fills whose fee is charged in the base currency (Kraken-style). */
  baseFeeShare: number;
  /** Balances written by initialize-ledger at the start of the history, decimal strings. */
  initial: Partial<Record<Currency, string>>;
  /** First exchange-side order and trade ids: fixed-width numbers that only grow. */
  orderIdBase: number;
  tradeIdBase: number;
}

export interface CashAccount {
  kind: 'bank' | 'burn';
  id: number;
  name: string;
  quote: Currency;
  initial: Partial<Record<Currency, string>>;
}

export type Account = PairAccount | CashAccount;

const pair = (p: Omit<PairAccount, 'kind'>): PairAccount => ({ kind: 'pair', ...p });

export const BITSTAMP = pair({
  id: 1,
  name: 'BITSTAMP_BTC_USD',
  base: 'BTC',
  quote: 'USD',
  makerFeeBps: 2,
  takerFeeBps: 5,
  baseFeeShare: 0,
  initial: { BTC: '30', USD: '1500000' },
  orderIdBase: 3_100_000_000,
  tradeIdBase: 71_000_000,
});
export const COINBASE = pair({
  id: 2,
  name: 'COINBASE_BTC_USD',
  base: 'BTC',
  quote: 'USD',
  makerFeeBps: 2,
  takerFeeBps: 5,
  baseFeeShare: 0,
  initial: { BTC: '25', USD: '1200000' },
  orderIdBase: 5_200_000_000,
  tradeIdBase: 480_000_000,
});
export const KRAKEN = pair({
  id: 3,
  name: 'KRAKEN_BTC_EUR',
  base: 'BTC',
  quote: 'EUR',
  makerFeeBps: 2,
  takerFeeBps: 6,
  baseFeeShare: 0.08,
  initial: { BTC: '25', EUR: '1100000' },
  orderIdBase: 1_400_000_000,
  tradeIdBase: 96_000_000,
});
export const GEMINI = pair({
  id: 4,
  name: 'GEMINI_ETH_USD',
  base: 'ETH',
  quote: 'USD',
  makerFeeBps: 3,
  takerFeeBps: 8,
  baseFeeShare: 0,
  initial: { ETH: '400', USD: '900000' },
  orderIdBase: 8_800_000_000,
  tradeIdBase: 640_000_000,
});
export const BANK: CashAccount = {
  kind: 'bank',
  id: 5,
  name: 'BMO_USD',
  quote: 'USD',
  initial: { USD: '2500000' },
};
export const BURN: CashAccount = { kind: 'burn', id: 6, name: 'BURN', quote: 'USD', initial: {} };

export const PAIR_ACCOUNTS: readonly PairAccount[] = [BITSTAMP, COINBASE, KRAKEN, GEMINI];
export const ACCOUNTS: readonly Account[] = [...PAIR_ACCOUNTS, BANK, BURN];

/** Strategy actors as Gryphon writes them into `order.actor`. */
export const ACTORS = {
  marketMaker: 'SIMPLEMARKETMAKING',
  /** The ETH market maker: the docs' own example section `[strategies:simple_mm_ethusd]`. */
  ethMarketMaker: 'SIMPLEMARKETMAKINGETH',
  arbitrage: 'SIMPLEARB',
  manual: 'Multi',
} as const;
