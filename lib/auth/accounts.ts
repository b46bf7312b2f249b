/**
 * User management (issue 13), shared by the admin page and `npm run create-user` / `npm run
 * user`: the same validation and the same audit row for each change, written in the same
 * transaction as the change (a change is never left unrecorded). A change of role, scope or
 * password, disabling and revoking all move the user's session version: their sessions end and
 * the next login carries the new role and scope.
 */
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { user, type User } from '../db/dashboards/schema';
import type * as schema from '../db/dashboards/schema';
import { findUserByUsername, insertUser, usernameTaken } from '../db/dashboards/users';
import type { AuditContext, AuditInput } from '../audit/domain/events';
import { insertAuditEvent } from '../audit/queries';
import {
  describeScope,
  parseRole,
  parseStoredScope,
  roleOf,
  storedScope,
  type Role,
  type Scope,
} from './domain/access';
import { hashPassword, passwordProblem, usernameProblem, verifyPassword } from './password';

type Db = MySql2Database<typeof schema>;

/** A refusal to show to the person as is (CLI: UsageError; page: the form's message). */
export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

/** Who makes the change and from where (the CLI passes ip 'cli'). */
export interface Actor {
  username: string;
  ctx: AuditContext;
}

async function audited(
  db: Db,
  by: Actor,
  event: Omit<AuditInput, 'username' | 'outcome'>,
  change: (tx: Db) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await change(tx as unknown as Db);
    await insertAuditEvent(
      tx as unknown as Db,
      { ...event, outcome: 'ok', username: by.username },
      by.ctx,
      new Date(),
    );
  });
}

export async function requireUserNamed(db: Db, username: string): Promise<User> {
  const found = await findUserByUsername(db, username);
  if (!found) throw new AccountError(`there is no user "${username}"`);
  return found;
}

export function roleFromInput(input: string): Role {
  const role = parseRole(input);
  if (!role) throw new AccountError(`unknown role "${input}": use admin, member or viewer`);
  return role;
}

/** Enabled admins other than `exceptUserId`: the last one cannot be demoted or disabled. */
async function otherAdmins(db: Db, exceptUserId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(user)
    .where(
      and(
        eq(user.userType, 'ADMIN'),
        isNull(user.timeDisabled),
        sql`${user.userId} <> ${exceptUserId}`,
      ),
    );
  return Number(row.n);
}

async function refuseLastAdmin(db: Db, target: User, what: string): Promise<void> {
  if (roleOf(target.userType) !== 'ADMIN' || target.timeDisabled) return;
  if ((await otherAdmins(db, target.userId)) === 0)
    throw new AccountError(
      `"${target.username}" is the last enabled admin: ${what} would leave nobody able to manage users`,
    );
}

export function checkNewPassword(password: string): void {
  const bad = passwordProblem(password);
  if (bad) throw new AccountError(bad);
}

/** Validates everything; with `execute` false (a dry run) writes nothing. */
export async function createAccount(
  db: Db,
  input: { username: string; password: string; role: Role; scope?: Scope },
  by: Actor,
  execute = true,
): Promise<User | null> {
  const badName = usernameProblem(input.username);
  if (badName) throw new AccountError(badName);
  if (await usernameTaken(db, input.username))
    throw new AccountError(`the username "${input.username}" is already taken`);
  checkNewPassword(input.password);
  const scope = storedScope(input.scope ?? {});
  if (!execute) return null;
  const hash = await hashPassword(input.password);
  let created: User | null = null;
  await audited(
    db,
    by,
    {
      action: 'user-create',
      subject: input.username,
      detail: { role: input.role, scope: describeScope(input.scope ?? {}) },
    },
    async (tx) => {
      created = await insertUser(tx, input.username, hash, new Date(), input.role);
      if (scope !== null)
        await tx.update(user).set({ accessScope: scope }).where(eq(user.userId, created.userId));
    },
  );
  return created;
}

const endSessions = { sessionVersion: sql`${user.sessionVersion} + 1` };

export async function setRole(db: Db, target: User, role: Role, by: Actor): Promise<void> {
  if (roleOf(target.userType) === role && target.userType === role) return;
  if (role !== 'ADMIN') await refuseLastAdmin(db, target, 'making them a ' + role.toLowerCase());
  await audited(
    db,
    by,
    {
      action: 'role-change',
      subject: target.username,
      detail: { from: target.userType, to: role },
    },
    async (tx) => {
      await tx
        .update(user)
        .set({ userType: role, ...endSessions })
        .where(eq(user.userId, target.userId));
    },
  );
}

export async function setScope(db: Db, target: User, scope: Scope, by: Actor): Promise<void> {
  const stored = storedScope(scope);
  await audited(
    db,
    by,
    {
      action: 'scope-change',
      subject: target.username,
      detail: {
        from: describeScope(parseStoredScope(target.accessScope)),
        to: describeScope(scope),
      },
    },
    async (tx) => {
      await tx
        .update(user)
        .set({ accessScope: stored, ...endSessions })
        .where(eq(user.userId, target.userId));
    },
  );
}

export async function setDisabled(
  db: Db,
  target: User,
  disabled: boolean,
  by: Actor,
): Promise<void> {
  if (disabled) await refuseLastAdmin(db, target, 'disabling them');
  await audited(
    db,
    by,
    { action: disabled ? 'user-disable' : 'user-enable', subject: target.username },
    async (tx) => {
      await tx
        .update(user)
        .set({ timeDisabled: disabled ? new Date() : null, ...endSessions })
        .where(eq(user.userId, target.userId));
    },
  );
}

/** An administrator's reset (or the CLI's): no current password needed. */
export async function resetPassword(
  db: Db,
  target: User,
  password: string,
  by: Actor,
): Promise<void> {
  checkNewPassword(password);
  const hash = await hashPassword(password);
  await audited(
    db,
    by,
    { action: 'password-change', subject: target.username, detail: { how: 'reset' } },
    async (tx) => {
      await tx
        .update(user)
        .set({ password: hash, ...endSessions })
        .where(eq(user.userId, target.userId));
    },
  );
}

/** The user's own change (account page): the current password is required. */
export async function changeOwnPassword(
  db: Db,
  uniqueId: string,
  current: string,
  next: string,
  ctx: AuditContext,
): Promise<void> {
  const [me] = await db.select().from(user).where(eq(user.uniqueId, uniqueId)).limit(1);
  if (!me) throw new AccountError('your account no longer exists');
  if (!(await verifyPassword(current, me.password)))
    throw new AccountError('the current password is wrong');
  if (next === current) throw new AccountError('the new password is the same as the current one');
  checkNewPassword(next);
  const hash = await hashPassword(next);
  await audited(
    db,
    { username: me.username, ctx },
    { action: 'password-change', subject: me.username, detail: { how: 'own' } },
    async (tx) => {
      await tx
        .update(user)
        .set({ password: hash, ...endSessions })
        .where(eq(user.userId, me.userId));
    },
  );
}

export async function revokeSessions(db: Db, target: User, by: Actor): Promise<void> {
  await audited(db, by, { action: 'sessions-revoke', subject: target.username }, async (tx) => {
    await tx.update(user).set(endSessions).where(eq(user.userId, target.userId));
  });
}
