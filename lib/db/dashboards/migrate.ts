/**
 * Applies drizzle/ migrations to the dashboards database with our own runner: drizzle-kit's
 * migrate can exit 1 silently on MariaDB, and we want a dry run that shows the SQL and a
 * failure that names the statement. Bookkeeping uses drizzle's own table and hashing
 * (`__drizzle_migrations`: sha256 of the file, `created_at` = the journal's `when`), so the
 * two stay interchangeable.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mysql2/promise';

export interface Migration {
  tag: string;
  createdAt: number;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

// Next to the code, not the working directory: CLIs may be started from a directory holding only .env.
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export function readMigrations(folder = MIGRATIONS_FOLDER): Migration[] {
  const journal = JSON.parse(
    readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const text = readFileSync(path.join(folder, `${e.tag}.sql`), 'utf8');
      const statements = text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.replace(/^--.*$/gm, '').trim() !== '');
      return {
        tag: e.tag,
        createdAt: e.when,
        hash: createHash('sha256').update(text).digest('hex'),
        statements,
      };
    });
}

const TRACKING_DDL =
  'CREATE TABLE IF NOT EXISTS `__drizzle_migrations` (' +
  '`id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, `hash` TEXT NOT NULL, `created_at` BIGINT)';

/** Migrations not yet recorded as applied. Reads only; creates nothing. */
export async function pendingMigrations(conn: Connection, all: Migration[]): Promise<Migration[]> {
  const [tables] = await conn.query<import('mysql2').RowDataPacket[]>(
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '__drizzle_migrations'",
  );
  if (tables.length === 0) return all;
  const [rows] = await conn.query<import('mysql2').RowDataPacket[]>(
    'SELECT `created_at` FROM `__drizzle_migrations`',
  );
  const done = new Set(rows.map((r) => Number(r.created_at)));
  return all.filter((m) => !done.has(m.createdAt));
}

export class MigrationFailedError extends Error {
  constructor(
    readonly migration: string,
    readonly statement: string,
    readonly cause: unknown,
  ) {
    const reason = (cause as { sqlMessage?: string; message?: string }).sqlMessage ?? String(cause);
    super(`Migration ${migration} failed: ${reason}`);
    this.name = 'MigrationFailedError';
  }
}

/** Applies each pending migration in order, recording each one as soon as it succeeded. */
export async function applyMigrations(
  conn: Connection,
  pending: Migration[],
  log: (line: string) => void = () => {},
): Promise<string[]> {
  await conn.query(TRACKING_DDL);
  const applied: string[] = [];
  for (const m of pending) {
    for (const statement of m.statements) {
      try {
        await conn.query(statement);
      } catch (err) {
        throw new MigrationFailedError(m.tag, statement, err);
      }
    }
    await conn.query('INSERT INTO `__drizzle_migrations` (`hash`, `created_at`) VALUES (?, ?)', [
      m.hash,
      m.createdAt,
    ]);
    applied.push(m.tag);
    log(`applied ${m.tag}`);
  }
  return applied;
}
