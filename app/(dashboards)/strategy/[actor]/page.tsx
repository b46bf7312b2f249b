import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { handleStrategyRequest } from '@/lib/strategy/request';
import { formatQuantity } from '@/ui/shared/format';
import { displayCalendar, withZone } from '@/lib/preferences/display';
import { DisplayZoneProvider } from '@/ui/shared/display-zone';
import { WindowControl, WindowError } from '@/ui/shared/window-control';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { HistoryNotice } from '@/ui/shared/history-notice';
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

export default async function StrategyPage({ params, searchParams }: Props) {
  await requireUser();
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const key = (await params).actor;
  const query = await searchParams;
  const now = new Date();
  const path = `/strategy/${encodeURIComponent(key)}`;
  const calendar = await displayCalendar(query);
  const tz = calendar.zone;
  const result = await handleStrategyRequest(key, withZone(query, calendar), now);
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
      {data.figures.fillCount === 0 && (
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
