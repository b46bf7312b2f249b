import 'server-only';
import { hostname } from 'node:os';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { getEnv } from '../core/env';
import { parseDbDate } from '../db/db-time';
import type { JobLine } from '../status/domain/snapshot';
import type { JobRecorder } from './registry';

/**
 * Every server's background job runs in the dashboards table `job_run` (drizzle/0026), one
 * row per server and job: the runner (registry.ts) upserts it when a run starts and when it
 * ends, so /status shows the jobs of every server sharing the dashboards database, and a
 * server that stopped (crashed, removed) keeps its last rows: its silence is visible.
 * Times are epoch ms, written as DATETIME(3) in UTC. A row is read as the status board's job
 * line (lib/status/domain/snapshot.ts): one shape, defined there.
 */
export type JobRun = JobLine;

/** This server's name in job_run: host name and port (stable across restarts). */
export function thisServerId(): string {
  return `${hostname()}:${getEnv().port}`;
}

const dbTime = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
const MAX_ERROR = 1024;

/** A recorder (registry.ts setJobRecorder) writing to `dashboards` as `serverId`. */
export function jobRunRecorder(dashboards: () => Pool, serverId: string): JobRecorder {
  return {
    async started(job, at) {
      await dashboards().query(
        'INSERT INTO `job_run` (`server_id`, `job`, `every_ms`, `time_started`, `time_reported`) VALUES (?, ?, ?, ?, ?) ' +
          'ON DUPLICATE KEY UPDATE `every_ms` = VALUES(`every_ms`), `time_started` = VALUES(`time_started`), ' +
          '`time_reported` = VALUES(`time_reported`)',
        [serverId, job.name, job.everyMs, dbTime(at), dbTime(at)],
      );
    },
    async finished(job, run) {
      const ok = run.error === null;
      const error = run.error?.slice(0, MAX_ERROR) ?? null;
      await dashboards().query(
        'INSERT INTO `job_run` (`server_id`, `job`, `every_ms`, `time_started`, `time_finished`, `time_succeeded`, ' +
          '`last_ok`, `time_failed`, `last_error`, `duration_ms`, `time_reported`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
          'ON DUPLICATE KEY UPDATE `every_ms` = VALUES(`every_ms`), `time_started` = VALUES(`time_started`), ' +
          '`time_finished` = VALUES(`time_finished`), ' +
          '`time_succeeded` = COALESCE(VALUES(`time_succeeded`), `time_succeeded`), `last_ok` = VALUES(`last_ok`), ' +
          '`time_failed` = COALESCE(VALUES(`time_failed`), `time_failed`), ' +
          '`last_error` = COALESCE(VALUES(`last_error`), `last_error`), ' +
          '`duration_ms` = VALUES(`duration_ms`), `time_reported` = VALUES(`time_reported`)',
        [
          serverId,
          job.name,
          job.everyMs,
          dbTime(run.started),
          dbTime(run.finished),
          ok ? dbTime(run.finished) : null,
          ok,
          ok ? null : dbTime(run.finished),
          error,
          Math.max(0, run.finished - run.started),
          dbTime(run.finished),
        ],
      );
    },
  };
}

const ms = (v: unknown) => parseDbDate(v as string | null)?.getTime() ?? null;

/** Every row of job_run, by server then job (a small table: servers × jobs). */
export async function readJobRuns(dashboards: Pool): Promise<JobRun[]> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `server_id`, `job`, `every_ms`, `time_started`, `time_finished`, `time_succeeded`, `last_ok`, ' +
      '`time_failed`, `last_error`, `duration_ms`, `time_reported` FROM `job_run` ORDER BY `server_id`, `job`',
  );
  const seen = new Map<string, number>();
  for (const r of rows) {
    const t = ms(r.time_reported) ?? 0;
    seen.set(String(r.server_id), Math.max(seen.get(String(r.server_id)) ?? 0, t));
  }
  return rows.map((r) => ({
    server: String(r.server_id),
    name: String(r.job),
    everyMs: Number(r.every_ms),
    lastStarted: ms(r.time_started),
    lastFinished: ms(r.time_finished),
    lastSucceeded: ms(r.time_succeeded),
    lastOk: r.last_ok === null ? null : Number(r.last_ok) === 1,
    lastFailed: ms(r.time_failed),
    lastError: r.last_error === null ? null : String(r.last_error),
    lastDurationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    serverSeen: seen.get(String(r.server_id)) ?? 0,
  }));
}
