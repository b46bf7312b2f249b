import type { Fixed } from '../../core/money/fixed';
import { fixedMulDiv } from '../../core/money/fixed';
import { fx } from './math';
import type { LotFill } from './types';

/**
 * The USD cost of a strategy's open position at an instant, under FIFO: the open lots are
 * the newest same-side fills summing to |position|, the oldest of them only partly (scaled
 * like fifo-queue.ts's partOf, so the figures equal computeFifoPnl's). Signed: a long
 * position's cost is positive, a short position's (the proceeds of its open asks) negative.
 *
 * Why: realized revenue over a window = (asks − bids of the window, in USD)
 *   + cost(open at end) − cost(open at start), which is FIFO's matched asks − matched bids
 * (Gryphon's fast_revenue_fees_profit_in_period) without a JavaScript object per fill.
 */
export interface OpenLotsCost {
  cost: Fixed;
  /** |position| not explained by the fills given (0 when the history is complete). */
  unexplained: Fixed;
  /** Fills used; fewer than given means the search went far enough. */
  used: number;
}

export function costOfOpenLots(
  newestFirst: Iterable<LotFill>,
  position: Fixed,
  /** USD notional of a fill whose order has no exchange_rate. */
  usdOfUnrated: (lot: LotFill) => Fixed,
): OpenLotsCost {
  if (position === 0n) return { cost: 0n, unexplained: 0n, used: 0 };
  const side = position > 0n ? 'BID' : 'ASK';
  const needed = position > 0n ? position : -position;
  let covered = 0n;
  let cost = 0n;
  let used = 0;
  for (const lot of newestFirst) {
    if (covered >= needed) break;
    if (lot.side !== side)
      throw new Error(
        `Open lots of a ${side === 'BID' ? 'long' : 'short'} position must be ${side}s; fill ${lot.tradeId} is a ${lot.side}`,
      );
    used++;
    const volume = fx(lot.volume);
    const usd = lot.priceUsd === null ? usdOfUnrated(lot) : fx(lot.priceUsd);
    const take = volume < needed - covered ? volume : needed - covered;
    cost += take === volume ? usd : usd === 0n ? 0n : fixedMulDiv(usd, take, volume);
    covered += take;
  }
  return { cost: side === 'BID' ? cost : -cost, unexplained: needed - covered, used };
}
