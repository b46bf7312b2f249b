import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { parseDbCredential } from '../../lib/env';

/** A plain connection for arranging and inspecting test databases (multi-statement). */
export async function connectUrl(url: string): Promise<mysql.Connection> {
  const c = parseDbCredential('TEST_DB', url);
  return mysql.createConnection({
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password,
    database: c.database,
    timezone: 'Z',
    dateStrings: true,
    multipleStatements: true,
  });
}

export async function runSqlFile(url: string, file: URL | string): Promise<void> {
  const conn = await connectUrl(url);
  try {
    await conn.query(readFileSync(file, 'utf8'));
  } finally {
    await conn.end();
  }
}

export function cookieSecret(): string {
  return 'test-secret-'.padEnd(48, 'x');
}
