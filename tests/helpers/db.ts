import { inject } from 'vitest';
import {
  createTestDatabasesOn,
  type MariadbServerInfo,
  type TestDatabases,
} from './test-databases';

export type { TestDatabases } from './test-databases';

/** The MariaDB started by tests/setup/mariadb.ts for this Vitest project. */
export function testMariadb(): MariadbServerInfo {
  const server = inject('mariadb');
  if (!server) {
    throw new Error(
      'No test MariaDB: this helper needs the globalSetup tests/setup/mariadb.ts (name the file *.db.test.ts)',
    );
  }
  return server;
}

/**
 * Fresh databases on the test MariaDB; call drop() in afterAll. URLs are in Gryphon's
 * DASHBOARD_DB_CRED / TRADING_DB_CRED form: mysql://user:pass@127.0.0.1:PORT/db?charset=utf8.
 */
export function createTestDatabases(opts?: {
  trading?: boolean;
  dashboards?: boolean;
}): Promise<TestDatabases> {
  return createTestDatabasesOn(testMariadb(), opts);
}
