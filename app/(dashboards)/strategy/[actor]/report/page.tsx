import { requireUser } from '@/lib/auth/session';
import { DEFAULT_REPORT_DAYS, parseReportWindow } from '@/lib/report/domain/window';
import { handleStrategyReportRequest } from '@/lib/strategy/report-request';
import { StrategyTabs } from '@/ui/shared/view-tabs';
import { StrategyReportView } from '@/ui/report/strategy-report';
import { DashboardHeader, Notes } from '@/ui/shared/windowed-page';
import {
  StrategyWindowedPage,
  strategyHeading,
  strategyMetadata,
  type StrategyPageProps,
} from '@/ui/strategy/strategy-page';

export const dynamic = 'force-dynamic';

export const generateMetadata = strategyMetadata('report');

export default async function StrategyReportPage({ params, searchParams }: StrategyPageProps) {
  await requireUser();
  const key = (await params).actor;
  return (
    <StrategyWindowedPage
      actor={key}
      tab="report"
      searchParams={searchParams}
      parseWindow={(q, now) => parseReportWindow({ start: q.start, end: q.end }, now)}
      load={handleStrategyReportRequest}
      unavailable="This report cannot be shown"
      view={({ data, window }, ctx, path) => {
        const { query, calendar } = ctx;
        const tz = calendar.zone;
        const s = data.strategy;
        const given = typeof query.start === 'string' || typeof query.end === 'string';
        return (
          <main className="page" data-testid="strategy-report-page">
            <DashboardHeader
              title={strategyHeading(s.displayName, 'report')}
              subtitle={
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
              }
              path={path}
              window={window}
              ctx={ctx}
            />
            <StrategyTabs actor={key} current="report" query={query} />
            <Notes notes={data.notes} />
            {data.available && tz !== 'UTC' && (
              <p className="muted" data-testid="utc-days-note">
                Times and the window are shown in {tz}; the daily figures are UTC days, the days of
                the rollup (docs/configuration.md, Time zones).
              </p>
            )}
            {data.available && <StrategyReportView data={data} />}
          </main>
        );
      }}
    />
  );
}
