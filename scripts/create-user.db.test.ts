import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2';
import bcrypt from 'bcryptjs';
import { createTestDatabases, type TestDatabases } from '../tests/helpers/db';
import { runScript } from '../tests/helpers/cli';
import { connectUrl, cookieSecret } from '../tests/helpers/sql';

describe('npm run create-user', () => {
  let dbs: TestDatabases;
  let env: Record<string, string>;
  beforeAll(async () => {
    dbs = await createTestDatabases({ dashboards: true, trading: true });
    env = {
      APP_COOKIE_SECRET: cookieSecret(),
      DASHBOARD_DB_CRED: dbs.dashboardsUrl!,
      TRADING_DB_CRED: dbs.tradingUrl!,
    };
    expect((await runScript('migrate', ['--execute'], { env })).code).toBe(0);
  });
  afterAll(async () => dbs?.drop());

  async function users(): Promise<RowDataPacket[]> {
    const conn = await connectUrl(dbs.dashboardsUrl!);
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT username, password, user_type, unique_id FROM `user`',
    );
    await conn.end();
    return rows;
  }

  it('is a dry run without --execute', async () => {
    const r = await runScript('create-user', ['--username', 'alice', '--password-stdin'], {
      env,
      input: 'correct horse battery\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT created');
    expect(await users()).toEqual([]);
  });

  it('creates an ADMIN user with a $2a$12$ bcrypt hash from --password-stdin', async () => {
    const r = await runScript(
      'create-user',
      ['--execute', '--username', 'alice', '--password-stdin'],
      {
        env,
        input: 'correct horse battery\n',
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created user');
    const [alice] = await users();
    expect(alice.username).toBe('alice');
    expect(alice.user_type).toBe('ADMIN');
    expect(alice.unique_id).toMatch(/^[0-9a-f]{32}$/);
    expect(alice.password).toMatch(/^\$2a\$12\$.{53}$/);
    expect(await bcrypt.compare('correct horse battery', alice.password)).toBe(true);
  });

  it.each([
    ['a taken username', 'alice', 'another long password', 'already taken'],
    ['an empty username', '', 'another long password', 'must not be empty'],
    ['a short password', 'bob', 'short-pw-11', 'at least 12 characters'],
    ['an empty password', 'bob', '', 'at least 12 characters'],
  ])('refuses %s', async (_label, username, password, message) => {
    const before = (await users()).length;
    const r = await runScript(
      'create-user',
      ['--execute', '--username', username, '--password-stdin'],
      {
        env,
        input: `${password}\n`,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect((await users()).length).toBe(before);
  });

  it('creates a member or viewer with --role, refuses an unknown role, and audits the creation', async () => {
    const create = (name: string, role: string) =>
      runScript(
        'create-user',
        ['--execute', '--username', name, '--password-stdin', '--role', role],
        {
          env,
          input: 'a long enough password\n',
        },
      );
    expect((await create('vic', 'viewer')).code).toBe(0);
    expect((await create('meg', 'Member')).stdout).toContain('(MEMBER)');
    const bad = await create('rob', 'root');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown role "root"');
    const types = Object.fromEntries((await users()).map((u) => [u.username, u.user_type]));
    expect(types).toMatchObject({ vic: 'VIEWER', meg: 'MEMBER' });
    expect(types.rob).toBeUndefined();
    const conn = await connectUrl(dbs.dashboardsUrl!);
    const [events] = await conn.query<RowDataPacket[]>(
      "SELECT subject, detail FROM audit_event WHERE action = 'user-create' ORDER BY event_id",
    );
    await conn.end();
    expect(events.map((e) => [e.subject, JSON.parse(e.detail).role])).toEqual([
      ['alice', 'ADMIN'],
      ['vic', 'VIEWER'],
      ['meg', 'MEMBER'],
    ]);
  });

  it('asks for confirmation interactively and exits untouched on anything but y', async () => {
    const r = await runScript('create-user', ['--execute'], { env, input: 'n\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('see every dashboard');
    expect(r.stdout).toContain('no actions taken');
  });

  it('reads username and the password twice interactively', async () => {
    const r = await runScript('create-user', ['--execute'], {
      env,
      input: 'y\ncarol\nanother long password\nanother long password\n',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('another long password');
    expect((await users()).map((u) => u.username).sort()).toEqual(['alice', 'carol', 'meg', 'vic']);
  });

  it('refuses when the two passwords differ', async () => {
    const r = await runScript('create-user', ['--execute'], {
      env,
      input: 'y\ndave\nanother long password\nanother long passwore\n',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('differ');
  });
});
