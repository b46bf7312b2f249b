import Link from 'next/link';
import { describeLoadError } from '@/ui/shared/error-panel';
import { ledgerPath } from '@/ui/ledger/links';
import { ledgerAccountNames } from '@/lib/ledger/open';
import { requireUser } from '@/lib/auth/session';

/**
 * Unknown account: say so and list the ones that exist (bank accounts and BURN included).
 * Next renders a segment's not-found element with every request to the segment, whatever the
 * page decides, so this checks the user itself before reading anything.
 */
export default async function LedgerNotFound() {
  await requireUser();
  let names: string[] = [];
  let problem: string | null = null;
  try {
    names = await ledgerAccountNames();
  } catch (err) {
    problem = describeLoadError(err);
    if (!problem) throw err;
  }
  return (
    <main className="page">
      <h1>No such account</h1>
      <p className="muted">The trading database has no exchange account with this name.</p>
      {problem && <div className="alert error">{problem}</div>}
      {names.length > 0 && (
        <section className="panel">
          <h2>Accounts with a ledger</h2>
          <ul data-testid="ledger-accounts">
            {names.map((n) => (
              <li key={n}>
                <Link href={ledgerPath(n)}>{n}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
