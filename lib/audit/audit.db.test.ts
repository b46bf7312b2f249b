import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import * as schema from '../db/dashboards/schema';
import { findUserByUsername } from '../db/dashboards/users';
import {
  AccountError,
  changeOwnPassword,
  createAccount,
  requireUserNamed,
  setDisabled,
  setRole,
  setScope,
} from '../auth/accounts';
import { retentionCutoff } from './domain/events';
import { insertAuditEvent, listAuditEvents, pruneAuditEvents } from './queries';

const CTX = { ip: '10.1.2.3', userAgent: 'vitest' };
const by = { username: 'root-admin', ctx: CTX };
const DAY = 86_400_000;

describe('audit log and account changes', () => {
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

  const rows = async (action: string) =>
    (
      await listAuditEvents(
        db,
        {
          window: { start: new Date(0), end: new Date(Date.now() + DAY) },
          action: action as never,
        },
        100,
      )
    ).map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown> }));

  it('appends events and filters them by user, action and window, newest first', async () => {
    const t0 = new Date('2026-01-10T12:00:00.000Z');
    await insertAuditEvent(db, { action: 'login', outcome: 'ok', username: 'ann' }, CTX, t0);
    await insertAuditEvent(
      db,
      { action: 'login', outcome: 'failed', username: 'ann', detail: { reason: 'wrong' } },
      CTX,
      new Date(t0.getTime() + 1000),
    );
    await insertAuditEvent(db, { action: 'logout', outcome: 'ok', username: 'bob' }, CTX, t0);
    const window = { start: t0, end: new Date(t0.getTime() + DAY) };
    const ann = await listAuditEvents(db, { window, username: 'ann' }, 10);
    expect(ann.map((e) => e.outcome)).toEqual(['failed', 'ok']);
    expect(ann[0]).toMatchObject({ ip: '10.1.2.3', userAgent: 'vitest', action: 'login' });
    expect(JSON.parse(ann[0].detail)).toEqual({ reason: 'wrong' });
    expect(await listAuditEvents(db, { window, action: 'logout' }, 10)).toHaveLength(1);
    const later = { start: new Date(t0.getTime() + 500), end: window.end };
    expect(await listAuditEvents(db, { window: later }, 10)).toHaveLength(1);
  });

  it('removes only the events older than the retention period', async () => {
    const now = new Date('2027-03-01T00:00:00Z');
    await insertAuditEvent(
      db,
      { action: 'login', outcome: 'ok', username: 'old' },
      CTX,
      new Date(now.getTime() - 366 * DAY),
    );
    await insertAuditEvent(
      db,
      { action: 'login', outcome: 'ok', username: 'recent' },
      CTX,
      new Date(now.getTime() - 364 * DAY),
    );
    const removed = await pruneAuditEvents(db, retentionCutoff(now, 365), 2);
    // the 3 events of 2026-01-10 (> 365 days before now) and 'old'; batches of 2 go on
    expect(removed).toBe(4);
    const left = await listAuditEvents(db, { window: { start: new Date(0), end: now } }, 10);
    expect(left.map((e) => e.username)).toEqual(['recent']);
  });

  it('creates users with a role and records it', async () => {
    await createAccount(db, { username: 'vera', password: 'vera password 1', role: 'VIEWER' }, by);
    await createAccount(
      db,
      { username: 'max', password: 'max password 12', role: 'MEMBER', scope: { pages: ['fund'] } },
      by,
    );
    expect((await findUserByUsername(db, 'vera'))?.userType).toBe('VIEWER');
    expect((await findUserByUsername(db, 'max'))?.accessScope).toBe('{"pages":["fund"]}');
    const created = await rows('user-create');
    expect(created.map((e) => [e.username, e.subject, e.detail.role])).toEqual([
      ['root-admin', 'max', 'MEMBER'],
      ['root-admin', 'vera', 'VIEWER'],
    ]);
    await expect(
      createAccount(db, { username: 'vera', password: 'another password', role: 'ADMIN' }, by),
    ).rejects.toThrow(/already taken/);
    await expect(
      createAccount(db, { username: 'shorty', password: 'short', role: 'ADMIN' }, by),
    ).rejects.toThrow(/at least 12 characters/);
  });

  it('a change of role, scope or state ends the sessions and is recorded with from and to', async () => {
    const before = await requireUserNamed(db, 'vera');
    await setRole(db, before, 'MEMBER', by);
    const afterRole = await requireUserNamed(db, 'vera');
    expect(afterRole.userType).toBe('MEMBER');
    expect(afterRole.sessionVersion).toBe(before.sessionVersion + 1);
    expect((await rows('role-change'))[0]).toMatchObject({
      subject: 'vera',
      detail: { from: 'VIEWER', to: 'MEMBER' },
    });
    await setScope(db, afterRole, { accounts: ['BANK'] }, by);
    expect((await rows('scope-change'))[0].detail).toEqual({
      from: 'everything',
      to: 'accounts: BANK',
    });
    await setDisabled(db, await requireUserNamed(db, 'vera'), true, by);
    const disabled = await requireUserNamed(db, 'vera');
    expect(disabled.timeDisabled).toBeInstanceOf(Date);
    expect(disabled.sessionVersion).toBe(before.sessionVersion + 3);
    await setDisabled(db, disabled, false, by);
    expect((await requireUserNamed(db, 'vera')).timeDisabled).toBe(null);
    expect((await rows('user-disable')).length).toBe(1);
    expect((await rows('user-enable')).length).toBe(1);
  });

  it('never demotes or disables the last enabled admin', async () => {
    await createAccount(db, { username: 'boss', password: 'boss password 1', role: 'ADMIN' }, by);
    const boss = await requireUserNamed(db, 'boss');
    await expect(setRole(db, boss, 'VIEWER', by)).rejects.toBeInstanceOf(AccountError);
    await expect(setDisabled(db, boss, true, by)).rejects.toThrow(/last enabled admin/);
    await createAccount(db, { username: 'boss2', password: 'boss password 2', role: 'ADMIN' }, by);
    await setRole(db, boss, 'VIEWER', by);
    expect((await requireUserNamed(db, 'boss')).userType).toBe('VIEWER');
  });

  it('changes one own password only with the current one, and records it', async () => {
    const max = await requireUserNamed(db, 'max');
    await expect(
      changeOwnPassword(db, max.uniqueId, 'not my password', 'a new password 1', CTX),
    ).rejects.toThrow(/current password is wrong/);
    await changeOwnPassword(db, max.uniqueId, 'max password 12', 'a new password 1', CTX);
    const after = await requireUserNamed(db, 'max');
    expect(after.password).not.toBe(max.password);
    expect(after.sessionVersion).toBe(max.sessionVersion + 1);
    expect((await rows('password-change'))[0]).toMatchObject({
      username: 'max',
      subject: 'max',
      detail: { how: 'own' },
    });
  });
});
