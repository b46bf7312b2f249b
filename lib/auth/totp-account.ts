/**
 * Two-factor changes people make (issue 13): enrolling and disabling one's own (/account),
 * an administrator's reset (/admin/users, `npm run user -- reset-2fa`). Each finished change is
 * written to the audit log in the same transaction as the change (2fa-enrol, 2fa-disable,
 * 2fa-reset). A reset ends the user's sessions, as the other administrator changes do.
 */
import { eq, sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type * as schema from '../db/dashboards/schema';
import { user, type User } from '../db/dashboards/schema';
import type { AuditContext } from '../audit/domain/events';
import { insertAuditEvent } from '../audit/queries';
import { AccountError, type Actor } from './accounts';
import { verifyPassword } from './password';
import {
  checkSecondFactor,
  confirmEnrolment,
  deleteTwoFactor,
  findTotp,
  savePendingSecret,
  totpUri,
} from './totp-store';

type Db = MySql2Database<typeof schema>;

/** A fresh secret to scan, for a user without a confirmed enrolment. */
export async function beginEnrolment(
  db: Db,
  appSecret: string,
  me: User,
  now: Date,
): Promise<{ secret: string; uri: string }> {
  if ((await findTotp(db, me.userId))?.timeConfirmed)
    throw new AccountError('two-factor authentication is already on');
  const secret = await savePendingSecret(db, appSecret, me.userId, now);
  return { secret, uri: totpUri(secret, me.username) };
}

/** Confirms the pending enrolment with a code from the app; the recovery codes, to show once. */
export async function finishEnrolment(
  db: Db,
  appSecret: string,
  me: User,
  code: string,
  ctx: AuditContext,
  now = new Date(),
): Promise<string[]> {
  const row = await findTotp(db, me.userId);
  if (!row) throw new AccountError('start the set-up first');
  if (row.timeConfirmed) throw new AccountError('two-factor authentication is already on');
  let codes: string[] | null = null;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    codes = await confirmEnrolment(tx, appSecret, me.userId, code, now);
    if (codes)
      await insertAuditEvent(
        tx,
        { action: '2fa-enrol', outcome: 'ok', username: me.username, subject: me.username },
        ctx,
        now,
      );
  });
  if (!codes)
    throw new AccountError(
      'that code is not the one the app shows now: check the clock of the phone and type the current code',
    );
  return codes;
}

/** Turning one's own two-factor off needs the current password and a code (or recovery code). */
export async function disableOwnTwoFactor(
  db: Db,
  appSecret: string,
  me: User,
  input: { password: string; code: string },
  ctx: AuditContext,
  now = new Date(),
): Promise<void> {
  if (!(await findTotp(db, me.userId))?.timeConfirmed)
    throw new AccountError('two-factor authentication is not on');
  if (!(await verifyPassword(input.password, me.password)))
    throw new AccountError('the current password is wrong');
  const second = await checkSecondFactor(db, appSecret, me.userId, input.code.trim(), now);
  if (!second.ok) throw new AccountError('the code is wrong or was already used');
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await deleteTwoFactor(tx, me.userId);
    await insertAuditEvent(
      tx,
      {
        action: '2fa-disable',
        outcome: 'ok',
        username: me.username,
        subject: me.username,
        detail: { with: second.via === 'totp' ? 'code' : 'recovery code' },
      },
      ctx,
      now,
    );
  });
}

/**
 * An administrator's reset (the user lost the phone): the enrolment and recovery codes are
 * forgotten and the user's sessions end; they log in with the password alone and may enrol again
 * (or must, when REQUIRE_2FA covers their role).
 */
export async function resetTwoFactor(db: Db, target: User, by: Actor): Promise<void> {
  const row = await findTotp(db, target.userId);
  if (!row) throw new AccountError(`"${target.username}" has no two-factor authentication`);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await deleteTwoFactor(tx, target.userId);
    await tx
      .update(user)
      .set({ sessionVersion: sql`${user.sessionVersion} + 1` })
      .where(eq(user.userId, target.userId));
    await insertAuditEvent(
      tx,
      {
        action: '2fa-reset',
        outcome: 'ok',
        username: by.username,
        subject: target.username,
        detail: { was: row.timeConfirmed ? 'on' : 'being set up' },
      },
      by.ctx,
      new Date(),
    );
  });
}
