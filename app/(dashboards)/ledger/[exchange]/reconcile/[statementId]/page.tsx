import { displayZone } from '@/lib/preferences/display';
import type { Metadata } from 'next';
import { formatTime } from '@/ui/shared/format';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { handleReconciliationRequest } from '@/lib/ledger/reconcile-request';
import { DEFAULT_TOLERANCE_SECONDS } from '@/lib/ledger/reconcile';
import { addUtcDays } from '@/lib/core/time/calendar';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { ledgerHref, ledgerPath } from '@/ui/ledger/links';
import {
  MismatchTable,
  MovementTable,
  ReconcileCounts,
  ToleranceNote,
  differencesText,
  divergenceHref,
  formatDifference,
} from '@/ui/ledger/reconcile';
import styles from '@/ui/ledger/ledger.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ exchange: string; statementId: string }>;
}): Promise<Metadata> {
  // The title names what the URL asks for: only for a logged-in user.
  if (!(await getCurrentUser().catch(() => null))) return {};
  const { exchange, statementId } = await params;
  return { title: `Statement ${statementId.slice(0, 20)} · ${exchange.toUpperCase()}` };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ReconciliationPage({
  params,
  searchParams,
}: {
  params: Promise<{ exchange: string; statementId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requireUser();
  const [{ exchange, statementId }, sp] = await Promise.all([params, searchParams]);
  // Next has decoded the segments already: decoding again would misread a `%` in a name.
  const reply = await handleReconciliationRequest(exchange, statementId, sp, new Date());
  if (reply.kind === 'not-found') notFound();
  if (reply.kind === 'unavailable') {
    return (
      <main className="page">
        <h1>Reconciliation</h1>
        <ErrorPanel title="The reconciliation could not be loaded" message={reply.message} />
      </main>
    );
  }
  const { account, statement } = reply.kind === 'ok' ? reply.data : reply.subject;
  const result = reply.kind === 'ok' ? reply.data.view : null;
  const problem =
    reply.kind === 'bad-request'
      ? {
          title: `Invalid ${reply.error.param ?? 'parameter'}`,
          message: reply.error.message,
          param: reply.error.param,
        }
      : null;
  const d = result?.divergence;
  return (
    <main className="page">
      <div className="dash-header">
        <div>
          <h1>
            Reconciliation of {account}
            {statement && ` with ${statement.fileName}`}
          </h1>
          {statement && (
            <p className="muted">
              Uploaded by {statement.uploadedBy} at{' '}
              {formatTime(statement.timeUploaded, { tz: await displayZone() })}:{' '}
              {statement.rowCount.toLocaleString('en-US')} lines read,{' '}
              {statement.skippedCount.toLocaleString('en-US')} skipped.
              {result &&
                ` Window ${result.window.start.replace('T', ' ').replace('Z', '')} to ${result.window.end.replace('T', ' ').replace('Z', '')} UTC (end exclusive); currencies ${result.currencies.join(', ')}.`}
            </p>
          )}
          {result && (
            <ToleranceNote tolerances={result.amountTolerances} seconds={result.toleranceSeconds} />
          )}
        </div>
        <Link href={ledgerPath(account, '/reconcile')} className="btn">
          ‹ Statements
        </Link>
      </div>
      <form method="get" className={`panel ${styles.filters}`} data-testid="reconcile-options">
        <label>
          Start (UTC)
          <input
            type="text"
            name="start"
            defaultValue={result?.window.start ?? (typeof sp.start === 'string' ? sp.start : '')}
          />
        </label>
        <label>
          End (UTC, excluded)
          <input
            type="text"
            name="end"
            defaultValue={result?.window.end ?? (typeof sp.end === 'string' ? sp.end : '')}
          />
        </label>
        <label>
          Time tolerance (seconds)
          <input
            type="number"
            name="tolerance"
            min={0}
            max={86400}
            defaultValue={result?.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS}
          />
        </label>
        <label>
          Amount tolerance per line (blank: the statement&apos;s precision)
          <input
            type="text"
            name="amountTolerance"
            inputMode="decimal"
            placeholder="e.g. 0.01"
            defaultValue={typeof sp.amountTolerance === 'string' ? sp.amountTolerance : ''}
          />
        </label>
        <button type="submit">Match again</button>
      </form>
      {problem && (
        <div data-param={problem.param}>
          <ErrorPanel title={problem.title} message={problem.message} />
        </div>
      )}
      {result && (
        <>
          <section className="panel" data-testid="divergence">
            <h2>Where the balances part</h2>
            {d ? (
              <p>
                Our running balance and the statement&apos;s first differ at{' '}
                <strong>{d.time.replace('T', ' ').replace('Z', ' UTC')}</strong>, by{' '}
                <strong title={`${d.difference} ${d.currency}`}>
                  {formatDifference(d.difference, d.currency)}
                </strong>{' '}
                (ours − statement)
                {d.ourRef
                  ? `, at our row ${d.ourRef}`
                  : d.theirRef
                    ? `, at the statement's ${d.theirRef} (not in our ledger)`
                    : ''}
                .{' '}
                {/* A plain link, not next/link: a client-side navigation leaves CSS :target unset, and
                    the row is highlighted by :target. */}
                <a href={divergenceHref(account, d)} data-testid="divergence-link">
                  {d.ourRef ? 'Open the ledger at that row' : 'Open the ledger around that time'}
                </a>
              </p>
            ) : (
              <p className="muted">
                The running balances never part in this window: every movement is matched.
              </p>
            )}
            {result.finalDifference.length > 0 && (
              <p>
                At the end of the window:{' '}
                <span data-testid="final-difference">
                  {differencesText(result.finalDifference)}
                </span>{' '}
                (ours − statement).
              </p>
            )}
          </section>
          <ReconcileCounts counts={result.counts} />
          <section className="panel">
            <h2>Amount mismatches (same id, different amount)</h2>
            {result.mismatched.length ? (
              <MismatchTable rows={result.mismatched} />
            ) : (
              <p className="muted">None.</p>
            )}
          </section>
          <div className="grid-2">
            <section className="panel">
              <h2>Only in our ledger</h2>
              {result.unmatchedOurs.length ? (
                <MovementTable
                  rows={result.unmatchedOurs}
                  testId="unmatched-ours"
                  refLabel="Row key"
                  ours
                />
              ) : (
                <p className="muted">None.</p>
              )}
            </section>
            <section className="panel">
              <h2>Only in the statement</h2>
              {result.unmatchedTheirs.length ? (
                <MovementTable
                  rows={result.unmatchedTheirs}
                  testId="unmatched-theirs"
                  refLabel="Line"
                />
              ) : (
                <p className="muted">None.</p>
              )}
            </section>
          </div>
          <p className="muted">Lists show at most 500 entries each; the counts are complete.</p>
        </>
      )}
      {!result && !problem && <p className="muted">The statement has no readable lines.</p>}
      {statement?.timeMin && !result && (
        <p>
          <Link
            href={ledgerHref(
              ledgerPath(account),
              { start: statement.timeMin, end: addUtcDays(statement.timeMin, 1) },
              {},
            )}
          >
            Open the ledger
          </Link>
        </p>
      )}
    </main>
  );
}
