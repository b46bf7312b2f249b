import { partOf } from './fifo-queue';
import { type Fixed, parseFixed } from '../core/money/fixed';
import type { FillSide, StrategyFill } from './strategy-fills';

/**
 * The lots that make up the position open at a window's start (reference §5.2 item 4).
 * Under FIFO the oldest fills are closed first, so what is still open at `start` is the most
 * recent same-side fills summing to |opening position|, the oldest of them only partly
 * (volume, price and both fees scaled by the same ratio; this is exact for the FIFO sums
 * because the discarded part is never used).
 *
 * Gryphon looped forever when the history did not explain the position. Here the shortfall
 * is returned, and an `unpriced` stand-in lot of that volume is put first: FIFO then still
 * closes the right volume, and computeFifoPnl leaves the pairs it is part of out of the
 * revenue (reporting their volume) instead of inventing a cost.
 */
export interface OpeningLots {
  /** Oldest first. */
  lots: StrategyFill[];
  /** |opening position| the given fills could not explain; 0 normally. */
  unexplainedVolume: Fixed;
  /** How many of the given fills were used: a caller paging through history can stop once this is below what it passed. */
  used: number;
}

/** Oldest representable time: the stand-in lot is older than any real fill. */
const BEFORE_ALL_FILLS_MS = -8.64e15;

/**
 * `sameSideNewestFirst`: the strategy's fills before `start` on the side of the position
 * (BIDs when long, ASKs when short), newest first, ordered by (time, trade id) descending.
 * `openingPosition`: bids − asks before `start`, in the volume currency (a decimal string from
 * SQL, or Fixed).
 */
export function openingLots(
  sameSideNewestFirst: Iterable<StrategyFill>,
  openingPosition: Fixed | string,
): OpeningLots {
  const position =
    typeof openingPosition === 'bigint' ? openingPosition : parseFixed(openingPosition);
  if (position === 0n) return { lots: [], unexplainedVolume: 0n, used: 0 };
  const side: FillSide = position > 0n ? 'BID' : 'ASK';
  const needed = position > 0n ? position : -position;
  const newestFirst: StrategyFill[] = [];
  let covered = 0n;
  for (const fill of sameSideNewestFirst) {
    if (fill.side !== side) {
      throw new Error(
        `Opening lots of a ${side === 'BID' ? 'long' : 'short'} position must be ${side}s; fill ${fill.tradeId} is a ${fill.side}`,
      );
    }
    const missing = needed - covered;
    if (fill.volume >= missing) {
      newestFirst.push(partOf(fill, missing));
      covered = needed;
      break;
    }
    newestFirst.push(fill);
    covered += fill.volume;
  }
  const lots = newestFirst.reverse();
  const unexplainedVolume = needed - covered;
  if (unexplainedVolume > 0n) lots.unshift(standInLot(side, unexplainedVolume));
  return { lots, unexplainedVolume, used: newestFirst.length };
}

function standInLot(side: FillSide, volume: Fixed): StrategyFill {
  return {
    tradeId: 0,
    orderId: 0,
    timeMs: BEFORE_ALL_FILLS_MS,
    side,
    volume,
    price: 0n,
    fee: 0n,
    feeInVolumeCurrency: 0n,
    exchangeName: '',
    unpriced: true,
  };
}
