import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { listUsers } from '@/lib/db/dashboards/users';
import { rethrowFromPools } from '@/lib/db/pool';
import { describeScope, parseStoredScope, roleOf } from '@/lib/auth/domain/access';
import { ActionForm } from '@/ui/admin/action-form';
import { CreateUserForm, RoleSelect, ScopeFields } from '@/ui/admin/user-forms';
import { SortableTable } from '@/ui/shared/sortable-table';
import { formatUtcDate } from '@/lib/core/time/calendar';
import { twoFactorStates } from '@/lib/auth/totp-store';
import {
  createUserAction,
  resetPasswordAction,
  resetTwoFactorAction,
  revokeSessionsAction,
  setDisabledAction,
  setRoleAction,
  setScopeAction,
} from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

/**
 * /admin/users (admins only): every login with its role, scope and state, and the changes the
 * CLI makes (`npm run user`), with the same rules and the same audit rows.
 */
export default async function UsersPage() {
  const me = await requireUser();
  const { db, pool } = getDashboardsDb();
  const users = await listUsers(db).catch((err) => rethrowFromPools(err, [pool]));
  const twoFactor = await twoFactorStates(db).catch((err) => rethrowFromPools(err, [pool]));
  return (
    <main className="page">
      <h1>Users</h1>
      <p className="muted">
        Admins see and manage everything; members see every dashboard, export CSV and upload or
        delete statements; viewers only read. A scope limits a member or viewer to some pages,
        strategies or accounts (empty = no limit). Every change ends the user&rsquo;s sessions and
        is written to the <a href="/admin/audit">audit log</a>.
      </p>
      <section className="panel">
        <h2>New user</h2>
        <CreateUserForm action={createUserAction} />
      </section>
      <div className="scroll-x">
        <SortableTable
          testId="users"
          columns={[
            { label: 'User' },
            { label: 'Role' },
            { label: 'Sees' },
            { label: 'State' },
            { label: 'Created' },
            { label: 'Manage', sortable: false },
          ]}
        >
          {users.map((u) => {
            const role = roleOf(u.userType);
            const scope = parseStoredScope(u.accessScope);
            const id = `user-${u.userId}`;
            return (
              <tr key={u.userId} data-user={u.username}>
                <td>
                  {u.username}
                  {u.uniqueId === me.uniqueId && <span className="muted"> (you)</span>}
                </td>
                <td>
                  {role.toLowerCase()}
                  {role !== u.userType && (
                    <span className="muted"> (stored as &ldquo;{u.userType}&rdquo;)</span>
                  )}
                </td>
                <td className="muted">{role === 'ADMIN' ? 'everything' : describeScope(scope)}</td>
                <td>
                  {u.timeDisabled ? <span className="badge">disabled</span> : 'enabled'}
                  {twoFactor.get(u.userId) === 'on' && <span className="muted">, two-factor</span>}
                </td>
                <td className="muted">{formatUtcDate(u.timeCreated)}</td>
                <td>
                  <details data-testid={`manage-${u.username}`}>
                    <summary>Manage</summary>
                    <div className="manage" id={id}>
                      <ActionForm action={setRoleAction} submit="Change role" testId="set-role">
                        <input type="hidden" name="username" value={u.username} />
                        <RoleSelect value={role} />
                      </ActionForm>
                      <ActionForm action={setScopeAction} submit="Save scope" testId="set-scope">
                        <input type="hidden" name="username" value={u.username} />
                        <ScopeFields scope={scope} />
                      </ActionForm>
                      <ActionForm
                        action={resetPasswordAction}
                        submit="Reset password"
                        testId="reset-password"
                      >
                        <input type="hidden" name="username" value={u.username} />
                        <input
                          name="password"
                          type="password"
                          placeholder="new password"
                          minLength={12}
                          required
                          size={16}
                        />
                      </ActionForm>
                      <ActionForm
                        action={revokeSessionsAction}
                        submit="End sessions"
                        testId="revoke-sessions"
                      >
                        <input type="hidden" name="username" value={u.username} />
                      </ActionForm>
                      {/* always there: after a reset the form must stay to show its answer */}
                      <ActionForm
                        action={resetTwoFactorAction}
                        submit="Reset two-factor"
                        testId="reset-two-factor"
                      >
                        <input type="hidden" name="username" value={u.username} />
                      </ActionForm>
                      <ActionForm
                        action={setDisabledAction}
                        submit={u.timeDisabled ? 'Enable' : 'Disable'}
                        testId="set-disabled"
                        danger={!u.timeDisabled}
                      >
                        <input type="hidden" name="username" value={u.username} />
                        <input type="hidden" name="disable" value={u.timeDisabled ? '0' : '1'} />
                      </ActionForm>
                    </div>
                  </details>
                </td>
              </tr>
            );
          })}
        </SortableTable>
      </div>
    </main>
  );
}
