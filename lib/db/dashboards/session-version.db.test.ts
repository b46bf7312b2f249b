import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createTestDatabases, type TestDatabases } from '../../../tests/helpers/db';
import { connectUrl } from '../../../tests/helpers/sql';
import { applyMigrations, readMigrations } from './migrate';
import * as schema from './schema';
import { bumpSessionVersion, findUserByUniqueId, insertUser, setUserPassword } from './users';

describe('user.session_version', () => {
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let db: MySql2Database<typeof schema>;
  beforeAll(async () => {
    dbs = await createTestDatabases({ dashboards: true, trading: false });
    conn = await connectUrl(dbs.dashboardsUrl!);
    await applyMigrations(conn, readMigrations());
    db = drizzle({ client: conn, schema, mode: 'default' });
  });
  afterAll(async () => {
    await conn?.end();
    await dbs?.drop();
  });

  it('starts at 0, also for rows inserted without it (as Gryphon inserts them)', async () => {
    const created = await insertUser(db, 'henry', '$2a$12$x', new Date());
    expect(created.sessionVersion).toBe(0);
    await conn.query(
      "INSERT INTO `user` (unique_id, username, password, user_type, time_created) VALUES ('gryphon-made', 'ivy', 'h', 'ADMIN', NOW())",
    );
    expect((await findUserByUniqueId(db, 'gryphon-made'))?.sessionVersion).toBe(0);
  });

  it('moves on at logout only from the version the session was issued under', async () => {
    const u = await insertUser(db, 'jane', '$2a$12$x', new Date());
    expect(await bumpSessionVersion(db, u.uniqueId, 0)).toBe(true);
    // an old cookie logging out again must not end the sessions opened since
    expect(await bumpSessionVersion(db, u.uniqueId, 0)).toBe(false);
    expect((await findUserByUniqueId(db, u.uniqueId))?.sessionVersion).toBe(1);
    expect(await bumpSessionVersion(db, u.uniqueId)).toBe(true);
    await setUserPassword(db, u.uniqueId, '$2a$12$new');
    const after = await findUserByUniqueId(db, u.uniqueId);
    expect(after).toMatchObject({ sessionVersion: 3, password: '$2a$12$new' });
  });
});
