import { createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { sql } from 'drizzle-orm';
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
import { hasTwoFactor } from './totp-store';

export type LoginResult =
  | {
      ok: true;
      user: {
        uniqueId: string;
        username: string;
        sv: number;
        role: string;
        scope: string | null;
      };
    }
  | { ok: false; reason: 'invalid' }
  /** The right password for a login an administrator disabled (told only with that password). */
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'locked'; until: Date }
  /** Another attempt for this username held the lock too long: nothing was checked. */
  | { ok: false; reason: 'busy' }
  /**
   * The right password for a user with two-factor on: no session yet, the code comes next
   * (lib/auth/totp-login.ts). Not recorded as a success, so it does not clear the failures.
   */
  | { ok: false; reason: 'code-needed'; user: { uniqueId: string; username: string; sv: number } }
  /** A wrong, reused or malformed two-factor code (counted like a wrong password). */
  | { ok: false; reason: 'bad-code'; username: string }
  /** The code step came without a valid, unexpired challenge from the password step. */
  | { ok: false; reason: 'challenge' };

/** How long an attempt waits for the one before it on the same username, seconds. */
const LOGIN_LOCK_WAIT_SECONDS = 10;

/** The one message for an unknown username and a wrong password alike. */
export const INVALID_LOGIN_MESSAGE = 'Wrong username or password.';
export const DISABLED_LOGIN_MESSAGE =
  'This login has been disabled by an administrator. Ask them to enable it again.';

export function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));
  return `Too many failed login attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * Checks a username and password against the dashboards database, enforcing the brute-force
 * lockout. An unknown username costs a bcrypt comparison too, so both failures take about the
 * same time and get the same answer.
 *
 * Attempts for one username are serialised with a MariaDB named lock (GET_LOCK), across
 * requests and across servers sharing the database: reading the failures, comparing and
 * recording happen as one step, so parallel guesses cannot all pass the count before any is
 * recorded. `db` must therefore be on ONE connection (the lock belongs to the connection).
 */
export async function checkLogin(
  db: MySql2Database<typeof schema>,
  input: { username: string; password: string; ip: string },
  now: Date,
): Promise<LoginResult> {
  return withUsernameLock(db, input.username, () => checkLoginLocked(db, input, now));
}

/**
 * Runs `check` holding the named lock of `username`, or answers busy. The password step and
 * the two-factor code step take the same lock, so their failures are counted in one sequence.
 */
export async function withUsernameLock(
  db: MySql2Database<typeof schema>,
  username: string,
  check: () => Promise<LoginResult>,
): Promise<LoginResult> {
  const lock = `gryphon-login:${createHash('sha1').update(username).digest('hex')}`;
  const [rows] = (await db.execute(
    sql`SELECT GET_LOCK(${lock}, ${LOGIN_LOCK_WAIT_SECONDS}) AS got`,
  )) as unknown as [Array<{ got: number | null }>];
  if (Number(rows[0]?.got) !== 1) return { ok: false, reason: 'busy' };
  try {
    return await check();
  } finally {
    await db.execute(sql`SELECT RELEASE_LOCK(${lock})`);
  }
}

/** The lockout (lib/auth/lockout.ts) from the recorded failures of this username and address. */
export async function lockedNow(
  db: MySql2Database<typeof schema>,
  who: { username: string; ip: string },
  now: Date,
) {
  const since = new Date(now.getTime() - 2 * LOCKOUT_WINDOW_MS);
  return loginLockedUntil(
    await recentFailures(db, { username: who.username, ip: who.ip, since }),
    now,
  );
}

async function checkLoginLocked(
  db: MySql2Database<typeof schema>,
  input: { username: string; password: string; ip: string },
  now: Date,
): Promise<LoginResult> {
  const lock = await lockedNow(db, input, now);
  if (lock) return { ok: false, reason: 'locked', until: lock.until };

  const found = input.username ? await findUserByUsername(db, input.username) : undefined;
  const matches = await verifyPassword(input.password, found?.password ?? DUMMY_HASH);
  const ok = Boolean(found) && matches && !found?.timeDisabled;
  if (ok && found && (await hasTwoFactor(db, found.userId)))
    return {
      ok: false,
      reason: 'code-needed',
      user: { uniqueId: found.uniqueId, username: found.username, sv: found.sessionVersion },
    };
  await recordLoginAttempt(db, {
    username: input.username,
    ip: input.ip,
    succeeded: ok,
    time: now,
  });
  if (Math.random() < 0.01)
    await pruneLoginAttempts(db, new Date(now.getTime() - 24 * 3600 * 1000));
  if (found && matches && found.timeDisabled) return { ok: false, reason: 'disabled' };
  if (!ok || !found) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    user: {
      uniqueId: found.uniqueId,
      username: found.username,
      sv: found.sessionVersion,
      role: found.userType,
      scope: found.accessScope ?? null,
    },
  };
}

/**
 * The client address for rate limiting. `peer` is the address of whoever opened the TCP
 * connection (scripts/lib/peer-address.mjs puts it in a header the client cannot set). Only
 * when the peer is a trusted proxy is X-Forwarded-For read: from the right, skipping trusted
 * proxies, the first other address is the client. Everything left of it was written by the
 * client and is ignored.
 */
export function clientIp(
  peer: string,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string {
  let client = normaliseAddress(peer);
  if (!trusted.has(client)) return client;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((s) => normaliseAddress(s.trim()))
    .filter(Boolean);
  while (hops.length > 0) {
    client = hops.pop() as string;
    if (!trusted.has(client)) return client;
  }
  return client;
}

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
function normaliseAddress(a: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return m ? m[1] : a;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/** TRUSTED_PROXIES (addresses and CIDRs, already validated by lib/core/env.ts) as a matcher. */
export function trustedProxies(entries: string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return {
    has(address) {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}
