import 'server-only';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { parseDbDate } from '../db/db-time';
import type { ChannelInput, ChannelKind } from './domain/channel';
import type { AlertEventRow } from './domain/notice';
import type { LatestAttempt, Outcome } from './domain/retry';

/**
 * The notify tables (drizzle/0021_notify.sql) and the alert outbox (alert_event). Times are
 * naive UTC with milliseconds.
 */
export const dbTime = (d: Date) => d.toISOString().slice(0, 23).replace('T', ' ');
const date = (v: unknown) => parseDbDate(v as string | null) as Date;

export interface Channel {
  channelId: number;
  name: string;
  kind: ChannelKind;
  target: string;
  secret: string;
  enabled: boolean;
  timeCreated: Date;
  timeUpdated: Date;
}

const CHANNEL_COLUMNS =
  '`channel_id`, `name`, `kind`, `target`, `secret`, `enabled`, `time_created`, `time_updated`';
const channelOf = (r: RowDataPacket): Channel => ({
  channelId: Number(r.channel_id),
  name: r.name,
  kind: r.kind,
  target: r.target,
  secret: r.secret,
  enabled: Number(r.enabled) === 1,
  timeCreated: date(r.time_created),
  timeUpdated: date(r.time_updated),
});

export async function listChannels(db: Pool): Promise<Channel[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT ${CHANNEL_COLUMNS} FROM \`notify_channel\` ORDER BY \`name\``,
  );
  return rows.map(channelOf);
}

export async function findChannel(db: Pool, id: number): Promise<Channel | null> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT ${CHANNEL_COLUMNS} FROM \`notify_channel\` WHERE \`channel_id\` = ?`,
    [id],
  );
  return rows[0] ? channelOf(rows[0]) : null;
}

/** Channels by name (names compare as the column's collation does: without case). */
export async function channelsNamed(db: Pool, names: string[]): Promise<Map<string, Channel>> {
  if (names.length === 0) return new Map();
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT ${CHANNEL_COLUMNS} FROM \`notify_channel\` WHERE \`name\` IN (?)`,
    [names],
  );
  const out = new Map<string, Channel>();
  for (const c of rows.map(channelOf)) out.set(c.name.toLowerCase(), c);
  return out;
}

/** Throws with code ER_DUP_ENTRY when the name is taken. */
export async function insertChannel(
  db: Pool,
  c: ChannelInput,
  secret: string,
  now: Date,
): Promise<number> {
  const [r] = await db.query<ResultSetHeader>(
    'INSERT INTO `notify_channel` (`name`, `kind`, `target`, `secret`, `enabled`, `time_created`, `time_updated`) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [c.name, c.kind, c.target, secret, c.enabled ? 1 : 0, dbTime(now), dbTime(now)],
  );
  return r.insertId;
}

export async function updateChannel(
  db: Pool,
  id: number,
  c: ChannelInput,
  secret: string,
  now: Date,
): Promise<boolean> {
  const [r] = await db.query<ResultSetHeader>(
    'UPDATE `notify_channel` SET `name` = ?, `kind` = ?, `target` = ?, `secret` = ?, `enabled` = ?, `time_updated` = ? WHERE `channel_id` = ?',
    [c.name, c.kind, c.target, secret, c.enabled ? 1 : 0, dbTime(now), id],
  );
  return r.affectedRows > 0;
}

export async function deleteChannel(db: Pool, id: number): Promise<boolean> {
  const [r] = await db.query<ResultSetHeader>(
    'DELETE FROM `notify_channel` WHERE `channel_id` = ?',
    [id],
  );
  return r.affectedRows > 0;
}

export type DeliveryWhat = 'alert' | 'report' | 'test';

export interface DeliveryRow {
  deliveryId: number;
  time: Date;
  channelName: string;
  what: DeliveryWhat;
  refId: number;
  title: string;
  attempt: number;
  outcome: Outcome;
  status: string;
  error: string;
  nextRetry: Date | null;
}

export type NewDelivery = Omit<DeliveryRow, 'deliveryId'>;

export async function insertDelivery(db: Pool, d: NewDelivery): Promise<number> {
  const [r] = await db.query<ResultSetHeader>(
    'INSERT INTO `notify_delivery` (`time`, `channel_name`, `what`, `ref_id`, `title`, `attempt`, `outcome`, `status`, `error`, `next_retry`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      dbTime(d.time),
      d.channelName.slice(0, 64),
      d.what,
      d.refId,
      d.title.slice(0, 255),
      d.attempt,
      d.outcome,
      d.status.slice(0, 255),
      d.error,
      d.nextRetry ? dbTime(d.nextRetry) : null,
    ],
  );
  return r.insertId;
}

const deliveryOf = (r: RowDataPacket): DeliveryRow => ({
  deliveryId: Number(r.delivery_id),
  time: date(r.time),
  channelName: r.channel_name,
  what: r.what,
  refId: Number(r.ref_id),
  title: r.title,
  attempt: Number(r.attempt),
  outcome: r.outcome,
  status: r.status,
  error: r.error,
  nextRetry: parseDbDate(r.next_retry),
});

/** The log, newest first; `total` for the pager. */
export async function listDeliveries(
  db: Pool,
  page: { offset: number; limit: number },
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const [[rows], [[count]]] = await Promise.all([
    db.query<RowDataPacket[]>(
      'SELECT * FROM `notify_delivery` ORDER BY `delivery_id` DESC LIMIT ? OFFSET ?',
      [page.limit, page.offset],
    ),
    db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM `notify_delivery`'),
  ]);
  return { rows: rows.map(deliveryOf), total: Number(count.n) };
}

/** The latest attempt per channel (lower-cased name) for each of `refIds`. */
export async function latestAttempts(
  db: Pool,
  what: DeliveryWhat,
  refIds: number[],
): Promise<Map<number, Map<string, LatestAttempt>>> {
  const out = new Map<number, Map<string, LatestAttempt>>();
  if (refIds.length === 0) return out;
  const [rows] = await db.query<RowDataPacket[]>(
    'SELECT `ref_id`, `channel_name`, `attempt`, `outcome`, `next_retry` FROM `notify_delivery` WHERE `what` = ? AND `ref_id` IN (?) ORDER BY `delivery_id`',
    [what, refIds],
  );
  for (const r of rows) {
    const id = Number(r.ref_id);
    const m = out.get(id) ?? new Map<string, LatestAttempt>();
    m.set(String(r.channel_name).toLowerCase(), {
      attempt: Number(r.attempt),
      outcome: r.outcome,
      nextRetry: parseDbDate(r.next_retry),
    });
    out.set(id, m);
  }
  return out;
}

/** The alert outbox: rows with channels and not yet notified, oldest first. */
export async function pendingAlertEvents(db: Pool, limit: number): Promise<AlertEventRow[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    "SELECT `event_id`, `time`, `rule_name`, `subject`, `state`, `severity`, `message`, `detail`, `channels` FROM `alert_event` WHERE `time_notified` IS NULL AND `channels` <> '' ORDER BY `event_id` LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({
    eventId: Number(r.event_id),
    time: date(r.time),
    ruleName: r.rule_name,
    subject: r.subject,
    state: r.state,
    severity: r.severity,
    message: r.message,
    detail: r.detail,
    channels: r.channels,
  }));
}

export async function markAlertNotified(db: Pool, eventId: number, now: Date): Promise<void> {
  await db.query(
    'UPDATE `alert_event` SET `time_notified` = ? WHERE `event_id` = ? AND `time_notified` IS NULL',
    [dbTime(now), eventId],
  );
}

export interface BuiltReport {
  reportId: number;
  scheduleId: number;
  periodStart: Date;
  periodEnd: Date;
  channels: string;
  body: string;
}

export async function pendingReports(db: Pool, limit: number): Promise<BuiltReport[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    'SELECT `report_id`, `schedule_id`, `period_start`, `period_end`, `channels`, `body` FROM `notify_report` WHERE `time_notified` IS NULL ORDER BY `report_id` LIMIT ?',
    [limit],
  );
  return rows.map((r) => ({
    reportId: Number(r.report_id),
    scheduleId: Number(r.schedule_id),
    periodStart: date(r.period_start),
    periodEnd: date(r.period_end),
    channels: r.channels,
    body: r.body,
  }));
}

export async function markReportNotified(db: Pool, reportId: number, now: Date): Promise<void> {
  await db.query(
    'UPDATE `notify_report` SET `time_notified` = ? WHERE `report_id` = ? AND `time_notified` IS NULL',
    [dbTime(now), reportId],
  );
}
