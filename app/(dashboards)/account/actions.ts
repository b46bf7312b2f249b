'use server';

import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { requireUser } from '@/lib/auth/session';
import { requestAuditContext } from '@/lib/audit/record';
import { AccountError, changeOwnPassword } from '@/lib/auth/accounts';
import type { ActionState } from '@/ui/admin/action-form';

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
