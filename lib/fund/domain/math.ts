import {
  type Fixed,
  FIXED_SCALE,
  divRoundHalfEven,
  fixedMul,
  fixedToString,
  parseFixedOrZero,
} from '../../core/money/fixed';

/**
 * Exact arithmetic of the fund view, on fixed.ts's bigints (10^-36 units). Rates are rounded
 * to RATE_DECIMALS places once, where they are made; every later product (an amount of at
 * most 14 decimals × a rate of 12, a fill notional × exchange_rate of 24) stays within 36
 * places, so the identity's parts add up to the change in net assets to the last digit.
 */
export const RATE_DECIMALS = 12;

const POW10 = (n: number) => 10n ** BigInt(n);

/** Rounds half-even to `places` decimals, staying a Fixed. */
export function roundFixed(value: Fixed, places: number): Fixed {
  const unit = POW10(FIXED_SCALE - places);
  return divRoundHalfEven(value, unit) * unit;
}

/** a / b as a rate (RATE_DECIMALS places); null when b is 0. */
export function rateOf(numerator: Fixed, denominator: Fixed): Fixed | null {
  if (denominator === 0n) return null;
  return (
    divRoundHalfEven(numerator * POW10(RATE_DECIMALS), denominator) *
    POW10(FIXED_SCALE - RATE_DECIMALS)
  );
}

export const fx = parseFixedOrZero;
export const mul = fixedMul;

/** Exact decimal string: all 36 places kept (trailing zeros trimmed), so parts sum exactly. */
export const exact = (v: Fixed): string => fixedToString(v, FIXED_SCALE);

export function addTo<K>(map: Map<K, Fixed>, key: K, amount: Fixed): void {
  if (amount !== 0n) map.set(key, (map.get(key) ?? 0n) + amount);
}

export function sumValues(map: Map<unknown, Fixed>): Fixed {
  let total = 0n;
  for (const v of map.values()) total += v;
  return total;
}

/** Per-currency amounts, one map per boundary or interval. */
export type CurrencyAmounts = Map<string, Fixed>;

export function cloneAmounts(m: CurrencyAmounts): CurrencyAmounts {
  return new Map(m);
}
