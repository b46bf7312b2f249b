import type { Fixed } from '../../core/money/fixed';
import { fx, rateOf } from './math';
import type { FillSums, RateSource } from './types';

/**
 * Daily USD rates per currency. From the trading database (the default source):
 * - a currency traded as a volume currency (BTC, ETH): that day's volume-weighted average
 *   USD unit price of its fills, Σ price × order.exchange_rate / Σ volume;
 * - otherwise, a price currency (EUR, CAD): the day's notional-weighted order.exchange_rate,
 *   Σ price × exchange_rate / Σ price;
 * - USD is 1.
 * Only fills whose order has an exchange_rate count. Other sources (an imported table, Open
 * Exchange Rates) come as candidates in precedence order; a day without any rate takes the
 * last known one (or, failing that, the next one) and is flagged; a currency with no rate at
 * all is unvalued: never valued at 0 silently.
 */
export type DayRates = Map<string, Map<string, Fixed>>;

export function tradingRatesFromFills(rows: readonly FillSums[]): DayRates {
  const asVolume = new Map<string, { usd: Fixed; volume: Fixed }>();
  const asPrice = new Map<string, { usd: Fixed; price: Fixed }>();
  for (const r of rows) {
    if (!r.rated || r.day === null) continue;
    const usd = fx(r.priceUsd);
    const v = asVolume.get(`${r.volumeCurrency} ${r.day}`) ?? { usd: 0n, volume: 0n };
    v.usd += usd;
    v.volume += fx(r.volume);
    asVolume.set(`${r.volumeCurrency} ${r.day}`, v);
    const p = asPrice.get(`${r.priceCurrency} ${r.day}`) ?? { usd: 0n, price: 0n };
    p.usd += usd;
    p.price += fx(r.price);
    asPrice.set(`${r.priceCurrency} ${r.day}`, p);
  }
  const out: DayRates = new Map();
  const put = (key: string, rate: Fixed | null) => {
    const [cur, day] = key.split(' ');
    if (rate === null || rate <= 0n || cur === 'USD' || cur === '') return;
    const days = out.get(cur) ?? new Map<string, Fixed>();
    if (!days.has(day)) days.set(day, rate);
    out.set(cur, days);
  };
  for (const [key, s] of asVolume) put(key, rateOf(s.usd, s.volume));
  for (const [key, s] of asPrice) put(key, rateOf(s.usd, s.price));
  return out;
}

export interface RateCandidate {
  rate: Fixed;
  source: RateSource;
}

/** Per currency and day, the first source (in the given order) that has a rate. */
export function mergeRateSources(
  sources: ReadonlyArray<{ source: RateSource; rates: DayRates }>,
): Map<string, Map<string, RateCandidate>> {
  const out = new Map<string, Map<string, RateCandidate>>();
  for (const { source, rates } of sources) {
    for (const [cur, days] of rates) {
      const target = out.get(cur) ?? new Map<string, RateCandidate>();
      for (const [day, rate] of days)
        if (!target.has(day) && rate > 0n) target.set(day, { rate, source });
      out.set(cur, target);
    }
  }
  return out;
}
