import type mysql from 'mysql2';
import type { DbCredential, DbTimeouts } from '../core/env';
import { ACQUIRE_TIMEOUT, ER_STATEMENT_TIMEOUT_ERRNO, STATEMENT_TIMEOUT } from './connection-error';
import { knownDown, knownDownError, reportFailure, type Which } from './health';

/** Beyond MariaDB's max_statement_time, how long the client waits before giving up itself. */
const CLIENT_MARGIN_MS = 2_000;

type Callback = (err: NodeJS.ErrnoException | null, conn?: mysql.PoolConnection) => void;
type QueryArgs = [sql: unknown, values?: unknown, cb?: unknown];
type Command = { once(event: 'end', listener: () => void): unknown } | undefined;

/**
 * Makes a mysql2 pool fail fast instead of hanging, whatever the server does:
 *
 * - a database known to be down (lib/db/health.ts) refuses new work at once;
 * - a connection is had within `acquireMs` (mysql2 pools have no acquire timeout: a request
 *   would wait in the pool's queue behind queries stuck on a frozen server); a connection
 *   that arrives late goes back to the pool;
 * - a statement MariaDB stopped at max_statement_time is tagged with the database
 *   (`DB_STATEMENT_TIMEOUT:<which>`), so that pages can say which one was too slow;
 * - every `pool.query` carries a client-side timeout (MariaDB's max_statement_time cannot
 *   fire on a server that is stopped with SIGSTOP or cut off by the network);
 * - a connection whose command has not ended by then is destroyed: mysql2 answers the
 *   timed-out query but would keep its connection checked out forever.
 *
 * Connection failures are reported to lib/db/health.ts, so the next request is answered 503
 * by the proxy without waiting. Works on the callback pool; the promise wrapper delegates to it.
 */
export function guardPool(
  core: mysql.Pool,
  which: Which,
  cred: DbCredential,
  timeouts: DbTimeouts | undefined,
): void {
  const getConnection = core.getConnection.bind(core) as (cb: Callback) => void;
  // mysql2's own methods call this.getConnection, so replacing it on the instance covers
  // pool.query and pool.execute too.
  (core as unknown as { getConnection: (cb: Callback) => void }).getConnection = (cb) => {
    const down = knownDown(which, cred);
    if (down) return process.nextTick(() => cb(knownDownError(down)));
    if (!timeouts) return getConnection(cb);
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      const err = Object.assign(
        new Error(`no connection to the ${which} database within ${timeouts.acquireMs} ms`),
        { code: ACQUIRE_TIMEOUT, database: which },
      );
      // Busy or frozen cannot be told apart here: treated as unreachable for the next 2 s
      // (lib/db/health.ts re-probes), which answers clean 503s either way.
      reportFailure(which, cred, err);
      cb(err);
    }, timeouts.acquireMs);
    timer.unref();
    getConnection((err, conn) => {
      if (settled) return void conn?.release();
      settled = true;
      clearTimeout(timer);
      if (err) reportFailure(which, cred, err);
      cb(err, conn);
    });
  };
  if (!timeouts) return;

  const limitMs = timeouts.statementMs + CLIENT_MARGIN_MS;
  const query = core.query.bind(core) as (...args: QueryArgs) => unknown;
  // The callback sees MariaDB's "statement stopped at max_statement_time" first: tag it with
  // the database, which the promise wrapper keeps (it copies `code`), for the page's message.
  const tagged = (fn: unknown) =>
    typeof fn !== 'function'
      ? fn
      : (err: { errno?: number; code?: string } | null, ...rest: unknown[]) => {
          if (err?.errno === ER_STATEMENT_TIMEOUT_ERRNO) err.code = `${STATEMENT_TIMEOUT}:${which}`;
          return (fn as (...a: unknown[]) => unknown)(err, ...rest);
        };
  (core as unknown as { query: (...args: QueryArgs) => unknown }).query = (sql, values, cb) =>
    query(
      typeof sql === 'string'
        ? { sql, timeout: limitMs }
        : { timeout: limitMs, ...(sql as object) },
      tagged(values),
      tagged(cb),
    );

  core.on('connection', (conn) => {
    for (const method of ['query', 'execute'] as const) {
      const run = (conn[method] as (...args: unknown[]) => Command).bind(conn);
      (conn as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const command = run(...args);
        if (typeof command?.once !== 'function') return command;
        const watchdog = setTimeout(() => conn.destroy(), limitMs + 500);
        watchdog.unref();
        command.once('end', () => clearTimeout(watchdog));
        return command;
      };
    }
  });
}
