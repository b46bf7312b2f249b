import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { periodReportPath } from '@/lib/notify/dispatch';
import { listChannels } from '@/lib/notify/queries';
import { listRecentReports, listSchedules } from '@/lib/notify/schedules';
import { ActionForm } from '@/ui/admin/action-form';
import { CreateScheduleForm, ScheduleFields } from '@/ui/notify/schedule-forms';
import { AdminListPage, AdminProblem, ManageCell, readForPage } from '@/ui/notify/admin-list';
import { formatDate, formatTime } from '@/ui/shared/format';
import { createScheduleAction, deleteScheduleAction, editScheduleAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Scheduled reports' };

const HEADING = 'Scheduled reports';

const range = (start: Date, end: Date) =>
  `${formatDate(start)} – ${formatDate(new Date(end.getTime() - 1))}`;

/**
 * /alerts/reports (admins only): daily and monthly reports (fund figures, P&L per strategy,
 * alerts fired) sent to channels after each UTC period closes, and the reports built so far.
 */
export default async function ReportsPage() {
  await requireUser();
  const { pool } = getDashboardsDb();
  const read = await readForPage(pool, () =>
    Promise.all([listSchedules(pool), listChannels(pool), listRecentReports(pool)]),
  );
  if ('error' in read) {
    return (
      <AdminProblem heading={HEADING} title="The schedules cannot be shown" message={read.error} />
    );
  }
  const [schedules, channels, recent] = read.data;
  const names = channels.map((c) => c.name);
  return (
    <AdminListPage
      heading={HEADING}
      intro={
        <>
          A daily report covers a UTC day and is sent a few minutes after it closes; a monthly one a
          calendar month. Each holds the fund&rsquo;s net assets at the start and end, capital flows
          and P&amp;L, the P&amp;L of each strategy and the alerts that fired; email gets text and
          HTML, a webhook the JSON. A schedule remembers the last period it sent: a restart neither
          skips nor repeats one. The same report for any window:{' '}
          <a href="/reports/period">/reports/period</a>. Channels are set up on{' '}
          <a href="/alerts/channels">Delivery channels</a>.
        </>
      }
      createTitle="New schedule"
      createForm={<CreateScheduleForm action={createScheduleAction} channels={names} />}
      testId="schedules"
      columns={['Name', 'Period', 'Channels', 'State', 'Sent up to', 'Manage']}
      empty="No schedules yet."
      rows={schedules.map((s) => (
        <tr key={s.scheduleId} data-schedule={s.name}>
          <td>{s.name}</td>
          <td>{s.period}</td>
          <td>{s.channels.split(',').join(', ')}</td>
          <td>{s.enabled ? 'enabled' : <span className="badge">disabled</span>}</td>
          <td>{s.lastPeriodEnd ? formatTime(s.lastPeriodEnd) : 'nothing yet'}</td>
          <ManageCell>
            <ActionForm action={editScheduleAction} submit="Save">
              <input type="hidden" name="id" value={s.scheduleId} />
              <ScheduleFields channels={names} value={s} />
            </ActionForm>
            <ActionForm action={deleteScheduleAction} submit="Delete" danger>
              <input type="hidden" name="id" value={s.scheduleId} />
            </ActionForm>
          </ManageCell>
        </tr>
      ))}
    >
      <h2 style={{ marginTop: 28 }}>Reports built</h2>
      {recent.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <table className="data" data-testid="recent-reports">
          <thead>
            <tr>
              <th>Schedule</th>
              <th>Period (UTC)</th>
              <th>Channels</th>
              <th>Built</th>
              <th>Delivered</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((r) => (
              <tr key={r.reportId}>
                <td>{r.schedule}</td>
                <td>
                  <a
                    href={periodReportPath({
                      period: {
                        start: r.periodStart.toISOString(),
                        end: r.periodEnd.toISOString(),
                      },
                    })}
                  >
                    {range(r.periodStart, r.periodEnd)}
                  </a>
                </td>
                <td>{r.channels.split(',').join(', ')}</td>
                <td>{formatTime(r.timeBuilt)}</td>
                <td>
                  {r.timeNotified ? formatTime(r.timeNotified) : 'pending (see the delivery log)'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminListPage>
  );
}
