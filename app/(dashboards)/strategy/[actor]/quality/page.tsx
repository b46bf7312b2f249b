import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { strategyDisplayName } from '@/lib/strategy/exists';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';
import { parseTimeWindow } from '@/lib/core/time/time-window';
import { DataStatus } from '@/ui/shared/data-as-of';
import { DashboardLoading } from '@/ui/shared/skeleton';
import { handleQualityRequest } from '@/lib/quality/request';
import { displayCalendar, withZone } from '@/lib/preferences/display';
import { DisplayZoneProvider } from '@/ui/shared/display-zone';
import { WindowControl, WindowError } from '@/ui/shared/window-control';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { StrategyTabs } from '@/ui/shared/view-tabs';
import { QualityFigures } from '@/ui/quality/figures';
import { MarkoutTable } from '@/ui/quality/markout-table';
import {
  DecompositionSection,
  InventorySection,
  MarkoutCurveSection,
  QuotingSection,
} from '@/ui/quality/sections';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ actor: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await getCurrentUser().catch(() => null))) return {};
  const { actor } = await params;
  return { title: `${actor} · execution quality` };
}

/**
 * The header at once, the rest when loaded: an unknown strategy is looked up first (a 404
 * must be decided before the page streams), then the view loads inside Suspense.
 */
export default async function StrategyQualityPage({ params, searchParams }: Props) {
  await requireUser();
  const key = (await params).actor;
  const query = await searchParams;
  const now = new Date();
  let window;
  try {
    window = parseTimeWindow({ start: query.start, end: query.end }, now);
  } catch {
    return <QualityView params={params} searchParams={searchParams} />;
  }
  const name = await strategyDisplayName(key);
  if (name === null) notFound();
  const path = `/strategy/${encodeURIComponent(key)}/quality`;
  const fallbackCalendar = await displayCalendar(query);
  return (
    <Suspense
      fallback={
        <DashboardLoading
          title={`${name ?? key} execution quality`}
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
          tabs={<StrategyTabs actor={key} current="quality" query={query} />}
        />
      }
    >
      <QualityView params={params} searchParams={searchParams} />
    </Suspense>
  );
}

async function QualityView({ params, searchParams }: Props) {
  await requireUser();
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const key = (await params).actor;
  const query = await searchParams;
  const now = new Date();
  const path = `/strategy/${encodeURIComponent(key)}/quality`;
  const calendar = await displayCalendar(query);
  const tz = calendar.zone;
  const [result, asOf] = await Promise.all([
    handleQualityRequest(key, withZone(query, calendar), now),
    loadDataAsOf(now),
  ]);
  if (result.kind === 'not-found') notFound();
  if (result.kind === 'unavailable') {
    return (
      <main className="page">
        <h1>{key}</h1>
        <ErrorPanel title="This strategy cannot be shown" message={result.message} />
      </main>
    );
  }
  if (result.kind === 'bad-request') {
    return (
      <main className="page">
        <div className="dash-header">
          <h1>{result.subject} execution quality</h1>
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
  return (
    <main className="page" data-testid="quality-page">
      <div className="dash-header">
        <div>
          <h1>{s.displayName} execution quality</h1>
          <div className="muted">
            Actor <code>{s.strategyActor}</code> · {s.volumeCurrency}/{s.priceCurrency} ·{' '}
            {data.fills} fills · markouts from{' '}
            {data.markoutPath === 'rollup' ? 'the rollup' : 'the fills'}
            {' · '}
            <a
              href={`/api/strategy/${encodeURIComponent(key)}/quality?start=${encodeURIComponent(data.window.start)}&end=${encodeURIComponent(data.window.end)}`}
            >
              JSON
            </a>
          </div>
          <DataStatus asOf={asOf} window={window} now={now} />
        </div>
        <WindowControl path={path} query={query} window={window} now={now} calendar={calendar} />
      </div>
      <StrategyTabs actor={key} current="quality" query={query} />
      <QualityFigures data={data} />
      {data.notes.length > 0 && (
        <ul className="notes">
          {data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <DisplayZoneProvider zone={tz}>
        <MarkoutCurveSection data={data} />
        <MarkoutTable data={data} />
        <DecompositionSection data={data} />
        <QuotingSection data={data} />
        <InventorySection data={data} />
      </DisplayZoneProvider>
    </main>
  );
}
