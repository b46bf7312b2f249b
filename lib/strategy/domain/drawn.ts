import type { Fixed } from '../../core/money/fixed';
import type { StrategyFill } from '../../fills/strategy-fills';
import { bucketSeries, gridSeries } from './downsample';
import {
  type HalfDiscColumns,
  type RangeSeriesColumns,
  type SeriesColumns,
  discColumns,
  rangeColumns,
  secondsSince,
  timeOrigin,
  valueColumns,
} from './drawn-columns';
import {
  type Bands,
  type PositionBandColumns,
  type TradeBandColumns,
  positionBandColumns,
  tradeBandColumns,
} from './bands';
import { bucketHalfDiscs, type HalfDiscs } from './half-discs';
import { mergeDiscsInTime } from './merge-discs';
import type { BucketedPoint, SeriesPoint, WindowLike } from './series';

export type { HalfDiscColumns, RangeSeriesColumns, SeriesColumns } from './drawn-columns';
export type { PositionBandColumns, TradeBandColumns } from './bands';

/**
 * What the strategy page draws, in the shape the page and its JSON carry it (issue 10 item 4:
 * under 300 KB for any window): columns (drawn-columns.ts) rather than arrays of objects. The
 * half-disc tooltip is formatted in the browser from these numbers; the exact amounts are the
 * figures, never these.
 */
export interface DrawnSeries {
  position: RangeSeriesColumns;
  revenue: SeriesColumns;
  profit: SeriesColumns;
  /** Dense windows (bands.ts): the position's range and close per bucket; null when discs are drawn. */
  positionBands: PositionBandColumns | null;
}

export interface DrawnTrades {
  /** Empty when the window is drawn as bands. */
  discs: HalfDiscColumns;
  /** Dense windows (bands.ts): per bucket and side, exact volume and notional; null for discs. */
  bands: TradeBandColumns | null;
  /** Exchange (account) names the discs' `exchange` indexes; a disc of several: their names joined by ", ". */
  exchanges: string[];
  drawnFills: number;
  belowThreshold: number;
  merged: boolean;
}

export interface Drawn {
  trades: DrawnTrades;
  series: DrawnSeries;
}

/**
 * JSON characters the drawn part may take, leaving 10,000 for the figures, notes and the rest.
 * A month of the demo's market maker takes 235,000; 2,000 half-discs and 3 × 2,000 points of
 * 10-digit numbers up to 320,000 (a busy rollup window; payload.test.ts). Over the budget,
 * every cap shrinks by a fifth until the columns fit: one JSON.stringify (~2 ms) per try.
 */
export const DRAWN_BUDGET = 290_000;

type Points = readonly (SeriesPoint | BucketedPoint)[];
type SeriesInput = { position: Points; revenue: Points; profit: Points };

/** From the rollup's half-discs and series (or any already bucketed), at most maxPoints each. */
export function drawnFromBuckets(
  input: { trades: HalfDiscs; series: SeriesInput; bands?: Bands | null },
  window: WindowLike,
  maxPoints: number,
): Drawn {
  return withinBudget(maxPoints, (points) =>
    columns(input.trades, input.series, window, points, input.bands ?? null),
  );
}

/** The fill-by-fill path: every drawn fill (merged beyond maxPoints) and the FIFO series. */
export function drawnFromFills(
  fills: readonly StrategyFill[],
  pnl: { positionSeries: Points; revenueSeries: Points; profitSeries: Points },
  window: WindowLike,
  opts: { maxPoints: number; volumeThreshold: Fixed | string; bands?: Bands | null },
): Drawn {
  const bands = opts.bands ?? null;
  const series = {
    position: pnl.positionSeries,
    revenue: pnl.revenueSeries,
    profit: pnl.profitSeries,
  };
  return withinBudget(opts.maxPoints, (points) =>
    columns(
      bands
        ? noDiscs(fills.length)
        : bucketHalfDiscs(fills, window, { ...opts, maxPoints: points }),
      series,
      window,
      points,
      bands,
    ),
  );
}

function withinBudget(maxPoints: number, draw: (maxPoints: number) => Drawn): Drawn {
  for (let points = maxPoints; ; points = Math.max(2, Math.floor(points * 0.8))) {
    const drawn = draw(points);
    if (points <= 2 || JSON.stringify(drawn).length <= DRAWN_BUDGET) return drawn;
  }
}

/** Bands instead of discs: no disc drawn, every fill in a band. */
function noDiscs(fills: number): HalfDiscs {
  return { discs: [], drawnFills: fills, belowThreshold: 0, merged: true };
}

function columns(
  trades: HalfDiscs,
  series: SeriesInput,
  window: WindowLike,
  maxPoints: number,
  bands: Bands | null,
): Drawn {
  const { discs, ...counts } = trades;
  const time = secondsSince(timeOrigin(window.start.getTime()));
  // Drawn as bands: the series too, one point a band (what the graph can show).
  const bucketed = (points: Points) =>
    bands ? gridSeries(points, bands.size) : bucketSeries(points, window, maxPoints);
  return {
    trades: {
      ...discColumns(bands ? [] : mergeDiscsInTime(discs, window, maxPoints), time),
      ...counts,
      bands: bands && tradeBandColumns(bands.trades, bands.size, time),
    },
    series: {
      position: rangeColumns(bucketed(series.position), time),
      revenue: valueColumns(bucketed(series.revenue), time),
      profit: valueColumns(bucketed(series.profit), time),
      positionBands: bands && positionBandColumns(bands.position, bands.size, time, bands.endsOnly),
    },
  };
}
