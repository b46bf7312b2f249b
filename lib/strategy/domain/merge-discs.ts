import { fixedToNumber } from '../../core/money/fixed';
import type { HalfDisc } from './half-discs';
import { type WindowLike, timeBucket } from './series';

/**
 * Half-discs thinned to at most maxPoints: discs of one side in the same time bucket merge
 * into one, the buckets halving until the discs fit. The rollup gives one disc per bucket and
 * side (up to twice maxPoints, more for a window of over 2,000 days); the fills are already
 * merged by half-discs.ts, so this leaves them as they are. A merged disc keeps exact totals
 * and is drawn at its volume-weighted time, as half-discs.ts does.
 */
export function mergeDiscsInTime(
  discs: readonly HalfDisc[],
  window: WindowLike,
  maxPoints: number,
): HalfDisc[] {
  if (discs.length <= maxPoints) return [...discs];
  if (maxPoints < 2) throw new RangeError('maxPoints must be at least 2');
  const startMs = window.start.getTime();
  const length = Math.max(1, window.end.getTime() - startMs);
  for (let buckets = maxPoints; ; buckets = Math.ceil(buckets / 2)) {
    const cells = new Map<number, HalfDisc[]>();
    for (const d of discs) {
      const key = timeBucket(d.t, startMs, length, buckets) * 2 + (d.side === 'BID' ? 0 : 1);
      const cell = cells.get(key);
      if (cell === undefined) cells.set(key, [d]);
      else cell.push(d);
    }
    if (cells.size <= maxPoints || buckets === 1) {
      const merged = [...cells.values()].map(mergeDiscs);
      return merged.sort((a, b) => a.t - b.t || (a.side < b.side ? -1 : a.side > b.side ? 1 : 0));
    }
  }
}

function mergeDiscs(discs: readonly HalfDisc[]): HalfDisc {
  if (discs.length === 1) return discs[0];
  const origin = discs[0].t;
  let count = 0;
  let volume = 0n;
  let price = 0n;
  let fee = 0n;
  let firstT = Infinity;
  let lastT = -Infinity;
  const exchanges = new Set<string>();
  // The drawn time, volume-weighted in numbers (drawing only), as offsets from the first disc.
  let weighted = 0;
  let weights = 0;
  for (const d of discs) {
    count += d.count;
    volume += d.volume;
    price += d.price;
    fee += d.fee;
    for (const name of d.exchanges) exchanges.add(name);
    firstT = Math.min(firstT, d.firstT ?? d.t);
    lastT = Math.max(lastT, d.lastT ?? d.t);
    const w = fixedToNumber(d.volume);
    weighted += (d.t - origin) * w;
    weights += w;
  }
  return {
    side: discs[0].side,
    t: weights > 0 ? origin + weighted / weights : origin,
    count,
    volume,
    price,
    fee,
    exchanges: [...exchanges].sort(),
    orderId: null,
    firstT,
    lastT,
  };
}
