import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { parseDbCredential } from '../../lib/core/env';

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

/**
 * A fresh id above every existing row of `table`. Browser test files share one trading
 * database and run one after another; taking ids above what is there keeps ids growing as in
 * a real Gryphon database, which the incremental caches (actor catalog, checkpoints) rely on.
 */
export async function idAbove(
  conn: mysql.Connection,
  table: 'order' | 'trade' | 'exchange' | 'transaction',
): Promise<number> {
  const column = {
    order: 'order_id',
    trade: 'trade_id',
    exchange: 'exchange_id',
    transaction: 'transaction_id',
  }[table];
  const [rows] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT COALESCE(MAX(\`${column}\`), 0) AS m FROM \`${table}\``,
  );
  return Number(rows[0].m) + 1000;
}
