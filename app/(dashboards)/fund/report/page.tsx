import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { handleFundReportRequest } from '@/lib/fund/report-request';
import { DEFAULT_REPORT_DAYS, parseReportWindow } from '@/lib/report/domain/window';
import { FundTabs } from '@/ui/shared/view-tabs';
import { FundReportView } from '@/ui/report/fund-report';
import { FundWarnings } from '@/ui/fund/warnings';
import { DashboardHeader, Notes, WindowedPage, type PageQuery } from '@/ui/shared/windowed-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Fund · performance report' };

const PATH = '/fund/report';
const TITLE = 'Fund performance report';

/** The line under the title: the default window is named when the URL gives none. */
function subtitle(query: PageQuery): string {
  const given = typeof query.start === 'string' || typeof query.end === 'string';
  return `Time-weighted returns on net assets (USD), capital flows kept out · UTC days${given ? '' : `, the last ${DEFAULT_REPORT_DAYS} by default`}`;
}

/** /fund/report: the fund's time-weighted returns, risk ratios and drawdowns over UTC days. */
export default async function FundReportPage({
  searchParams,
}: {
  searchParams: Promise<PageQuery>;
}) {
  await requireUser();
  return (
    <WindowedPage
      searchParams={searchParams}
      parseWindow={(q, now) => parseReportWindow({ start: q.start, end: q.end }, now)}
      header={(query) => ({
        path: PATH,
        title: TITLE,
        subtitle: `${subtitle(query)} · JSON`,
        tabs: <FundTabs current="report" query={query} />,
      })}
      load={handleFundReportRequest}
      problem={{
        heading: TITLE,
        unavailable: 'The fund report cannot be shown',
        title: () => TITLE,
        path: PATH,
      }}
      view={({ data, window }, ctx) => {
        const { query, calendar } = ctx;
        return (
          <main className="page" data-testid="fund-report-page">
            <DashboardHeader
              title={TITLE}
              subtitle={
                <div className="muted">
                  {subtitle(query)} ·{' '}
                  <a
                    href={`/api/fund/report?start=${encodeURIComponent(data.window.start)}&end=${encodeURIComponent(data.window.end)}`}
                  >
                    JSON
                  </a>
                </div>
              }
              path={PATH}
              window={window}
              ctx={ctx}
            />
            <FundTabs current="report" query={query} />
            <FundWarnings warnings={data.warnings} />
            <Notes notes={data.notes} />
            {calendar.zone !== 'UTC' && (
              <p className="muted" data-testid="utc-days-note">
                Times and the window are shown in {calendar.zone}; the daily figures are UTC days,
                the days of the rollup (docs/configuration.md, Time zones).
              </p>
            )}
            <FundReportView data={data} />
          </main>
        );
      }}
    />
  );
}
