'use client';

import dynamic from 'next/dynamic';
import type { DrawnDay, Unit } from './charts';
import { ChartFrame } from '@/ui/shared/chart-frame';
import { formatMoneyShown, formatPercent } from '@/ui/shared/format';

// Recharts measures the DOM: render the charts in the browser only.
const DailyAndCumulative = dynamic(() => import('./charts').then((m) => m.DailyAndCumulative), {
  ssr: false,
});
const Underwater = dynamic(() => import('./charts').then((m) => m.Underwater), { ssr: false });

/** A drawn value as the data table and CSV show it (ui/shared/format.ts). */
function shownIn(unit: Unit): (v: number) => string {
  return unit.kind === 'percent'
    ? (v) => formatPercent(v, 3)
    : (v) => formatMoneyShown(v, unit.currency);
}

export function ReportGraphs({
  days,
  unit,
  dailyName,
  cumulativeName,
  underwaterWords,
  title,
}: {
  days: DrawnDay[];
  unit: Unit;
  dailyName: string;
  cumulativeName: string;
  underwaterWords: string;
  title: string;
}) {
  const shown = shownIn(unit);
  return (
    <>
      <section className="panel" aria-label="Daily and cumulative">
        <h2>{title}</h2>
        <ChartFrame
          title={title}
          table={() => ({
            columns: ['Day (UTC)', dailyName, cumulativeName],
            rows: days.map((d) => [d.day, shown(d.daily), shown(d.cumulative)]),
          })}
        >
          <div style={{ height: 300 }} data-testid="report-pnl-chart">
            <DailyAndCumulative
              days={days}
              unit={unit}
              dailyName={dailyName}
              cumulativeName={cumulativeName}
            />
          </div>
        </ChartFrame>
      </section>
      <section className="panel" aria-label="Underwater">
        <h2>Underwater</h2>
        <p className="muted" style={{ margin: '0 0 8px' }}>
          {underwaterWords}
        </p>
        <ChartFrame
          title="Underwater: below the running peak"
          table={() => ({
            columns: ['Day (UTC)', 'Below the peak'],
            rows: days.map((d) => [d.day, shown(d.underwater)]),
          })}
        >
          <div style={{ height: 200 }} data-testid="report-underwater-chart">
            <Underwater days={days} unit={unit} />
          </div>
        </ChartFrame>
      </section>
    </>
  );
}
