import { displayZone } from '@/lib/preferences/display';
import type { Metadata } from 'next';
import { formatTime } from '@/ui/shared/format';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { handleStatementInfoRequest } from '@/lib/ledger/reconcile-request';
import { ErrorPanel } from '@/ui/shared/error-panel';
import { ledgerPath } from '@/ui/ledger/links';
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
  return { title: `Delete statement ${statementId.slice(0, 20)} · ${exchange.toUpperCase()}` };
}

/** The confirmation before a statement is deleted: what it is, and a form that deletes it. */
export default async function DeleteStatementPage({
  params,
}: {
  params: Promise<{ exchange: string; statementId: string }>;
}) {
  await requireUser();
  const { exchange, statementId } = await params;
  const result = await handleStatementInfoRequest(exchange, statementId);
  if (result.kind === 'not-found') notFound();
  if (result.kind !== 'ok') {
    return (
      <main className="page">
        <h1>Delete a statement</h1>
        <ErrorPanel
          title="The statement could not be loaded"
          message={result.kind === 'unavailable' ? result.message : result.error.message}
        />
      </main>
    );
  }
  const { data: s, account } = result;
  const list = ledgerPath(account, '/reconcile');
  return (
    <main className="page">
      <h1>Delete a statement of {account}?</h1>
      <section className="panel" data-testid="delete-confirmation">
        <p>
          <strong>{s.fileName}</strong>, uploaded by {s.uploadedBy} at{' '}
          {formatTime(s.timeUploaded, { tz: await displayZone() })}, with{' '}
          {s.rowCount.toLocaleString('en-US')} lines. Deleting it removes its lines and its
          reconciliation; the ledger itself is not changed. This cannot be undone.
        </p>
        <form
          method="post"
          action={`/api/ledger/${encodeURIComponent(account.toLowerCase())}/statements/${s.statementId}`}
        >
          <button type="submit" className={styles.button} data-testid="confirm-delete">
            Delete the statement
          </button>{' '}
          <Link href={list} className="btn">
            Cancel
          </Link>
        </form>
      </section>
    </main>
  );
}
