/**
 * Two-factor state in the dashboards database (tables user_totp and user_totp_recovery,
 * migration 0018) and the checks of a typed code against it. A code is accepted at most once:
 * a TOTP code only for a time step after the last accepted one (recorded by a conditional
 * UPDATE, so two requests racing with the same code cannot both win), a recovery code only
 * while its `time_used` is NULL (same). `appSecret` is APP_COOKIE_SECRET (lib/auth/totp-crypto.ts).
 */
import { and, asc, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { generateSecret, generateURI, verify } from 'otplib';
import type * as schema from '../db/dashboards/schema';
import { userTotp, userTotpRecovery, type UserTotp } from '../db/dashboards/schema';
import {
  asTotpCode,
  generateRecoveryCode,
  hashRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeMatches,
} from './totp-codes';
import { decryptTotpSecret, encryptTotpSecret } from './totp-crypto';

type Db = MySql2Database<typeof schema>;

/** 30-second steps, 6 digits, SHA-1: what every authenticator app expects (RFC 6238 defaults). */
export const TOTP_PERIOD_SECONDS = 30;
/** A code of the step before or after the current one is accepted too (clock drift, typing). */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
export const TOTP_ISSUER = 'Gryphon Dashboards';

export async function findTotp(db: Db, userId: number): Promise<UserTotp | undefined> {
  const rows = await db.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
  return rows[0];
}

/** Whether a login by this user asks for a code (an enrolment was confirmed). */
export async function hasTwoFactor(db: Db, userId: number): Promise<boolean> {
  const row = await findTotp(db, userId);
  return Boolean(row?.timeConfirmed);
}

/**
 * A new secret for a user who has no confirmed enrolment (replacing a pending one). Returns the
 * base32 secret for the QR code and manual entry; it is stored encrypted, unconfirmed.
 */
export async function savePendingSecret(
  db: Db,
  appSecret: string,
  userId: number,
  now: Date,
): Promise<string> {
  const secret = generateSecret({ length: 20 });
  const encrypted = encryptTotpSecret(appSecret, userId, secret);
  await db
    .insert(userTotp)
    .values({ userId, secret: encrypted, timeCreated: now, timeConfirmed: null, lastStep: null })
    .onDuplicateKeyUpdate({
      // a confirmed enrolment is never overwritten here (disable it first)
      set: {
        secret: sql`IF(${userTotp.timeConfirmed} IS NULL, VALUES(${userTotp.secret}), ${userTotp.secret})`,
        timeCreated: sql`IF(${userTotp.timeConfirmed} IS NULL, VALUES(${userTotp.timeCreated}), ${userTotp.timeCreated})`,
      },
    });
  return secret;
}

export function readSecret(appSecret: string, row: UserTotp): string {
  return decryptTotpSecret(appSecret, row.userId, row.secret);
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

/** The time step the code belongs to (current ±1), or null when it matches none. */
export async function matchingStep(
  secret: string,
  code: string,
  now: Date,
): Promise<number | null> {
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: TOLERANCE_SECONDS });
  // delta: how many periods from the current one the matching code is (-1, 0 or 1)
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
}

/** Records `step` as used unless it (or a later one) already was; true if this call did. */
async function claimStep(db: Db, userId: number, step: number): Promise<boolean> {
  const [result] = await db
    .update(userTotp)
    .set({ lastStep: step })
    .where(
      and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))),
    );
  return result.affectedRows === 1;
}

/**
 * Confirms a pending enrolment with a first code: the enrolment counts from now on, the code's
 * step is used up, and 10 fresh recovery codes are stored (hashed) and returned, to be shown
 * once. Null if the code is wrong or there is no pending enrolment. Run it in a transaction.
 */
export async function confirmEnrolment(
  db: Db,
  appSecret: string,
  userId: number,
  code: string,
  now: Date,
): Promise<string[] | null> {
  const row = await findTotp(db, userId);
  const digits = asTotpCode(code);
  if (!row || row.timeConfirmed || !digits) return null;
  const step = await matchingStep(readSecret(appSecret, row), digits, now);
  if (step === null) return null;
  const [done] = await db
    .update(userTotp)
    .set({ timeConfirmed: now, lastStep: step })
    .where(and(eq(userTotp.userId, userId), isNull(userTotp.timeConfirmed)));
  if (done.affectedRows !== 1) return null;
  return replaceRecoveryCodes(db, userId);
}

async function replaceRecoveryCodes(db: Db, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await db.delete(userTotpRecovery).where(eq(userTotpRecovery.userId, userId));
  await db
    .insert(userTotpRecovery)
    .values(codes.map((c, i) => ({ userId, codeNo: i + 1, ...hashRecoveryCode(c) })));
  return codes;
}

export type SecondFactor = { ok: true; via: 'totp' | 'recovery' } | { ok: false };

/**
 * Checks a typed code for a user with a confirmed enrolment: six digits are a TOTP code (used up
 * when accepted), anything else is tried as a recovery code (used up when accepted).
 */
export async function checkSecondFactor(
  db: Db,
  appSecret: string,
  userId: number,
  typed: string,
  now: Date,
): Promise<SecondFactor> {
  const row = await findTotp(db, userId);
  if (!row?.timeConfirmed || typed.length > 64) return { ok: false };
  const digits = asTotpCode(typed);
  if (digits) {
    const step = await matchingStep(readSecret(appSecret, row), digits, now);
    if (step === null || (row.lastStep !== null && step <= row.lastStep)) return { ok: false };
    return (await claimStep(db, userId, step)) ? { ok: true, via: 'totp' } : { ok: false };
  }
  const unused = await db
    .select()
    .from(userTotpRecovery)
    .where(and(eq(userTotpRecovery.userId, userId), isNull(userTotpRecovery.timeUsed)))
    .orderBy(asc(userTotpRecovery.codeNo));
  // every unused code is compared, so the time taken does not say which one matched
  const hit = unused.filter((c) => recoveryCodeMatches(typed, c))[0];
  if (!hit) return { ok: false };
  const [used] = await db
    .update(userTotpRecovery)
    .set({ timeUsed: now })
    .where(
      and(
        eq(userTotpRecovery.userId, userId),
        eq(userTotpRecovery.codeNo, hit.codeNo),
        isNull(userTotpRecovery.timeUsed),
      ),
    );
  return used.affectedRows === 1 ? { ok: true, via: 'recovery' } : { ok: false };
}

export async function unusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(userTotpRecovery)
    .where(and(eq(userTotpRecovery.userId, userId), isNull(userTotpRecovery.timeUsed)));
  return Number(row.n);
}

/** Forgets the user's enrolment, pending or confirmed, and their recovery codes. */
export async function deleteTwoFactor(db: Db, userId: number): Promise<boolean> {
  const [r] = await db.delete(userTotp).where(eq(userTotp.userId, userId));
  await db.delete(userTotpRecovery).where(eq(userTotpRecovery.userId, userId));
  return r.affectedRows > 0;
}

/** Every user with a two-factor row: 'on' (confirmed) or 'pending' (being set up). */
export async function twoFactorStates(db: Db): Promise<Map<number, 'on' | 'pending'>> {
  const rows = await db
    .select({ userId: userTotp.userId, confirmed: userTotp.timeConfirmed })
    .from(userTotp);
  return new Map(rows.map((r) => [r.userId, r.confirmed ? 'on' : 'pending']));
}
