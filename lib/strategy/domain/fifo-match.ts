import { type Fixed, fixedMul, fixedToNumber, parseFixed } from '../../core/money/fixed';
import { type SideQueue, partOf } from '../../fills/fifo-queue';
import type { SeriesPoint } from './series';

/** The matching loop and the valuation of what stays open, for fifo.ts. */
/**
 * Moves matched volume through both queues. Money is exact from totals (computeFifoPnl),
 * except the priced legs of round trips against the unpriced stand-in lot, scaled exactly
 * here so they can be left out; the series accumulate numbers, for drawing.
 */
export function matchRoundTrips(bidQueue: SideQueue, askQueue: SideQueue, startMs: number) {
  let volume = 0n;
  let unpricedVolume = 0n;
  const excluded = { bidPrice: 0n, askPrice: 0n, fees: 0n, volumeCurrencyFees: 0n };
  let revenue = 0;
  let fees = 0;
  const revenueSeries: SeriesPoint[] = [{ t: startMs, v: 0 }];
  const profitSeries: SeriesPoint[] = [{ t: startMs, v: 0 }];
  while (!bidQueue.isEmpty && !askQueue.isEmpty) {
    const bidSmaller = bidQueue.remaining < askQueue.remaining;
    const part = bidSmaller ? bidQueue.remaining : askQueue.remaining;
    const partNumber = bidSmaller ? bidQueue.remainingNumber : askQueue.remainingNumber;
    const bid = bidQueue.head;
    const ask = askQueue.head;
    if (bid.unpriced || ask.unpriced) {
      unpricedVolume += part;
      for (const leg of [bid, ask]) {
        if (leg.unpriced) continue;
        const piece = partOf(leg, part);
        if (leg.side === 'BID') excluded.bidPrice += piece.price;
        else excluded.askPrice += piece.price;
        excluded.fees += piece.fee;
        excluded.volumeCurrencyFees += piece.feeInVolumeCurrency;
      }
    } else {
      volume += part;
      revenue += (askQueue.pricePerUnit - bidQueue.pricePerUnit) * partNumber;
      fees += (askQueue.feePerUnit + bidQueue.feePerUnit) * partNumber;
      const t = bid.timeMs > ask.timeMs ? bid.timeMs : ask.timeMs;
      setPoint(revenueSeries, t, revenue);
      setPoint(profitSeries, t, revenue - fees);
    }
    bidQueue.take(part, partNumber);
    askQueue.take(part, partNumber);
  }
  return { volume, unpricedVolume, excluded, revenueSeries, profitSeries };
}

/** Appends, or overwrites the last point when it has the same time. */
function setPoint(series: SeriesPoint[], t: number, v: number): void {
  const last = series[series.length - 1];
  if (last.t === t && series.length > 1) last.v = v;
  else series.push({ t, v });
}

/** The drawn series end exactly on the exact figure, whatever float drift accumulated. */
export function snapLastPoint(series: SeriesPoint[], exact: Fixed): void {
  if (series.length > 1) series[series.length - 1].v = fixedToNumber(exact);
}

export function valueOpenLots(
  bidQueue: SideQueue,
  askQueue: SideQueue,
  mark: Fixed | string | null | undefined,
) {
  const open = {
    position: 0n,
    cashFlow: 0n,
    bidPrice: 0n,
    askPrice: 0n,
    fees: 0n,
    volumeCurrencyFees: 0n,
  };
  let unpriced = false;
  for (const lot of [...bidQueue.openLots(), ...askQueue.openLots()]) {
    const bid = lot.side === 'BID';
    open.position += bid ? lot.volume : -lot.volume;
    open.cashFlow += (bid ? -lot.price : lot.price) - lot.fee;
    if (bid) open.bidPrice += lot.price;
    else open.askPrice += lot.price;
    open.fees += lot.fee;
    open.volumeCurrencyFees += lot.feeInVolumeCurrency;
    unpriced ||= lot.unpriced === true;
  }
  const markPrice =
    mark === null || mark === undefined || mark === ''
      ? null
      : typeof mark === 'bigint'
        ? mark
        : parseFixed(mark);
  let unrealized: Fixed | null = null;
  if (open.position === 0n && !unpriced) unrealized = 0n;
  else if (markPrice !== null && !unpriced)
    unrealized = open.cashFlow + fixedMul(markPrice, open.position);
  return { ...open, unrealized };
}
