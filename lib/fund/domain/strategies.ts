import type { Fixed } from '../../core/money/fixed';
import { fx } from './math';
import type { TimelineIndex } from './timeline-index';
import { type FillSums, type StrategyKey, strategyId } from './types';

/**
 * Every strategy of the fund view is one actor's position in one volume currency (an actor
 * trading BTC and ETH has two), over every account and price currency it trades; fills of
 * orders without an actor form the strategy with actor ''.
 */
export interface StrategyPositions {
  key: StrategyKey;
  /** Position (bids − asks, volume currency) at the start. */
  opening: Fixed;
  /** Net volume per interval. */
  deltas: Fixed[];
  closing: Fixed;
  bidVolume: Fixed;
  askVolume: Fixed;
  fills: number;
  /** The window's fill groups of this strategy (for valuation). */
  rows: FillSums[];
}

export function strategyPositions(
  openingFills: readonly FillSums[],
  windowFills: readonly FillSums[],
  index: TimelineIndex,
): Map<string, StrategyPositions> {
  const out = new Map<string, StrategyPositions>();
  const get = (r: FillSums) => {
    const key = { actor: r.actor, volumeCurrency: r.volumeCurrency };
    const id = strategyId(key);
    let s = out.get(id);
    if (!s) {
      s = {
        key,
        opening: 0n,
        deltas: new Array<Fixed>(index.n).fill(0n),
        closing: 0n,
        bidVolume: 0n,
        askVolume: 0n,
        fills: 0,
        rows: [],
      };
      out.set(id, s);
    }
    return s;
  };
  for (const r of openingFills) {
    const s = get(r);
    s.opening += r.side === 'BID' ? fx(r.volume) : -fx(r.volume);
  }
  for (const r of windowFills) {
    const s = get(r);
    const k = r.day === null ? undefined : index.ofDay(r.day);
    if (k === undefined) throw new Error(`Window fills of day ${r.day} fall outside the window`);
    const v = fx(r.volume);
    s.deltas[k] += r.side === 'BID' ? v : -v;
    if (r.side === 'BID') s.bidVolume += v;
    else s.askVolume += v;
    s.fills += r.count;
    s.rows.push(r);
  }
  for (const s of out.values()) s.closing = s.deltas.reduce((p, d) => p + d, s.opening);
  return out;
}

/** Position of each volume currency summed over strategies, at each boundary (n + 1 maps). */
export function positionsAtBoundaries(
  strategies: Iterable<StrategyPositions>,
  n: number,
): Array<Map<string, Fixed>> {
  const out = Array.from({ length: n + 1 }, () => new Map<string, Fixed>());
  for (const s of strategies) {
    let p = s.opening;
    const cur = s.key.volumeCurrency;
    out[0].set(cur, (out[0].get(cur) ?? 0n) + p);
    for (let k = 0; k < n; k++) {
      p += s.deltas[k];
      out[k + 1].set(cur, (out[k + 1].get(cur) ?? 0n) + p);
    }
  }
  return out;
}
