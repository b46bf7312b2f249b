import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { parseTimeWindow } from '@/lib/core/time/time-window';
import { handleFundRequest } from '@/lib/fund/request';
import { DisplayZoneProvider } from '@/ui/shared/display-zone';
import { HistoryNotice } from '@/ui/shared/history-notice';
import { FundTabs } from '@/ui/shared/view-tabs';
import { FundFigures } from '@/ui/fund/figures';
import { FundGraphs } from '@/ui/fund/graphs';
import { FundParts } from '@/ui/fund/parts';
import { FundLedgerTables, FundStrategyTable } from '@/ui/fund/tables';
import { FundCostTables } from '@/ui/fund/flow-tables';
import { FundWarnings } from '@/ui/fund/warnings';
import { DashboardHeader, Notes, WindowedPage, type PageQuery } from '@/ui/shared/windowed-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Fund' };

const PATH = '/fund';
const SUBTITLE =
  'Net assets in USD: every account except BURN, less the liabilities active at that moment';

/** /fund (Gryphon's /assets redirects here): how net assets changed over the window, and why. */
export default async function FundPage({ searchParams }: { searchParams: Promise<PageQuery> }) {
  await requireUser();
  return (
    <WindowedPage
      searchParams={searchParams}
      parseWindow={(q, now) => parseTimeWindow({ start: q.start, end: q.end, tz: q.tz }, now)}
      header={(query) => ({
        path: PATH,
        title: 'Fund',
        subtitle: `${SUBTITLE} · JSON`,
        tabs: <FundTabs current="figures" query={query} />,
      })}
      load={handleFundRequest}
      problem={{
        heading: 'Fund',
        unavailable: 'The fund cannot be shown',
        title: () => 'Fund',
        path: PATH,
      }}
      view={({ data, window, history }, ctx) => {
        const { query, calendar } = ctx;
        const tz = calendar.zone;
        return (
          <main className="page" data-testid="fund-page">
            <DashboardHeader
              title="Fund"
              subtitle={
                <div className="muted">
                  {SUBTITLE} ·{' '}
                  <a
                    href={`/api/fund?start=${encodeURIComponent(data.window.start)}&end=${encodeURIComponent(data.window.end)}`}
                  >
                    JSON
                  </a>
                </div>
              }
              path={PATH}
              window={window}
              ctx={ctx}
            />
            <FundTabs current="figures" query={query} />
            <HistoryNotice
              window={window}
              history={history}
              path={PATH}
              query={query}
              none="No transactions or fills"
              subject="the fund’s"
              entry="entry"
              tz={tz}
            />
            <FundWarnings warnings={data.warnings} />
            <FundFigures data={data} />
            <Notes notes={data.notes} />
            <FundParts data={data} tz={tz} />
            <DisplayZoneProvider zone={tz}>
              <FundGraphs data={data} />
            </DisplayZoneProvider>
            <FundStrategyTable data={data} />
            <FundCostTables data={data} tz={tz} />
            <FundLedgerTables data={data} tz={tz} />
          </main>
        );
      }}
    />
  );
}
