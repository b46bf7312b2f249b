import mysql from 'mysql2/promise';
import type { DbCredential } from '../../lib/core/env';
import { describeConnectionError } from '../../lib/db/connection-error';

/**
 * One connection for a CLI: UTC, DATETIME as strings, and a failure to connect turned into
 * one clear line naming the database (never the password).
 */
export async function connectOnce(
  cred: DbCredential,
  which: 'dashboards' | 'trading',
): Promise<mysql.Connection> {
  try {
    return await mysql.createConnection({
      host: cred.socketPath ? undefined : cred.host,
      port: cred.socketPath ? undefined : cred.port,
      socketPath: cred.socketPath,
      user: cred.user,
      password: cred.password,
      database: cred.database,
      charset: cred.charset,
      timezone: 'Z',
      dateStrings: true,
      connectTimeout: 10_000,
    });
  } catch (err) {
    throw describeConnectionError(err, which, cred);
  }
}
