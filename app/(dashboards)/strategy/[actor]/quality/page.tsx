import { requireUser } from '@/lib/auth/session';
import { parseTimeWindow } from '@/lib/core/time/time-window';
import { handleQualityRequest } from '@/lib/quality/request';
import { DisplayZoneProvider } from '@/ui/shared/display-zone';
import { StrategyTabs } from '@/ui/shared/view-tabs';
import { QualityFigures } from '@/ui/quality/figures';
import { MarkoutTable } from '@/ui/quality/markout-table';
import {
  DecompositionSection,
  InventorySection,
  MarkoutCurveSection,
  QuotingSection,
} from '@/ui/quality/sections';
import { DashboardHeader, Notes } from '@/ui/shared/windowed-page';
import {
  StrategyWindowedPage,
  strategyHeading,
  strategyMetadata,
  type StrategyPageProps,
} from '@/ui/strategy/strategy-page';

export const dynamic = 'force-dynamic';

export const generateMetadata = strategyMetadata('quality');

export default async function StrategyQualityPage({ params, searchParams }: StrategyPageProps) {
  await requireUser();
  const key = (await params).actor;
  return (
    <StrategyWindowedPage
      actor={key}
      tab="quality"
      searchParams={searchParams}
      parseWindow={(q, now) => parseTimeWindow({ start: q.start, end: q.end, tz: q.tz }, now)}
      load={handleQualityRequest}
      unavailable="This strategy cannot be shown"
      view={({ data, window }, ctx, path) => {
        const { query, calendar } = ctx;
        const s = data.strategy;
        return (
          <main className="page" data-testid="quality-page">
            <DashboardHeader
              title={strategyHeading(s.displayName, 'quality')}
              subtitle={
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
              }
              path={path}
              window={window}
              ctx={ctx}
            />
            <StrategyTabs actor={key} current="quality" query={query} />
            <QualityFigures data={data} />
            <Notes notes={data.notes} />
            <DisplayZoneProvider zone={calendar.zone}>
              <MarkoutCurveSection data={data} />
              <MarkoutTable data={data} />
              <DecompositionSection data={data} />
              <QuotingSection data={data} />
              <InventorySection data={data} />
            </DisplayZoneProvider>
          </main>
        );
      }}
    />
  );
}
