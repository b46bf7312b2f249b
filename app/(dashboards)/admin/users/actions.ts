'use server';

import { revalidatePath } from 'next/cache';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { requireUser } from '@/lib/auth/session';
import { requestAuditContext } from '@/lib/audit/record';
import {
  AccountError,
  createAccount,
  requireUserNamed,
  resetPassword,
  revokeSessions,
  roleFromInput,
  setDisabled,
  setRole,
  setScope,
  type Actor,
} from '@/lib/auth/accounts';
import { AREAS, describeScope, validateScope, type Scope } from '@/lib/auth/domain/access';
import type { ActionState } from '@/ui/admin/action-form';
import { resetTwoFactor } from '@/lib/auth/totp-account';

/**
 * The admin page's changes (admins only: the path /admin/users needs `admin`, checked by the
 * proxy and again by requireUser here). Each is validated and audited by lib/auth/accounts.ts,
 * as the CLI's are; a refusal comes back as the form's message.
 */
async function run(
  work: (by: Actor, db: ReturnType<typeof getDashboardsDb>['db']) => Promise<string>,
): Promise<ActionState> {
  const me = await requireUser();
  const by: Actor = { username: me.username, ctx: await requestAuditContext() };
  try {
    const message = await work(by, getDashboardsDb().db);
    revalidatePath('/admin/users');
    return { ok: true, message };
  } catch (err) {
    if (err instanceof AccountError || (err instanceof Error && err.message.startsWith('scope')))
      return { ok: false, message: `Refused: ${err.message}.` };
    throw err;
  }
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

/** The scope fields: page checkboxes (all = no limit), comma-separated names (empty = no limit). */
function scopeOf(form: FormData): Scope {
  const pages = AREAS.filter((a) => form.get(`page-${a}`) === 'on');
  const names = (name: string) =>
    text(form, name)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const raw: Record<string, unknown> = {};
  if (pages.length < AREAS.length) raw.pages = pages;
  if (names('strategies').length) raw.strategies = names('strategies');
  if (names('accounts').length) raw.accounts = names('accounts');
  return validateScope(raw);
}

export async function createUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by, db) => {
    const username = text(form, 'username');
    const password = text(form, 'password');
    if (password !== text(form, 'password2')) throw new AccountError('the two passwords differ');
    const role = roleFromInput(text(form, 'role'));
    const scope = scopeOf(form);
    await createAccount(db, { username, password, role, scope }, by);
    return `Created ${role.toLowerCase()} "${username}" (sees ${describeScope(scope)}).`;
  });
}

export async function setRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by, db) => {
    const target = await requireUserNamed(db, text(form, 'username'));
    const role = roleFromInput(text(form, 'role'));
    await setRole(db, target, role, by);
    return `${target.username} is now ${role.toLowerCase()}; their sessions have ended.`;
  });
}

export async function setScopeAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by, db) => {
    const target = await requireUserNamed(db, text(form, 'username'));
    const scope = scopeOf(form);
    await setScope(db, target, scope, by);
    return `${target.username} now sees ${describeScope(scope)}; their sessions have ended.`;
  });
}

export async function setDisabledAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by, db) => {
    const target = await requireUserNamed(db, text(form, 'username'));
    const disable = text(form, 'disable') === '1';
    await setDisabled(db, target, disable, by);
    return disable
      ? `${target.username} is disabled and logged out.`
      : `${target.username} can log in again.`;
  });
}

export async function resetPasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by, db) => {
    const target = await requireUserNamed(db, text(form, 'username'));
    await resetPassword(db, target, text(form, 'password'), by);
    return `New password set for ${target.username}; their sessions have ended.`;
  });
}

export async function revokeSessionsAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by, db) => {
    const target = await requireUserNamed(db, text(form, 'username'));
    await revokeSessions(db, target, by);
    return `Every session of ${target.username} has ended.`;
  });
}

export async function resetTwoFactorAction(_: ActionState, form: FormData): Promise<ActionState> {
  return run(async (by, db) => {
    const target = await requireUserNamed(db, text(form, 'username'));
    await resetTwoFactor(db, target, by);
    return `Two-factor sign-in of ${target.username} is reset; their sessions have ended.`;
  });
}
