import { FIXED_ONE, type Fixed, fixedMul, parseFixed, parseFixedOrZero } from '../core/money/fixed';
import { isPlausiblePrice } from './plausible-price';

/**
 * The TypeScript twins of sql.ts: the same rules over the raw column values as mysql2 returns
 * them (DECIMAL and VARCHAR as strings, NULL as null), so that a fill interpreted here reads
 * exactly as the SQL reads it. rules.db.test.ts evaluates both on MariaDB, row by row.
 *
 * Text compares as MariaDB's default collations compare it: case-insensitively and ignoring
 * trailing spaces (PAD SPACE). Codes are ASCII; accent-insensitive matches ('bíd' = 'BID'
 * under latin1_swedish_ci) are not mirrored.
 */
export type FillSide = 'BID' | 'ASK';

/** Decimals of FILL_UNIT_PRICE_SQL: trade.price's 14 plus div_precision_increment's 4. */
export const UNIT_PRICE_DECIMALS = 18;

const TRAILING_SPACES = / +$/;

/** `value = upperLiteral` as MariaDB evaluates it; `upperLiteral` is upper case, no trailing space. */
function sqlEquals(value: string, upperLiteral: string): boolean {
  return (
    value === upperLiteral || value.toUpperCase().replace(TRAILING_SPACES, '') === upperLiteral
  );
}

/** UPPER(COALESCE(value, '')): currencies, accounts (exchange_name), actors. */
export function fillCode(value: string | null): string {
  return value === null ? '' : value.toUpperCase();
}

/** FILL_SIDE_SQL: BID when trade_type, else order_type, is BID; anything else is an ASK. */
export function fillSide(tradeType: string | null, orderType: string | null): FillSide {
  const side = tradeType ?? orderType;
  if (side === 'BID') return 'BID';
  return side !== null && sqlEquals(side, 'BID') ? 'BID' : 'ASK';
}

/** FILL_FEE_CURRENCY_SQL: a NULL or empty fee currency is the price currency. */
export function fillFeeCurrency(feeCurrency: string | null, priceCurrency: string | null): string {
  const empty = feeCurrency === null || sqlEquals(feeCurrency, '');
  return fillCode(empty ? priceCurrency : feeCurrency);
}

/** FILL_VOLUME_SQL, FILL_NOTIONAL_SQL, FILL_FEE_SQL: a DECIMAL column, NULL read as 0. */
export function fillAmount(value: string | null): Fixed {
  return parseFixedOrZero(value);
}

/** FILL_USD_RATE_SQL: order.exchange_rate when > 0, 1 for a USD price, else null (unrated). */
export function fillUsdRate(
  exchangeRate: string | null,
  priceCurrency: string | null,
): Fixed | null {
  if (exchangeRate !== null) {
    const rate = parseFixed(exchangeRate);
    if (rate > 0n) return rate;
  }
  return priceCurrency !== null && sqlEquals(priceCurrency, 'USD') ? FIXED_ONE : null;
}

/** FILL_NOTIONAL_USD_SQL: notional × USD rate, exact; null when unrated. */
export function fillNotionalUsd(
  notional: string | null,
  exchangeRate: string | null,
  priceCurrency: string | null,
): Fixed | null {
  const rate = fillUsdRate(exchangeRate, priceCurrency);
  // A 14-decimal notional times a 10-decimal rate has 24 decimals: exact at Fixed's 36.
  return rate === null ? null : fixedMul(fillAmount(notional), rate);
}

const UNIT_PRICE_ONE = 10n ** BigInt(UNIT_PRICE_DECIMALS);

/**
 * FILL_UNIT_PRICE_SQL: notional / volume at UNIT_PRICE_DECIMALS decimals, rounded half away
 * from zero as MariaDB rounds a DECIMAL quotient; null for a zero or NULL volume.
 */
export function fillUnitPrice(notional: string | null, volume: string | null): Fixed | null {
  const v = fillAmount(volume);
  if (v === 0n) return null;
  // Both are Fixed (× 10^36): notional / volume × 10^18 is the quotient in 10^-18 units.
  const units = divRoundHalfAwayFromZero(fillAmount(notional) * UNIT_PRICE_ONE, v);
  return units * (FIXED_ONE / UNIT_PRICE_ONE);
}

function divRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < (d < 0n ? -d : d)) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
}

/** Two upper-cased codes as MariaDB compares them (trailing spaces ignored). */
const sameCode = (a: string, b: string) =>
  a.replace(TRAILING_SPACES, '') === b.replace(TRAILING_SPACES, '');

/** FILL_UNIT_VALUE_SQL: a plausible fundamental value, else the unit price (see there). */
export function fillUnitValue(
  notional: string | null,
  volume: string | null,
  fundamentalValue: string | null,
): { value: Fixed; placeholder: boolean } {
  const fv = parseFixedOrZero(fundamentalValue);
  const unit = fillUnitPrice(notional, volume);
  if (unit === null) return { value: fv, placeholder: false };
  if (fv !== 0n && unit > 0n && isPlausiblePrice(fv, unit))
    return { value: fv, placeholder: false };
  return { value: unit, placeholder: fv !== 0n };
}

export interface FeeValueInput {
  fee: string | null;
  feeCurrency: string | null;
  priceCurrency: string | null;
  volumeCurrency: string | null;
  notional: string | null;
  volume: string | null;
  fundamentalValue: string | null;
  exchangeRate: string | null;
}

/** FILL_FEE_VALUE_SQL: the fee in the fill's price currency; null when in a third currency. */
export function fillFeeValue(f: FeeValueInput): Fixed | null {
  const fee = fillAmount(f.fee);
  if (fee === 0n) return 0n;
  const cur = fillFeeCurrency(f.feeCurrency, f.priceCurrency);
  if (sameCode(cur, fillCode(f.priceCurrency))) return fee;
  if (sameCode(cur, fillCode(f.volumeCurrency)))
    return fixedMul(fee, fillUnitValue(f.notional, f.volume, f.fundamentalValue).value);
  return null;
}

const ROUND_24 = 10n ** 12n;

/** FILL_FEE_VALUE_USD_SQL: the fee in USD (see there); null when unrated or in a third currency. */
export function fillFeeValueUsd(f: FeeValueInput): Fixed | null {
  const fee = fillAmount(f.fee);
  if (fee === 0n) return 0n;
  if (sqlEquals(fillFeeCurrency(f.feeCurrency, f.priceCurrency), 'USD')) return fee;
  const value = fillFeeValue(f);
  const rate = fillUsdRate(f.exchangeRate, f.priceCurrency);
  if (value === null || rate === null) return null;
  return fixedMul(divRoundHalfAwayFromZero(value, ROUND_24) * ROUND_24, rate);
}

/** FILL_VOLUME_CURRENCY_FEE_SQL: the fee when charged in the volume currency, else 0. */
export function fillVolumeCurrencyFee(
  f: Pick<FeeValueInput, 'fee' | 'feeCurrency' | 'priceCurrency' | 'volumeCurrency'>,
): Fixed {
  const cur = fillFeeCurrency(f.feeCurrency, f.priceCurrency);
  return sameCode(cur, fillCode(f.volumeCurrency)) && !sameCode(cur, fillCode(f.priceCurrency))
    ? fillAmount(f.fee)
    : 0n;
}
