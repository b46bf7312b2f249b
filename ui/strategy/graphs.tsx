'use client';

import dynamic from 'next/dynamic';
import type { StrategyDashboard } from '@/lib/strategy/dashboard';
import { bandWords } from '@/lib/strategy/domain/bands';
import { formatCount, formatQuantity } from '@/ui/shared/format';
import { ChartFrame } from '@/ui/shared/chart-frame';
import { fillsTable, positionTable, spreadTable } from './chart-tables';
import { useDisplayZone } from '@/ui/shared/display-zone';

// Recharts measures the DOM: render the charts in the browser only.
const TradingGraph = dynamic(() => import('./charts').then((m) => m.TradingGraph), { ssr: false });
const SpreadStrip = dynamic(() => import('./bands-chart').then((m) => m.SpreadStrip), {
  ssr: false,
});
const PositionPnlGraph = dynamic(() => import('./charts').then((m) => m.PositionPnlGraph), {
  ssr: false,
});

export function StrategyGraphs({ data, now }: { data: StrategyDashboard; now: number }) {
  const start = Date.parse(data.window.start);
  const end = Date.parse(data.window.end);
  const s = data.strategy;
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const bands = data.trades.bands;
  const positionBands = data.series.positionBands;
  const currencies = { priceCurrency: s.priceCurrency, volumeCurrency: s.volumeCurrency };
  // the data tables' times in the display zone, as the tooltips
  const tz = useDisplayZone();
  return (
    <>
      <section className="panel" aria-label="Trading graph">
        <h2>Fills</h2>
        {bands ? (
          <p className="muted" style={{ margin: '0 0 8px' }}>
            Too many fills to tell half-discs apart: per {bandWords(bands.size * 1000)}, the
            volume-weighted prices of the bids (green) and asks (blue), the gap between them shaded,
            and each side&rsquo;s volume as bars along the bottom (right axis); below, the gap
            itself (ask minus bid), which a long window&rsquo;s price axis makes too thin to see.
          </p>
        ) : (
          <p className="muted" style={{ margin: '0 0 8px' }}>
            Each fill is a half-disc at its unit price: bids (buys) green, lower half; asks (sells)
            blue, upper half; area proportional to volume. Fills of{' '}
            {formatQuantity(s.graphVolumeThreshold, s.volumeCurrency)} or less are not drawn
            {data.trades.belowThreshold > 0
              ? ` (${formatCount(data.trades.belowThreshold)} here)`
              : ''}
            .
          </p>
        )}
        <ChartFrame
          title={`Fills of ${s.displayName}`}
          table={() => fillsTable(data.trades, start, currencies, tz)}
        >
          <div
            className="chart-panel"
            data-testid="trading-graph"
            data-view={bands ? 'bands' : 'discs'}
          >
            <TradingGraph
              trades={data.trades}
              start={start}
              end={end}
              basePointRadius={s.basePointRadius}
              priceCurrency={s.priceCurrency}
              volumeCurrency={s.volumeCurrency}
            />
          </div>
        </ChartFrame>
        {bands && (
          <ChartFrame
            title={`Ask minus bid of ${s.displayName}`}
            table={() => spreadTable(data.trades, start, s.priceCurrency, tz)}
          >
            <div style={{ height: 140 }} data-testid="spread-strip">
              <SpreadStrip
                trades={data.trades}
                start={start}
                end={end}
                priceCurrency={s.priceCurrency}
              />
            </div>
          </ChartFrame>
        )}
      </section>
      <section className="panel" aria-label="Position and realized P&L">
        <h2>Position and realized P&amp;L</h2>
        {positionBands && (
          <p className="muted" style={{ margin: '0 0 8px' }}>
            Position per {bandWords(positionBands.size * 1000)}: the shaded band spans its lowest
            and highest value within the bucket (at the bucket&rsquo;s start and after each fill
            {positionBands.endsOnly.length > 0
              ? '; for a stretch the rollup has not replayed yet, only its two ends'
              : ''}
            ), the line joins its values at the buckets&rsquo; ends.
          </p>
        )}
        {(s.positionGraphMin !== undefined || s.positionGraphMax !== undefined) && (
          <p className="muted" style={{ margin: '0 0 8px' }}>
            Dashed lines: the configured position range (
            {s.positionGraphMin === undefined
              ? 'none'
              : formatQuantity(s.positionGraphMin, s.volumeCurrency)}{' '}
            to{' '}
            {s.positionGraphMax === undefined
              ? 'none'
              : formatQuantity(s.positionGraphMax, s.volumeCurrency)}
            ); the axis widens when the position goes beyond it.
          </p>
        )}
        <ChartFrame
          title={`Position and realized P&L of ${s.displayName}`}
          table={() => positionTable(data.series, start, Math.min(end, now), currencies, tz)}
        >
          <div
            className="chart-panel"
            data-testid="position-graph"
            data-view={positionBands ? 'bands' : 'line'}
          >
            <PositionPnlGraph
              series={data.series}
              start={start}
              end={end}
              priceCurrency={s.priceCurrency}
              volumeCurrency={s.volumeCurrency}
              positionMin={num(s.positionGraphMin)}
              positionMax={num(s.positionGraphMax)}
              now={now}
            />
          </div>
        </ChartFrame>
      </section>
    </>
  );
}
