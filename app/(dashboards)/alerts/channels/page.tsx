import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { displayZone } from '@/lib/preferences/display';
import { BadRequestError } from '@/lib/core/errors';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { LOG_PAGE_SIZE, parseLogPage } from '@/lib/notify/domain/log-page';
import { redactUrl } from '@/lib/notify/manage';
import { listChannels, listDeliveries } from '@/lib/notify/queries';
import { ActionForm } from '@/ui/admin/action-form';
import { AdminListPage, AdminProblem, ManageCell, readForPage } from '@/ui/notify/admin-list';
import { ChannelButton, ChannelFields, CreateChannelForm } from '@/ui/notify/channel-forms';
import { DeliveryLog } from '@/ui/notify/delivery-log';
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

const HEADING = 'Delivery channels';

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
      <AdminProblem
        heading={HEADING}
        title={`Invalid ${err.param}`}
        message={err.message}
        param={err.param}
      />
    );
  }
  const { pool } = getDashboardsDb();
  const read = await readForPage(pool, () =>
    Promise.all([
      listChannels(pool),
      listDeliveries(pool, { offset: (page - 1) * LOG_PAGE_SIZE, limit: LOG_PAGE_SIZE }),
    ]),
  );
  if ('error' in read) {
    return (
      <AdminProblem heading={HEADING} title="The channels cannot be shown" message={read.error} />
    );
  }
  const [channels, log] = read.data;
  return (
    <AdminListPage
      heading={HEADING}
      intro={
        <>
          Alerts name the channels they go to; <a href="/alerts/reports">scheduled reports</a> too.
          A webhook gets a signed JSON POST (see docs/notifications.md for checking the signature),
          a Slack channel an incoming-webhook message, an email channel a mail through the SMTP
          server of .env. Every change is written to the <a href="/admin/audit">audit log</a>.
        </>
      }
      createTitle="New channel"
      createForm={<CreateChannelForm action={createChannelAction} />}
      testId="channels"
      columns={['Name', 'Kind', 'Target', 'State', 'Test', 'Manage']}
      empty="No channels yet."
      rows={channels.map((c) => (
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
          <ManageCell testId={`manage-${c.name}`}>
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
          </ManageCell>
        </tr>
      ))}
    >
      <DeliveryLog
        rows={log.rows}
        total={log.total}
        page={page}
        pageSize={LOG_PAGE_SIZE}
        tz={await displayZone()}
      />
    </AdminListPage>
  );
}
