import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { SmtpEnv } from '../core/env';
import { parseChannelNames } from './domain/channel';
import { alertNotice, type Notice } from './domain/notice';
import { reportHtml, reportText, reportTitle, type PeriodReport } from './domain/report';
import { deliveryState, nextRetryAt, type LatestAttempt } from './domain/retry';
import {
  channelsNamed,
  insertDelivery,
  latestAttempts,
  markAlertNotified,
  markReportNotified,
  pendingAlertEvents,
  pendingReports,
  type Channel,
  type DeliveryWhat,
} from './queries';
import { sendNotice } from './send';

/**
 * The dispatcher (a background job, every minute): delivers the alert outbox (alert_event rows
 * with channels and no time_notified, oldest first) and the built reports (notify_report) to
 * their channels, one attempt per channel per run when due (lib/notify/domain/retry.ts), each
 * attempt a row of notify_delivery; a row is marked notified once every channel has accepted
 * it or given up. Several app servers may run it: a MariaDB named lock (GET_LOCK, timeout 0)
 * lets one of them work at a time; the others skip that minute.
 */
export const DISPATCH_LOCK = 'gryphon_notify_dispatch';
export const ALERT_BATCH = 50;
export const REPORT_BATCH = 10;

export interface DispatchDeps {
  smtp: SmtpEnv | null;
  /** APP_PUBLIC_URL, for links ('' = paths). */
  baseUrl: string;
}

export interface DispatchResult {
  /** Another server holds the lock: nothing was done. */
  skipped: boolean;
  attempts: number;
  failed: number;
  /** Rows marked notified. */
  finished: number;
}

export async function dispatchOutbox(
  db: Pool,
  deps: DispatchDeps,
  now: Date,
): Promise<DispatchResult> {
  const result: DispatchResult = { skipped: false, attempts: 0, failed: 0, finished: 0 };
  const conn = await db.getConnection();
  try {
    const [[lock]] = await conn.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS got', [
      DISPATCH_LOCK,
    ]);
    if (Number(lock?.got) !== 1) return { ...result, skipped: true };
    try {
      const events = await pendingAlertEvents(db, ALERT_BATCH);
      const eventTries = await latestAttempts(
        db,
        'alert',
        events.map((e) => e.eventId),
      );
      for (const e of events) {
        const done = await deliver(
          db,
          {
            what: 'alert',
            refId: e.eventId,
            channels: e.channels,
            notice: alertNotice(e, deps.baseUrl),
          },
          eventTries.get(e.eventId),
          deps,
          now,
          result,
        );
        if (done) {
          await markAlertNotified(db, e.eventId, now);
          result.finished++;
        }
      }
      const reports = await pendingReports(db, REPORT_BATCH);
      const reportTries = await latestAttempts(
        db,
        'report',
        reports.map((r) => r.reportId),
      );
      for (const r of reports) {
        const notice = reportNotice(JSON.parse(r.body) as PeriodReport, deps.baseUrl);
        const done = await deliver(
          db,
          { what: 'report', refId: r.reportId, channels: r.channels, notice },
          reportTries.get(r.reportId),
          deps,
          now,
          result,
        );
        if (done) {
          await markReportNotified(db, r.reportId, now);
          result.finished++;
        }
      }
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [DISPATCH_LOCK]);
    }
  } finally {
    conn.release();
  }
  return result;
}

export function periodReportPath(r: { period: { start: string; end: string } }): string {
  return `/reports/period?start=${encodeURIComponent(r.period.start)}&end=${encodeURIComponent(r.period.end)}`;
}

export function reportNotice(r: PeriodReport, baseUrl: string): Notice {
  const url = `${baseUrl}${periodReportPath(r)}`;
  return {
    kind: 'report',
    title: reportTitle(r),
    text: reportText(r, url),
    severity: 'info',
    url,
    data: r as unknown as Record<string, unknown>,
    html: reportHtml(r, url),
  };
}

/** One attempt per due channel; true when every channel is finished with this row. */
async function deliver(
  db: Pool,
  item: { what: DeliveryWhat; refId: number; channels: string; notice: Notice },
  tries: Map<string, LatestAttempt> | undefined,
  deps: DispatchDeps,
  now: Date,
  result: DispatchResult,
): Promise<boolean> {
  const names = parseChannelNames(item.channels);
  const channels = await channelsNamed(db, names);
  let done = true;
  for (const name of names) {
    const state = deliveryState(tries?.get(name.toLowerCase()), now);
    if (state.kind === 'finished') continue;
    if (state.kind === 'waiting') {
      done = false;
      continue;
    }
    const log = { time: now, what: item.what, refId: item.refId, title: item.notice.title };
    const channel = channels.get(name.toLowerCase());
    if (!channel || !channel.enabled) {
      await insertDelivery(db, {
        ...log,
        channelName: name,
        attempt: state.attempt,
        outcome: channel ? 'disabled' : 'unknown-channel',
        status: '',
        error: channel
          ? `channel ${name} is disabled: not sent`
          : `no channel is named ${name} (see /alerts/channels)`,
        nextRetry: null,
      });
      continue;
    }
    const sent = await attempt(db, channel, item.notice, log, state.attempt, deps, now);
    result.attempts++;
    if (!sent.ok) result.failed++;
    if (sent.retry) done = false;
  }
  return done;
}

/** Sends and logs one attempt. */
export async function attempt(
  db: Pool,
  channel: Channel,
  notice: Notice,
  log: { time: Date; what: DeliveryWhat; refId: number; title: string },
  attemptNo: number,
  deps: DispatchDeps,
  now: Date,
  opts: { retries?: boolean } = {},
): Promise<{ ok: boolean; retry: boolean; status: string; error: string }> {
  const r = await sendNotice(channel, notice, { smtp: deps.smtp, now });
  const next = r.ok || opts.retries === false ? null : nextRetryAt(attemptNo, now);
  await insertDelivery(db, {
    ...log,
    channelName: channel.name,
    attempt: attemptNo,
    outcome: r.ok ? 'ok' : next ? 'failed' : 'gave-up',
    status: r.status,
    error: r.error,
    nextRetry: next,
  });
  return { ok: r.ok, retry: next !== null, status: r.status, error: r.error };
}
