import { ConfigError } from '@/lib/core/errors';
import {
  type CurrencyConverter,
  type StrategyCurrencies,
  createConverter,
  sameCurrency,
  upperCased,
} from './currency-conversion';
import { type Fixed, fixedDiv, parseFixed, parseFixedOrZero } from '../core/money/fixed';
import {
  type FillSide,
  fillFeeCurrency,
  fillFeeValue,
  fillFeeValueUsd,
  fillSide,
  fillUnitValue,
  fillVolumeCurrencyFee,
} from './rules';

/**
 * Turns the joined `trade` + `order` rows of a strategy into fills in the strategy's price
 * currency (reference §5.3 and §11.3); conversions are in currency-conversion.ts.
 * - A fee in the volume currency (e.g. BTC) is valued at `order.fundamental_value` (taken to
 *   be in the order's price currency, as Gryphon does); when that is NULL or 0, or implausible
 *   against the fill's own unit price (plausible-price.ts: Gryphon's harness writes a
 *   placeholder of 1 on every order), the fill's own unit price is used instead and the
 *   placeholder counted. It is then converted like a price, and also kept in BTC as
 *   `feeInVolumeCurrency` (Gryphon's matched_volume_currency_fees).
 * - Sides and fee currencies follow lib/fills (as every page reads them): a side that is not
 *   BID is an ASK; a NULL or empty fee currency is the fill's price currency. A NULL fee is zero.
 * - Fills in another volume currency than the strategy's (an actor trading two pairs) are
 *   left out and counted: positions in different assets cannot be added (Gryphon crashed).
 * - Unlike Gryphon, fills under 0.0001 are not dropped from volume and position: the
 *   position series then ends exactly at the closing position.
 */
export type { FillSide };
export type { StrategyCurrencies } from './currency-conversion';

/** One row of `trade JOIN order`: DECIMAL columns as strings, DATETIME as naive-UTC string or Date. */
export interface RawStrategyFillRow {
  tradeId: number;
  orderId: number;
  time: Date | string;
  /** FILL_SIDE_SQL (trade_type, else order_type): read again by fillSide, so a raw value works too. */
  side: string;
  volume: string;
  volumeCurrency: string;
  /** Total notional of the fill (unit price × volume), in priceCurrency. */
  price: string;
  priceCurrency: string;
  fee: string | null;
  feeCurrency: string | null;
  /** order.exchange_rate: the order's price currency -> USD. */
  exchangeRate: string | null;
  /** order.fundamental_value, in the order's price currency. */
  fundamentalValue: string | null;
  exchangeName: string | null;
}

/** Amounts as Fixed: volume in the volume currency, price and fee in the strategy's price currency. */
export interface StrategyFill {
  tradeId: number;
  orderId: number;
  /** Epoch milliseconds, UTC. */
  timeMs: number;
  side: FillSide;
  volume: Fixed;
  /** Total notional. */
  price: Fixed;
  /** All of the fee, including a volume-currency fee valued in the price currency. */
  fee: Fixed;
  /** The part of the fee charged in the volume currency, in volume-currency units. */
  feeInVolumeCurrency: Fixed;
  exchangeName: string;
  /** Only on fifo.ts's stand-in for opening volume the history does not explain. */
  unpriced?: true;
}

export interface NormalisedFills {
  fills: StrategyFill[];
  /** Fills skipped because their volume currency is not the strategy's. */
  otherVolumeCurrencyFills: number;
  otherVolumeCurrencies: string[];
  /** Fills whose volume-currency fee was valued at their own unit price because their
   * order's fundamental value was implausible against it (a placeholder). */
  placeholderFundamentalFills: number;
}

/** Counts what convertRow did, without a per-row allocation. */
interface ConvertStats {
  placeholderFundamentalFills: number;
}

export function normaliseStrategyFills(
  rows: readonly RawStrategyFillRow[],
  currencies: StrategyCurrencies,
): NormalisedFills {
  const converter = createConverter(currencies);
  const volumeCurrency = converter.currencies.volumeCurrency;
  const fills: StrategyFill[] = [];
  const others = new Set<string>();
  const stats: ConvertStats = { placeholderFundamentalFills: 0 };
  for (const row of rows) {
    if (sameCurrency(row.volumeCurrency, volumeCurrency)) {
      fills.push(convertRow(row, converter, stats));
    } else others.add(String(row.volumeCurrency).toUpperCase());
  }
  return {
    fills,
    otherVolumeCurrencyFills: rows.length - fills.length,
    otherVolumeCurrencies: [...others].sort(),
    placeholderFundamentalFills: stats.placeholderFundamentalFills,
  };
}

/** One row; throws a ConfigError when its volume currency is not the strategy's. */
export function normaliseStrategyFill(
  row: RawStrategyFillRow,
  currencies: StrategyCurrencies,
): StrategyFill {
  const { volumeCurrency } = upperCased(currencies);
  if (!sameCurrency(row.volumeCurrency, volumeCurrency)) {
    throw new ConfigError(
      `Fill ${row.tradeId} is in ${row.volumeCurrency}, the strategy's volume currency is ${volumeCurrency}`,
    );
  }
  return convertRow(row, createConverter(currencies), { placeholderFundamentalFills: 0 });
}

/** Unit price (notional / volume) in the strategy's price currency; null for a zero volume. */
export function unitPrice(fill: Pick<StrategyFill, 'price' | 'volume'>): Fixed | null {
  return fill.volume === 0n ? null : fixedDiv(fill.price, fill.volume);
}

function convertRow(
  row: RawStrategyFillRow,
  converter: CurrencyConverter,
  stats: ConvertStats,
): StrategyFill {
  const what = `fill ${row.tradeId}`;
  const volume = parseFixed(row.volume);
  if (volume < 0n) throw new Error(`Fill ${row.tradeId} has a negative volume ${row.volume}`);
  const rawPrice = parseFixed(row.price);
  const price = converter.toStrategyCurrency(rawPrice, row.priceCurrency, row.exchangeRate, what);
  // The fee by the rules of fills (rules.ts, with SQL twins the rollup uses): in the fill's
  // price currency when the strategy is priced in it, else in USD.
  let fee = 0n;
  let feeInVolumeCurrency = 0n;
  if (parseFixedOrZero(row.fee) !== 0n) {
    const { priceCurrency, volumeCurrency } = converter.currencies;
    const input = {
      fee: row.fee,
      feeCurrency: row.feeCurrency,
      priceCurrency: row.priceCurrency,
      volumeCurrency: row.volumeCurrency,
      notional: row.price,
      volume: row.volume,
      fundamentalValue: row.fundamentalValue,
      exchangeRate: row.exchangeRate,
    };
    const native = sameCurrency(row.priceCurrency, priceCurrency);
    const value = native
      ? fillFeeValue(input)
      : priceCurrency === 'USD'
        ? fillFeeValueUsd(input)
        : null;
    const feeCurrency = fillFeeCurrency(row.feeCurrency, row.priceCurrency);
    if (value === null) {
      if (!native && priceCurrency === 'USD' && fillFeeValue(input) !== null) {
        throw new ConfigError(
          `Cannot convert the fee of ${what} from ${row.priceCurrency} to USD: its order has no exchange_rate`,
        );
      }
      throw new ConfigError(
        `Fill ${row.tradeId} has a fee in ${feeCurrency}, neither its price currency (${row.priceCurrency}) nor the volume currency (${volumeCurrency})` +
          (native ? '' : `, and the strategy is priced in ${priceCurrency}`),
      );
    }
    fee = value;
    feeInVolumeCurrency = fillVolumeCurrencyFee(input);
    if (
      feeInVolumeCurrency !== 0n &&
      fillUnitValue(row.price, row.volume, row.fundamentalValue).placeholder
    ) {
      stats.placeholderFundamentalFills += 1;
    }
  }
  return {
    tradeId: row.tradeId,
    orderId: row.orderId,
    timeMs: toEpochMs(row.time, row.tradeId),
    side: fillSide(row.side, null),
    volume,
    price,
    fee,
    feeInVolumeCurrency,
    exchangeName: row.exchangeName ?? '',
  };
}

/**
 * DATETIME columns are naive UTC ("2024-03-01 13:00:05"), read by hand because Date.parse
 * was a tenth of the cost of a fill; other strings go to Date.parse and carry their own zone.
 */
function toEpochMs(time: Date | string, tradeId: number): number {
  if (time instanceof Date) return time.getTime();
  const ms = time.length === 19 && DATETIME.test(time) ? naiveUtcMs(time) : Date.parse(time);
  if (Number.isNaN(ms)) throw new Error(`Fill ${tradeId} has an unreadable time "${time}"`);
  return ms;
}

const DATETIME = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d$/;

/** Digits read with charCodeAt: slicing six substrings per row showed up in profiles. */
function naiveUtcMs(s: string): number {
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  return Date.UTC(
    year,
    twoDigits(s, 5) - 1,
    twoDigits(s, 8),
    twoDigits(s, 11),
    twoDigits(s, 14),
    twoDigits(s, 17),
  );
}

function twoDigits(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
}
