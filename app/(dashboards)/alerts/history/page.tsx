import type { Metadata } from 'next';
import { loadAlertHistory } from '@/lib/alerts/load';
import { requireUser } from '@/lib/auth/session';
import { displayZone } from '@/lib/preferences/display';
import { describeLoadError, ErrorPanel } from '@/ui/shared/error-panel';
import { HistoryFilters, HistoryTable } from '@/ui/alerts/history-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alert history' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /alerts/history: every change of state, newest first, filtered by rule, subject and state. */
export default async function AlertHistoryPage({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  let result;
  try {
    result = await loadAlertHistory(query);
  } catch (err) {
    const message = describeLoadError(err);
    if (message === null) throw err;
    result = { kind: 'unavailable' as const, message };
  }
  return (
    <main className="page">
      <h1>Alert history</h1>
      {result.kind === 'bad-request' ? (
        <div data-param={result.error.param}>
          <HistoryFilters />
          <ErrorPanel
            title={`Invalid ${result.error.param ?? 'filter'}`}
            message={result.error.message}
          />
        </div>
      ) : result.kind !== 'ok' ? (
        <ErrorPanel
          title="The alert history cannot be shown"
          message={'message' in result ? result.message : 'unavailable'}
        />
      ) : (
        <>
          <HistoryFilters query={result.query} />
          <HistoryTable data={result.data} query={result.query} tz={await displayZone()} />
        </>
      )}
    </main>
  );
}
