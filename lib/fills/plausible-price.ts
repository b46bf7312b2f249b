import type { Fixed } from '../core/money/fixed';

/**
 * Whether `candidate` can be a price when a fill of the same pair went through at `reference`
 * (both in the same currency): within 50 % of it, |candidate − reference| <= reference / 2.
 *
 * Why: Gryphon's execution harness writes a placeholder `order.fundamental_value` of 1 on every
 * order, while older strategies stored a real fair value; a value this far from the fills' own
 * prices is not a price. 50 % is far wider than any real spread or intraday move, and far
 * narrower than the gap between the placeholder and any traded price. No reference (<= 0)
 * means nothing to check against: not plausible.
 */
export function isPlausiblePrice(candidate: Fixed, reference: Fixed): boolean {
  if (reference <= 0n) return false;
  const gap = candidate > reference ? candidate - reference : reference - candidate;
  return gap * 2n <= reference;
}
