import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { strategyDisplayName } from '@/lib/strategy/exists';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';
import { DataStatus } from '@/ui/shared/data-as-of';
import { DashboardLoading } from '@/ui/shared/skeleton';
import { DEFAULT_REPORT_DAYS, parseReportWindow } from '@/lib/report/domain/window';
import { handleStrategyReportRequest } from '@/lib/strategy/report-request';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { StrategyTabs } from '@/ui/shared/view-tabs';
import { displayCalendar, withZone } from '@/lib/preferences/display';
import { WindowControl, WindowError } from '@/ui/shared/window-control';
import { StrategyReportView } from '@/ui/report/strategy-report';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ actor: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await getCurrentUser().catch(() => null))) return {};
  const { actor } = await params;
  return { title: `${actor} · performance report` };
}

/**
 * The header at once, the rest when loaded: an unknown strategy is looked up first (a 404
 * must be decided before the page streams), then the view loads inside Suspense.
 */
export default async function StrategyReportPage({ params, searchParams }: Props) {
  await requireUser();
  const key = (await params).actor;
  const query = await searchParams;
  const now = new Date();
  let window;
  try {
    window = parseReportWindow({ start: query.start, end: query.end }, now);
  } catch {
    return <ReportView params={params} searchParams={searchParams} />;
  }
  const name = await strategyDisplayName(key);
  if (name === null) notFound();
  const path = `/strategy/${encodeURIComponent(key)}/report`;
  const fallbackCalendar = await displayCalendar(query);
  return (
    <Suspense
      fallback={
        <DashboardLoading
          title={`${name ?? key} performance report`}
          control={
            <WindowControl
              path={path}
              query={query}
              window={window}
              now={now}
              calendar={fallbackCalendar}
              preview
            />
          }
          tabs={<StrategyTabs actor={key} current="report" query={query} />}
        />
      }
    >
      <ReportView params={params} searchParams={searchParams} />
    </Suspense>
  );
}

async function ReportView({ params, searchParams }: Props) {
  await requireUser();
  const key = (await params).actor;
  const query = await searchParams;
  const now = new Date();
  const path = `/strategy/${encodeURIComponent(key)}/report`;
  const calendar = await displayCalendar(query);
  const tz = calendar.zone;
  const [result, asOf] = await Promise.all([
    handleStrategyReportRequest(key, withZone(query, calendar), now),
    loadDataAsOf(now),
  ]);
  if (result.kind === 'not-found') notFound();
  if (result.kind === 'unavailable') {
    return (
      <main className="page">
        <h1>{key}</h1>
        <ErrorPanel title="This report cannot be shown" message={result.message} />
      </main>
    );
  }
  if (result.kind === 'bad-request') {
    return (
      <main className="page">
        <div className="dash-header">
          <h1>{result.subject} performance report</h1>
        </div>
        <WindowError
          message={result.error.message}
          param={result.error.param}
          example={result.error.example}
          path={path}
          now={now}
          query={query}
          calendar={calendar}
        />
      </main>
    );
  }
  const { data, window } = result;
  const s = data.strategy;
  const given = typeof query.start === 'string' || typeof query.end === 'string';
  return (
    <main className="page" data-testid="strategy-report-page">
      <div className="dash-header">
        <div>
          <h1>{s.displayName} performance report</h1>
          <div className="muted">
            Actor <code>{s.strategyActor}</code> · {s.volumeCurrency}/{s.priceCurrency}
            {s.inferred.some((k) => k === 'priceCurrency' || k === 'volumeCurrency') &&
              ' (inferred from the fills)'}{' '}
            · UTC days
            {!given && `, the last ${DEFAULT_REPORT_DAYS} by default`}
            {' · '}
            <a
              href={`/api/strategy/${encodeURIComponent(key)}/report?start=${encodeURIComponent(data.window.start)}&end=${encodeURIComponent(data.window.end)}`}
            >
              JSON
            </a>
          </div>
          <DataStatus asOf={asOf} window={window} now={now} />
        </div>
        <WindowControl path={path} query={query} window={window} now={now} calendar={calendar} />
      </div>
      <StrategyTabs actor={key} current="report" query={query} />
      {data.notes.length > 0 && (
        <ul className="notes">
          {data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {data.available && tz !== 'UTC' && (
        <p className="muted" data-testid="utc-days-note">
          Times and the window are shown in {tz}; the daily figures are UTC days, the days of the
          rollup (docs/configuration.md, Time zones).
        </p>
      )}
      {data.available && <StrategyReportView data={data} />}
    </main>
  );
}
