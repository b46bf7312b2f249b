import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/mysql2';
import type { RowDataPacket } from 'mysql2';
import { createTestDatabases, type TestDatabases } from '../../../tests/helpers/db';
import { runScript } from '../../../tests/helpers/cli';
import { connectUrl, cookieSecret, runSqlFile } from '../../../tests/helpers/sql';
import * as schema from './schema';
import { checkLogin } from '../../auth/login';
import { readMigrations } from './migrate';

const fixture = new URL('../../../tests/fixtures/gryphon-dashboards-db.sql', import.meta.url);

function envFor(dbs: TestDatabases) {
  return {
    APP_COOKIE_SECRET: cookieSecret(),
    DASHBOARD_DB_CRED: dbs.dashboardsUrl!,
    TRADING_DB_CRED: dbs.tradingUrl!,
  };
}

async function tables(url: string): Promise<string[]> {
  const conn = await connectUrl(url);
  const [rows] = await conn.query<RowDataPacket[]>('SHOW TABLES');
  await conn.end();
  return rows.map((r) => String(Object.values(r)[0])).sort();
}

describe('npm run migrate', () => {
  let empty: TestDatabases;
  let gryphon: TestDatabases;
  beforeAll(async () => {
    empty = await createTestDatabases({ dashboards: true, trading: true });
    gryphon = await createTestDatabases({ dashboards: true, trading: true });
    await runSqlFile(gryphon.dashboardsUrl!, fixture);
  });
  afterAll(async () => {
    await empty?.drop();
    await gryphon?.drop();
  });

  it('lists pending migrations with their SQL and changes nothing without --execute', async () => {
    const r = await runScript('migrate', [], { env: envFor(empty) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const all = readMigrations();
    expect(r.stdout).toContain(`${all.length} pending migration(s)`);
    for (const m of all) expect(r.stdout).toContain(m.tag);
    expect(r.stdout).toContain('CREATE TABLE IF NOT EXISTS `user`');
    expect(r.stdout).toContain('Dry run');
    expect(await tables(empty.dashboardsUrl!)).toEqual([]);
  });

  it('applies every migration with --execute, then is a no-op', async () => {
    const first = await runScript('migrate', ['--execute'], { env: envFor(empty) });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Applied ${readMigrations().length} migration(s)`);
    expect(await tables(empty.dashboardsUrl!)).toEqual(
      [
        '__drizzle_migrations',
        'actor_catalog',
        'alert_event',
        'alert_rule',
        'alert_state',
        'audit_event',
        'fx_rate',
        'job_run',
        'ledger_statement',
        'ledger_statement_mapping',
        'ledger_statement_row',
        'login_attempt',
        'notify_channel',
        'notify_delivery',
        'notify_report',
        'notify_schedule',
        'rollup_fifo',
        'rollup_fifo_queue',
        'rollup_fill',
        'rollup_markout',
        'rollup_position',
        'rollup_quote_lifetime',
        'rollup_quote_pending',
        'rollup_quoting',
        'rollup_spread',
        'status_snapshot',
        'sync_state',
        'user',
        'user_totp',
        'user_totp_recovery',
        'user_preference',
      ].sort(),
    );
    const again = await runScript('migrate', ['--execute'], { env: envFor(empty) });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
  });

  it("adopts Gryphon's dashboards database in place: rows kept, old $2a$12$ password still logs in", async () => {
    const r = await runScript('migrate', ['--execute'], { env: envFor(gryphon) });
    expect(r.code).toBe(0);
    expect(await tables(gryphon.dashboardsUrl!)).toEqual(
      [
        '__drizzle_migrations',
        'actor_catalog',
        'alert_event',
        'alert_rule',
        'alert_state',
        'audit_event',
        'alembic_version',
        'fx_rate',
        'job_run',
        'ledger_statement',
        'ledger_statement_mapping',
        'ledger_statement_row',
        'login_attempt',
        'notify_channel',
        'notify_delivery',
        'notify_report',
        'notify_schedule',
        'rollup_fifo',
        'rollup_fifo_queue',
        'rollup_fill',
        'rollup_markout',
        'rollup_position',
        'rollup_quote_lifetime',
        'rollup_quote_pending',
        'rollup_quoting',
        'rollup_spread',
        'status_snapshot',
        'sync_state',
        'user',
        'user_totp',
        'user_totp_recovery',
        'user_preference',
      ].sort(),
    );
    const conn = await connectUrl(gryphon.dashboardsUrl!);
    const [users] = await conn.query<RowDataPacket[]>(
      'SELECT username, user_type, time_created FROM `user`',
    );
    expect(users).toEqual([
      { username: 'tinker', user_type: 'ADMIN', time_created: '2019-03-18 17:04:11' },
    ]);
    const [alembic] = await conn.query<RowDataPacket[]>('SELECT version_num FROM alembic_version');
    expect(alembic).toEqual([{ version_num: '5169cd803822' }]);
    const db = drizzle({ client: conn, schema, mode: 'default' });
    const now = new Date();
    const ok = await checkLogin(
      db,
      { username: 'tinker', password: 'gryphon-old-password-1', ip: '10.0.0.1' },
      now,
    );
    expect(ok).toEqual({
      ok: true,
      // session_version is our added, defaulted column: existing users start at 0; Gryphon
      // wrote user_type 'ADMIN', so an adopted user keeps full access, with no scope.
      user: {
        uniqueId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        username: 'tinker',
        sv: 0,
        role: 'ADMIN',
        scope: null,
      },
    });
    const bad = await checkLogin(
      db,
      { username: 'tinker', password: 'wrong-password-123', ip: '10.0.0.1' },
      now,
    );
    expect(bad).toEqual({ ok: false, reason: 'invalid' });
    await conn.end();
  });

  it('prints the failing statement and exits non-zero when a migration fails', async () => {
    const broken = await createTestDatabases({ dashboards: true, trading: true });
    try {
      // A table in the way whose columns the index migration cannot find.
      const conn = await connectUrl(broken.dashboardsUrl!);
      await conn.query('CREATE TABLE `login_attempt` (`id` INT NOT NULL PRIMARY KEY)');
      await conn.end();
      const r = await runScript('migrate', ['--execute'], { env: envFor(broken) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Migration 0002_login_attempt failed');
      expect(r.stderr).toContain('CREATE INDEX IF NOT EXISTS `login_attempt_username_time_idx`');
      expect(r.stdout).toContain('applied 0001_user_indexes');
    } finally {
      await broken.drop();
    }
  });

  it('says in one line that the database is unreachable, without the password or a stack trace', async () => {
    const env = {
      ...envFor(empty),
      DASHBOARD_DB_CRED: 'mysql://someone:Sup3rSecretPw@127.0.0.1:1/dashboards?charset=utf8',
    };
    const r = await runScript('migrate', [], { env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Cannot connect to the dashboards database');
    expect(r.stderr).toContain('connection refused');
    expect(r.stderr + r.stdout).not.toContain('Sup3rSecretPw');
  });

  it('refuses a wrong password for the database with one clear line', async () => {
    const url = new URL(empty.dashboardsUrl!);
    url.password = 'not-the-password';
    const r = await runScript('migrate', [], {
      env: { ...envFor(empty), DASHBOARD_DB_CRED: url.toString() },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('access denied');
    expect(r.stderr).not.toContain('not-the-password');
  });

  it('stops with a message naming the key when the environment is incomplete', async () => {
    const r = await runScript('migrate', [], {
      env: { APP_COOKIE_SECRET: cookieSecret(), TRADING_DB_CRED: empty.tradingUrl! },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DASHBOARD_DB_CRED is missing');
  });
});
