'use server';

import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { requireUser } from '@/lib/auth/session';
import { requestAuditContext } from '@/lib/audit/record';
import { AccountError, changeOwnPassword } from '@/lib/auth/accounts';
import type { ActionState } from '@/ui/admin/action-form';
import { revalidatePath } from 'next/cache';
import { getEnv } from '@/lib/core/env';
import { findUserByUniqueId } from '@/lib/db/dashboards/users';
import { beginEnrolment, disableOwnTwoFactor, finishEnrolment } from '@/lib/auth/totp-account';
import type { ConfirmState } from '@/ui/account/confirm-two-factor';

/** The account page's password change: the current password is required; audited. */
export async function changePasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const me = await requireUser();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  if (text('next') !== text('next2'))
    return { ok: false, message: 'Refused: the two new passwords differ.' };
  try {
    await changeOwnPassword(
      getDashboardsDb().db,
      me.uniqueId,
      text('current'),
      text('next'),
      await requestAuditContext(),
    );
  } catch (err) {
    if (err instanceof AccountError) return { ok: false, message: `Refused: ${err.message}.` };
    throw err;
  }
  return {
    ok: true,
    message: 'Password changed. Every session has ended: log in again with the new password.',
  };
}

/** The signed-in user's row (two-factor needs the id and the password hash). */
async function myRow() {
  const me = await requireUser();
  const found = await findUserByUniqueId(getDashboardsDb().db, me.uniqueId);
  if (!found) throw new AccountError('your account no longer exists');
  return found;
}

async function twoFactorStep(work: () => Promise<string>): Promise<ActionState> {
  try {
    const message = await work();
    revalidatePath('/account');
    return { ok: true, message };
  } catch (err) {
    if (err instanceof AccountError) return { ok: false, message: `Refused: ${err.message}.` };
    throw err;
  }
}

/** Two-factor set-up, first step: a new secret to scan (shown by the page, stored encrypted). */
export async function startTwoFactorAction(): Promise<ActionState> {
  return twoFactorStep(async () => {
    await beginEnrolment(getDashboardsDb().db, getEnv().cookieSecret, await myRow(), new Date());
    return 'Scan the code below.';
  });
}

/**
 * Two-factor set-up, last step: the first code; the recovery codes come back to be shown once.
 * No revalidation here: the page would replace the form that shows them.
 */
export async function confirmTwoFactorAction(
  _: ConfirmState,
  form: FormData,
): Promise<ConfirmState> {
  const code = form.get('code');
  try {
    const codes = await finishEnrolment(
      getDashboardsDb().db,
      getEnv().cookieSecret,
      await myRow(),
      typeof code === 'string' ? code : '',
      await requestAuditContext(),
    );
    return { ok: true, message: 'Two-factor sign-in is on.', codes };
  } catch (err) {
    if (err instanceof AccountError) return { ok: false, message: `Refused: ${err.message}.` };
    throw err;
  }
}

/** Turning two-factor off: the current password and a code (or a recovery code). */
export async function disableTwoFactorAction(_: ActionState, form: FormData): Promise<ActionState> {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  return twoFactorStep(async () => {
    await disableOwnTwoFactor(
      getDashboardsDb().db,
      getEnv().cookieSecret,
      await myRow(),
      { password: text('password'), code: text('code') },
      await requestAuditContext(),
    );
    return 'Two-factor sign-in is off.';
  });
}
