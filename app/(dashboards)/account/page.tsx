import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { can, describeScope } from '@/lib/auth/domain/access';
import { ActionForm } from '@/ui/admin/action-form';
import { TwoFactorPanel } from '@/ui/account/two-factor-panel';
import { loadTwoFactorView } from '@/lib/auth/totp-view';
import { PreferencesForm } from '@/ui/account/preferences-form';
import {
  changePasswordAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  startTwoFactorAction,
} from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

/**
 * /account (every user): what the account may do, changing one's own password, and two-factor
 * sign-in (the only page a user who must set it up may open until they have).
 */
export default async function AccountPage() {
  const me = await requireUser();
  const allowed = [
    'read the dashboards',
    can(me.role, 'export') && 'export CSV',
    can(me.role, 'upload') && 'upload and delete statements',
    can(me.role, 'admin') && 'manage users and read the audit log',
  ].filter(Boolean);
  const twoFactor = await loadTwoFactorView(me);
  return (
    <main className="page">
      <h1>Your account</h1>
      <section className="panel" data-testid="account-summary">
        <p>
          <strong>{me.username}</strong>, {me.role.toLowerCase()}: you may {allowed.join(', ')}.
        </p>
        <p className="muted">
          You see {me.role === 'ADMIN' ? 'everything' : describeScope(me.scope)}. An administrator
          changes roles and scopes.
        </p>
      </section>
      <TwoFactorPanel
        view={twoFactor}
        start={startTwoFactorAction}
        confirm={confirmTwoFactorAction}
        disable={disableTwoFactorAction}
      />
      <section className="panel">
        <h2>Change your password</h2>
        <ActionForm action={changePasswordAction} submit="Change password" testId="change-password">
          <label>
            Current password{' '}
            <input name="current" type="password" required autoComplete="current-password" />
          </label>
          <label>
            New password{' '}
            <input
              name="next"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
            />
          </label>
          <label>
            Again{' '}
            <input
              name="next2"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
            />
          </label>
        </ActionForm>
        <p className="muted">
          At least 12 characters. Changing it logs you out everywhere, this browser included.
        </p>
      </section>
      <PreferencesForm />
    </main>
  );
}
