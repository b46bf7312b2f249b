import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gte, lt, max, sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { loginAttempt, user, type User } from './schema';

import type * as schema from './schema';

// Scripts (their own single connection) and the app (the pool) both pass a drizzle instance.
type Db = MySql2Database<typeof schema>;

/** Gryphon's username column is not unique: the oldest account with the name wins, as in Gryphon. */
export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const rows = await db
    .select()
    .from(user)
    .where(eq(user.username, username))
    .orderBy(asc(user.userId))
    .limit(1);
  return rows[0];
}

export async function findUserByUniqueId(db: Db, uniqueId: string): Promise<User | undefined> {
  const rows = await db.select().from(user).where(eq(user.uniqueId, uniqueId)).limit(1);
  return rows[0];
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(user).where(eq(user.username, username));
  return Number(row.n) > 0;
}

/**
 * Inserts a user with a fresh 32-hex-char unique_id, as Gryphon does; ADMIN (Gryphon's only
 * type) unless a role is given (lib/auth/domain/access.ts).
 */
export async function insertUser(
  db: Db,
  username: string,
  passwordHash: string,
  now: Date,
  userType = 'ADMIN',
): Promise<User> {
  const row = {
    uniqueId: randomUUID().replace(/-/g, ''),
    username,
    password: passwordHash,
    userType,
    timeCreated: now,
  };
  await db.insert(user).values(row);
  const created = await findUserByUniqueId(db, row.uniqueId);
  if (!created) throw new Error('the new user could not be read back');
  return created;
}

export async function recordLoginAttempt(
  db: Db,
  a: { username: string; ip: string; succeeded: boolean; time: Date },
): Promise<void> {
  await db.insert(loginAttempt).values({
    username: a.username.slice(0, 64),
    ip: a.ip.slice(0, 64),
    succeeded: a.succeeded,
    timeCreated: a.time,
  });
}

/**
 * Times of failed attempts since `since`, newest first, for a username (only those after its
 * latest success, so logging in clears the count) and for an IP address. Bounded: the lockout
 * rule never needs more than a few dozen.
 */
export async function recentFailures(
  db: Db,
  q: { username: string; ip: string; since: Date },
): Promise<{ byUsername: Date[]; byIp: Date[] }> {
  const [lastOk] = await db
    .select({ t: max(loginAttempt.timeCreated) })
    .from(loginAttempt)
    .where(
      and(
        eq(loginAttempt.username, q.username),
        eq(loginAttempt.succeeded, true),
        gte(loginAttempt.timeCreated, q.since),
      ),
    );
  const userSince = lastOk?.t instanceof Date && lastOk.t > q.since ? lastOk.t : q.since;
  const byUsername = await db
    .select({ t: loginAttempt.timeCreated })
    .from(loginAttempt)
    .where(
      and(
        eq(loginAttempt.username, q.username),
        eq(loginAttempt.succeeded, false),
        gte(loginAttempt.timeCreated, userSince),
      ),
    )
    .orderBy(desc(loginAttempt.timeCreated))
    .limit(100);
  const byIp = await db
    .select({ t: loginAttempt.timeCreated })
    .from(loginAttempt)
    .where(
      and(
        eq(loginAttempt.ip, q.ip),
        eq(loginAttempt.succeeded, false),
        gte(loginAttempt.timeCreated, q.since),
      ),
    )
    .orderBy(desc(loginAttempt.timeCreated))
    .limit(100);
  return { byUsername: byUsername.map((r) => r.t), byIp: byIp.map((r) => r.t) };
}

/** Keeps the attempts table small; rows older than a day no longer matter to any rule. */
export async function pruneLoginAttempts(db: Db, before: Date): Promise<void> {
  await db.delete(loginAttempt).where(lt(loginAttempt.timeCreated, before));
}

/**
 * Ends every session of a user issued before now (the version their tokens carry no longer
 * matches). With `ifVersion`, only if the user is still at that version, so logging out with
 * an old, already revoked cookie does not end the sessions opened since. True if it changed.
 */
export async function bumpSessionVersion(
  db: Db,
  uniqueId: string,
  ifVersion?: number,
): Promise<boolean> {
  const where =
    ifVersion === undefined
      ? eq(user.uniqueId, uniqueId)
      : and(eq(user.uniqueId, uniqueId), eq(user.sessionVersion, ifVersion));
  const [result] = await db
    .update(user)
    .set({ sessionVersion: sql`${user.sessionVersion} + 1` })
    .where(where);
  return result.affectedRows > 0;
}

/** A new password hash; also ends every session of the user. */
export async function setUserPassword(db: Db, uniqueId: string, hash: string): Promise<void> {
  await db
    .update(user)
    .set({ password: hash, sessionVersion: sql`${user.sessionVersion} + 1` })
    .where(eq(user.uniqueId, uniqueId));
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.select().from(user).orderBy(asc(user.username), asc(user.userId));
}
