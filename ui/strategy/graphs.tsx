'use client';

import dynamic from 'next/dynamic';
import type { StrategyDashboard } from '@/lib/strategy/dashboard';

// Recharts measures the DOM: render the charts in the browser only.
const TradingGraph = dynamic(() => import('./charts').then((m) => m.TradingGraph), { ssr: false });
const PositionPnlGraph = dynamic(() => import('./charts').then((m) => m.PositionPnlGraph), {
  ssr: false,
});

export function StrategyGraphs({ data, now }: { data: StrategyDashboard; now: number }) {
  const start = Date.parse(data.window.start);
  const end = Date.parse(data.window.end);
  const s = data.strategy;
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return (
    <>
      <section className="panel" aria-label="Trading graph">
        <h2>Fills</h2>
        <p className="muted" style={{ margin: '0 0 8px' }}>
          Each fill is a half-disc at its unit price: bids (buys) green, lower half; asks (sells)
          blue, upper half; area proportional to volume. Fills of {s.graphVolumeThreshold}{' '}
          {s.volumeCurrency} or less are not drawn
          {data.trades.belowThreshold > 0 ? ` (${data.trades.belowThreshold} here)` : ''}.
        </p>
        <div className="chart-panel" data-testid="trading-graph">
          <TradingGraph
            trades={data.trades}
            start={start}
            end={end}
            basePointRadius={s.basePointRadius}
            priceCurrency={s.priceCurrency}
            volumeCurrency={s.volumeCurrency}
          />
        </div>
      </section>
      <section className="panel" aria-label="Position and realized P&L">
        <h2>Position and realized P&amp;L</h2>
        <div className="chart-panel" data-testid="position-graph">
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
      </section>
    </>
  );
}
