/**
 * The second step of a login with two-factor on. The password step (checkLogin) answered
 * `code-needed`; the browser got a signed challenge (lib/auth/totp-crypto.ts: user, session
 * version, 5-minute expiry) and now sends it with a code. Nothing the browser holds skips
 * this: the challenge alone opens nothing, and the session is issued only here.
 *
 * Under the same per-username lock as the password step, with the same lockout: a wrong code is
 * recorded as a failed attempt of the username and address, exactly like a wrong password, and
 * a locked username gets no code checked. A right code is recorded as the login's success.
 */
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type * as schema from '../db/dashboards/schema';
import { findUserByUniqueId, recordLoginAttempt } from '../db/dashboards/users';
import { lockedNow, withUsernameLock, type LoginResult } from './login';
import type { AuditInput } from '../audit/domain/events';
import { readChallenge, signChallenge } from './totp-crypto';
import { checkSecondFactor } from './totp-store';

/** The login form's marker in next-auth's error: `2fa:<challenge>` means "ask for the code". */
export const CODE_NEEDED_PREFIX = '2fa:';
export const BAD_CODE_MESSAGE = 'Wrong or already used code.';
export const CHALLENGE_MESSAGE =
  'The sign-in took too long or was interrupted: enter your password again.';

export async function checkCode(
  db: MySql2Database<typeof schema>,
  appSecret: string,
  input: { challenge: string; code: string; ip: string },
  now: Date,
): Promise<LoginResult> {
  const challenge = readChallenge(appSecret, input.challenge, now);
  if (!challenge) return { ok: false, reason: 'challenge' };
  const found = await findUserByUniqueId(db, challenge.uid);
  // a password change, reset or disabling since the password step voids the challenge
  if (!found || found.sessionVersion !== challenge.sv || found.timeDisabled)
    return { ok: false, reason: 'challenge' };
  const username = found.username;
  return withUsernameLock(db, username, async () => {
    const lock = await lockedNow(db, { username, ip: input.ip }, now);
    if (lock) return { ok: false, reason: 'locked', until: lock.until };
    const second = await checkSecondFactor(db, appSecret, found.userId, input.code.trim(), now);
    await recordLoginAttempt(db, { username, ip: input.ip, succeeded: second.ok, time: now });
    if (!second.ok) return { ok: false, reason: 'bad-code', username };
    return {
      ok: true,
      user: {
        uniqueId: found.uniqueId,
        username,
        sv: found.sessionVersion,
        role: found.userType,
        scope: found.accessScope ?? null,
      },
    };
  });
}

/** What the login form receives instead of a session when the code comes next. */
export function codeNeededMessage(
  appSecret: string,
  user: { uniqueId: string; sv: number },
  now: Date,
): string {
  return CODE_NEEDED_PREFIX + signChallenge(appSecret, { uid: user.uniqueId, sv: user.sv }, now);
}

/** The audit log's reason for the two-factor answers (action `login`). */
export const TWO_FACTOR_REASONS = {
  'code-needed': 'password right, two-factor code needed',
  'bad-code': 'bad-code',
  challenge: 'two-factor step without a valid challenge (expired or forged)',
} as const;

/** The audit row of a two-factor answer of the login, or null for the other answers. */
export function twoFactorAuditEvent(result: LoginResult): AuditInput | null {
  if (result.ok) return null;
  if (result.reason === 'code-needed')
    return {
      action: 'login',
      outcome: 'started',
      username: result.user.username,
      detail: { reason: TWO_FACTOR_REASONS['code-needed'] },
    };
  if (result.reason === 'bad-code')
    return {
      action: 'login',
      outcome: 'failed',
      username: result.username,
      detail: { reason: TWO_FACTOR_REASONS['bad-code'] },
    };
  return null;
}
