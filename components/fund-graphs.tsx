'use client';

import dynamic from 'next/dynamic';
import type { FundReport } from '@/lib/domain/fund-report-types';
import type { WaterfallStep } from './fund-charts';

// Recharts measures the DOM: render the charts in the browser only.
const Waterfall = dynamic(() => import('./fund-charts').then((m) => m.Waterfall), { ssr: false });
const NetAssetsLines = dynamic(() => import('./fund-charts').then((m) => m.NetAssetsLines), { ssr: false });

const isZero = (v: string) => /^-?0(\.0*)?$/.test(v);

export function FundGraphs({ data }: { data: FundReport }) {
  const f = data.figures;
  // Parts that are exactly 0 are left out of the drawing (they are in the table above); the discrepancy always shows.
  const steps: WaterfallStep[] = [
    { key: 'start', label: 'Start', value: Number(f.netAssetsStart), exact: f.netAssetsStart, total: true },
    ...data.parts.filter((p) => p.key === 'discrepancy' || !isZero(p.usd)).map((p) => ({ key: p.key, label: p.label, value: Number(p.usd), exact: p.usd, total: false })),
    { key: 'end', label: 'End', value: Number(f.netAssetsEnd), exact: f.netAssetsEnd, total: true },
  ];
  const start = Date.parse(data.window.start);
  const end = Date.parse(data.window.valuedUntil);
  const step = data.series.stepDays;
  return (
    <>
      <section className="panel" aria-label="Waterfall">
        <h2>From starting to final net assets</h2>
        <div className="chart-panel" data-testid="fund-waterfall">
          <Waterfall steps={steps} />
        </div>
      </section>
      <section className="panel" aria-label="Net assets over the window">
        <h2>Net assets, total assets and total liabilities (USD)</h2>
        <p className="muted" style={{ margin: '0 0 8px' }}>
          At every UTC midnight{step > 1 ? ` (every ${step} days: a long window)` : ''}, each valued at that day’s rates.
        </p>
        <div className="chart-panel" data-testid="fund-lines">
          <NetAssetsLines points={data.series.points} start={start} end={Math.max(end, start + 1)} />
        </div>
      </section>
    </>
  );
}
