import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { parseDbDate } from '../db/db-time';
import type { StatusSnapshot } from './domain/snapshot';

/**
 * The snapshot the alert evaluation builds every minute (lib/alerts/evaluate.ts, one server at
 * a time), kept in the dashboards table `status_snapshot` (drizzle/0026) so that /status and
 * /api/status serve it instead of rebuilding it on every request: a request reads one row,
 * whatever the size of the history. Only the background job writes it (requests only read).
 */
export const STORED_NAME = 'latest';
/**
 * A stored snapshot older than this is not served (the evaluation has stopped or fallen
 * behind: its job line says so) and the request builds a fresh one. The evaluation runs every
 * minute and a server skips its turn within 45 s of another's, so a healthy one is at most
 * about 2 minutes old.
 */
export const STORED_MAX_AGE_MS = 3 * 60_000;

export interface StoredSnapshot {
  snapshot: StatusSnapshot;
  /** Which server's evaluation built it, and how long that took. */
  server: string;
  buildMs: number;
}

const dbTime = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

/** Replaces the stored snapshot (the evaluator calls it inside its transaction). */
export async function storeSnapshot(conn: Pool | PoolConnection, s: StoredSnapshot): Promise<void> {
  await conn.query(
    'INSERT INTO `status_snapshot` (`name`, `time_measured`, `server_id`, `build_ms`, `body`) VALUES (?, ?, ?, ?, ?) ' +
      'ON DUPLICATE KEY UPDATE `time_measured` = VALUES(`time_measured`), `server_id` = VALUES(`server_id`), ' +
      '`build_ms` = VALUES(`build_ms`), `body` = VALUES(`body`)',
    [
      STORED_NAME,
      dbTime(s.snapshot.now),
      s.server.slice(0, 128),
      Math.max(0, Math.round(s.buildMs)),
      JSON.stringify(s.snapshot),
    ],
  );
}

/** The stored snapshot, or null when there is none or it does not parse. */
export async function readStoredSnapshot(dashboards: Pool): Promise<StoredSnapshot | null> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    'SELECT `time_measured`, `server_id`, `build_ms`, `body` FROM `status_snapshot` WHERE `name` = ?',
    [STORED_NAME],
  );
  if (rows.length === 0) return null;
  try {
    const snapshot = JSON.parse(String(rows[0].body)) as StatusSnapshot;
    if (typeof snapshot.now !== 'number' || !Array.isArray(snapshot.accounts)) return null;
    // The row's time is the snapshot's own (kept as a column to be read without the body).
    if (parseDbDate(String(rows[0].time_measured))?.getTime() !== snapshot.now) return null;
    return { snapshot, server: String(rows[0].server_id), buildMs: Number(rows[0].build_ms) };
  } catch {
    return null;
  }
}

/** Is a snapshot measured at `measured` fresh enough to serve at `now`? */
export function servable(measured: number, now: number): boolean {
  return Math.abs(now - measured) <= STORED_MAX_AGE_MS;
}
