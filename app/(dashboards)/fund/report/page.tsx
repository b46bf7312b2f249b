import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireUser } from '@/lib/auth/session';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';
import { DataStatus } from '@/ui/shared/data-as-of';
import { DashboardLoading } from '@/ui/shared/skeleton';
import { handleFundReportRequest } from '@/lib/fund/report-request';
import { DEFAULT_REPORT_DAYS, parseReportWindow } from '@/lib/report/domain/window';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { FundTabs } from '@/ui/shared/view-tabs';
import { displayCalendar, withZone } from '@/lib/preferences/display';
import { WindowControl, WindowError } from '@/ui/shared/window-control';
import { FundReportView } from '@/ui/report/fund-report';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Fund · performance report' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = '/fund/report';

/** /fund/report: the fund's time-weighted returns, risk ratios and drawdowns over UTC days. */
/** The header at once, the figures, charts and tables inside Suspense when loaded. */
export default async function FundReportPage({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  const now = new Date();
  let window;
  try {
    window = parseReportWindow({ start: query.start, end: query.end }, now);
  } catch {
    return <FundReportBody searchParams={searchParams} />;
  }
  const fallbackCalendar = await displayCalendar(query);
  return (
    <Suspense
      fallback={
        <DashboardLoading
          title="Fund performance report"
          subtitle={`Time-weighted returns on net assets (USD), capital flows kept out · UTC days${typeof query.start === 'string' || typeof query.end === 'string' ? '' : `, the last ${DEFAULT_REPORT_DAYS} by default`} · JSON`}
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
          tabs={<FundTabs current="report" query={query} />}
        />
      }
    >
      <FundReportBody searchParams={searchParams} />
    </Suspense>
  );
}

async function FundReportBody({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  const now = new Date();
  const calendar = await displayCalendar(query);
  const tz = calendar.zone;
  const [result, asOf] = await Promise.all([
    handleFundReportRequest(withZone(query, calendar), now),
    loadDataAsOf(now),
  ]);
  if (result.kind === 'unavailable') {
    return (
      <main className="page">
        <h1>Fund performance report</h1>
        <ErrorPanel title="The fund report cannot be shown" message={result.message} />
      </main>
    );
  }
  if (result.kind === 'bad-request') {
    return (
      <main className="page">
        <div className="dash-header">
          <h1>Fund performance report</h1>
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
  const { data, window } = result;
  const given = typeof query.start === 'string' || typeof query.end === 'string';
  return (
    <main className="page" data-testid="fund-report-page">
      <div className="dash-header">
        <div>
          <h1>Fund performance report</h1>
          <div className="muted">
            Time-weighted returns on net assets (USD), capital flows kept out · UTC days
            {!given && `, the last ${DEFAULT_REPORT_DAYS} by default`} ·{' '}
            <a
              href={`/api/fund/report?start=${encodeURIComponent(data.window.start)}&end=${encodeURIComponent(data.window.end)}`}
            >
              JSON
            </a>
          </div>
          <DataStatus asOf={asOf} window={window} now={now} />
        </div>
        <WindowControl path={PATH} query={query} window={window} now={now} calendar={calendar} />
      </div>
      <FundTabs current="report" query={query} />
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
      {data.notes.length > 0 && (
        <ul className="notes">
          {data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {tz !== 'UTC' && (
        <p className="muted" data-testid="utc-days-note">
          Times and the window are shown in {tz}; the daily figures are UTC days, the days of the
          rollup (docs/configuration.md, Time zones).
        </p>
      )}
      <FundReportView data={data} />
    </main>
  );
}
