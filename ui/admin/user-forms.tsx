import { AREAS, ROLES, type Role, type Scope } from '@/lib/auth/domain/access';
import { ActionForm, type FormAction } from './action-form';

const AREA_LABEL = {
  strategy: 'Strategies',
  fund: 'Fund',
  ledger: 'Ledgers',
  status: 'Status and alerts',
} as const;

/** Page checkboxes (all ticked = no limit) and comma-separated strategy and account names. */
export function ScopeFields({ scope }: { scope: Scope }) {
  return (
    <>
      <span>
        Pages:{' '}
        {AREAS.map((a) => (
          <label key={a} style={{ marginRight: 8 }}>
            <input
              type="checkbox"
              name={`page-${a}`}
              defaultChecked={!scope.pages || scope.pages.includes(a)}
            />{' '}
            {AREA_LABEL[a]}
          </label>
        ))}
      </span>
      <label>
        Strategies{' '}
        <input
          name="strategies"
          defaultValue={scope.strategies?.join(', ') ?? ''}
          placeholder="all"
          size={18}
        />
      </label>
      <label>
        Accounts{' '}
        <input
          name="accounts"
          defaultValue={scope.accounts?.join(', ') ?? ''}
          placeholder="all"
          size={18}
        />
      </label>
    </>
  );
}

export function RoleSelect({ value }: { value: Role }) {
  return (
    <select name="role" defaultValue={value} aria-label="Role">
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r.toLowerCase()}
        </option>
      ))}
    </select>
  );
}

export function CreateUserForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submit="Create user" testId="create-user">
      <label>
        Username <input name="username" required maxLength={64} size={14} />
      </label>
      <label>
        Password <input name="password" type="password" required minLength={12} size={14} />
      </label>
      <label>
        Again <input name="password2" type="password" required minLength={12} size={14} />
      </label>
      <label>
        Role <RoleSelect value="VIEWER" />
      </label>
      <ScopeFields scope={{}} />
    </ActionForm>
  );
}
