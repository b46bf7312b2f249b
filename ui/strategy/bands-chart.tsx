'use client';

import { useMemo } from 'react';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DrawnTrades } from '@/lib/strategy/domain/drawn';
import { formatPrice, formatQuantity, formatTimeRange } from '@/ui/shared/format';
import { formatUtc } from './disc-tooltip';
import { useDisplayZone } from '@/ui/shared/display-zone';
import { type TradeBandRow, tradeBandRows } from './rows';
import { ASK_COLOUR, BID_COLOUR, compact, timeAxisProps } from './chart-parts';

const GAP_COLOUR = 'var(--c-gap)';

function paddedPrices(rows: readonly TradeBandRow[]): [number, number] | ['auto', 'auto'] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows)
    for (const p of [r.bidVwap, r.askVwap])
      if (p !== null) {
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
  if (lo > hi) return ['auto', 'auto'];
  // The volume bars take the lowest quarter: the prices keep the upper three.
  const span = Math.max(hi - lo, Math.abs(hi) * 0.001);
  return [lo - span * 0.45, hi + span * 0.06];
}

function BandTooltip(props: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: TradeBandRow }>;
  priceCurrency: string;
  volumeCurrency: string;
}) {
  const tz = useDisplayZone();
  const row = props.payload?.[0]?.payload;
  if (!props.active || !row) return null;
  const price = (p: number | null) => (p === null ? '–' : formatPrice(p, props.priceCurrency));
  const volume = (v: number) => formatQuantity(v, props.volumeCurrency);
  return (
    <div className="chart-tooltip" data-testid="band-tooltip">
      <div>{formatTimeRange(row.from, row.to, { tz })}</div>
      <div style={{ color: BID_COLOUR }}>
        Bids: {volume(row.bidVolume)} at {price(row.bidVwap)}
      </div>
      <div style={{ color: ASK_COLOUR }}>
        Asks: {volume(row.askVolume)} at {price(row.askVwap)}
      </div>
      {row.gap && <div>Ask − bid: {price(row.gap[1] - row.gap[0])}</div>}
    </div>
  );
}

/**
 * A dense window's trading graph (lib/strategy/domain/bands.ts): per bucket the bid and ask
 * volume-weighted prices, the gap between them shaded, and each side's volume as bars along
 * the bottom (right axis).
 */
export function TradeBandsGraph(props: {
  trades: DrawnTrades;
  start: number;
  end: number;
  priceCurrency: string;
  volumeCurrency: string;
}) {
  const tz = useDisplayZone();
  const bands = props.trades.bands;
  const rows = useMemo(
    () => (bands ? tradeBandRows(bands, props.start) : []),
    [bands, props.start],
  );
  const maxVolume = useMemo(
    () => rows.reduce((m, r) => Math.max(m, r.bidVolume, r.askVolume), 0),
    [rows],
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={{ top: 16, right: 8, bottom: 8, left: 8 }} barGap={0}>
        <CartesianGrid stroke="var(--c-grid)" />
        <XAxis {...timeAxisProps(props.start, props.end, tz)} />
        <YAxis
          yAxisId="price"
          type="number"
          domain={paddedPrices(rows)}
          allowDataOverflow
          tickFormatter={compact}
          width={88}
          label={{
            value: `Price (${props.priceCurrency})`,
            angle: -90,
            position: 'insideLeft',
            offset: 0,
          }}
        />
        <YAxis
          yAxisId="volume"
          orientation="right"
          type="number"
          domain={[0, maxVolume > 0 ? maxVolume * 4 : 1]}
          allowDataOverflow
          tickFormatter={compact}
          width={80}
          label={{
            value: `Volume (${props.volumeCurrency})`,
            angle: 90,
            position: 'insideRight',
            offset: 0,
          }}
        />
        <Tooltip
          isAnimationActive={false}
          content={
            <BandTooltip
              priceCurrency={props.priceCurrency}
              volumeCurrency={props.volumeCurrency}
            />
          }
        />
        <Legend verticalAlign="top" />
        <Bar
          yAxisId="volume"
          dataKey="bidVolume"
          name="Bid volume"
          fill={BID_COLOUR}
          fillOpacity={0.45}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="volume"
          dataKey="askVolume"
          name="Ask volume"
          fill={ASK_COLOUR}
          fillOpacity={0.45}
          isAnimationActive={false}
        />
        <Area
          yAxisId="price"
          dataKey="gap"
          name="Bid–ask gap"
          className="band-gap"
          stroke="none"
          fill={GAP_COLOUR}
          fillOpacity={0.3}
          isAnimationActive={false}
        />
        <Line
          yAxisId="price"
          dataKey="bidVwap"
          name="Bid VWAP"
          className="band-bid"
          stroke={BID_COLOUR}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="price"
          dataKey="askVwap"
          name="Ask VWAP"
          className="band-ask"
          stroke={ASK_COLOUR}
          strokeWidth={1.5}
          strokeDasharray="6 3"
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/**
 * The ask VWAP minus the bid VWAP per bucket, on its own scale: over a long window the gap is a
 * fraction of a pixel next to the price's moves, yet it is what a market maker earns (below
 * zero: bought dearer than sold in that bucket).
 */
export function SpreadStrip(props: {
  trades: DrawnTrades;
  start: number;
  end: number;
  priceCurrency: string;
}) {
  const tz = useDisplayZone();
  const bands = props.trades.bands;
  const rows = useMemo(
    () =>
      (bands ? tradeBandRows(bands, props.start) : []).map((r) => ({
        t: r.t,
        spread: r.gap ? r.gap[1] - r.gap[0] : null,
      })),
    [bands, props.start],
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={{ top: 4, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="var(--c-grid)" />
        <XAxis {...timeAxisProps(props.start, props.end, tz)} />
        <YAxis
          tickFormatter={compact}
          width={88}
          label={{
            value: `Gap (${props.priceCurrency})`,
            angle: -90,
            position: 'insideLeft',
            offset: 0,
            style: { fontSize: 11 },
          }}
        />
        <YAxis yAxisId="pad" orientation="right" width={80} tick={false} axisLine={false} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(ms) => formatUtc(Number(ms), tz)}
          formatter={(v) => [formatPrice(Number(v), props.priceCurrency), 'Ask VWAP − bid VWAP']}
        />
        <Area
          dataKey="spread"
          name="Ask VWAP − bid VWAP"
          className="band-spread"
          stroke={GAP_COLOUR}
          fill={GAP_COLOUR}
          fillOpacity={0.4}
          baseValue={0}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
