import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { handleStrategyRequest } from '@/lib/strategy/request';
import { strategyDisplayName } from '@/lib/strategy/exists';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';
import { parseTimeWindow } from '@/lib/core/time/time-window';
import { DataStatus } from '@/ui/shared/data-as-of';
import { DashboardLoading } from '@/ui/shared/skeleton';
import { formatQuantity } from '@/ui/shared/format';
import { displayCalendar, withZone } from '@/lib/preferences/display';
import { DisplayZoneProvider } from '@/ui/shared/display-zone';
import { WindowControl, WindowError } from '@/ui/shared/window-control';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { HistoryNotice } from '@/ui/shared/history-notice';
import { historyEdge } from '@/lib/core/time/history-edge';
import { StrategyFigures } from '@/ui/strategy/figures';
import { StrategyGraphs } from '@/ui/strategy/graphs';
import { StrategyTabs } from '@/ui/shared/view-tabs';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ actor: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // The title names what the URL asks for: only for a logged-in user.
  if (!(await getCurrentUser().catch(() => null))) return {};
  const { actor } = await params;
  return { title: `${actor} · strategy` };
}

/**
 * The header at once, the figures and charts when loaded: an unknown strategy is looked up
 * first (a 404 must be decided before the page streams), then the view loads inside Suspense.
 */
export default async function StrategyPage({ params, searchParams }: Props) {
  await requireUser();
  const key = (await params).actor;
  const query = await searchParams;
  const now = new Date();
  let window;
  try {
    window = parseTimeWindow({ start: query.start, end: query.end }, now);
  } catch {
    return <StrategyView params={params} searchParams={searchParams} />;
  }
  const name = await strategyDisplayName(key);
  if (name === null) notFound();
  const path = `/strategy/${encodeURIComponent(key)}`;
  const fallbackCalendar = await displayCalendar(query);
  return (
    <Suspense
      fallback={
        <DashboardLoading
          title={`${name ?? key} trading`}
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
          tabs={<StrategyTabs actor={key} current="trading" query={query} />}
        />
      }
    >
      <StrategyView params={params} searchParams={searchParams} />
    </Suspense>
  );
}

async function StrategyView({ params, searchParams }: Props) {
  await requireUser();
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const key = (await params).actor;
  const query = await searchParams;
  const now = new Date();
  const path = `/strategy/${encodeURIComponent(key)}`;
  const calendar = await displayCalendar(query);
  const tz = calendar.zone;
  const [result, asOf] = await Promise.all([
    handleStrategyRequest(key, withZone(query, calendar), now),
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
          <h1>{result.subject} trading</h1>
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
  const { data, window, history } = result;
  const s = data.strategy;
  return (
    <main className="page" data-testid="strategy-page">
      <div className="dash-header">
        <div>
          <h1>{s.displayName} trading</h1>
          <div className="muted">
            Actor <code>{s.strategyActor}</code> · {s.volumeCurrency}/{s.priceCurrency}
            {s.inferred.length > 0 && ` · ${s.inferred.join(', ')} inferred from the fills`}
            {' · '}
            <a
              href={`/api/strategy/${encodeURIComponent(key)}?start=${encodeURIComponent(data.window.start)}&end=${encodeURIComponent(data.window.end)}`}
            >
              JSON
            </a>
          </div>
          <DataStatus asOf={asOf} window={window} now={now} />
        </div>
        <WindowControl path={path} query={query} window={window} now={now} calendar={calendar} />
      </div>
      <StrategyTabs actor={key} current="trading" query={query} />
      <HistoryNotice
        window={window}
        history={history}
        path={path}
        query={query}
        none="No fills"
        subject={`${s.displayName}’s`}
        entry="fill"
        tz={tz}
      />
      <StrategyFigures data={data} windowEndsInPast={window.end <= now} />
      {/* Before the history or after its last fill, HistoryNotice above has said so already. */}
      {data.figures.fillCount === 0 && historyEdge(window, history) === null && (
        <div className="alert" data-testid="no-fills">
          There were no fills in this window. The position stays at{' '}
          {formatQuantity(data.figures.openingPosition, s.volumeCurrency)}.
        </div>
      )}
      {data.notes.length > 0 && (
        <ul className="notes">
          {data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <DisplayZoneProvider zone={tz}>
        <StrategyGraphs data={data} now={now.getTime()} />
      </DisplayZoneProvider>
    </main>
  );
}
