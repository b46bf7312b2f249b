import mysql from 'mysql2';
import type { DbCredential } from '../core/env';
import {
  connectionFailureReason,
  databaseAddress,
  isConnectionError,
  KNOWN_DOWN,
} from './connection-error';

export type Which = 'dashboards' | 'trading';

/** What the process last learned about one database; no user name or password in it. */
export interface DatabaseHealth {
  database: Which;
  ok: boolean;
  /** host:port (or the socket). */
  address: string;
  /** Why it is unreachable (absent when ok). */
  reason?: string;
  /** Date.now() of the probe or failure this is from. */
  checkedAt: number;
}

/** A probe's answer is reused this long, so a busy server probes at most every 2 s. */
export const HEALTH_CACHE_MS = 2_000;
/** A probe (connect + SELECT 1) that has not answered by then counts as "unreachable". */
const PROBE_TIMEOUT_MS = 1_500;
/** What pages and APIs tell clients to wait before retrying, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

interface Entry {
  last?: DatabaseHealth;
  inflight?: Promise<DatabaseHealth>;
}

/**
 * Process-wide, on globalThis: the proxy (lib/http/gates/database.ts), the pools and the
 * routes are bundled apart by Next but run in one Node process and must share this. Keyed by
 * the whole credential, so that pools on other servers or with other credentials (tests, CLIs)
 * never affect each other. Nothing of it is ever shown.
 */
const registry = globalThis as unknown as { __databaseHealth?: Map<string, Entry> };
const entries = (registry.__databaseHealth ??= new Map());

function entryFor(which: Which, cred: DbCredential): Entry {
  // The password too: a pool with a wrong one must not mark the right one's database down.
  const key = JSON.stringify([
    which,
    cred.socketPath,
    cred.host,
    cred.port,
    cred.user,
    cred.password,
    cred.database,
  ]);
  let entry = entries.get(key);
  if (!entry) entries.set(key, (entry = {}));
  return entry;
}

/** One connection, `SELECT 1`, closed; fails after `timeoutMs` whatever the server does. */
function probe(cred: DbCredential, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve) => {
    const conn = mysql.createConnection({
      ...(cred.socketPath ? { socketPath: cred.socketPath } : { host: cred.host, port: cred.port }),
      user: cred.user,
      password: cred.password,
      database: cred.database,
      connectTimeout: timeoutMs,
    });
    const finish = (err: unknown) => {
      clearTimeout(guard);
      conn.destroy();
      resolve(err);
    };
    // A frozen server accepts the TCP connection and then says nothing: our own deadline.
    const guard = setTimeout(
      () => finish(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    guard.unref();
    conn.on('error', () => undefined);
    conn.query({ sql: 'SELECT 1', timeout: timeoutMs }, (err) => finish(err ?? null));
  });
}

function record(which: Which, cred: DbCredential, err: unknown): DatabaseHealth {
  const health: DatabaseHealth = {
    database: which,
    ok: !err,
    address: databaseAddress(cred),
    ...(err ? { reason: connectionFailureReason(err, cred) } : {}),
    checkedAt: Date.now(),
  };
  entryFor(which, cred).last = health;
  return health;
}

function startProbe(which: Which, cred: DbCredential): Promise<DatabaseHealth> {
  const entry = entryFor(which, cred);
  entry.inflight ??= probe(cred, PROBE_TIMEOUT_MS)
    .then((err) => record(which, cred, err))
    .finally(() => (entry.inflight = undefined));
  return entry.inflight;
}

/**
 * Is the database reachable? Answers from the last probe when it is under HEALTH_CACHE_MS
 * old. A database last seen down answers "down" at once and is probed again in the
 * background (so an outage costs no request any waiting, and recovery is noticed within a
 * request or two); otherwise the caller waits for the probe (1.5 s at most).
 */
export async function checkDatabase(which: Which, cred: DbCredential): Promise<DatabaseHealth> {
  const { last } = entryFor(which, cred);
  if (last && Date.now() - last.checkedAt < HEALTH_CACHE_MS) return last;
  if (last && !last.ok) {
    void startProbe(which, cred);
    return last;
  }
  return startProbe(which, cred);
}

/**
 * For the pools: the last known state if the database is down (then a query would only wait
 * for its timeout), null otherwise. Starts a probe when that knowledge is stale.
 */
export function knownDown(which: Which, cred: DbCredential): DatabaseHealth | null {
  const { last } = entryFor(which, cred);
  if (!last || last.ok) return null;
  if (Date.now() - last.checkedAt >= HEALTH_CACHE_MS) void startProbe(which, cred);
  return last;
}

/** An error for a query refused because the database is known to be down. */
export function knownDownError(health: DatabaseHealth): Error {
  return Object.assign(new Error(health.reason ?? 'unreachable'), { code: KNOWN_DOWN });
}

/** A query failed to reach the database: remember it, and probe to confirm or clear. */
export function reportFailure(which: Which, cred: DbCredential, err: unknown): void {
  if (!isConnectionError(err) || (err as { code?: string }).code === KNOWN_DOWN) return;
  const entry = entryFor(which, cred);
  if (entry.last && !entry.last.ok) return;
  record(which, cred, err);
  void startProbe(which, cred);
}

/** The line pages and APIs show: which database, where, why; never the user or password. */
export function unreachableMessage(h: DatabaseHealth): string {
  return (
    `The ${h.database} database (${h.address}) is unreachable: ${h.reason ?? 'no answer'}. ` +
    `Try again in a few seconds.`
  );
}
