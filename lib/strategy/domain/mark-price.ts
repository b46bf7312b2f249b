import { type Fixed, fixedToString } from '../../core/money/fixed';
import { formatMoney } from '../../core/money/money';
import { isPlausiblePrice } from '../../fills/plausible-price';

/**
 * The mark for the open position, all prices in the strategy's price currency:
 * - the latest order's fundamental value, when plausible against the reference;
 * - otherwise the reference itself, a unit price of a real fill;
 * - otherwise null (not valued).
 * The reference is the latest fill of the order's pair (any actor) before the window end, or,
 * without one, the strategy's own latest fill in the window. A fundamental value with nothing
 * to check it against is not used: Gryphon's harness writes a placeholder of 1 on every order.
 */
export type MarkSource = 'fundamental' | 'fill';

export interface MarkInputs {
  /** The latest order's fundamental value; null when NULL or 0 (or no order). */
  fundamentalValue: Fixed | null;
  /** Unit price of the pair's latest fill at or before the window end. */
  pairFillPrice: Fixed | null;
  /** Unit price of the strategy's latest fill in the window. */
  strategyFillPrice: Fixed | null;
}

export interface MarkChoice {
  price: Fixed | null;
  source: MarkSource | null;
  /** Which fill the reference came from, when there was one. */
  reference: { price: Fixed; of: 'pair' | 'strategy' } | null;
  /** The fundamental value when there was one and it was not used. */
  rejectedFundamentalValue: Fixed | null;
}

export function chooseMarkPrice(inputs: MarkInputs): MarkChoice {
  const reference =
    inputs.pairFillPrice !== null && inputs.pairFillPrice > 0n
      ? { price: inputs.pairFillPrice, of: 'pair' as const }
      : inputs.strategyFillPrice !== null && inputs.strategyFillPrice > 0n
        ? { price: inputs.strategyFillPrice, of: 'strategy' as const }
        : null;
  const fv = inputs.fundamentalValue;
  if (fv !== null && reference !== null && isPlausiblePrice(fv, reference.price)) {
    return { price: fv, source: 'fundamental', reference, rejectedFundamentalValue: null };
  }
  return {
    price: reference?.price ?? null,
    source: reference ? 'fill' : null,
    reference,
    rejectedFundamentalValue: fv,
  };
}

/**
 * The sentence the strategy page shows about the mark, or null when there is nothing to say:
 * a fundamental value used as is, or nothing open to value.
 */
export function markNote(
  choice: MarkChoice,
  context: { openPosition: Fixed; hadOrder: boolean; priceCurrency: string },
): string | null {
  if (context.openPosition === 0n || choice.source === 'fundamental') return null;
  const money = (v: Fixed) => formatMoney(fixedToString(v), context.priceCurrency);
  const rejected = choice.rejectedFundamentalValue;
  if (choice.reference === null) {
    return rejected !== null
      ? `The latest order's fundamental value (${money(rejected)}) cannot be checked against any fill of its pair or of this strategy, so the open position is not valued.`
      : 'No order in this window carries a fundamental value and no fill gives a price, so the open position is not valued.';
  }
  const fill =
    choice.reference.of === 'pair'
      ? "the pair's latest fill price"
      : "the strategy's latest fill price in this window";
  const reason =
    rejected !== null
      ? `The latest order's fundamental value (${money(rejected)}) is a placeholder far from the fills' prices (${money(choice.reference.price)})`
      : context.hadOrder
        ? 'The latest order in this window carries no fundamental value'
        : 'No order was placed in this window';
  return `${reason}: the open position is marked at ${fill}${rejected !== null ? ' instead' : ` (${money(choice.reference.price)})`}.`;
}
