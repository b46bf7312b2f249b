import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { runScript } from '../../tests/helpers/cli';
import { connectUrl, cookieSecret } from '../../tests/helpers/sql';
import * as schema from '../db/dashboards/schema';
import { insertUser } from '../db/dashboards/users';
import { checkLogin } from './login';
import { hashPassword } from './password';

const minutes = (n: number) => n * 60 * 1000;

describe('checkLogin on the dashboards database', () => {
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let db: MySql2Database<typeof schema>;
  const t0 = new Date('2026-01-10T12:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

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
    const hash = await hashPassword('a very good password');
    await insertUser(db, 'erin', hash, t0);
    await insertUser(db, 'frank', hash, t0);
    await insertUser(db, 'grace', hash, t0);
  });
  afterAll(async () => {
    await conn?.end();
    await dbs?.drop();
  });

  it('gives an unknown username and a wrong password the same answer in about the same time', async () => {
    const timeOf = async (username: string) => {
      const started = performance.now();
      const r = await checkLogin(
        db,
        { username, password: 'wrong password!!', ip: '192.0.2.1' },
        at(minutes(-100)),
      );
      return { r, ms: performance.now() - started };
    };
    const unknown = await timeOf('nobody-here');
    const wrong = await timeOf('frank');
    expect(unknown.r).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong.r).toEqual({ ok: false, reason: 'invalid' });
    // Both pay for one cost-12 bcrypt comparison (~100+ ms); without the dummy hash the unknown user took ~1 ms.
    expect(unknown.ms).toBeGreaterThan(wrong.ms * 0.5);
    expect(unknown.ms).toBeLessThan(wrong.ms * 2);
  });

  it('locks a username for 15 minutes after 5 failures within 15 minutes, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await checkLogin(
        db,
        { username: 'erin', password: `bad guess ${i}!!`, ip: `198.51.100.${i}` },
        at(minutes(i)),
      );
      expect(r).toEqual({ ok: false, reason: 'invalid' });
    }
    const locked = await checkLogin(
      db,
      { username: 'erin', password: 'a very good password', ip: '198.51.100.9' },
      at(minutes(5)),
    );
    expect(locked).toEqual({ ok: false, reason: 'locked', until: at(minutes(4 + 15)) });
    // other usernames are unaffected
    const other = await checkLogin(
      db,
      { username: 'frank', password: 'a very good password', ip: '198.51.100.9' },
      at(minutes(5)),
    );
    expect(other.ok).toBe(true);
    // still locked just before the end, open after it
    const before = await checkLogin(
      db,
      { username: 'erin', password: 'a very good password', ip: '198.51.100.9' },
      at(minutes(18)),
    );
    expect(before.ok).toBe(false);
    const after = await checkLogin(
      db,
      { username: 'erin', password: 'a very good password', ip: '198.51.100.9' },
      at(minutes(19) + 1000),
    );
    expect(after.ok).toBe(true);
  });

  it('locks an IP address after 20 failures across usernames', async () => {
    const base = minutes(60);
    for (let i = 0; i < 20; i++) {
      await checkLogin(
        db,
        { username: `spray-${i}`, password: 'whatever-password', ip: '203.0.113.7' },
        at(base + i * 1000),
      );
    }
    const r = await checkLogin(
      db,
      { username: 'frank', password: 'a very good password', ip: '203.0.113.7' },
      at(base + 21_000),
    );
    expect(r).toMatchObject({ ok: false, reason: 'locked' });
    const elsewhere = await checkLogin(
      db,
      { username: 'frank', password: 'a very good password', ip: '203.0.113.8' },
      at(base + 21_000),
    );
    expect(elsewhere.ok).toBe(true);
  });

  it('keeps counting across "restarts": the counters live in the database', async () => {
    const base = minutes(200);
    for (let i = 0; i < 5; i++) {
      await checkLogin(
        db,
        { username: 'frank', password: 'nope nope nope', ip: '192.0.2.50' },
        at(base + i),
      );
    }
    // A second connection stands in for another server process.
    const other = await connectUrl(dbs.dashboardsUrl!);
    try {
      const otherDb = drizzle({ client: other, schema, mode: 'default' });
      const r = await checkLogin(
        otherDb,
        { username: 'frank', password: 'a very good password', ip: '192.0.2.51' },
        at(base + 10),
      );
      expect(r).toMatchObject({ ok: false, reason: 'locked' });
    } finally {
      await other.end();
    }
  });

  it('serialises attempts per username: 100 parallel wrong passwords make exactly 5 password checks', async () => {
    // 40 connections stand in for 40 requests on several servers at once (each attempt needs
    // its own connection: the named lock belongs to it).
    const conns = await Promise.all(
      Array.from({ length: 40 }, () => connectUrl(dbs.dashboardsUrl!)),
    );
    const now = at(minutes(500));
    try {
      let next = 0;
      const results: Awaited<ReturnType<typeof checkLogin>>[] = [];
      await Promise.all(
        conns.map(async (c) => {
          const cdb = drizzle({ client: c, schema, mode: 'default' });
          while (next < 100) {
            const i = next++;
            results.push(
              await checkLogin(
                cdb,
                { username: 'grace', password: `guess number ${i}`, ip: `192.0.2.${i % 200}` },
                now,
              ),
            );
          }
        }),
      );
      expect(results).toHaveLength(100);
      // every attempt that was checked was recorded; the rest were refused before checking
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        'SELECT COUNT(*) AS n FROM `login_attempt` WHERE `username` = ? AND `time_created` = ?',
        ['grace', '2026-01-10 20:20:00'],
      );
      expect(Number(rows[0].n)).toBe(5);
      expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(5);
      expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(95);
    } finally {
      await Promise.all(conns.map((c) => c.end()));
    }
  });

  it('holds the lock on its connection: a second connection waits for the first', async () => {
    const holder = await connectUrl(dbs.dashboardsUrl!);
    try {
      const name = `gryphon-login:${(await import('node:crypto')).createHash('sha1').update('frank').digest('hex')}`;
      await holder.query('SELECT GET_LOCK(?, 0)', [name]);
      const started = performance.now();
      const pending = checkLogin(
        db,
        { username: 'frank', password: 'a very good password', ip: '192.0.2.99' },
        at(minutes(600)),
      );
      await new Promise((r) => setTimeout(r, 300));
      await holder.query('SELECT RELEASE_LOCK(?)', [name]);
      const r = await pending;
      expect(r.ok).toBe(true);
      expect(performance.now() - started).toBeGreaterThan(290);
    } finally {
      await holder.end();
    }
  });
});
