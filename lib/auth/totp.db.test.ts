import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { generate } from 'otplib';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { runScript } from '../../tests/helpers/cli';
import { connectUrl, cookieSecret } from '../../tests/helpers/sql';
import * as schema from '../db/dashboards/schema';
import { findUserByUniqueId, insertUser } from '../db/dashboards/users';
import type { User } from '../db/dashboards/schema';
import { checkLogin } from './login';
import { hashPassword } from './password';
import {
  beginEnrolment,
  disableOwnTwoFactor,
  finishEnrolment,
  resetTwoFactor,
} from './totp-account';
import { signChallenge } from './totp-crypto';
import { checkCode } from './totp-login';
import {
  checkSecondFactor,
  findTotp,
  hasTwoFactor,
  readSecret,
  unusedRecoveryCodes,
} from './totp-store';

const KEY = cookieSecret();
const PASSWORD = 'a very good password';
const CTX = { ip: 'test', userAgent: 'totp.db.test.ts' };
const secondsOf = (d: Date) => Math.floor(d.getTime() / 1000);
/** A time at the very start of a 30-second step, so "+30 s" is exactly the next step. */
const T0 = new Date(Math.floor(Date.parse('2026-11-30T04:00:00Z') / 30_000) * 30_000);
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('two-factor store and login step on the dashboards database', () => {
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let db: MySql2Database<typeof schema>;

  const codeAt = (secret: string, t: Date) => generate({ secret, epoch: secondsOf(t) });

  /** A user with a confirmed enrolment (confirmed at T0): its secret and recovery codes. */
  async function enrolled(username: string) {
    const u = await insertUser(db, username, await hashPassword(PASSWORD), T0);
    const { secret } = await beginEnrolment(db, KEY, u, T0);
    const codes = await finishEnrolment(db, KEY, u, await codeAt(secret, T0), CTX, T0);
    return { u, secret, codes };
  }

  beforeAll(async () => {
    dbs = await createTestDatabases({ dashboards: true, trading: true });
    const env = {
      APP_COOKIE_SECRET: KEY,
      DASHBOARD_DB_CRED: dbs.dashboardsUrl!,
      TRADING_DB_CRED: dbs.tradingUrl!,
    };
    expect((await runScript('migrate', ['--execute'], { env })).code).toBe(0);
    conn = await connectUrl(dbs.dashboardsUrl!);
    db = drizzle({ client: conn, schema, mode: 'default' });
  });
  afterAll(async () => {
    await conn?.end();
    await dbs?.drop();
  });

  it('stores the secret encrypted and enrols only after a right code', async () => {
    const u = await insertUser(db, 'tess', await hashPassword(PASSWORD), T0);
    const { secret, uri } = await beginEnrolment(db, KEY, u, T0);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 random bytes, base32
    expect(uri).toBe(
      `otpauth://totp/Gryphon%20Dashboards:tess?secret=${secret}&issuer=Gryphon%20Dashboards`,
    );
    const [[row]] = await conn.query<RowDataPacket[]>(
      'SELECT secret, time_confirmed FROM user_totp WHERE user_id = ?',
      [u.userId],
    );
    expect(row.secret).not.toContain(secret);
    expect(row.time_confirmed).toBeNull();
    expect(readSecret(KEY, (await findTotp(db, u.userId))!)).toBe(secret);
    expect(await hasTwoFactor(db, u.userId)).toBe(false);

    await expect(finishEnrolment(db, KEY, u, '000000', CTX, T0)).rejects.toThrow(/not the one/);
    expect(await hasTwoFactor(db, u.userId)).toBe(false);
    const codes = await finishEnrolment(db, KEY, u, await codeAt(secret, T0), CTX, T0);
    expect(codes).toHaveLength(10);
    expect(await hasTwoFactor(db, u.userId)).toBe(true);
    expect(await unusedRecoveryCodes(db, u.userId)).toBe(10);
    const [stored] = await conn.query<RowDataPacket[]>(
      'SELECT hash FROM user_totp_recovery WHERE user_id = ?',
      [u.userId],
    );
    expect(stored.map((r) => r.hash)).not.toContain(codes[0]);
    // a second set-up is refused while it is on
    await expect(beginEnrolment(db, KEY, u, T0)).rejects.toThrow(/already on/);
    const [audit] = await conn.query<RowDataPacket[]>(
      "SELECT username, subject, outcome FROM audit_event WHERE action = '2fa-enrol'",
    );
    expect(audit).toEqual([{ username: 'tess', subject: 'tess', outcome: 'ok' }]);
  });

  it('accepts a TOTP code once: the confirming code, a replay and an older step are refused', async () => {
    const { u, secret } = await enrolled('uma');
    const check = (code: string, t: Date) => checkSecondFactor(db, KEY, u.userId, code, t);
    // the code that confirmed the enrolment (step of T0) is used up
    expect(await check(await codeAt(secret, T0), at(5))).toEqual({ ok: false });
    const next = await codeAt(secret, at(30));
    expect(await check(next, at(31))).toEqual({ ok: true, via: 'totp' });
    expect(await check(next, at(32))).toEqual({ ok: false }); // replay
    // the step before the last used one is in the window but older: refused
    expect(await check(await codeAt(secret, at(60)), at(90))).toEqual({ ok: true, via: 'totp' });
    expect(await check(await codeAt(secret, at(30)), at(45))).toEqual({ ok: false });
    // two steps ahead is outside the window
    expect(await check(await codeAt(secret, at(180)), at(120))).toEqual({ ok: false });
  });

  it('accepts each recovery code once, as typed in lower case without dashes too', async () => {
    const { u, codes } = await enrolled('vic');
    const check = (code: string) => checkSecondFactor(db, KEY, u.userId, code, at(10));
    expect(await check(codes[3].toLowerCase().replace(/-/g, ''))).toEqual({
      ok: true,
      via: 'recovery',
    });
    expect(await check(codes[3])).toEqual({ ok: false });
    expect(await check('AAAA-BBBB-CCCC-DDDD')).toEqual({ ok: false });
    expect(await unusedRecoveryCodes(db, u.userId)).toBe(9);
    expect(await check(codes[9])).toEqual({ ok: true, via: 'recovery' });
    expect(await unusedRecoveryCodes(db, u.userId)).toBe(8);
  });

  it('asks for the code after the right password without recording a success', async () => {
    const { u, secret } = await enrolled('wes');
    const ip = '198.51.100.20';
    const first = await checkLogin(db, { username: 'wes', password: PASSWORD, ip }, at(40));
    expect(first).toEqual({
      ok: false,
      reason: 'code-needed',
      user: { uniqueId: u.uniqueId, username: 'wes', sv: u.sessionVersion },
    });
    const [attempts] = await conn.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM login_attempt WHERE username = 'wes'",
    );
    expect(Number(attempts[0].n)).toBe(0);
    const challenge = signChallenge(KEY, { uid: u.uniqueId, sv: u.sessionVersion }, at(40));
    const ok = await checkCode(
      db,
      KEY,
      { challenge, code: await codeAt(secret, at(40)), ip },
      at(41),
    );
    expect(ok).toMatchObject({ ok: true, user: { uniqueId: u.uniqueId, username: 'wes' } });
    // a challenge past its 5 minutes, or signed with another key, is refused before any code
    const late = await checkCode(db, KEY, { challenge, code: '123456', ip }, at(40 + 300));
    expect(late).toEqual({ ok: false, reason: 'challenge' });
    const forged = signChallenge(`${KEY}x`, { uid: u.uniqueId, sv: u.sessionVersion }, at(40));
    expect(await checkCode(db, KEY, { challenge: forged, code: '123456', ip }, at(41))).toEqual({
      ok: false,
      reason: 'challenge',
    });
  });

  it('counts wrong codes toward the lockout like wrong passwords', async () => {
    const { u, secret } = await enrolled('xena');
    const challenge = signChallenge(KEY, { uid: u.uniqueId, sv: u.sessionVersion }, at(0));
    for (let i = 0; i < 4; i++) {
      const r = await checkCode(db, KEY, { challenge, code: '000000', ip: `192.0.2.${i}` }, at(i));
      expect(r).toEqual({ ok: false, reason: 'bad-code', username: 'xena' });
    }
    // one wrong password makes five failures: the username is locked, for codes and passwords
    const pw = await checkLogin(
      db,
      { username: 'xena', password: 'not the password', ip: '192.0.2.9' },
      at(5),
    );
    expect(pw).toEqual({ ok: false, reason: 'invalid' });
    const right = await codeAt(secret, at(30));
    const locked = await checkCode(db, KEY, { challenge, code: right, ip: '192.0.2.10' }, at(31));
    expect(locked).toEqual({ ok: false, reason: 'locked', until: at(5 + 15 * 60) });
    const lockedPw = await checkLogin(
      db,
      { username: 'xena', password: PASSWORD, ip: '192.0.2.10' },
      at(32),
    );
    expect(lockedPw).toMatchObject({ ok: false, reason: 'locked' });
    // the lock held the code back: it was not used up
    expect(await checkSecondFactor(db, KEY, u.userId, right, at(33))).toEqual({
      ok: true,
      via: 'totp',
    });
  });

  it('disables with the password and a code; an admin reset ends the sessions, both audited', async () => {
    const { u, secret } = await enrolled('yuri');
    const me = (await findUserByUniqueId(db, u.uniqueId)) as User;
    const code = await codeAt(secret, at(60));
    await expect(
      disableOwnTwoFactor(db, KEY, me, { password: 'wrong', code }, CTX, at(60)),
    ).rejects.toThrow(/password is wrong/);
    await expect(
      disableOwnTwoFactor(db, KEY, me, { password: PASSWORD, code: '000000' }, CTX, at(60)),
    ).rejects.toThrow(/code is wrong/);
    await disableOwnTwoFactor(db, KEY, me, { password: PASSWORD, code }, CTX, at(60));
    expect(await findTotp(db, u.userId)).toBeUndefined();
    expect(await unusedRecoveryCodes(db, u.userId)).toBe(0);

    const { u: z } = await enrolled('zed');
    await resetTwoFactor(db, z, { username: 'boss', ctx: CTX });
    expect(await hasTwoFactor(db, z.userId)).toBe(false);
    expect((await findUserByUniqueId(db, z.uniqueId))?.sessionVersion).toBe(z.sessionVersion + 1);
    await expect(resetTwoFactor(db, z, { username: 'boss', ctx: CTX })).rejects.toThrow(
      /has no two-factor/,
    );
    const [rows] = await conn.query<RowDataPacket[]>(
      "SELECT action, username, subject, detail FROM audit_event WHERE action IN ('2fa-disable', '2fa-reset') ORDER BY event_id",
    );
    expect(rows).toEqual([
      { action: '2fa-disable', username: 'yuri', subject: 'yuri', detail: '{"with":"code"}' },
      { action: '2fa-reset', username: 'boss', subject: 'zed', detail: '{"was":"on"}' },
    ]);
  });
});
