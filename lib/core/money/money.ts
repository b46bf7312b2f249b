import Decimal from 'decimal.js';

/**
 * Decimal helpers and the one money formatter of the app.
 *
 * `Dec` is a decimal.js constructor with 60 significant digits (the default 20 would round
 * sums of DECIMAL(24,14) columns) and no exponent notation in toString(), so amounts always
 * print as plain decimal strings ("0.00000001", never "1e-8").
 *
 * Display style follows Gryphon's Money (`gryphon/lib/money.py`), which its users know:
 * the currency code, a space, the amount with thousands separators: "USD 1,234.50",
 * "BTC 0.12345678", "USD -3.10". Crypto amounts show 8 decimals (Gryphon did so for BTC only;
 * ETH and the others get the same so small balances stay visible), everything else 2.
 * Display rounding is half-even, as Python's Decimal formatting.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

export type DecimalInput = Decimal.Value;

const CRYPTO = new Set(['BTC', 'ETH', 'BCH', 'ZEC', 'LTC', 'XBT', 'USDT', 'USDC']);

/** Any decimal input (string as it comes from MySQL, Decimal, integer) as a Decimal. */
export function D(value: DecimalInput): Decimal {
  return new Dec(value);
}

export function sumDecimals(values: Iterable<DecimalInput>): Decimal {
  let total = new Dec(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** Plain decimal string, trailing zeros trimmed; rounded half-even when maxDecimals is given. */
export function toDecimalString(value: DecimalInput, maxDecimals?: number): string {
  let d = D(value);
  if (maxDecimals !== undefined) d = d.toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_EVEN);
  return d.isZero() ? '0' : d.toFixed();
}

/** For drawing only: the nearest JS number. */
export function toDrawingNumber(value: DecimalInput): number {
  return D(value).toNumber();
}

export function isCryptoCurrency(currency: string): boolean {
  return CRYPTO.has(currency.toUpperCase());
}

/** Decimals shown for an amount in this currency: 8 for crypto, 2 otherwise. */
export function displayDecimals(currency: string): number {
  return isCryptoCurrency(currency) ? 8 : 2;
}

export interface FormatOptions {
  /** Show "+" on positive amounts (P&L figures). */
  sign?: boolean;
  /** Override the currency's usual number of decimals. */
  decimals?: number;
}

/** "1,234.50" style: fixed decimals, thousands separators, no "-0.00". */
export function formatAmount(
  value: DecimalInput,
  decimals: number,
  opts: FormatOptions = {},
): string {
  const rounded = D(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN);
  const negative = rounded.isNegative() && !rounded.isZero();
  const [intPart, fracPart] = rounded.abs().toFixed(decimals).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = negative ? '-' : opts.sign && !rounded.isZero() ? '+' : '';
  return sign + grouped + (fracPart === undefined ? '' : `.${fracPart}`);
}

/** "USD 1,234.50", "BTC 0.12345678", "USD -3.10" (with sign: "USD +3.10"). */
export function formatMoney(
  value: DecimalInput,
  currency: string,
  opts: FormatOptions = {},
): string {
  const decimals = opts.decimals ?? displayDecimals(currency);
  return `${currency.toUpperCase()} ${formatAmount(value, decimals, opts)}`;
}
