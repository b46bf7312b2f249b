import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { loadStatus } from '@/lib/status/load';
import { displayZone } from '@/lib/preferences/display';
import { describeLoadError, ErrorPanel } from '@/ui/shared/error-panel';
import { StatusBoard } from '@/ui/status/status-board';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Status' };

/** /status: is the business running? Every line judged by the alert rules (/alerts). */
export default async function StatusPage() {
  const user = await requireUser();
  let view;
  try {
    view = await loadStatus(user, new Date());
  } catch (err) {
    const message = describeLoadError(err);
    if (message === null) throw err;
    return (
      <main className="page">
        <h1>Status</h1>
        <ErrorPanel title="The status cannot be shown" message={message} />
      </main>
    );
  }
  return (
    <main className="page">
      <h1>Status</h1>
      <p className="muted">
        Each line is judged by the <Link href="/alerts">alert rules</Link> in force (the built-in
        defaults unless changed); the state of the rules over time is in the{' '}
        <Link href="/alerts/history">alert history</Link>. Also as JSON: /api/status.
      </p>
      <StatusBoard view={view} tz={await displayZone()} />
    </main>
  );
}
