import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2';
import bcryptjs from 'bcryptjs';
import { createTestDatabases, type TestDatabases } from '../tests/helpers/db';
import { runScript } from '../tests/helpers/cli';
import { connectUrl, cookieSecret } from '../tests/helpers/sql';

describe('npm run user', () => {
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
    for (const name of ['alice', 'bob']) {
      const r = await runScript(
        'create-user',
        ['--execute', '--username', name, '--password-stdin'],
        { env, input: `${name}'s first password\n` },
      );
      expect(r.code).toBe(0);
    }
  });
  afterAll(async () => dbs?.drop());

  async function row(username: string): Promise<RowDataPacket> {
    const conn = await connectUrl(dbs.dashboardsUrl!);
    try {
      const [rows] = await conn.query<RowDataPacket[]>(
        'SELECT password, session_version FROM `user` WHERE username = ?',
        [username],
      );
      return rows[0];
    } finally {
      await conn.end();
    }
  }

  it('lists the users', async () => {
    const r = await runScript('user', ['list'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual(['alice', 'bob', '']);
    expect(r.stdout).toMatch(
      /^alice\tADMIN\tcreated \d{4}-\d\d-\d\d\t[0-9a-f]{32}\tenabled\tsees everything$/m,
    );
  });

  it('revoke-sessions moves the session version on (dry run without --execute)', async () => {
    const before = Number((await row('alice')).session_version);
    const dry = await runScript('user', ['revoke-sessions', 'alice'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('NOT ended');
    expect(Number((await row('alice')).session_version)).toBe(before);
    const r = await runScript('user', ['revoke-sessions', 'alice', '--execute'], { env });
    expect(r.code).toBe(0);
    expect(Number((await row('alice')).session_version)).toBe(before + 1);
    expect(Number((await row('bob')).session_version)).toBe(0);
  });

  it('set-password stores a new $2a$12$ hash and ends the sessions', async () => {
    const before = await row('bob');
    const r = await runScript('user', ['set-password', 'bob', '--execute', '--password-stdin'], {
      env,
      input: 'bob has a new password\n',
    });
    expect(r.code).toBe(0);
    const after = await row('bob');
    expect(after.password).toMatch(/^\$2a\$12\$.{53}$/);
    expect(await bcryptjs.compare('bob has a new password', after.password)).toBe(true);
    expect(Number(after.session_version)).toBe(Number(before.session_version) + 1);
  });

  it('asks for the new password twice, hidden, when not given on stdin', async () => {
    const r = await runScript('user', ['set-password', 'alice', '--execute'], {
      env,
      input: 'alice typed this one\nalice typed this one\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('alice typed this one');
    expect(await bcryptjs.compare('alice typed this one', (await row('alice')).password)).toBe(
      true,
    );
  });

  it.each([
    [
      'an unknown user',
      ['set-password', 'nobody', '--execute', '--password-stdin'],
      'a long enough password',
      'no user "nobody"',
    ],
    [
      'a short password',
      ['set-password', 'bob', '--execute', '--password-stdin'],
      'short-pw-11',
      'at least 12 characters',
    ],
    [
      'differing passwords',
      ['set-password', 'bob', '--execute'],
      'first long password\nsecond long password',
      'the two passwords differ',
    ],
    ['a missing user', ['revoke-sessions'], '', 'needs a USER'],
    ['an unknown command', ['delete', 'bob'], '', 'usage: npm run user'],
  ])('refuses %s and changes nothing', async (_label, args, input, message) => {
    const before = await row('bob');
    const r = await runScript('user', args, { env, input: `${input}\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(await row('bob')).toEqual(before);
  });

  it('set-role, set-scope, disable and enable: dry run first, then each ends the sessions and is audited', async () => {
    const run = (...args: string[]) => runScript('user', args, { env });
    const dry = await run('set-role', 'bob', 'viewer');
    expect(dry.stdout).toContain('NOT done');
    const v0 = Number((await row('bob')).session_version);
    expect((await run('set-role', 'bob', 'viewer', '--execute')).code).toBe(0);
    expect(
      (await run('set-scope', 'bob', '--pages', 'fund,ledger', '--accounts', 'BANK', '--execute'))
        .code,
    ).toBe(0);
    expect((await run('disable', 'bob', '--execute')).code).toBe(0);
    expect(Number((await row('bob')).session_version)).toBe(v0 + 3);
    const listed = (await run('list')).stdout;
    expect(listed).toMatch(
      /^bob\tVIEWER\t.*\tdisabled\tsees pages: fund, ledger; accounts: BANK$/m,
    );
    expect((await run('enable', 'bob', '--execute')).code).toBe(0);
    expect((await run('list')).stdout).toMatch(/^bob\tVIEWER\t.*\tenabled\t/m);
    const bad = await run('set-role', 'bob', 'root', '--execute');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown role "root"');
    const badScope = await run('set-scope', 'bob', '--pages', 'home', '--execute');
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toContain('scope pages.0');
    const conn = await connectUrl(dbs.dashboardsUrl!);
    try {
      const [events] = await conn.query<RowDataPacket[]>(
        "SELECT action, username, subject, ip FROM audit_event WHERE subject = 'bob' ORDER BY event_id",
      );
      expect(events.map((e) => e.action)).toEqual([
        'user-create',
        'password-change',
        'role-change',
        'scope-change',
        'user-disable',
        'user-enable',
      ]);
      expect(events.every((e) => /^cli:/.test(e.username) && e.ip === 'cli')).toBe(true);
    } finally {
      await conn.end();
    }
  }, 180_000);

  it('set-password without --execute changes nothing', async () => {
    const before = await row('bob');
    const r = await runScript('user', ['set-password', 'bob', '--password-stdin'], {
      env,
      input: 'a valid but unsaved password\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT set');
    expect(await row('bob')).toEqual(before);
  });
});
