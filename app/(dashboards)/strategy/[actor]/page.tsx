import { requireUser } from '@/lib/auth/session';
import { handleStrategyRequest } from '@/lib/strategy/request';
import { parseTimeWindow } from '@/lib/core/time/time-window';
import { formatQuantity } from '@/ui/shared/format';
import { DisplayZoneProvider } from '@/ui/shared/display-zone';
import { HistoryNotice } from '@/ui/shared/history-notice';
import { historyEdge } from '@/lib/core/time/history-edge';
import { StrategyFigures } from '@/ui/strategy/figures';
import { StrategyGraphs } from '@/ui/strategy/graphs';
import { StrategyTabs } from '@/ui/shared/view-tabs';
import { DashboardHeader, Notes } from '@/ui/shared/windowed-page';
import {
  StrategyWindowedPage,
  strategyHeading,
  strategyMetadata,
  type StrategyPageProps,
} from '@/ui/strategy/strategy-page';

export const dynamic = 'force-dynamic';

export const generateMetadata = strategyMetadata('trading');

export default async function StrategyPage({ params, searchParams }: StrategyPageProps) {
  await requireUser();
  const key = (await params).actor;
  return (
    <StrategyWindowedPage
      actor={key}
      tab="trading"
      searchParams={searchParams}
      parseWindow={(q, now) => parseTimeWindow({ start: q.start, end: q.end, tz: q.tz }, now)}
      load={handleStrategyRequest}
      unavailable="This strategy cannot be shown"
      view={({ data, window, history }, ctx, path) => {
        const { query, now, calendar } = ctx;
        const tz = calendar.zone;
        const s = data.strategy;
        return (
          <main className="page" data-testid="strategy-page">
            <DashboardHeader
              title={strategyHeading(s.displayName, 'trading')}
              subtitle={
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
              }
              path={path}
              window={window}
              ctx={ctx}
            />
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
            <Notes notes={data.notes} />
            <DisplayZoneProvider zone={tz}>
              <StrategyGraphs data={data} now={now.getTime()} />
            </DisplayZoneProvider>
          </main>
        );
      }}
    />
  );
}
