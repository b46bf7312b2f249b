'use client';

import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { challengeIn, TwoFactorStep } from './two-factor-step';

/** The message next-auth gives when it is not ours (e.g. a missing CSRF cookie). */
function readableError(error: string): string {
  if (error === 'CredentialsSignin') return 'Wrong username or password.';
  if (/^[A-Z][A-Za-z]+$/.test(error)) return 'Login failed. Reload the page and try again.';
  return error;
}

export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [codeStep, setCodeStep] = useState<{ challenge: string; username: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const username = String(form.get('username') ?? '');
      const result = await signIn('credentials', {
        redirect: false,
        username,
        password: String(form.get('password') ?? ''),
      });
      const challenge = challengeIn(result?.error);
      if (challenge) {
        setCodeStep({ challenge, username });
        setPending(false);
        return;
      }
      if (!result || result.error) {
        setError(readableError(result?.error ?? 'Login failed.'));
        setPending(false);
        return;
      }
      // A full navigation so every server component sees the new session cookie.
      window.location.assign(callbackPath);
    } catch {
      setError('The server could not be reached. Try again.');
      setPending(false);
    }
  }

  if (codeStep)
    return (
      <TwoFactorStep
        {...codeStep}
        onSignedIn={() => window.location.assign(callbackPath)}
        onRestart={(message) => {
          setCodeStep(null);
          setError(message || null);
        }}
      />
    );
  return (
    <form className="login-card" onSubmit={onSubmit} aria-label="Log in">
      <h1>Gryphon Dashboards</h1>
      <label htmlFor="username">Username</label>
      <input id="username" name="username" autoComplete="username" required autoFocus />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
