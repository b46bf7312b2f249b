import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import journal from '../../../drizzle/meta/_journal.json';

/**
 * The newest migration this code knows: its journal `when` (drizzle/meta/_journal.json), which
 * the migrator records as `created_at` in `__drizzle_migrations` (migrate.ts).
 */
export const CODE_SCHEMA_VERSION = Math.max(...journal.entries.map((e) => e.when));

/** The dashboards database was migrated by a newer version of the code than this one. */
export class NewerSchemaError extends Error {
  constructor(readonly databaseVersion: number) {
    super(
      `the dashboards database has migrations newer than this server's code (${databaseVersion} > ${CODE_SCHEMA_VERSION}): ` +
        'restart this server with the new version; it writes nothing to the rollup meanwhile',
    );
    this.name = 'NewerSchemaError';
  }
}

/**
 * Throws NewerSchemaError when the dashboards database holds a migration this code does not
 * know: a server left running across an upgrade must not go on writing derived tables whose
 * meaning the migration changed (0028 added a rollup level the old code would not write). A
 * database without the migrations table (never migrated by us) passes.
 */
export async function assertSchemaNotNewer(db: Pool | PoolConnection): Promise<void> {
  let rows: RowDataPacket[];
  try {
    [rows] = await db.query<RowDataPacket[]>(
      'SELECT MAX(`created_at`) AS v FROM `__drizzle_migrations`',
    );
  } catch (err) {
    if ((err as { code?: string }).code === 'ER_NO_SUCH_TABLE') return;
    throw err;
  }
  const version = Number(rows[0]?.v ?? 0);
  if (version > CODE_SCHEMA_VERSION) throw new NewerSchemaError(version);
}
