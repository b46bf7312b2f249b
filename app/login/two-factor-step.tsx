'use client';

import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';

/** next-auth's error for "the password was right, now the code": `2fa:<challenge>`. */
const CODE_NEEDED = '2fa:';

/** The challenge in a login error, or null when the error is a plain refusal. */
export function challengeIn(error: string | null | undefined): string | null {
  return error?.startsWith(CODE_NEEDED) ? error.slice(CODE_NEEDED.length) : null;
}

/**
 * The login's second step (lib/auth/totp-login.ts): the code from the authenticator app, or a
 * recovery code. The challenge from the password step goes back with it; the session is only
 * issued when the code is right. A stale challenge sends the user back to the password.
 */
export function TwoFactorStep({
  challenge,
  username,
  onRestart,
  onSignedIn,
}: {
  challenge: string;
  username: string;
  onRestart: (message: string) => void;
  onSignedIn: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        redirect: false,
        username,
        challenge,
        code: String(form.get('code') ?? ''),
      });
      if (result && !result.error) return onSignedIn();
      const message = result?.error ?? 'Login failed.';
      if (/enter your password again/.test(message)) return onRestart(message);
      setError(message === 'CredentialsSignin' ? 'Wrong or already used code.' : message);
    } catch {
      setError('The server could not be reached. Try again.');
    }
    setPending(false);
  }

  return (
    <form className="login-card" onSubmit={onSubmit} aria-label="Two-factor code">
      <h1>Gryphon Dashboards</h1>
      <p style={{ margin: '0 0 12px' }}>
        Enter the 6-digit code your authenticator app shows for <strong>{username}</strong>.
      </p>
      <label htmlFor="code">Code</label>
      <input
        id="code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        required
        autoFocus
        maxLength={64}
        spellCheck={false}
        data-testid="two-factor-code"
      />
      <p className="muted" style={{ fontSize: 13, margin: '6px 0 12px' }}>
        Lost the phone? Type one of your recovery codes instead (XXXX-XXXX-XXXX-XXXX); each works
        once.
      </p>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Verify'}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => onRestart('')}
        style={{
          marginTop: 8,
          background: 'none',
          color: 'var(--accent)',
          fontWeight: 400,
        }}
      >
        Start again
      </button>
    </form>
  );
}
