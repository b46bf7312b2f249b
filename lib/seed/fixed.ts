/**
 * Exact fixed-point amounts for the generator. Every stored amount is an integer count of
 * units at a known scale, so sums are exact and the hot path never touches a float:
 *   unit prices    scale 2  (cents; EUR and USD)
 *   volumes        scale 8  (satoshi-sized units, BTC and ETH alike)
 *   notionals      scale 10 (cents × volume units, exactly `unit price × volume`)
 *   ledger sums    scale 10, as bigint (balances exceed 2^53 at scale 10)
 * Numbers stay below Number.MAX_SAFE_INTEGER by construction (checked where it matters).
 */

export const PRICE_SCALE = 2;
export const VOLUME_SCALE = 8;
export const NOTIONAL_SCALE = PRICE_SCALE + VOLUME_SCALE;
export const LEDGER_SCALE = 10;

const ZEROS = '00000000000000000000';

/** `units` × 10^-scale as a plain decimal string with exactly `scale` decimals. */
export function formatUnits(units: number | bigint, scale: number): string {
  let digits = typeof units === 'bigint' ? units.toString() : String(units);
  let sign = '';
  if (digits[0] === '-') {
    sign = '-';
    digits = digits.slice(1);
  }
  if (scale === 0) return sign + digits;
  if (digits.length <= scale) digits = ZEROS.slice(0, scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Like formatUnits, dropping trailing zeros but keeping at least `minDecimals`. */
export function formatTrimmed(units: bigint, scale: number, minDecimals: number): string {
  const full = formatUnits(units, scale);
  let end = full.length;
  const keep = full.length - scale + minDecimals;
  while (end > keep && full[end - 1] === '0') end--;
  return full[end - 1] === '.' ? full.slice(0, end - 1) : full.slice(0, end);
}

/** Exact product of two integer unit counts; throws rather than lose precision. */
export function mulUnits(a: number, b: number): number {
  const p = a * b;
  if (!Number.isSafeInteger(p)) throw new RangeError(`fixed-point overflow: ${a} × ${b}`);
  return p;
}

/** Converts `units` at `scale` to ledger units (scale 10). */
export function toLedger(units: number, scale: number): bigint {
  return BigInt(units) * LEDGER_FACTORS[scale];
}

const LEDGER_FACTORS: bigint[] = Array.from(
  { length: LEDGER_SCALE + 1 },
  (_, s) => 10n ** BigInt(LEDGER_SCALE - s),
);

/** A float amount rounded to integer units at `scale` (used once per generated price). */
export function unitsOf(x: number, scale: number): number {
  return Math.round(x * 10 ** scale);
}
