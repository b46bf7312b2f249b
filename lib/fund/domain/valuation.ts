import type { Fixed } from '../../core/money/fixed';
import { fx, mul } from './math';
import type { OpenLotsCost } from './lots';
import type { StrategyPositions } from './strategies';
import type { TimelineIndex } from './timeline-index';
import type { AssetEvent, CostEvent } from './transfers';
import type { FillSums } from './types';

/** USD rate of a currency in interval k (k = n: the end instant). */
export type RateAt = (currency: string, k: number) => Fixed;

/** A fill group's USD notional: at its orders' exchange_rate, or the day's rate when it has none. */
export function fillUsd(r: FillSums, k: number, rateAt: RateAt): Fixed {
  return r.rated ? fx(r.priceUsd) : mul(fx(r.price), rateAt(r.priceCurrency, k));
}

export interface StrategyValuation {
  positions: StrategyPositions;
  /** Realized revenue, FIFO, USD at the orders' exchange rates. */
  revenue: Fixed;
  /** Fees paid by the window's fills, at the day rates of their currencies. */
  fees: Fixed;
  unrealizedStart: Fixed;
  unrealizedEnd: Fixed;
  lots: { atStart: OpenLotsCost; atEnd: OpenLotsCost };
  /** Σ over fills of ± notional × (day rate − exchange_rate): part of the revaluation. */
  conversion: Map<string, Fixed>;
  unratedFills: number;
}

export function valueStrategy(
  s: StrategyPositions,
  lots: { atStart: OpenLotsCost; atEnd: OpenLotsCost },
  index: TimelineIndex,
  rateAt: RateAt,
): StrategyValuation {
  let cash = 0n;
  let fees = 0n;
  let unrated = 0;
  const conversion = new Map<string, Fixed>();
  for (const r of s.rows) {
    const k = index.ofDay(r.day as string) as number;
    const usd = fillUsd(r, k, rateAt);
    const atDayRate = mul(fx(r.price), rateAt(r.priceCurrency, k));
    const sign = r.side === 'ASK' ? 1n : -1n;
    cash += sign * usd;
    conversion.set(
      r.priceCurrency,
      (conversion.get(r.priceCurrency) ?? 0n) + sign * (atDayRate - usd),
    );
    fees += mul(fx(r.fee), rateAt(r.feeCurrency, k));
    if (!r.rated) unrated += r.count;
  }
  const vc = s.key.volumeCurrency;
  return {
    positions: s,
    revenue: cash + lots.atEnd.cost - lots.atStart.cost,
    fees,
    unrealizedStart: mul(s.opening, rateAt(vc, 0)) - lots.atStart.cost,
    unrealizedEnd: mul(s.closing, rateAt(vc, index.n)) - lots.atEnd.cost,
    lots,
    conversion,
    unratedFills: unrated,
  };
}

export interface ValuedEvent<E> {
  event: E;
  usd: Fixed;
}

/** The window's events valued at the rate of the day they happen (outside the window: left out). */
export function valueEvents<E extends AssetEvent | CostEvent>(
  events: readonly E[],
  index: TimelineIndex,
  rateAt: RateAt,
): Array<ValuedEvent<E>> {
  const out: Array<ValuedEvent<E>> = [];
  for (const e of events) {
    const k = index.ofTime(e.time);
    if (k < 0 || k >= index.n) continue;
    out.push({ event: e, usd: mul(e.amount, rateAt(e.currency, k)) });
  }
  return out.sort((a, b) => a.event.time - b.event.time || a.event.tx.id - b.event.tx.id);
}
