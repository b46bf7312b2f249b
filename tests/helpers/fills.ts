import type {
  RawStrategyFillRow,
  StrategyCurrencies,
  StrategyFill,
} from '@/lib/fills/strategy-fills';
import { normaliseStrategyFill } from '@/lib/fills/strategy-fills';

/** Builders for the domain tests: rows as MySQL returns them (DECIMALs as strings). */
export const BTC_USD: StrategyCurrencies = { priceCurrency: 'USD', volumeCurrency: 'BTC' };
export const T0 = Date.parse('2024-03-01T00:00:00Z');
export const minutes = (n: number) => T0 + n * 60_000;

let nextId = 1;

export function row(
  side: 'BID' | 'ASK',
  volume: string,
  notional: string,
  overrides: Partial<RawStrategyFillRow> = {},
): RawStrategyFillRow {
  const id = nextId++;
  return {
    tradeId: id,
    orderId: 1000 + id,
    time: new Date(minutes(id)),
    side,
    volume,
    volumeCurrency: 'BTC',
    price: notional,
    priceCurrency: 'USD',
    fee: '0',
    feeCurrency: 'USD',
    exchangeRate: '1',
    fundamentalValue: null,
    exchangeName: 'BITSTAMP_BTC_USD',
    ...overrides,
  };
}

/** A normalised fill at `minute` minutes after T0 (negative: before the window). */
export function fill(
  minute: number,
  side: 'BID' | 'ASK',
  volume: string,
  notional: string,
  overrides: Partial<RawStrategyFillRow> = {},
  currencies: StrategyCurrencies = BTC_USD,
): StrategyFill {
  return normaliseStrategyFill(
    row(side, volume, notional, { time: new Date(minutes(minute)), ...overrides }),
    currencies,
  );
}
