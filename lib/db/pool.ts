import mysql from 'mysql2';
import type { Pool } from 'mysql2/promise';
import type { DbCredential, DbTimeouts } from '../core/env';
import { DatabaseUnreachableError } from '../core/errors';
import {
  ACQUIRE_TIMEOUT,
  databaseAddress,
  describeConnectionError,
  isConnectionError,
  statementTimeoutError,
} from './connection-error';
import { reportFailure } from './health';
import { guardPool } from './pool-guard';

type Which = 'dashboards' | 'trading';

const registry = globalThis as unknown as {
  __poolCredentials?: WeakMap<Pool, { cred: DbCredential; which: Which }>;
};
const credentials = (registry.__poolCredentials ??= new WeakMap());

/**
 * A mysql2 pool with our invariants: UTC sessions, DATETIME as naive-UTC strings, DECIMAL as
 * exact strings, BIGINT as a number when exact (a string beyond 2^53). `sessionSetup` runs on
 * every new connection before the query that asked for it; if one fails the connection is
 * destroyed so that query fails too (never runs without, e.g., READ ONLY). With `timeouts`
 * (the app's pools) nothing waits on a stopped or frozen server: see lib/db/pool-guard.ts.
 */
export function createPool(
  cred: DbCredential,
  which: Which,
  opts: { connectionLimit: number; sessionSetup: string[]; timeouts?: DbTimeouts },
): Pool {
  const sessionSetup = [...opts.sessionSetup];
  // MariaDB's own limit, in seconds: the server stops a runaway statement and frees its work.
  if (opts.timeouts)
    sessionSetup.push(`SET SESSION max_statement_time = ${opts.timeouts.statementMs / 1000}`);
  const core = mysql.createPool({
    ...(cred.socketPath ? { socketPath: cred.socketPath } : { host: cred.host, port: cred.port }),
    user: cred.user,
    password: cred.password,
    database: cred.database,
    charset: cred.charset,
    timezone: 'Z',
    dateStrings: true,
    decimalNumbers: false,
    supportBigNumbers: true,
    connectionLimit: opts.connectionLimit,
    connectTimeout: opts.timeouts?.acquireMs ?? 10_000,
    enableKeepAlive: true,
  });
  // On the core pool: the promise wrapper re-emits the callback-style connection, whatever
  // its typings say.
  core.on('connection', (conn) => {
    for (const sql of ["SET time_zone = '+00:00'", ...sessionSetup]) {
      conn.query(sql, (err) => {
        if (err) conn.destroy();
      });
    }
  });
  guardPool(core, which, cred, opts.timeouts);
  const pool = core.promise();
  credentials.set(pool, { cred, which });
  return pool;
}

/**
 * Rethrows a connection failure on `pool`, or a statement stopped at its time limit, as
 * DatabaseUnreachableError (one line, no user or password).
 */
export function rethrowDbError(err: unknown, pool: Pool): never {
  const slow = statementTimeoutError(err) ?? busyPoolError(err, () => credentials.get(pool)?.cred);
  if (slow) throw slow;
  const known = credentials.get(pool);
  if (known && isConnectionError(err)) {
    reportFailure(known.which, known.cred, err);
    throw describeConnectionError(err, known.which, known.cred);
  }
  throw err;
}

/** The credential a pool was built from (for messages; never print its password). */
export function poolCredential(pool: Pool): DbCredential | undefined {
  return credentials.get(pool)?.cred;
}

/**
 * After a failure in code that used several pools: if it was a connection failure, find the
 * pool that is down (one SELECT 1 each, only on this error path) and describe that one.
 */
export async function rethrowFromPools(err: unknown, pools: Pool[]): Promise<never> {
  // A busy pool is not probed (the probe would wait for a connection too).
  const slow =
    statementTimeoutError(err) ??
    busyPoolError(
      err,
      (which) => pools.map((p) => credentials.get(p)).find((c) => c?.which === which)?.cred,
    );
  if (slow) throw slow;
  if (!isConnectionError(err)) throw err;
  for (const pool of pools) {
    try {
      await pool.query('SELECT 1');
    } catch (probe) {
      rethrowDbError(probe, pool);
    }
  }
  throw err;
}

/**
 * A connection not had in time (lib/db/pool-guard.ts): every connection of the pool busy, not
 * an outage (the guard probes the server, which marks a frozen one down). Still a 503 with
 * Retry-After for the page or API, never a 500.
 */
function busyPoolError(
  err: unknown,
  credOf: (which: Which) => DbCredential | undefined,
): DatabaseUnreachableError | null {
  const e = err as {
    code?: string;
    database?: string;
    cause?: { code?: string; database?: string };
  };
  const d = e?.code === ACQUIRE_TIMEOUT ? e : e?.cause?.code === ACQUIRE_TIMEOUT ? e.cause : null;
  if (!d || (d.database !== 'dashboards' && d.database !== 'trading')) return null;
  const which = d.database;
  const cred = credOf(which);
  const where = cred ? ` (${databaseAddress(cred)}/${cred.database})` : '';
  return new DatabaseUnreachableError(
    `No free connection to the ${which} database${where} in time: it is busy or not answering. Try again in a moment.`,
    which,
  );
}
