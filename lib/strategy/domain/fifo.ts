import type { SeriesPoint } from './series';
import { type Fixed, fixedToNumber, fixedToString } from '../../core/money/fixed';
import { matchRoundTrips, snapLastPoint, valueOpenLots } from './fifo-match';
import { SideQueue } from '../../fills/fifo-queue';
import type { StrategyFill } from '../../fills/strategy-fills';

export { openingLots, type OpeningLots } from '../../fills/opening-lots';

/**
 * Realized P&L of a strategy over a window: FIFO matched round trips, exactly as Gryphon's
 * `revenue.split_trades` (reference §5.4), seeded with the lots open at the start.
 *
 * Bids and asks queue separately, oldest first. The smaller head closes in full against the
 * other head, which is split when larger (equal heads close together; Gryphon calls the ask
 * "active" then, which changes no sum). Each match is a round trip: revenue = ask leg − bid
 * leg, fees = both legs' fees, profit = revenue − fees. What is left unmatched is the open
 * position, valued at the mark price for the unrealized P&L.
 *
 * Differences from Gryphon, on purpose:
 * - fills are processed in (time, trade id) order (Gryphon sorted by time only);
 * - revenueSeries is monotone in time: a round trip counts at its later leg, and with both
 *   queues in time order those times never go back (Gryphon's could, since its input was in
 *   DB order); round trips realized in the same millisecond make one point;
 * - positions exclude fees (as the opening position and the open position do; Gryphon's
 *   series subtracted BTC fees, so it did not end at its own closing position);
 * - unrealized P&L is 0 when nothing is open, null only when something is open and there is
 *   no mark (Gryphon crashed).
 * Cost: O(n) in lots + fills. Figures are exact (fixed.ts): each is the sum over all lots
 * and fills minus the open lots (see fifo-queue.ts); the drawn series are numbers that end
 * exactly on those figures.
 */
export interface FifoInput {
  /** Window start: the position series starts here at the opening position. */
  start: Date | number;
  /** From openingLots(): oldest first, all one side. */
  openingLots: readonly StrategyFill[];
  /** The window's fills, ordered by (time, trade id); a copy is sorted if they are not. */
  fills: readonly StrategyFill[];
  /** Mark for unrealized P&L, in the strategy's price currency (markPriceFromOrder). */
  markPrice?: Fixed | string | null;
}

/** Volumes in the volume currency, money in the strategy's price currency; decimal strings. */
export interface FifoPnl {
  fillCount: number;
  openingPosition: string;
  closingPosition: string;
  bidVolume: string;
  askVolume: string;
  totalVolume: string;
  matchedVolume: string;
  revenue: string;
  fees: string;
  profit: string;
  /** Fees of matched legs charged in the volume currency (also inside `fees`, valued). */
  volumeCurrencyFees: string;
  /** Signed volume left unmatched; equals closingPosition. */
  openPosition: string;
  /** Open lots' money side: + asks − bids − fees; the P&L if the open volume were worth 0. */
  openCashFlow: string;
  unrealizedPnl: string | null;
  /** Opening volume the history did not explain (see opening-lots.ts); 0 normally. */
  unexplainedOpeningVolume: string;
  /** Volume of round trips against that unexplained volume, left out of revenue and fees. */
  unpricedMatchedVolume: string;
  /** Drawing values: position after each fill, from (start, opening position). */
  positionSeries: SeriesPoint[];
  /** Drawing values: cumulative revenue and profit per round trip, from (start, 0). */
  revenueSeries: SeriesPoint[];
  profitSeries: SeriesPoint[];
}

export function computeFifoPnl(input: FifoInput): FifoPnl {
  const startMs = typeof input.start === 'number' ? input.start : input.start.getTime();
  const fills = inTradeOrder(input.fills);
  const bids: StrategyFill[] = [];
  const asks: StrategyFill[] = [];
  // Exact sums over every lot and fill; round trips get all of it except what stays open.
  const all = { bidPrice: 0n, askPrice: 0n, fees: 0n, volumeCurrencyFees: 0n };
  const add = (f: StrategyFill) => {
    if (f.side === 'BID') all.bidPrice += f.price;
    else all.askPrice += f.price;
    all.fees += f.fee;
    all.volumeCurrencyFees += f.feeInVolumeCurrency;
  };
  let opening = 0n;
  for (const lot of input.openingLots) {
    if (lot.side !== input.openingLots[0].side)
      throw new Error('Opening lots must all be on one side');
    (lot.side === 'BID' ? bids : asks).push(lot);
    opening += lot.side === 'BID' ? lot.volume : -lot.volume;
    add(lot);
  }

  let bidVolume = 0n;
  let askVolume = 0n;
  const positionSeries: SeriesPoint[] = [{ t: startMs, v: fixedToNumber(opening) }];
  for (const fill of fills) {
    if (fill.side === 'BID') {
      bids.push(fill);
      bidVolume += fill.volume;
    } else {
      asks.push(fill);
      askVolume += fill.volume;
    }
    add(fill);
    positionSeries.push({ t: fill.timeMs, v: fixedToNumber(opening + bidVolume - askVolume) });
  }

  const bidQueue = new SideQueue(bids);
  const askQueue = new SideQueue(asks);
  const matched = matchRoundTrips(bidQueue, askQueue, startMs);
  const open = valueOpenLots(bidQueue, askQueue, input.markPrice);
  const ex = matched.excluded;
  const revenue =
    all.askPrice - open.askPrice - ex.askPrice - (all.bidPrice - open.bidPrice - ex.bidPrice);
  const fees = all.fees - open.fees - ex.fees;
  const volumeCurrencyFees =
    all.volumeCurrencyFees - open.volumeCurrencyFees - ex.volumeCurrencyFees;
  snapLastPoint(matched.revenueSeries, revenue);
  snapLastPoint(matched.profitSeries, revenue - fees);
  const unexplained = input.openingLots.reduce((sum, l) => (l.unpriced ? sum + l.volume : sum), 0n);
  return {
    fillCount: fills.length,
    openingPosition: fixedToString(opening),
    closingPosition: fixedToString(opening + bidVolume - askVolume),
    bidVolume: fixedToString(bidVolume),
    askVolume: fixedToString(askVolume),
    totalVolume: fixedToString(bidVolume + askVolume),
    matchedVolume: fixedToString(matched.volume),
    revenue: fixedToString(revenue),
    fees: fixedToString(fees),
    profit: fixedToString(revenue - fees),
    volumeCurrencyFees: fixedToString(volumeCurrencyFees),
    openPosition: fixedToString(open.position),
    openCashFlow: fixedToString(open.cashFlow),
    unrealizedPnl: open.unrealized === null ? null : fixedToString(open.unrealized),
    unexplainedOpeningVolume: fixedToString(unexplained),
    unpricedMatchedVolume: fixedToString(matched.unpricedVolume),
    positionSeries,
    revenueSeries: matched.revenueSeries,
    profitSeries: matched.profitSeries,
  };
}

function inTradeOrder(fills: readonly StrategyFill[]): readonly StrategyFill[] {
  for (let i = 1; i < fills.length; i++) {
    const a = fills[i - 1];
    const b = fills[i];
    if (a.timeMs > b.timeMs || (a.timeMs === b.timeMs && a.tradeId > b.tradeId)) {
      return [...fills].sort((x, y) => x.timeMs - y.timeMs || x.tradeId - y.tradeId);
    }
  }
  return fills;
}
