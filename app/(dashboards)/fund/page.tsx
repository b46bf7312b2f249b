import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireUser } from '@/lib/auth/session';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';
import { parseTimeWindow } from '@/lib/core/time/time-window';
import { DataStatus } from '@/ui/shared/data-as-of';
import { DashboardLoading } from '@/ui/shared/skeleton';
import { handleFundRequest } from '@/lib/fund/request';
import { displayCalendar, withZone } from '@/lib/preferences/display';
import { DisplayZoneProvider } from '@/ui/shared/display-zone';
import { WindowControl, WindowError } from '@/ui/shared/window-control';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { HistoryNotice } from '@/ui/shared/history-notice';
import { FundTabs } from '@/ui/shared/view-tabs';
import { FundFigures } from '@/ui/fund/figures';
import { FundGraphs } from '@/ui/fund/graphs';
import { FundParts } from '@/ui/fund/parts';
import { FundLedgerTables, FundStrategyTable } from '@/ui/fund/tables';
import { FundCostTables } from '@/ui/fund/flow-tables';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Fund' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = '/fund';

/** /fund (Gryphon's /assets redirects here): how net assets changed over the window, and why. */
/** The header at once, the figures, charts and tables inside Suspense when loaded. */
export default async function FundPage({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  const now = new Date();
  let window;
  try {
    window = parseTimeWindow({ start: query.start, end: query.end }, now);
  } catch {
    return <FundView searchParams={searchParams} />;
  }
  const fallbackCalendar = await displayCalendar(query);
  return (
    <Suspense
      fallback={
        <DashboardLoading
          title="Fund"
          subtitle="Net assets in USD: every account except BURN, less the liabilities active at that moment · JSON"
          control={
            <WindowControl
              path={PATH}
              query={query}
              window={window}
              now={now}
              calendar={fallbackCalendar}
              preview
            />
          }
          tabs={<FundTabs current="figures" query={query} />}
        />
      }
    >
      <FundView searchParams={searchParams} />
    </Suspense>
  );
}

async function FundView({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  const now = new Date();
  const calendar = await displayCalendar(query);
  const tz = calendar.zone;
  const [result, asOf] = await Promise.all([
    handleFundRequest(withZone(query, calendar), now),
    loadDataAsOf(now),
  ]);
  if (result.kind === 'unavailable') {
    return (
      <main className="page">
        <h1>Fund</h1>
        <ErrorPanel title="The fund cannot be shown" message={result.message} />
      </main>
    );
  }
  if (result.kind === 'bad-request') {
    return (
      <main className="page">
        <div className="dash-header">
          <h1>Fund</h1>
        </div>
        <WindowError
          message={result.error.message}
          param={result.error.param}
          example={result.error.example}
          path={PATH}
          now={now}
          query={query}
          calendar={calendar}
        />
      </main>
    );
  }
  const { data, window, history } = result;
  return (
    <main className="page" data-testid="fund-page">
      <div className="dash-header">
        <div>
          <h1>Fund</h1>
          <div className="muted">
            Net assets in USD: every account except BURN, less the liabilities active at that moment
            ·{' '}
            <a
              href={`/api/fund?start=${encodeURIComponent(data.window.start)}&end=${encodeURIComponent(data.window.end)}`}
            >
              JSON
            </a>
          </div>
          <DataStatus asOf={asOf} window={window} now={now} />
        </div>
        <WindowControl path={PATH} query={query} window={window} now={now} calendar={calendar} />
      </div>
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
      {data.warnings.length > 0 && (
        <div className="alert" data-testid="fund-warnings">
          <strong>Check these before trusting the figures:</strong>
          <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <FundFigures data={data} />
      {data.notes.length > 0 && (
        <ul className="notes">
          {data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <FundParts data={data} tz={tz} />
      <DisplayZoneProvider zone={tz}>
        <FundGraphs data={data} />
      </DisplayZoneProvider>
      <FundStrategyTable data={data} />
      <FundCostTables data={data} tz={tz} />
      <FundLedgerTables data={data} tz={tz} />
    </main>
  );
}
