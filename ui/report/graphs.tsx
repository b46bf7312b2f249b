'use client';

import dynamic from 'next/dynamic';
import type { DrawnDay, Unit } from './charts';

// Recharts measures the DOM: render the charts in the browser only.
const DailyAndCumulative = dynamic(() => import('./charts').then((m) => m.DailyAndCumulative), {
  ssr: false,
});
const Underwater = dynamic(() => import('./charts').then((m) => m.Underwater), { ssr: false });

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
  return (
    <>
      <section className="panel" aria-label="Daily and cumulative">
        <h2>{title}</h2>
        <div style={{ height: 300 }} data-testid="report-pnl-chart">
          <DailyAndCumulative
            days={days}
            unit={unit}
            dailyName={dailyName}
            cumulativeName={cumulativeName}
          />
        </div>
      </section>
      <section className="panel" aria-label="Underwater">
        <h2>Underwater</h2>
        <p className="muted" style={{ margin: '0 0 8px' }}>
          {underwaterWords}
        </p>
        <div style={{ height: 200 }} data-testid="report-underwater-chart">
          <Underwater days={days} unit={unit} />
        </div>
      </section>
    </>
  );
}
