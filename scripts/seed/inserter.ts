import { Readable } from 'node:stream';
import mysql, { type Connection } from 'mysql2/promise';
import type { DbCredential } from '@/lib/core/env';
import { SEED_COLUMNS, type RowBatch } from '@/lib/seed/rows';
import { insertSql, loadDataSql, TEXT_MASK, toTsv } from './serialize';

export type InsertMethod = 'load-data' | 'insert';

export function connect(
  cred: DbCredential,
  extra: mysql.ConnectionOptions = {},
): Promise<Connection> {
  return mysql.createConnection({
    host: cred.host,
    port: cred.port,
    ...(cred.socketPath ? { socketPath: cred.socketPath } : {}),
    user: cred.user,
    password: cred.password,
    database: cred.database,
    charset: cred.charset,
    timezone: 'Z',
    dateStrings: true,
    ...extra,
  });
}

/**
 * Inserts row batches over a few connections at once, so that MariaDB writes one batch while
 * the generator builds the next. Each session skips foreign-key and unique checks: the
 * generator writes ids itself and rows may arrive before the rows they reference.
 */
export class BatchInserter {
  private readonly busy = new Map<Connection, Promise<void>>();
  private failure: unknown = null;

  private constructor(
    private readonly conns: Connection[],
    readonly method: InsertMethod,
  ) {}

  static async open(
    cred: DbCredential,
    method: InsertMethod,
    connections = 2,
  ): Promise<BatchInserter> {
    const conns: Connection[] = [];
    try {
      for (let i = 0; i < connections; i++) {
        const conn = await connect(cred);
        await conn.query(
          "SET SESSION foreign_key_checks = 0, unique_checks = 0, time_zone = '+00:00'",
        );
        conns.push(conn);
      }
    } catch (err) {
      await Promise.all(conns.map((c) => c.end().catch(() => undefined)));
      throw err;
    }
    return new BatchInserter(conns, method);
  }

  /** Queues a batch; resolves once a connection has taken it (not when it is written). */
  async insert(batch: RowBatch): Promise<void> {
    let conn = this.conns.find((c) => !this.busy.has(c));
    while (!conn) {
      await Promise.race(this.busy.values());
      this.throwIfFailed();
      conn = this.conns.find((c) => !this.busy.has(c));
    }
    const c = conn;
    const done = this.send(c, batch)
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => this.busy.delete(c));
    this.busy.set(c, done);
  }

  private async send(conn: Connection, batch: RowBatch): Promise<void> {
    const columns = SEED_COLUMNS[batch.table];
    if (this.method === 'insert') {
      await conn.query(insertSql(batch.table, columns, batch.rows));
      return;
    }
    const data = Buffer.from(toTsv(batch.rows, TEXT_MASK[batch.table]), 'utf8');
    const [result] = await conn.query<mysql.ResultSetHeader>({
      sql: loadDataSql(batch.table, columns),
      infileStreamFactory: () => Readable.from([data]),
    });
    // LOAD DATA turns bad values into warnings; a short count means rows were dropped.
    if (result.affectedRows !== batch.rows.length) {
      throw new Error(
        `LOAD DATA into ${batch.table}: ${result.affectedRows} of ${batch.rows.length} rows written`,
      );
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  /** Waits for every queued batch; throws the first failure. */
  async flush(): Promise<void> {
    await Promise.all(this.busy.values());
    this.throwIfFailed();
  }

  async close(): Promise<void> {
    await Promise.all(this.busy.values());
    await Promise.all(this.conns.map((c) => c.end().catch(() => undefined)));
  }
}
