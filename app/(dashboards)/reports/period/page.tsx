import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { handlePeriodReportRequest } from '@/lib/notify/report-request';
import { PeriodReportView } from '@/ui/notify/period-report';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { formatTime } from '@/ui/shared/format';
import { WindowControl, WindowError } from '@/ui/shared/window-control';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Period report' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = '/reports/period';

/**
 * /reports/period?start=…&end=…: the report the schedules send (fund figures, P&L per
 * strategy, alerts fired), print-ready. Without start and end: yesterday (UTC).
 */
export default async function PeriodReportPage({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  const now = new Date();
  const result = await handlePeriodReportRequest(query, now);
  if (result.kind === 'unavailable')
    return (
      <main className="page">
        <h1>Period report</h1>
        <ErrorPanel title="The report cannot be shown" message={result.message} />
      </main>
    );
  if (result.kind === 'bad-request')
    return (
      <main className="page">
        <h1>Period report</h1>
        <WindowError
          message={result.error.message}
          param={result.error.param}
          example={result.error.example}
          path={PATH}
          now={now}
          query={query}
        />
      </main>
    );
  const { data, window } = result;
  return (
    <main className="page" data-testid="period-report-page">
      <div className="dash-header">
        <div>
          <h1>Report {data.period.label}</h1>
          <div className="muted">
            UTC, {formatTime(window.start)} to {formatTime(window.end)} (end excluded) · made{' '}
            {formatTime(now)}
          </div>
        </div>
        <div className="no-print">
          <WindowControl path={PATH} query={query} window={window} now={now} />
        </div>
      </div>
      <PeriodReportView report={data} />
    </main>
  );
}
