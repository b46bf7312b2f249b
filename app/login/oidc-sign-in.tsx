'use client';

import { useState } from 'react';
import { signIn } from 'next-auth/react';

/**
 * "Sign in with <OIDC_NAME>", shown only when OIDC_* is configured (lib/auth/oidc.ts), and the
 * message of a refused or failed OIDC sign-in (the provider's round trip ends on /login?error=).
 */
export function OidcSignIn(props: { name: string; callbackPath: string; error: string | null }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="login-card" style={{ marginTop: 14, paddingTop: 10 }} data-testid="oidc">
      {props.error && (
        <div className="alert error" role="alert" data-testid="oidc-error">
          {props.error}
        </div>
      )}
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn('oidc', { callbackUrl: props.callbackPath }).catch(() => setPending(false));
        }}
      >
        {pending ? 'Redirecting…' : `Sign in with ${props.name}`}
      </button>
    </div>
  );
}
