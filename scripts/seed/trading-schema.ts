import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Connection, RowDataPacket } from 'mysql2/promise';

const DDL_FILE = fileURLToPath(
  new URL('../../lib/db/trading/gryphon-trading-schema.sql', import.meta.url),
);

/** Every table Gryphon's migration creates, children first (the order to drop them in). */
const GRYPHON_TABLES = [
  'trade',
  'transaction',
  'result_trade',
  'datum',
  'result',
  'order',
  'liability',
  'flag',
  'exchange',
  'event',
  'alembic_version',
];
const DATA_TABLES = ['order', 'trade', 'transaction', 'exchange', 'event', 'liability'];

/**
 * Makes the connection's database ready to receive a generated history: creates Gryphon's
 * tables from its DDL when there are none, drops and recreates them with `reset`, and refuses
 * to add a second history on top of existing data.
 */
export async function prepareTradingSchema(
  conn: Connection,
  opts: { reset: boolean },
): Promise<void> {
  const [dbRow] = await conn.query<RowDataPacket[]>('SELECT DATABASE() AS db');
  const db = String(dbRow[0].db);
  if (opts.reset) {
    await conn.query('SET SESSION foreign_key_checks = 0');
    for (const table of GRYPHON_TABLES) await conn.query(`DROP TABLE IF EXISTS \`${table}\``);
    await conn.query('SET SESSION foreign_key_checks = 1');
  }
  const [rows] = await conn.query<RowDataPacket[]>('SHOW TABLES');
  const present = new Set(rows.map((r) => String(Object.values(r)[0])));
  const have = GRYPHON_TABLES.filter((t) => present.has(t));
  if (have.length === 0) {
    await conn.query(readFileSync(DDL_FILE, 'utf8'));
    return;
  }
  if (have.length < GRYPHON_TABLES.length) {
    const missing = GRYPHON_TABLES.filter((t) => !present.has(t)).join(', ');
    throw new Error(
      `Database \`${db}\` has some of Gryphon's tables but not ${missing}: pass --reset to recreate them`,
    );
  }
  for (const table of DATA_TABLES) {
    const [count] = await conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
    const n = Number(count[0].n);
    if (n > 0) {
      throw new Error(
        `Database \`${db}\` already holds ${n.toLocaleString('en-US')} rows in \`${table}\`: ` +
          'pass --reset to replace its contents with a generated history',
      );
    }
  }
}

/** Whether the server accepts LOAD DATA LOCAL INFILE from us (local_infile may be off). */
export async function canLoadDataLocal(conn: Connection): Promise<boolean> {
  try {
    await conn.query({
      sql: "LOAD DATA LOCAL INFILE 'probe.tsv' INTO TABLE `flag` (`key`, `value`)",
      infileStreamFactory: () => Readable.from([]),
    });
    return true;
  } catch {
    return false;
  }
}
