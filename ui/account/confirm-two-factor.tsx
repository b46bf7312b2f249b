'use client';

import { useActionState } from 'react';

export type ConfirmState = { ok: boolean; message: string; codes?: string[] } | null;

/**
 * The last step of the set-up: the first code from the app. On success the ten recovery codes
 * are shown here, once (only their hashes are kept), and the page is reloaded when the user
 * says they have kept them.
 */
export function ConfirmTwoFactorForm({
  action,
}: {
  action: (prev: ConfirmState, form: FormData) => Promise<ConfirmState>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok && state.codes)
    return (
      <div data-testid="recovery-codes-panel">
        <p>
          <strong>Two-factor sign-in is on.</strong> Keep these recovery codes somewhere safe (a
          password manager, or printed). Each lets you sign in once without the phone. They are
          shown only now.
        </p>
        <ol className="recovery-codes" data-testid="recovery-codes">
          {state.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <a className="button" href="/account" data-testid="recovery-codes-done">
          I have kept them
        </a>
      </div>
    );
  return (
    <form action={formAction} className="action-form" data-testid="confirm-two-factor">
      <label>
        Code from the app{' '}
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\s*\d{3}\s*\d{3}\s*"
          maxLength={7}
          size={8}
          required
        />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Turn on'}
      </button>
      {state && !state.ok && (
        <span
          role="status"
          className="error-text"
          data-testid="confirm-two-factor-result"
          style={{ marginLeft: 8, color: '#b42318' }}
        >
          {state.message}
        </span>
      )}
    </form>
  );
}
