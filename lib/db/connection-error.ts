import { DatabaseUnreachableError } from '../core/errors';
import type { DbCredential } from '../core/env';

type Which = 'dashboards' | 'trading';

const KEY: Record<Which, string> = { dashboards: 'DASHBOARD_DB_CRED', trading: 'TRADING_DB_CRED' };

function where(c: DbCredential): string {
  const at = c.socketPath ? `socket ${c.socketPath}` : `${c.host}:${c.port}`;
  return `${c.user}@${at}/${c.database}`;
}

/**
 * Turns a mysql2 connection failure into one line that says which database, where, and what
 * to check. The password is never part of it (mysql2's own messages do not carry it either,
 * but we build the line ourselves rather than trust that).
 */
export function describeConnectionError(
  err: unknown,
  which: Which,
  cred: DbCredential,
): DatabaseUnreachableError {
  const e = err as { code?: string; errno?: number; sqlMessage?: string; message?: string };
  const target = `${which} database (${KEY[which]} = mysql://${where(cred)})`;
  let reason: string;
  switch (e.code) {
    case 'ECONNREFUSED':
      reason = 'connection refused: is MariaDB/MySQL running and listening there?';
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      reason = `host "${cred.host}" not found`;
      break;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      reason = 'connection timed out: check the host, port and firewall';
      break;
    case 'ENOENT':
      reason = `no unix socket at ${cred.socketPath}`;
      break;
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      reason = `access denied for user "${cred.user}": check the user name, password and grants`;
      break;
    case 'ER_BAD_DB_ERROR':
      reason = `database "${cred.database}" does not exist`;
      break;
    default:
      reason = e.code
        ? `${e.code}: ${e.sqlMessage ?? e.message ?? 'unknown error'}`
        : (e.message ?? String(err));
  }
  return new DatabaseUnreachableError(`Cannot connect to the ${target}: ${reason}`, which);
}

/** True for errors that mean "could not connect", as opposed to a failing statement. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'ECONNRESET',
    'ENOENT',
    'PROTOCOL_CONNECTION_LOST',
    'ER_ACCESS_DENIED_ERROR',
    'ER_DBACCESS_DENIED_ERROR',
    'ER_BAD_DB_ERROR',
  ].includes(code);
}
