'use client';

import { useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  Area,
} from 'recharts';
import type { DrawnSeries, DrawnTrades } from '@/lib/strategy/domain/drawn';
import { DiscTooltip, formatUtc } from './disc-tooltip';
import { type DiscRow, discRows, seriesRows } from './rows';

export const BID_COLOUR = '#2f9e57';
export const ASK_COLOUR = '#2463eb';
const POSITION_COLOUR = '#ed9121';
const REVENUE_COLOUR = '#1e7b43';
const PROFIT_COLOUR = '#7a4bd6';

const HOUR = 3_600_000;
const STEPS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  2 * 24 * HOUR,
  7 * 24 * HOUR,
  14 * 24 * HOUR,
  30 * 24 * HOUR,
  91 * 24 * HOUR,
  365 * 24 * HOUR,
];

/** Round UTC ticks (whole minutes, hours or days), about 8 to 14 across the window. */
export function timeTicks(start: number, end: number): number[] {
  const span = Math.max(1, end - start);
  const step = STEPS.find((s) => span / s <= 14) ?? STEPS[STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

const timeTick = (spanMs: number) => (ms: number) => {
  const iso = new Date(ms).toISOString();
  if (spanMs <= 2 * 86_400_000)
    return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
  return spanMs <= 400 * 86_400_000 ? iso.slice(5, 10) : iso.slice(0, 7);
};

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return value.toLocaleString('en-US', { maximumFractionDigits: abs >= 100 ? 0 : 4 });
}

/** Price axis range with 6% headroom, so half-discs at the extremes are not cut by the plot edge. */
function paddedDomain(prices: number[]): [number, number] | ['auto', 'auto'] {
  if (prices.length === 0) return ['auto', 'auto'];
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of prices) {
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  const pad = Math.max((hi - lo) * 0.06, Math.abs(hi) * 0.001, 1e-9);
  return [lo - pad, hi + pad];
}

/**
 * Pixels per √volume: the configured base_point_radius, but never so much that the largest disc
 * drawn passes a radius that shrinks as discs get many (24 px for a few, about 13 px for 2,000),
 * so that a long window's merged discs do not cover each other; area stays proportional to
 * volume among the discs drawn.
 */
export function discScale(basePointRadius: number, volumes: readonly number[]): number {
  let max = 0;
  for (const v of volumes) if (v > max) max = v;
  if (max <= 0) return basePointRadius;
  const largestPx = Math.max(6, Math.min(24, 600 / Math.sqrt(volumes.length)));
  return Math.min(basePointRadius, largestPx / Math.sqrt(max));
}

/** A half-disc whose area is proportional to volume: bids the lower half, asks the upper half (SVG y grows down). */
function halfDiscShape(basePointRadius: number) {
  function HalfDiscShape(props: { cx?: number; cy?: number; payload?: DiscRow }) {
    const { cx, cy, payload } = props;
    if (cx === undefined || cy === undefined || !payload) return <g />;
    const r = Math.max(1.5, basePointRadius * Math.sqrt(payload.volume));
    const bid = payload.side === 'BID';
    const colour = bid ? BID_COLOUR : ASK_COLOUR;
    // sweep 0 from the left point to the right one passes below the centre, sweep 1 above it
    const d = `M ${cx - r} ${cy} A ${r} ${r} 0 0 ${bid ? 0 : 1} ${cx + r} ${cy} Z`;
    return (
      <path
        d={d}
        className={`half-disc ${bid ? 'bid' : 'ask'}`}
        data-side={payload.side}
        data-count={payload.count}
        fill={colour}
        fillOpacity={0.3}
        stroke={colour}
        strokeWidth={1.5}
        strokeOpacity={0.85}
      />
    );
  }
  return HalfDiscShape;
}

export function TradingGraph(props: {
  trades: DrawnTrades;
  start: number;
  end: number;
  basePointRadius: number;
  priceCurrency: string;
  volumeCurrency: string;
}) {
  const rows = useMemo(() => discRows(props.trades, props.start), [props.trades, props.start]);
  const bids = useMemo(() => rows.filter((d) => d.side === 'BID'), [rows]);
  const asks = useMemo(() => rows.filter((d) => d.side === 'ASK'), [rows]);
  const scale = useMemo(
    () =>
      discScale(
        props.basePointRadius,
        rows.map((d) => d.volume),
      ),
    [props.basePointRadius, rows],
  );
  const shape = halfDiscShape(scale);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ScatterChart margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e8ebef" />
        <XAxis
          type="number"
          dataKey="t"
          domain={[props.start, props.end]}
          scale="time"
          tickFormatter={timeTick(props.end - props.start)}
          ticks={timeTicks(props.start, props.end)}
          allowDataOverflow
        />
        <YAxis
          type="number"
          dataKey="unitPrice"
          domain={paddedDomain(props.trades.discs.unitPrice)}
          tickFormatter={compact}
          width={88}
          label={{
            value: `Price (${props.priceCurrency})`,
            angle: -90,
            position: 'insideLeft',
            offset: 0,
          }}
        />
        <Tooltip
          cursor={{ strokeDasharray: '3 3' }}
          isAnimationActive={false}
          content={
            <DiscTooltip
              priceCurrency={props.priceCurrency}
              volumeCurrency={props.volumeCurrency}
            />
          }
        />
        <Legend verticalAlign="top" height={24} />
        <Scatter
          name="Bids (buys)"
          data={bids}
          fill={BID_COLOUR}
          shape={shape}
          isAnimationActive={false}
        />
        <Scatter
          name="Asks (sells)"
          data={asks}
          fill={ASK_COLOUR}
          shape={shape}
          isAnimationActive={false}
        />
      </ScatterChart>
    </ResponsiveContainer>
  );
}

export function PositionPnlGraph(props: {
  series: DrawnSeries;
  start: number;
  end: number;
  priceCurrency: string;
  volumeCurrency: string;
  positionMin?: number;
  positionMax?: number;
  /** Epoch ms when the page was rendered: series are not drawn into the future. */
  now: number;
}) {
  const until = Math.min(props.end, props.now);
  const data = useMemo(
    () => seriesRows(props.series, props.start, until),
    [props.series, props.start, until],
  );
  const { min, max } = props.series.position;
  const bucketed = min.some((lo, i) => lo !== max[i]);
  const positionDomain: [number | string, number | string] =
    props.positionMin !== undefined && props.positionMax !== undefined
      ? [props.positionMin, props.positionMax]
      : ['auto', 'auto'];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 16, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e8ebef" />
        <XAxis
          type="number"
          dataKey="t"
          domain={[props.start, props.end]}
          scale="time"
          tickFormatter={timeTick(props.end - props.start)}
          ticks={timeTicks(props.start, props.end)}
          allowDataOverflow
        />
        <YAxis
          yAxisId="pnl"
          tickFormatter={compact}
          width={88}
          label={{
            value: `Realized (${props.priceCurrency})`,
            angle: -90,
            position: 'insideLeft',
            offset: 0,
          }}
        />
        <YAxis
          yAxisId="position"
          orientation="right"
          domain={positionDomain}
          allowDataOverflow={positionDomain[0] !== 'auto'}
          tickFormatter={compact}
          width={80}
          label={{
            value: `Position (${props.volumeCurrency})`,
            angle: 90,
            position: 'insideRight',
            offset: 0,
          }}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(ms) => formatUtc(Number(ms))}
          formatter={(value, name) => [Array.isArray(value) ? value.join(' … ') : value, name]}
        />
        <Legend verticalAlign="top" height={24} />
        {bucketed && (
          <Area
            yAxisId="position"
            dataKey="positionRange"
            name="Position range"
            stroke="none"
            fill={POSITION_COLOUR}
            fillOpacity={0.15}
            connectNulls
            isAnimationActive={false}
            legendType="none"
          />
        )}
        <Line
          yAxisId="position"
          type="stepAfter"
          dataKey="position"
          name={`Position (${props.volumeCurrency})`}
          stroke={POSITION_COLOUR}
          dot={false}
          strokeWidth={2}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          yAxisId="pnl"
          type="stepAfter"
          dataKey="revenue"
          name="Realized revenue"
          stroke={REVENUE_COLOUR}
          dot={false}
          strokeWidth={3}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          yAxisId="pnl"
          type="stepAfter"
          dataKey="profit"
          name="Realized profit (after fees)"
          stroke={PROFIT_COLOUR}
          dot={false}
          strokeWidth={1.5}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
