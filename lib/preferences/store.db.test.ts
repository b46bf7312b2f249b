import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import * as schema from '../db/dashboards/schema';
import { insertUser } from '../db/dashboards/users';
import { DEFAULT_PREFERENCES } from './domain/preferences';
import { getUserPreferences, saveUserPreferences } from './store';

describe('user_preference (migration 0023) through lib/preferences/store', () => {
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

  it('gives the defaults without a row, saves, replaces, and keeps users apart', async () => {
    const ann = await insertUser(db, 'pref-ann', '$2a$12$x', new Date());
    const bob = await insertUser(db, 'pref-bob', '$2a$12$x', new Date());
    expect(await getUserPreferences(db, ann.uniqueId)).toEqual(DEFAULT_PREFERENCES);
    const ny = {
      timeZone: 'America/New_York',
      weekStart: 'sunday' as const,
      fiscalYearStartMonth: 4,
      theme: 'dark' as const,
    };
    expect(await saveUserPreferences(db, ann.uniqueId, ny, new Date('2026-03-08T12:00:00Z'))).toBe(
      true,
    );
    expect(await getUserPreferences(db, ann.uniqueId)).toEqual(ny);
    expect(await getUserPreferences(db, bob.uniqueId)).toEqual(DEFAULT_PREFERENCES);
    const london = { ...ny, timeZone: 'Europe/London', theme: 'light' as const };
    expect(await saveUserPreferences(db, ann.uniqueId, london, new Date())).toBe(true);
    expect(await getUserPreferences(db, ann.uniqueId)).toEqual(london);
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT user_id, time_zone FROM user_preference',
    );
    expect(rows).toEqual([{ user_id: ann.userId, time_zone: 'Europe/London' }]);
  });

  it('refuses a user that does not exist; reads a stored value it does not know as the default', async () => {
    expect(await saveUserPreferences(db, 'no-such-user', DEFAULT_PREFERENCES, new Date())).toBe(
      false,
    );
    const cy = await insertUser(db, 'pref-cy', '$2a$12$x', new Date());
    await conn.query(
      "INSERT INTO user_preference (user_id, time_zone, week_start, fiscal_year_start_month, theme, time_updated) VALUES (?, 'Mars/Olympus', 'friday', 13, 'sepia', NOW())",
      [cy.userId],
    );
    expect(await getUserPreferences(db, cy.uniqueId)).toEqual(DEFAULT_PREFERENCES);
  });

  it('the migration is idempotent: applying its SQL again changes nothing', async () => {
    const m = readMigrations().find((x) => x.tag === '0023_user_preference');
    expect(m).toBeDefined();
    await applyMigrations(conn, readMigrations());
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM user_preference',
    );
    expect(Number(rows[0].n)).toBe(2);
  });
});
