'use client';

import dynamic from 'next/dynamic';
import type { FundReport } from '@/lib/fund/domain/report-types';
import type { WaterfallStep } from './charts';
import { ChartFrame } from '@/ui/shared/chart-frame';
import { formatMoney, formatTime } from '@/ui/shared/format';

// Recharts measures the DOM: render the charts in the browser only.
const Waterfall = dynamic(() => import('./charts').then((m) => m.Waterfall), { ssr: false });
const SeriesLine = dynamic(() => import('./charts').then((m) => m.SeriesLine), { ssr: false });

const SERIES = [
  { key: 'netAssets', name: 'Net assets', colour: 'var(--c-total)' },
  { key: 'assets', name: 'Total assets', colour: 'var(--c-up)' },
  { key: 'liabilities', name: 'Total liabilities', colour: 'var(--c-down)' },
] as const;

const FINANCING = 'Capital flows and liabilities (net)';
const isZero = (v: string) => /^-?0(\.0*)?$/.test(v);

export function FundGraphs({ data }: { data: FundReport }) {
  const f = data.figures;
  // Parts that are exactly 0 are left out of the drawing (they are in the table above); the discrepancy always shows.
  const steps: WaterfallStep[] = [
    {
      key: 'start',
      label: 'Start',
      value: Number(f.netAssetsStart),
      exact: f.netAssetsStart,
      total: true,
    },
    ...data.parts
      // Capital flows and liabilities are one step: a loan repaid is cash and a liability
      // both going down, not a red bar beside a green one (both are in the table above).
      .filter((p) => p.key !== 'capitalFlows' && p.key !== 'liabilities')
      .flatMap((p) =>
        p.key === 'drift' && !isZero(f.financing)
          ? [{ key: 'financing', label: FINANCING, usd: f.financing }, p]
          : [p],
      )
      .filter((p) => p.key === 'discrepancy' || !isZero(p.usd))
      .map((p) => ({
        key: p.key,
        label: p.label,
        value: Number(p.usd),
        exact: p.usd,
        total: false,
      })),
    { key: 'end', label: 'End', value: Number(f.netAssetsEnd), exact: f.netAssetsEnd, total: true },
  ];
  const start = Date.parse(data.window.start);
  const end = Date.parse(data.window.valuedUntil);
  const step = data.series.stepDays;
  return (
    <>
      <section className="panel" aria-label="Waterfall">
        <h2>From starting to final net assets</h2>
        <ChartFrame
          title="From starting to final net assets (USD)"
          table={() => ({
            columns: ['Step', 'USD'],
            rows: steps.map((st) => [st.label, formatMoney(st.exact, 'USD', { sign: !st.total })]),
          })}
        >
          <div className="chart-panel" data-testid="fund-waterfall">
            <Waterfall steps={steps} />
          </div>
        </ChartFrame>
      </section>
      <section className="panel" aria-label="Net assets over the window">
        <h2>Net assets, total assets and total liabilities (USD)</h2>
        <p className="muted" style={{ margin: '0 0 8px' }}>
          At every UTC midnight{step > 1 ? ` (every ${step} days: a long window)` : ''}, each valued
          at that day’s rates.
        </p>
        <div
          data-testid="fund-lines"
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit, minmax(min(320px, 100%), 1fr))',
            gap: 16,
          }}
        >
          {SERIES.map((x) => (
            <div key={x.key}>
              <h3 style={{ fontSize: 13, margin: '0 0 4px', color: x.colour }}>{x.name}</h3>
              <ChartFrame
                title={`${x.name} (USD)`}
                table={() => ({
                  columns: ['Time', `${x.name} (USD)`],
                  rows: data.series.points.map((p) => [
                    formatTime(p.t),
                    formatMoney(p[x.key], 'USD'),
                  ]),
                })}
              >
                <div style={{ height: 240 }} data-series={x.key}>
                  <SeriesLine
                    points={data.series.points}
                    dataKey={x.key}
                    name={x.name}
                    colour={x.colour}
                    start={start}
                    end={Math.max(end, start + 1)}
                  />
                </div>
              </ChartFrame>
            </div>
          ))}
        </div>
      </section>
    </>
  );
}
