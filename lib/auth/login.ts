import type { MySql2Database } from 'drizzle-orm/mysql2';
import type * as schema from '../db/dashboards/schema';
import {
  findUserByUsername,
  pruneLoginAttempts,
  recentFailures,
  recordLoginAttempt,
} from '../db/dashboards/users';
import { DUMMY_HASH, verifyPassword } from './password';
import { LOCKOUT_WINDOW_MS, loginLockedUntil } from './lockout';

export type LoginResult =
  | { ok: true; user: { uniqueId: string; username: string } }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

/** The one message for an unknown username and a wrong password alike. */
export const INVALID_LOGIN_MESSAGE = 'Wrong username or password.';

export function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));
  return `Too many failed login attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * Checks a username and password against the dashboards database, enforcing the brute-force
 * lockout. An unknown username costs a bcrypt comparison too, so both failures take about the
 * same time and get the same answer.
 */
export async function checkLogin(
  db: MySql2Database<typeof schema>,
  input: { username: string; password: string; ip: string },
  now: Date,
): Promise<LoginResult> {
  const since = new Date(now.getTime() - 2 * LOCKOUT_WINDOW_MS);
  const lock = loginLockedUntil(
    await recentFailures(db, { username: input.username, ip: input.ip, since }),
    now,
  );
  if (lock) return { ok: false, reason: 'locked', until: lock.until };

  const found = input.username ? await findUserByUsername(db, input.username) : undefined;
  const matches = await verifyPassword(input.password, found?.password ?? DUMMY_HASH);
  const ok = Boolean(found) && matches;
  await recordLoginAttempt(db, {
    username: input.username,
    ip: input.ip,
    succeeded: ok,
    time: now,
  });
  if (Math.random() < 0.01)
    await pruneLoginAttempts(db, new Date(now.getTime() - 24 * 3600 * 1000));
  if (!ok || !found) return { ok: false, reason: 'invalid' };
  return { ok: true, user: { uniqueId: found.uniqueId, username: found.username } };
}

/**
 * The client address for rate limiting: the right-most X-Forwarded-For entry, i.e. the one
 * added by the nearest proxy (Next's own server sets it to the socket address when absent).
 * Run behind a reverse proxy that appends to X-Forwarded-For; see README.
 */
export function clientIp(headers: Record<string, string | string[] | undefined>): string {
  const raw = headers['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length ? parts[parts.length - 1] : 'unknown';
}
