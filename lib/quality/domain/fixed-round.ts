import { type Fixed, FIXED_SCALE, divRoundHalfEven } from '../../core/money/fixed';

/** Decimals every reference price and per-fill markout amount is rounded to (half-even). */
export const QUALITY_DECIMALS = 18;

const STEP = 10n ** BigInt(FIXED_SCALE - QUALITY_DECIMALS);

/**
 * A Fixed rounded half-even to QUALITY_DECIMALS places (still a Fixed). Why round at all: a
 * reference converted through an exchange rate, or a markout times a volume, has more places
 * than the rollup's DECIMAL columns keep; rounding each fill's figures once, here, makes the
 * rollup's sums and a raw replay add exactly the same numbers.
 */
export function roundQuality(value: Fixed): Fixed {
  return divRoundHalfEven(value, STEP) * STEP;
}
