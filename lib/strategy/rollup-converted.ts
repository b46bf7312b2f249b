import type { Fixed } from '../core/money/fixed';
import type { BucketSums } from '../rollup/domain/sums';

/** A rollup row's price and fee in the strategy's currency (null: not convertible). */
export function converted(r: BucketSums, currency: string): { price: Fixed; fee: Fixed } | null {
  if (r.priceCurrency === currency)
    return r.feeUnvalued > 0 ? null : { price: r.notional, fee: r.feeValue };
  if (currency !== 'USD' || !r.rated || r.feeUnvaluedUsd > 0) return null;
  return { price: r.notionalUsd, fee: r.feeValueUsd };
}
