import { type Fixed, divRoundHalfEven, fixedDiv } from '../../core/money/fixed';
import { isPlausiblePrice } from '../../fills/plausible-price';
import type { FillSide } from '../../fills/rules';
import { roundQuality } from './fixed-round';

/**
 * The reference price of one exchange's pair at an instant t (docs/quality.md#reference-price):
 * 1. `fundamental`: the fundamental value of the latest order on the exchange (any actor)
 *    created at or before t, in the pair's price currency, when plausible against the pair's
 *    latest fill at or before t (lib/fills/plausible-price.ts: Gryphon's harness writes a
 *    placeholder of 1 USD on every order);
 * 2. `quote-mid`: else the midpoint of our best open bid and best open ask at t;
 * 3. `last-fill`: else the unit price of the pair's latest fill (any actor) at or before t.
 * Every input is bounded in age relative to t (not to what was loaded), so any two readers
 * that load at least these spans agree exactly: the rollup's and a page's.
 */
export type ReferenceSource = 'fundamental' | 'quote-mid' | 'last-fill';
export const REFERENCE_SOURCES: readonly ReferenceSource[] = [
  'fundamental',
  'quote-mid',
  'last-fill',
];

/** An order older than this no longer gives a fundamental value. */
export const ORDER_MAX_AGE_MS = 24 * 3600 * 1000;
/** An order open longer than this is not a quote any more (a forgotten order, not quoting). */
export const QUOTE_MAX_AGE_MS = 24 * 3600 * 1000;
/** A pair's fill older than this gives no price (as the strategy page's latest-fill lookup). */
export const FILL_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** Epoch ms; `fundamentalValue` already in the pair's price currency, null when unusable. */
export interface PairOrder {
  time: number;
  fundamentalValue: Fixed | null;
}
/** One of our orders, open over [open, close) (close: time_executed, null while open). */
export interface OwnQuote {
  side: FillSide;
  price: Fixed;
  open: number;
  close: number | null;
}
export interface PairFill {
  time: number;
  unitPrice: Fixed;
}
export interface Reference {
  price: Fixed;
  source: ReferenceSource;
}

/**
 * An order's fundamental value in the pair's price currency: as it is when in that currency
 * (or when no currency is recorded); a USD value divided by the order's exchange rate (price
 * currency -> USD) otherwise; null when it cannot be converted or is not positive.
 */
export function fundamentalInPriceCurrency(o: {
  fundamentalValue: Fixed | null;
  fundamentalValueCurrency: string | null;
  priceCurrency: string | null;
  exchangeRate: Fixed | null;
}): Fixed | null {
  const fv = o.fundamentalValue;
  if (fv === null || fv <= 0n) return null;
  const cur = (o.fundamentalValueCurrency ?? '').trim().toUpperCase();
  const pc = (o.priceCurrency ?? '').trim().toUpperCase();
  if (cur === '' || cur === pc) return fv;
  if (cur === 'USD' && o.exchangeRate !== null && o.exchangeRate > 0n)
    return roundQuality(fixedDiv(fv, o.exchangeRate));
  return null;
}

/** Our best bid and ask over [time, next segment's time); null when that side has none open. */
export interface QuoteSegment {
  time: number;
  bid: Fixed | null;
  ask: Fixed | null;
}

/** Index of the last element with time <= t, or -1. `times` ascending. */
export function lastAtOrBefore(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Our best open bid and ask as a step function of time: one segment per instant at which an
 * order opens or closes. A quote counts over [open, min(close, open + QUOTE_MAX_AGE_MS)).
 */
export function quoteSegments(quotes: readonly OwnQuote[]): QuoteSegment[] {
  type Ev = { t: number; open: boolean; q: number };
  const evs: Ev[] = [];
  quotes.forEach((q, i) => {
    const cap = q.open + QUOTE_MAX_AGE_MS;
    const close = q.close === null ? cap : Math.min(q.close, cap);
    if (close <= q.open) return;
    evs.push({ t: q.open, open: true, q: i }, { t: close, open: false, q: i });
  });
  evs.sort((a, b) => a.t - b.t);
  const bids = new PriceHeap(true);
  const asks = new PriceHeap(false);
  const out: QuoteSegment[] = [];
  for (let i = 0; i < evs.length;) {
    const t = evs[i].t;
    for (; i < evs.length && evs[i].t === t; i++) {
      const q = quotes[evs[i].q];
      const heap = q.side === 'BID' ? bids : asks;
      if (evs[i].open) heap.add(evs[i].q, q.price);
      else heap.remove(evs[i].q);
    }
    const seg = { time: t, bid: bids.best(), ask: asks.best() };
    const prev = out[out.length - 1];
    if (prev && prev.bid === seg.bid && prev.ask === seg.ask) continue;
    out.push(seg);
  }
  return out;
}

/** Max- (bids) or min- (asks) heap of open quotes with lazy removal. */
class PriceHeap {
  private heap: Array<{ id: number; price: Fixed }> = [];
  private readonly removed = new Set<number>();
  constructor(private readonly max: boolean) {}
  private before(a: Fixed, b: Fixed) {
    return this.max ? a > b : a < b;
  }
  add(id: number, price: Fixed) {
    const h = this.heap;
    h.push({ id, price });
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i].price, h[p].price)) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  remove(id: number) {
    this.removed.add(id);
  }
  best(): Fixed | null {
    const h = this.heap;
    while (h.length > 0 && this.removed.has(h[0].id)) {
      this.removed.delete(h[0].id);
      const last = h.pop()!;
      if (h.length === 0) break;
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l].price, h[m].price)) m = l;
        if (r < h.length && this.before(h[r].price, h[m].price)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return h.length > 0 ? h[0].price : null;
  }
}

/** The reference price of one pair, answering `at(t)` by binary search. Inputs sorted by time. */
export class ReferenceTimeline {
  private readonly orderTimes: Float64Array;
  private readonly fillTimes: Float64Array;
  readonly segments: QuoteSegment[];
  private readonly segTimes: Float64Array;

  constructor(
    private readonly orders: readonly PairOrder[],
    quotes: readonly OwnQuote[],
    private readonly fills: readonly PairFill[],
  ) {
    this.orderTimes = Float64Array.from(orders, (o) => o.time);
    this.fillTimes = Float64Array.from(fills, (f) => f.time);
    this.segments = quoteSegments(quotes);
    this.segTimes = Float64Array.from(this.segments, (s) => s.time);
  }

  /** Our best bid and ask open at t. */
  quotesAt(t: number): { bid: Fixed | null; ask: Fixed | null } {
    const i = lastAtOrBefore(this.segTimes, t);
    return i < 0 ? { bid: null, ask: null } : this.segments[i];
  }

  lastFillAt(t: number): Fixed | null {
    const i = lastAtOrBefore(this.fillTimes, t);
    if (i < 0 || t - this.fills[i].time > FILL_MAX_AGE_MS) return null;
    return this.fills[i].unitPrice;
  }

  at(t: number): Reference | null {
    const last = this.lastFillAt(t);
    const o = lastAtOrBefore(this.orderTimes, t);
    if (o >= 0 && t - this.orders[o].time <= ORDER_MAX_AGE_MS) {
      const fv = this.orders[o].fundamentalValue;
      if (fv !== null && last !== null && isPlausiblePrice(fv, last))
        return { price: fv, source: 'fundamental' };
    }
    const { bid, ask } = this.quotesAt(t);
    if (bid !== null && ask !== null)
      return { price: roundQuality(divRoundHalfEven(bid + ask, 2n)), source: 'quote-mid' };
    return last === null ? null : { price: last, source: 'last-fill' };
  }
}
