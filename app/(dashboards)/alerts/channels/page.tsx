import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { BadRequestError } from '@/lib/core/errors';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { rethrowFromPools } from '@/lib/db/pool';
import { LOG_PAGE_SIZE, parseLogPage } from '@/lib/notify/domain/log-page';
import { redactUrl } from '@/lib/notify/manage';
import { listChannels, listDeliveries } from '@/lib/notify/queries';
import { ActionForm } from '@/ui/admin/action-form';
import { ChannelButton, ChannelFields, CreateChannelForm } from '@/ui/notify/channel-forms';
import { DeliveryLog } from '@/ui/notify/delivery-log';
import { describeLoadError, ErrorPanel } from '@/ui/shared/error-panel';
import {
  createChannelAction,
  deleteChannelAction,
  editChannelAction,
  rotateSecretAction,
  sendTestAction,
  showSecretAction,
  toggleChannelAction,
} from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Delivery channels' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * /alerts/channels (admins only): where alerts and scheduled reports are delivered (webhook,
 * Slack, email), a test button per channel, and the delivery log (docs/notifications.md).
 */
export default async function ChannelsPage({ searchParams }: Props) {
  await requireUser();
  const query = await searchParams;
  let page: number;
  try {
    ({ page } = parseLogPage(query));
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    return (
      <main className="page">
        <h1>Delivery channels</h1>
        <div data-param={err.param}>
          <ErrorPanel title={`Invalid ${err.param}`} message={err.message} />
        </div>
      </main>
    );
  }
  const { pool } = getDashboardsDb();
  let channels, log;
  try {
    [channels, log] = await Promise.all([
      listChannels(pool),
      listDeliveries(pool, { offset: (page - 1) * LOG_PAGE_SIZE, limit: LOG_PAGE_SIZE }),
    ]).catch((err) => rethrowFromPools(err, [pool]));
  } catch (err) {
    const message = describeLoadError(err);
    if (!message) throw err;
    return (
      <main className="page">
        <h1>Delivery channels</h1>
        <ErrorPanel title="The channels cannot be shown" message={message} />
      </main>
    );
  }
  return (
    <main className="page">
      <h1>Delivery channels</h1>
      <p className="muted">
        Alerts name the channels they go to; <a href="/alerts/reports">scheduled reports</a> too. A
        webhook gets a signed JSON POST (see docs/notifications.md for checking the signature), a
        Slack channel an incoming-webhook message, an email channel a mail through the SMTP server
        of .env. Every change is written to the <a href="/admin/audit">audit log</a>.
      </p>
      <section className="panel">
        <h2>New channel</h2>
        <CreateChannelForm action={createChannelAction} />
      </section>
      <table className="data" data-testid="channels">
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Target</th>
            <th>State</th>
            <th>Test</th>
            <th>Manage</th>
          </tr>
        </thead>
        <tbody>
          {channels.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No channels yet.
              </td>
            </tr>
          )}
          {channels.map((c) => (
            <tr key={c.channelId} data-channel={c.name}>
              <td>{c.name}</td>
              <td>{c.kind}</td>
              <td style={{ overflowWrap: 'anywhere' }}>
                {c.kind === 'slack' ? redactUrl(c.target) : c.target}
              </td>
              <td>{c.enabled ? 'enabled' : <span className="badge">disabled</span>}</td>
              <td>
                <ChannelButton
                  action={sendTestAction}
                  id={c.channelId}
                  submit="Send test"
                  testId={`test-${c.name}`}
                />
              </td>
              <td>
                <details data-testid={`manage-${c.name}`}>
                  <summary>Manage</summary>
                  <div className="manage">
                    <ActionForm action={editChannelAction} submit="Save" testId={`edit-${c.name}`}>
                      <input type="hidden" name="id" value={c.channelId} />
                      <ChannelFields value={c} />
                    </ActionForm>
                    <ChannelButton
                      action={toggleChannelAction}
                      id={c.channelId}
                      submit={c.enabled ? 'Disable' : 'Enable'}
                      testId={`toggle-${c.name}`}
                      extra={{ enable: c.enabled ? '0' : '1' }}
                    />
                    {c.kind === 'webhook' && (
                      <>
                        <ChannelButton
                          action={showSecretAction}
                          id={c.channelId}
                          submit="Show secret"
                          testId={`secret-${c.name}`}
                        />
                        <ChannelButton
                          action={rotateSecretAction}
                          id={c.channelId}
                          submit="New secret"
                          testId={`rotate-${c.name}`}
                        />
                      </>
                    )}
                    <ChannelButton
                      action={deleteChannelAction}
                      id={c.channelId}
                      submit="Delete"
                      testId={`delete-${c.name}`}
                      danger
                    />
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <DeliveryLog rows={log.rows} total={log.total} page={page} pageSize={LOG_PAGE_SIZE} />
    </main>
  );
}
