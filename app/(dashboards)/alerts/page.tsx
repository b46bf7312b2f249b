import type { Metadata } from 'next';
import Link from 'next/link';
import { loadAlerts } from '@/lib/alerts/load';
import { requireUser } from '@/lib/auth/session';
import { displayZone } from '@/lib/preferences/display';
import { describeLoadError, ErrorPanel } from '@/ui/shared/error-panel';
import { AlertsView } from '@/ui/alerts/alerts-view';
import { createRuleAction, deleteRuleAction, toggleRuleAction, updateRuleAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts' };

/** /alerts: current alerts and the rules; admins create, edit, enable/disable and delete rules. */
export default async function AlertsPage() {
  const user = await requireUser();
  let data;
  try {
    data = await loadAlerts();
  } catch (err) {
    const message = describeLoadError(err);
    if (message === null) throw err;
    return (
      <main className="page">
        <h1>Alerts</h1>
        <ErrorPanel title="The alert rules cannot be shown" message={message} />
      </main>
    );
  }
  const actions =
    user.role === 'ADMIN'
      ? {
          create: createRuleAction,
          update: updateRuleAction,
          toggle: toggleRuleAction,
          remove: deleteRuleAction,
        }
      : null;
  return (
    <main className="page">
      <h1>Alerts</h1>
      <p className="muted">
        Rules are evaluated every minute by one server; a breach is pending for the rule&apos;s
        &quot;for&quot; time, then fires, and is resolved when it ends. See the{' '}
        <Link href="/status">status board</Link> and the <Link href="/alerts/history">history</Link>
        .
      </p>
      <AlertsView data={data} actions={actions} tz={await displayZone()} />
    </main>
  );
}
