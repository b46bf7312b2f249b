import { displayZone } from '@/lib/preferences/display';
import type { Metadata } from 'next';
import { formatTime } from '@/ui/shared/format';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { handleStatementListRequest } from '@/lib/ledger/reconcile-request';
import { uploadErrorMessage } from '@/lib/ledger/domain/upload-error';
import { MAX_STATEMENT_BYTES } from '@/lib/ledger/upload';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { ledgerPath } from '@/ui/ledger/links';
import { LedgerStatementForm } from '@/ui/ledger/statement-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ exchange: string }>;
}): Promise<Metadata> {
  // The title names what the URL asks for: only for a logged-in user.
  if (!(await getCurrentUser().catch(() => null))) return {};
  return { title: `${(await params).exchange.toUpperCase()} reconciliation` };
}

/** A time in the display zone (with its offset), or a dash. */
const whenIn = (tz: string | undefined) => (d: Date | null) => (d ? formatTime(d, { tz }) : '—');

export default async function ReconcilePage({
  params,
  searchParams,
}: {
  params: Promise<{ exchange: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const [{ exchange }, sp] = await Promise.all([params, searchParams]);
  const when = whenIn(await displayZone());
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const name = exchange;
  const result = await handleStatementListRequest(name, sp);
  if (result.kind === 'not-found') notFound();
  if (result.kind === 'unavailable') {
    return (
      <main className="page">
        <h1>Reconcile {name.toUpperCase()}</h1>
        <ErrorPanel title="The reconciliation could not be loaded" message={result.message} />
      </main>
    );
  }
  if (result.kind === 'bad-request') {
    return (
      <main className="page">
        <h1>Reconcile {name.toUpperCase()}</h1>
        <div data-param={result.error.param}>
          <ErrorPanel
            title={`Invalid ${result.error.param ?? 'parameter'}`}
            message={result.error.message}
          />
        </div>
        <p>
          <Link href={ledgerPath(name, '/reconcile')}>Upload a statement</Link>
        </p>
      </main>
    );
  }
  const { data: loaded } = result;
  const maxMb = MAX_STATEMENT_BYTES / 1048576;
  const error = loaded.uploadError && uploadErrorMessage(loaded.uploadError, maxMb);
  return (
    <main className="page">
      <div className="dash-header">
        <div>
          <h1>Reconcile {loaded.account} with the exchange&apos;s statement</h1>
          <p className="muted">
            Upload the exchange&apos;s own CSV statement: one line per movement of one currency,
            with a signed amount or credit and debit columns. Lines are matched with our ledger by
            the exchange&apos;s id where both have one, else by currency, amount and time; amounts
            match within half a unit of the statement&apos;s own precision per line (0.005 for a
            statement in cents).
          </p>
        </div>
        <Link href={ledgerPath(loaded.account)} className="btn">
          ‹ Back to the ledger
        </Link>
      </div>
      {error && (
        <div className="alert error" role="alert" data-testid="upload-error">
          <strong>The statement was not imported.</strong>
          <div>{error}</div>
        </div>
      )}
      {sp.deleted === '1' && (
        <div className="alert" role="status" data-testid="statement-deleted">
          The statement was deleted.
        </div>
      )}
      <section className="panel">
        <h2>Upload a statement</h2>
        {loaded.mapping && (
          <p className="muted">The column mapping of this account&apos;s last upload is preset.</p>
        )}
        <LedgerStatementForm
          action={`/api/ledger/${encodeURIComponent(loaded.account.toLowerCase())}/statements`}
          remembered={loaded.mapping}
          maxMb={maxMb}
        />
      </section>
      <section className="panel">
        <h2>Earlier statements</h2>
        {loaded.statements.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table className="data" data-testid="statements">
            <thead>
              <tr>
                <th>File</th>
                <th>Uploaded (UTC)</th>
                <th>By</th>
                <th className="num">Lines</th>
                <th className="num">Skipped</th>
                <th>Covers (UTC)</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {loaded.statements.map((s) => (
                <tr key={s.statementId}>
                  <td>
                    <Link href={ledgerPath(loaded.account, `/reconcile/${s.statementId}`)}>
                      {s.fileName}
                    </Link>
                  </td>
                  <td className="num">{when(s.timeUploaded)}</td>
                  <td>{s.uploadedBy}</td>
                  <td className="num">{s.rowCount.toLocaleString('en-US')}</td>
                  <td className="num">{s.skippedCount.toLocaleString('en-US')}</td>
                  <td className="num">
                    {when(s.timeMin)} – {when(s.timeMax)}
                  </td>
                  <td>
                    <Link
                      href={ledgerPath(loaded.account, `/reconcile/${s.statementId}/delete`)}
                      data-testid="delete-statement"
                    >
                      Delete…
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
