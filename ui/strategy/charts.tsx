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
  ReferenceLine,
} from 'recharts';
import type { DrawnSeries, DrawnTrades } from '@/lib/strategy/domain/drawn';
import { TradeBandsGraph } from './bands-chart';
import { ASK_COLOUR, BID_COLOUR, compact, timeAxisProps } from './chart-parts';
import { axisTickFormatter, formatMoneyShown, formatQuantity } from '@/ui/shared/format';
import { DiscTooltip, formatUtc } from './disc-tooltip';
import { useDisplayZone } from '@/ui/shared/display-zone';
import {
  type DiscRow,
  discRows,
  positionBandRows,
  positionAxis,
  positionValues,
  seriesRows,
} from './rows';

const POSITION_COLOUR = 'var(--c-position)';
const REVENUE_COLOUR = 'var(--c-revenue)';
const PROFIT_COLOUR = 'var(--c-profit)';
const LIMIT_COLOUR = 'var(--c-limit)';

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

type TradingGraphProps = {
  trades: DrawnTrades;
  start: number;
  end: number;
  basePointRadius: number;
  priceCurrency: string;
  volumeCurrency: string;
};

/** Half-discs, or for a dense window (trades.bands) the bid and ask bands with volumes. */
export function TradingGraph(props: TradingGraphProps) {
  return props.trades.bands ? <TradeBandsGraph {...props} /> : <DiscsGraph {...props} />;
}

function DiscsGraph(props: TradingGraphProps) {
  const tz = useDisplayZone();
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
  const priceDomain = paddedDomain(props.trades.discs.unitPrice);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ScatterChart margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="var(--c-grid)" />
        <XAxis {...timeAxisProps(props.start, props.end, tz)} />
        <YAxis
          type="number"
          dataKey="unitPrice"
          domain={priceDomain}
          allowDataOverflow
          tickFormatter={
            priceDomain[0] === 'auto' ? compact : axisTickFormatter(priceDomain[0], priceDomain[1])
          }
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
        <Legend verticalAlign="top" />
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
  const tz = useDisplayZone();
  const until = Math.min(props.end, props.now);
  const banded = props.series.positionBands !== null;
  const data = useMemo(
    () =>
      banded
        ? positionBandRows(props.series, props.start, until)
        : seriesRows(props.series, props.start, until),
    [banded, props.series, props.start, until],
  );
  const { min, max } = props.series.position;
  const bucketed = banded || min.some((lo, i) => lo !== max[i]);
  const { positionMin, positionMax } = props;
  const axis = useMemo(
    () => positionAxis(positionValues(props.series), { min: positionMin, max: positionMax }),
    [props.series, positionMin, positionMax],
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 16, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="var(--c-grid)" />
        <XAxis {...timeAxisProps(props.start, props.end, tz)} />
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
          domain={axis?.domain ?? ['auto', 'auto']}
          ticks={axis?.ticks}
          allowDataOverflow={axis !== null}
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
          labelFormatter={(ms) => formatUtc(Number(ms), tz)}
          formatter={(value, name, item) => {
            // position in the volume currency, realized revenue and profit in the price currency
            const shown =
              item?.dataKey === 'revenue' || item?.dataKey === 'profit'
                ? (v: unknown) => formatMoneyShown(Number(v), props.priceCurrency)
                : (v: unknown) => formatQuantity(Number(v), props.volumeCurrency);
            return [Array.isArray(value) ? value.map(shown).join(' … ') : shown(value), name];
          }}
        />
        <Legend verticalAlign="top" />
        {[props.positionMin, props.positionMax].map(
          (y, i) =>
            y !== undefined && (
              <ReferenceLine
                key={i}
                yAxisId="position"
                y={y}
                className="position-limit"
                stroke={LIMIT_COLOUR}
                strokeDasharray="6 4"
                ifOverflow="discard"
                label={{
                  value: `${i === 0 ? 'min' : 'max'} ${compact(y)}`,
                  position: 'insideTopRight',
                  fill: LIMIT_COLOUR,
                  fontSize: 11,
                }}
              />
            ),
        )}
        {bucketed && (
          <Area
            yAxisId="position"
            type="linear"
            dataKey="positionRange"
            name={banded ? 'Position range per bucket' : 'Position range'}
            className="position-range"
            stroke={banded ? POSITION_COLOUR : 'none'}
            strokeOpacity={0.5}
            strokeWidth={0.5}
            fill={POSITION_COLOUR}
            fillOpacity={banded ? 0.3 : 0.15}
            connectNulls
            isAnimationActive={false}
            legendType={banded ? 'square' : 'none'}
          />
        )}
        <Line
          yAxisId="position"
          type={banded ? 'linear' : 'stepAfter'}
          dataKey="position"
          name={`Position (${props.volumeCurrency})${banded ? ', at each bucket’s end' : ''}`}
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
