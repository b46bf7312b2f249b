import { ConfigError } from '@/lib/core/errors';
import { type Fixed, fixedMul, parseFixedOrZero } from '../core/money/fixed';

/**
 * Converting trading-DB amounts into a strategy's price currency, as Gryphon's
 * `price_in_usd` / `fee_in_currency`: an amount already in the strategy currency is taken
 * as is; otherwise it is converted only when the strategy is priced in USD, with the
 * order's `exchange_rate` (that order's price currency -> USD, DECIMAL(20,10)). Any other
 * mismatch is a ConfigError: one rate per order cannot convert EUR to CAD.
 */
export interface StrategyCurrencies {
  priceCurrency: string;
  volumeCurrency: string;
}

export interface CurrencyConverter {
  readonly currencies: StrategyCurrencies;
  /** `what` names the row in error messages ("fill 123"). */
  toStrategyCurrency(amount: Fixed, from: string, exchangeRate: string | null, what: string): Fixed;
}

export function createConverter(currencies: StrategyCurrencies): CurrencyConverter {
  const cur = upperCased(currencies);
  // Consecutive fills mostly share an order and so a rate: skip re-parsing the same text.
  let lastRateText: string | null = null;
  let lastRate: Fixed = 0n;
  return {
    currencies: cur,
    toStrategyCurrency(amount, from, exchangeRate, what) {
      if (sameCurrency(from, cur.priceCurrency)) return amount;
      if (cur.priceCurrency !== 'USD') {
        throw new ConfigError(
          `The strategy is priced in ${cur.priceCurrency} but ${what} is in ${from}; only conversions to USD are possible (with order.exchange_rate): set price_currency to ${from} or USD`,
        );
      }
      if (exchangeRate !== lastRateText) {
        lastRate = parseFixedOrZero(exchangeRate);
        lastRateText = exchangeRate;
      }
      if (lastRate <= 0n) {
        throw new ConfigError(
          `Cannot convert ${what} from ${from} to USD: its order has no exchange_rate`,
        );
      }
      return fixedMul(amount, lastRate);
    },
  };
}

/**
 * order.fundamental_value in the strategy's price currency: the candidate mark for unrealized
 * P&L. Null when NULL or 0 (Gryphon's getter treats 0 as missing). Gryphon's own harness writes
 * a placeholder of 1 on every order, so the caller uses it only when plausible against a fill
 * of the pair (mark-price.ts, plausible-price.ts).
 */
export function markPriceFromOrder(
  order: {
    fundamentalValue: string | null;
    priceCurrency: string | null;
    exchangeRate: string | null;
  },
  currencies: StrategyCurrencies,
): Fixed | null {
  const value = parseFixedOrZero(order.fundamentalValue);
  if (value === 0n) return null;
  const converter = createConverter(currencies);
  const from = order.priceCurrency ?? converter.currencies.priceCurrency;
  return converter.toStrategyCurrency(value, from, order.exchangeRate, 'the latest order');
}

/** Currency codes are upper case in the DB; `upperB` must already be. */
export function sameCurrency(a: string | null, upperB: string): boolean {
  return a === upperB || (a !== null && a.toUpperCase() === upperB);
}

export function upperCased(c: StrategyCurrencies): StrategyCurrencies {
  return {
    priceCurrency: c.priceCurrency.toUpperCase(),
    volumeCurrency: c.volumeCurrency.toUpperCase(),
  };
}
