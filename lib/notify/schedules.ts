import 'server-only';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';
import { parseDbDate } from '../db/db-time';
import { periodsDue, type ReportPeriod } from './domain/period';
import type { ScheduleInput } from './domain/schedule';
import { dbTime } from './queries';
import { buildPeriodReport } from './report-build';

/**
 * Report schedules (notify_schedule) and the job that builds their due reports into
 * notify_report, the reports' outbox (the dispatcher delivers them). Building a period and
 * moving the schedule's `last_period_end` past it is one transaction, and a period is stored
 * once per schedule (UNIQUE (schedule_id, period_start)): a restart neither skips nor repeats
 * one, and two servers cannot both build it (a named lock, and the key if the lock is lost).
 */
export const SCHEDULE_LOCK = 'gryphon_notify_reports';

export interface Schedule {
  scheduleId: number;
  name: string;
  period: ReportPeriod;
  channels: string;
  enabled: boolean;
  lastPeriodEnd: Date | null;
  timeUpdated: Date;
}

const scheduleOf = (r: RowDataPacket): Schedule => ({
  scheduleId: Number(r.schedule_id),
  name: r.name,
  period: r.period,
  channels: r.channels,
  enabled: Number(r.enabled) === 1,
  lastPeriodEnd: parseDbDate(r.last_period_end),
  timeUpdated: parseDbDate(r.time_updated) as Date,
});

export async function listSchedules(db: Pool): Promise<Schedule[]> {
  const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM `notify_schedule` ORDER BY `name`');
  return rows.map(scheduleOf);
}

export async function findSchedule(db: Pool, id: number): Promise<Schedule | null> {
  const [rows] = await db.query<RowDataPacket[]>(
    'SELECT * FROM `notify_schedule` WHERE `schedule_id` = ?',
    [id],
  );
  return rows[0] ? scheduleOf(rows[0]) : null;
}

export async function insertSchedule(db: Pool, s: ScheduleInput, now: Date): Promise<number> {
  const [r] = await db.query<ResultSetHeader>(
    'INSERT INTO `notify_schedule` (`name`, `period`, `channels`, `enabled`, `time_created`, `time_updated`) VALUES (?, ?, ?, ?, ?, ?)',
    [s.name, s.period, s.channels, s.enabled ? 1 : 0, dbTime(now), dbTime(now)],
  );
  return r.insertId;
}

/** A changed period starts again from the last closed one (last_period_end cleared). */
export async function updateSchedule(
  db: Pool,
  id: number,
  s: ScheduleInput,
  now: Date,
): Promise<boolean> {
  const [r] = await db.query<ResultSetHeader>(
    'UPDATE `notify_schedule` SET `last_period_end` = IF(`period` = ?, `last_period_end`, NULL), `name` = ?, `period` = ?, `channels` = ?, `enabled` = ?, `time_updated` = ? WHERE `schedule_id` = ?',
    [s.period, s.name, s.period, s.channels, s.enabled ? 1 : 0, dbTime(now), id],
  );
  return r.affectedRows > 0;
}

export async function deleteSchedule(db: Pool, id: number): Promise<boolean> {
  const [r] = await db.query<ResultSetHeader>(
    'DELETE FROM `notify_schedule` WHERE `schedule_id` = ?',
    [id],
  );
  return r.affectedRows > 0;
}

export interface ScheduleRunResult {
  skipped: boolean;
  built: Array<{ schedule: string; start: Date; end: Date }>;
}

export async function runReportSchedules(
  pools: { trading: Pool; dashboards: Pool },
  strategies: Record<string, StrategyConfig>,
  now: Date,
): Promise<ScheduleRunResult> {
  const db = pools.dashboards;
  const lockConn = await db.getConnection();
  const built: ScheduleRunResult['built'] = [];
  try {
    const [[lock]] = await lockConn.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS got', [
      SCHEDULE_LOCK,
    ]);
    if (Number(lock?.got) !== 1) return { skipped: true, built };
    try {
      for (const s of (await listSchedules(db)).filter((x) => x.enabled)) {
        let last = s.lastPeriodEnd;
        for (const p of periodsDue(s.period, last, now)) {
          const report = await buildPeriodReport(p, now, { ...pools, strategies });
          const conn = await db.getConnection();
          try {
            await conn.beginTransaction();
            const [moved] = await conn.query<ResultSetHeader>(
              'UPDATE `notify_schedule` SET `last_period_end` = ? WHERE `schedule_id` = ? AND `period` = ? AND (`last_period_end` <=> ?)',
              [dbTime(p.end), s.scheduleId, s.period, last ? dbTime(last) : null],
            );
            if (moved.affectedRows !== 1) {
              await conn.rollback(); // changed meanwhile (edited, deleted): next run decides
              break;
            }
            await conn.query(
              'INSERT IGNORE INTO `notify_report` (`schedule_id`, `period_start`, `period_end`, `channels`, `body`, `time_built`) VALUES (?, ?, ?, ?, ?, ?)',
              [
                s.scheduleId,
                dbTime(p.start),
                dbTime(p.end),
                s.channels,
                JSON.stringify(report),
                dbTime(now),
              ],
            );
            await conn.commit();
          } catch (err) {
            await conn.rollback().catch(() => undefined);
            throw err;
          } finally {
            conn.release();
          }
          built.push({ schedule: s.name, start: p.start, end: p.end });
          last = p.end;
        }
      }
    } finally {
      await lockConn.query('SELECT RELEASE_LOCK(?)', [SCHEDULE_LOCK]);
    }
  } finally {
    lockConn.release();
  }
  return { skipped: false, built };
}

export interface RecentReport {
  reportId: number;
  schedule: string;
  periodStart: Date;
  periodEnd: Date;
  channels: string;
  timeBuilt: Date;
  timeNotified: Date | null;
}

/** The newest built reports, for /alerts/reports. */
export async function listRecentReports(db: Pool, limit = 20): Promise<RecentReport[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    "SELECT r.`report_id`, COALESCE(s.`name`, CONCAT('#', r.`schedule_id`)) AS schedule, r.`period_start`, r.`period_end`, r.`channels`, r.`time_built`, r.`time_notified` FROM `notify_report` r LEFT JOIN `notify_schedule` s ON s.`schedule_id` = r.`schedule_id` ORDER BY r.`report_id` DESC LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({
    reportId: Number(r.report_id),
    schedule: r.schedule,
    periodStart: parseDbDate(r.period_start) as Date,
    periodEnd: parseDbDate(r.period_end) as Date,
    channels: r.channels,
    timeBuilt: parseDbDate(r.time_built) as Date,
    timeNotified: parseDbDate(r.time_notified),
  }));
}
