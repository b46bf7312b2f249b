'use client';

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
import type { BucketedPoint, HalfDisc } from '@/lib/strategy/domain/downsample';

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
function paddedDomain(discs: HalfDisc[]): [number, number] | ['auto', 'auto'] {
  if (discs.length === 0) return ['auto', 'auto'];
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of discs) {
    if (d.unitPrice < lo) lo = d.unitPrice;
    if (d.unitPrice > hi) hi = d.unitPrice;
  }
  const pad = Math.max((hi - lo) * 0.06, Math.abs(hi) * 0.001, 1e-9);
  return [lo - pad, hi + pad];
}

/** A half-disc whose area is proportional to volume: bids the lower half, asks the upper half (SVG y grows down). */
function halfDiscShape(basePointRadius: number) {
  function HalfDiscShape(props: { cx?: number; cy?: number; payload?: HalfDisc }) {
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

function DiscTooltip({
  active,
  payload,
  priceCurrency,
  volumeCurrency,
}: {
  active?: boolean;
  payload?: Array<{ payload?: HalfDisc }>;
  priceCurrency: string;
  volumeCurrency: string;
}) {
  const disc = active ? payload?.[0]?.payload : undefined;
  if (!disc) return null;
  const t = disc.tooltip;
  return (
    <div className="chart-tooltip">
      <div>
        <strong>{disc.side === 'BID' ? 'Bid (buy)' : 'Ask (sell)'}</strong> · {t.exchange}
      </div>
      <div>
        {t.volume} {volumeCurrency} @ {t.unitPrice} {priceCurrency}
        {disc.count > 1 ? ' (volume-weighted)' : ''}
      </div>
      <div>
        Fee: {t.fee} {priceCurrency}
      </div>
      {t.orderId !== null && <div>Order ID: {t.orderId}</div>}
      <div>{t.lastTime ? `${t.time} … ${t.lastTime}` : t.time}</div>
      {disc.count > 1 && (
        <div className="muted">{disc.count.toLocaleString('en-US')} fills merged</div>
      )}
    </div>
  );
}

export function TradingGraph(props: {
  discs: HalfDisc[];
  start: number;
  end: number;
  basePointRadius: number;
  priceCurrency: string;
  volumeCurrency: string;
}) {
  const bids = props.discs.filter((d) => d.side === 'BID');
  const asks = props.discs.filter((d) => d.side === 'ASK');
  const shape = halfDiscShape(props.basePointRadius);
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
          domain={paddedDomain(props.discs)}
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

interface Row {
  t: number;
  position?: number;
  positionRange?: [number, number];
  revenue?: number;
  profit?: number;
}

/** Merge the three series on one time axis; each keeps its own points (no interpolation). */
function mergeSeries(
  position: BucketedPoint[],
  revenue: BucketedPoint[],
  profit: BucketedPoint[],
  until: number,
): Row[] {
  const rows = new Map<number, Row>();
  // Each series holds its last value until the end of the window (or now, for a window still running).
  const extend = (series: BucketedPoint[]) => {
    const last = series[series.length - 1];
    return last && last.t < until
      ? [...series, { t: until, v: last.v, min: last.v, max: last.v }]
      : series;
  };
  [position, revenue, profit] = [extend(position), extend(revenue), extend(profit)];
  const at = (t: number) => rows.get(t) ?? rows.set(t, { t }).get(t)!;
  for (const p of position)
    Object.assign(at(p.t), { position: p.v, positionRange: [p.min, p.max] });
  for (const p of revenue) at(p.t).revenue = p.v;
  for (const p of profit) at(p.t).profit = p.v;
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

export function PositionPnlGraph(props: {
  position: BucketedPoint[];
  revenue: BucketedPoint[];
  profit: BucketedPoint[];
  start: number;
  end: number;
  priceCurrency: string;
  volumeCurrency: string;
  positionMin?: number;
  positionMax?: number;
  /** Epoch ms when the page was rendered: series are not drawn into the future. */
  now: number;
}) {
  const data = mergeSeries(
    props.position,
    props.revenue,
    props.profit,
    Math.min(props.end, props.now),
  );
  const bucketed = props.position.some((p) => p.min !== p.max);
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
          labelFormatter={(ms) => new Date(Number(ms)).toISOString().replace('.000Z', 'Z')}
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
