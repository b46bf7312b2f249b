import { DatabaseUnreachableError } from '../core/errors';
import type { DbCredential } from '../core/env';

type Which = 'dashboards' | 'trading';

const KEY: Record<Which, string> = { dashboards: 'DASHBOARD_DB_CRED', trading: 'TRADING_DB_CRED' };

/** Codes our own pool wrapper (lib/db/pool.ts) gives its failures. */
export const ACQUIRE_TIMEOUT = 'DB_ACQUIRE_TIMEOUT';
export const KNOWN_DOWN = 'DB_KNOWN_DOWN';
/** `DB_STATEMENT_TIMEOUT:<which>`: MariaDB stopped a statement at max_statement_time. */
export const STATEMENT_TIMEOUT = 'DB_STATEMENT_TIMEOUT';
/** MariaDB's ER_STATEMENT_TIMEOUT, which mysql2 has no code name for. */
export const ER_STATEMENT_TIMEOUT_ERRNO = 1969;

const TIMEOUT_KEY: Record<Which, string> = {
  dashboards: 'DASHBOARD_DB_STATEMENT_TIMEOUT',
  trading: 'TRADING_DB_STATEMENT_TIMEOUT',
};

/**
 * Where a database is, as shown to users and load balancers: host:port (or the socket), never
 * the user or the password.
 */
export function databaseAddress(c: DbCredential): string {
  return c.socketPath ? `socket ${c.socketPath}` : `${c.host}:${c.port}`;
}

/** The mysql2 error under drizzle's wrapper (DrizzleQueryError keeps the driver's on `cause`). */
function driverError(err: unknown): { code?: string; sqlMessage?: string; message?: string } {
  let e = err as { code?: string; cause?: unknown } | null;
  for (let depth = 0; e && !e.code && e.cause && depth < 5; depth++) e = e.cause as typeof e;
  return (e ?? {}) as { code?: string; sqlMessage?: string; message?: string };
}

/** Why a connection failed, in words, without the user name or password. */
export function connectionFailureReason(err: unknown, cred: DbCredential): string {
  const e = driverError(err);
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused: is MariaDB/MySQL running and listening there?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host "${cred.host}" not found`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
    case ACQUIRE_TIMEOUT:
      return 'no answer in time: the server may be overloaded, frozen or behind a firewall';
    case 'PROTOCOL_CONNECTION_LOST':
      return 'the connection was lost';
    case 'ENOENT':
      return `no unix socket at ${cred.socketPath}`;
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return 'access denied: check the user name, password and grants';
    case 'ER_BAD_DB_ERROR':
      return `database "${cred.database}" does not exist`;
    case KNOWN_DOWN:
      return e.message ?? 'unreachable';
    default:
      return e.code
        ? `${e.code}: ${e.sqlMessage ?? e.message ?? 'unknown error'}`
        : (e.message ?? String(err));
  }
}

/**
 * Turns a mysql2 connection failure into one line that says which database, where, and what
 * to check. Shown on pages and in API answers, so neither the user name nor the password is
 * part of it (we build the line ourselves rather than trust the driver's message).
 */
export function describeConnectionError(
  err: unknown,
  which: Which,
  cred: DbCredential,
): DatabaseUnreachableError {
  const target = `${which} database (${KEY[which]}: ${databaseAddress(cred)}/${cred.database})`;
  const reason = connectionFailureReason(err, cred);
  return new DatabaseUnreachableError(`Cannot connect to the ${target}: ${reason}`, which);
}

/**
 * A statement the server stopped at its time limit (tagged by lib/db/pool-guard.ts) as a
 * DatabaseUnreachableError for the page or API to show, null for anything else.
 */
export function statementTimeoutError(err: unknown): DatabaseUnreachableError | null {
  const [code, which] = (driverError(err).code ?? '').split(':');
  if (code !== STATEMENT_TIMEOUT || (which !== 'dashboards' && which !== 'trading')) return null;
  return new DatabaseUnreachableError(
    `The ${which} database did not finish a query within its time limit (${TIMEOUT_KEY[which]}): ` +
      'try a shorter window, or raise the limit',
    which,
  );
}

/**
 * True for errors that mean "could not connect" or "no answer", as opposed to a failing
 * statement; also when drizzle has wrapped the driver's error.
 */
export function isConnectionError(err: unknown): boolean {
  const code = driverError(err).code ?? '';
  return [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'ECONNRESET',
    'ENOENT',
    'PROTOCOL_CONNECTION_LOST',
    'PROTOCOL_SEQUENCE_TIMEOUT',
    'ER_ACCESS_DENIED_ERROR',
    'ER_DBACCESS_DENIED_ERROR',
    'ER_BAD_DB_ERROR',
    ACQUIRE_TIMEOUT,
    KNOWN_DOWN,
  ].includes(code);
}
