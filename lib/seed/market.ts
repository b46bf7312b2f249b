import type { Prng } from './prng';
import type { PairAccount } from './accounts';
import { unitsOf, PRICE_SCALE } from './fixed';

/** Annualised volatilities, converted to one-minute steps (525,960 minutes a year). */
const MINUTES_PER_YEAR = 525_960;
const perMinute = (annual: number) => annual / Math.sqrt(MINUTES_PER_YEAR);
const BTC_SIGMA = perMinute(0.55);
const ETH_SIGMA = perMinute(0.7);
const ETH_BTC_CORRELATION = 0.8;
const EURUSD_SIGMA = perMinute(0.07);

/** Exchange premiums over the reference price: mean-reverting, half-life ~30 minutes. */
const PREMIUM_THETA = 0.023;
const premiumSigma = (stationarySd: number) => stationarySd * Math.sqrt(2 * PREMIUM_THETA);

export interface StartPrices {
  btcUsd: number;
  ethUsd: number;
  eurUsd: number;
}

export const DEFAULT_START_PRICES: StartPrices = { btcUsd: 64_000, ethUsd: 3_200, eurUsd: 1.085 };

/**
 * One random walk per asset (geometric, one step per simulated minute) plus a small
 * premium per exchange. Each day draws a trend and a volatility regime, so some days are
 * calm and range-bound (good for the market maker) and some run away from it.
 */
export class Market {
  btcUsd: number;
  ethUsd: number;
  eurUsd: number;
  /** Today's drift as a fraction of price over the day (e.g. 0.02 = +2 %). */
  trend = 0;
  private volFactor = 1;
  private premium = { COINBASE_BTC_USD: 0, KRAKEN_BTC_EUR: 0, GEMINI_ETH_USD: 0 } as Record<
    string,
    number
  >;
  private readonly premiumSd: Record<string, number> = {
    COINBASE_BTC_USD: 0.0016,
    KRAKEN_BTC_EUR: 0.0008,
    GEMINI_ETH_USD: 0.0006,
  };

  constructor(
    private readonly rng: Prng,
    start: StartPrices = DEFAULT_START_PRICES,
  ) {
    this.btcUsd = start.btcUsd;
    this.ethUsd = start.ethUsd;
    this.eurUsd = start.eurUsd;
  }

  newDay(): void {
    this.trend = this.rng.normal() * 0.018;
    this.volFactor = this.rng.range(0.6, 1.5);
  }

  /** Advances every path by one minute. */
  step(): void {
    const drift = this.trend / 1440;
    const zBtc = this.rng.normal();
    const zEth =
      ETH_BTC_CORRELATION * zBtc + Math.sqrt(1 - ETH_BTC_CORRELATION ** 2) * this.rng.normal();
    this.btcUsd *= 1 + drift + BTC_SIGMA * this.volFactor * zBtc;
    this.ethUsd *= 1 + drift + ETH_SIGMA * this.volFactor * zEth;
    // EUR/USD wanders in its 1.05-1.12 band: a gentle pull back to 1.085, firmer near the edges.
    const gap = this.eurUsd - 1.085;
    const pull = Math.abs(gap) > 0.03 ? 0.01 : 0.0002;
    this.eurUsd *= 1 - pull * gap + EURUSD_SIGMA * this.rng.normal();
    for (const key of Object.keys(this.premium)) {
      const p = this.premium[key];
      this.premium[key] =
        p - PREMIUM_THETA * p + premiumSigma(this.premiumSd[key]) * this.rng.normal();
    }
  }

  /** Mid price of the pair in its price currency (a float: round before storing). */
  mid(account: PairAccount): number {
    switch (account.name) {
      case 'BITSTAMP_BTC_USD':
        return this.btcUsd;
      case 'KRAKEN_BTC_EUR':
        return (this.btcUsd / this.eurUsd) * (1 + this.premium.KRAKEN_BTC_EUR);
      case 'GEMINI_ETH_USD':
        return this.ethUsd * (1 + this.premium.GEMINI_ETH_USD);
      default:
        return this.btcUsd * (1 + (this.premium[account.name] ?? 0));
    }
  }

  /** Mid price in cents of the price currency. */
  midCents(account: PairAccount): number {
    return unitsOf(this.mid(account), PRICE_SCALE);
  }

  /** Price currency -> USD as Gryphon stores `order.exchange_rate` (6 decimals; 1 for USD). */
  rateToUsd(account: PairAccount): string {
    return account.quote === 'EUR' ? this.eurUsd.toFixed(6) : '1';
  }
}
