import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { runScript } from '../../tests/helpers/cli';
import { connectUrl, cookieSecret } from '../../tests/helpers/sql';
import * as schema from '../db/dashboards/schema';
import { findUserByUsername, insertUser } from '../db/dashboards/users';
import { matchOidcUser } from './oidc';
import { verifyPassword } from './password';

/** Which local login OIDC claims sign in as (lib/auth/oidc.ts), on the real dashboards schema. */
describe('matchOidcUser', () => {
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let db: MySql2Database<typeof schema>;
  const t0 = new Date('2026-01-10T12:00:00Z');
  const opts = { autoCreate: false, issuer: 'https://sso.example.com' };

  beforeAll(async () => {
    dbs = await createTestDatabases({ dashboards: true, trading: true });
    const env = {
      APP_COOKIE_SECRET: cookieSecret(),
      DASHBOARD_DB_CRED: dbs.dashboardsUrl!,
      TRADING_DB_CRED: dbs.tradingUrl!,
    };
    expect((await runScript('migrate', ['--execute'], { env })).code).toBe(0);
    conn = await connectUrl(dbs.dashboardsUrl!);
    db = drizzle({ client: conn, schema, mode: 'default' });
    await insertUser(db, 'alice', 'x', t0, 'MEMBER');
    await insertUser(db, 'alice@firm.example', 'x', t0, 'VIEWER');
    await insertUser(db, 'bob@firm.example', 'x', t0, 'VIEWER');
    await conn.query(
      'UPDATE `user` SET access_scope = \'{"pages":["fund"]}\', session_version = 3 WHERE username = \'bob@firm.example\'',
    );
    await insertUser(db, 'dora', 'x', t0, 'ADMIN');
    await conn.query("UPDATE `user` SET time_disabled = NOW() WHERE username = 'dora'");
  });
  afterAll(async () => {
    await conn?.end();
    await dbs?.drop();
  });

  it('prefers preferred_username over the verified e-mail address', async () => {
    const m = await matchOidcUser(
      db,
      { preferred_username: 'alice', email: 'alice@firm.example', email_verified: true },
      opts,
    );
    expect(m.ok && m.user.name).toBe('alice');
    expect(m.ok && m.user.role).toBe('MEMBER');
  });

  it('falls back to a verified e-mail address, with the row’s role, scope and session version', async () => {
    const bob = await findUserByUsername(db, 'bob@firm.example');
    expect(
      await matchOidcUser(
        db,
        { preferred_username: 'b.b', email: 'bob@firm.example', email_verified: true },
        opts,
      ),
    ).toEqual({
      ok: true,
      created: false,
      user: {
        id: bob!.uniqueId,
        name: 'bob@firm.example',
        sv: 3,
        role: 'VIEWER',
        scope: '{"pages":["fund"]}',
      },
    });
  });

  it('refuses an unverified address, an unknown name, a disabled login and no name at all', async () => {
    const refused = async (claims: Record<string, unknown>) => {
      const m = await matchOidcUser(db, claims, opts);
      return m.ok ? 'matched' : m.reason;
    };
    expect(
      await refused({
        preferred_username: 'b.b',
        email: 'bob@firm.example',
        email_verified: false,
      }),
    ).toBe('OidcUnknownUser');
    // An unverified address is no name at all.
    expect(await refused({ email: 'bob@firm.example', email_verified: false })).toBe('OidcNoName');
    expect(await refused({ preferred_username: 'nobody' })).toBe('OidcUnknownUser');
    expect(await refused({ preferred_username: 'dora' })).toBe('OidcDisabled');
    expect(await refused({ sub: 'x' })).toBe('OidcNoName');
  });

  it('with auto-create, makes a VIEWER without scope whose password nobody knows, audited', async () => {
    const m = await matchOidcUser(
      db,
      { preferred_username: 'newbie', email: 'n@firm.example', email_verified: true },
      { ...opts, autoCreate: true },
    );
    expect(m.ok && m.created).toBe(true);
    const row = await findUserByUsername(db, 'newbie');
    expect(row?.userType).toBe('VIEWER');
    expect(row?.accessScope).toBeNull();
    expect(row?.password).toMatch(/^\$2a\$12\$/);
    expect(await verifyPassword('', row!.password)).toBe(false);
    const [audit] = (await conn.query(
      "SELECT username, subject FROM audit_event WHERE action = 'user-create'",
    )) as unknown as [Array<{ username: string; subject: string }>];
    expect(audit).toEqual([
      { username: 'OIDC_AUTO_CREATE (https://sso.example.com)', subject: 'newbie' },
    ]);
    // The second sign-in finds it.
    const again = await matchOidcUser(db, { preferred_username: 'newbie' }, opts);
    expect(again.ok && again.created).toBe(false);
  });
});
